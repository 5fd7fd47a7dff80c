/**
 * Reads of the county performance assessment, scoped through lib/access.ts:
 * - `assessment.view` (city roles): a year's overview (versions, the published result, the
 *   version being prepared beside it, last year's, the history of published years), one run,
 *   the schemes and the entered values;
 * - `assessment.county` (city roles and the county's reviewers): one county's result item by
 *   item with the rows behind every computed number, its rank and the points it lacks for the
 *   next rank. Reviewers see published runs only (Scope.assessmentRuns), of their own county.
 * Points are 2-place strings (half-up, lib/domain/numbers.ts), values decimal strings in the
 * item's unit; dates ISO strings.
 */
import "server-only";
import { authorize, type Actor } from "@/lib/access";
import { db } from "@/lib/db";
import {
  computeMetric,
  isMetricName,
  pointsToNextRank,
  type MetricResult,
} from "@/lib/domain/county-assessment";
import { isoDate } from "@/lib/domain/calendar";
import type { Prisma } from "@/lib/generated/prisma/client";
import type {
  AssessmentResultBasis,
  AssessmentRunStatus,
  Grade,
  SchemeStatus,
  YearStatus,
} from "@/lib/generated/prisma/enums";
import { listYears } from "@/lib/years/queries";
import { itemSnapshotOf, itemWithTargets } from "./compute.internal";
import { readSnapshot, snapshotContext, type EntrySnapshot, type RunSnapshot } from "./snapshot";

/** A run as lists show it. */
export type RunSummary = {
  id: number;
  year: number;
  version: number;
  status: AssessmentRunStatus;
  reason: string | null;
  revision: number;
  judgedOn: string | null;
  computedAt: string | null;
  computedBy: string | null;
  publishedAt: string | null;
  publishedBy: string | null;
  schemeName: string;
  schemeNameEn: string;
  schemeVersion: number;
};

/** One item's result for one county. */
export type ItemRow = {
  code: string;
  basis: AssessmentResultBasis;
  actual: string | null;
  target: string | null;
  base: string;
  bonus: string;
  deduction: string;
  points: string;
  note: string | null;
};

/** One county's result in a run. */
export type CountyRow = {
  code: string;
  name: string;
  nameEn: string;
  total: string;
  outcome: string;
  process: string;
  bonus: string;
  deduction: string;
  rank: number;
  grade: Grade;
  items: ItemRow[];
};

/** A run with its scheme (from its snapshot) and every county's result, in rank order. */
export type RunView = RunSummary & { snapshot: RunSnapshot | null; counties: CountyRow[] };

// Everything of a run but its snapshot (hundreds of kB: read only for the runs shown).
const runSelect = {
  id: true,
  year: true,
  version: true,
  status: true,
  reason: true,
  revision: true,
  judgedOn: true,
  computedAt: true,
  publishedAt: true,
  scheme: { select: { name: true, nameEn: true, version: true } },
  computedBy: { select: { displayName: true } },
  publishedBy: { select: { displayName: true } },
} as const satisfies Prisma.AssessmentRunSelect;

type RunWithPeople = Prisma.AssessmentRunGetPayload<{ select: typeof runSelect }>;

/** The snapshot of a run (null before its first computation). */
async function snapshotOf(runId: number): Promise<RunSnapshot | null> {
  const row = await db().assessmentRun.findUnique({
    where: { id: runId },
    select: { snapshot: true },
  });
  return row?.snapshot ? readSnapshot(row.snapshot) : null;
}

function summary(run: RunWithPeople): RunSummary {
  return {
    id: run.id,
    year: run.year,
    version: run.version,
    status: run.status,
    reason: run.reason,
    revision: run.revision,
    judgedOn: run.judgedOn ? isoDate(run.judgedOn) : null,
    computedAt: run.computedAt?.toISOString() ?? null,
    computedBy: run.computedBy?.displayName ?? null,
    publishedAt: run.publishedAt?.toISOString() ?? null,
    publishedBy: run.publishedBy?.displayName ?? null,
    schemeName: run.scheme.name,
    schemeNameEn: run.scheme.nameEn,
    schemeVersion: run.scheme.version,
  };
}

/** The county results of runs, in rank order then county code; limited to `counties`. */
async function countyRows(
  runIds: number[],
  counties: Prisma.CountyWhereInput = {},
): Promise<Map<number, CountyRow[]>> {
  const rows = await db().countyAssessment.findMany({
    where: { runId: { in: runIds }, county: counties },
    orderBy: [{ rank: "asc" }, { county: { divisionCode: "asc" } }],
    include: {
      county: { select: { divisionCode: true, name: true, nameEn: true } },
      results: {
        include: { item: { select: { code: true, sortOrder: true, id: true } } },
        orderBy: [{ item: { sortOrder: "asc" } }, { itemId: "asc" }],
      },
    },
  });
  const out = new Map<number, CountyRow[]>(runIds.map((id) => [id, []]));
  for (const row of rows) {
    out.get(row.runId)!.push({
      code: row.county.divisionCode,
      name: row.county.name,
      nameEn: row.county.nameEn,
      total: row.totalPoints.toFixed(2),
      outcome: row.outcomePoints.toFixed(2),
      process: row.processPoints.toFixed(2),
      bonus: row.bonusPoints.toFixed(2),
      deduction: row.deductionPoints.toFixed(2),
      rank: row.rank,
      grade: row.grade,
      items: row.results.map((r) => ({
        code: r.item.code,
        basis: r.basis,
        actual: r.actualValue?.toFixed() ?? null,
        target: r.targetValue?.toFixed() ?? null,
        base: r.basePoints.toFixed(2),
        bonus: r.bonusPoints.toFixed(2),
        deduction: r.deductionPoints.toFixed(2),
        points: r.points.toFixed(2),
        note: r.note,
      })),
    });
  }
  return out;
}

async function runViews(
  runs: RunWithPeople[],
  options: { snapshots?: boolean } = {},
): Promise<RunView[]> {
  const rows = await countyRows(runs.map((r) => r.id));
  const snapshots = await Promise.all(
    runs.map((run) => (options.snapshots === false ? null : snapshotOf(run.id))),
  );
  return runs.map((run, i) => ({
    ...summary(run),
    snapshot: snapshots[i]!,
    counties: rows.get(run.id) ?? [],
  }));
}

/** A year of the assessment as the city sees it. */
export type AssessmentYear = {
  year: number;
  yearStatus: YearStatus | null;
  years: number[];
  runs: RunSummary[];
  /** The version in force: the year's PUBLISHED run (views here carry no snapshot). */
  published: RunView | null;
  /** The version being prepared (DRAFT or COMPUTED), shown beside the published one. */
  open: RunView | null;
  /** The previous year's published result (for the change from last year). */
  previous: RunView | null;
  /** Every year's published totals and ranks, oldest first (county code → total, rank). */
  history: { year: number; counties: Record<string, { total: string; rank: number }> }[];
  activeScheme: { id: number; name: string; nameEn: string; version: number } | null;
  schemes: number;
  /** Entered values present / expected (ENTERED items × counties of the scheme in use). */
  entries: { entered: number; expected: number };
};

/**
 * A year's assessment for the city (the ranking page).
 * @throws AppError NOT_FOUND (not a city role)
 */
export async function getAssessmentYear(actor: Actor, year: number): Promise<AssessmentYear> {
  authorize(actor, "assessment.view");
  const prisma = db();
  const [yearRows, runs, previousRun, published, active, schemes, counties] = await Promise.all([
    listYears(),
    prisma.assessmentRun.findMany({
      where: { year },
      orderBy: { version: "desc" },
      select: runSelect,
    }),
    prisma.assessmentRun.findFirst({
      where: { year: year - 1, status: "PUBLISHED" },
      select: runSelect,
    }),
    prisma.assessmentRun.findMany({
      where: { status: "PUBLISHED" },
      orderBy: { year: "asc" },
      select: {
        year: true,
        assessments: {
          select: { totalPoints: true, rank: true, county: { select: { divisionCode: true } } },
        },
      },
    }),
    prisma.assessmentScheme.findFirst({
      where: { year, status: "ACTIVE" },
      select: {
        id: true,
        name: true,
        nameEn: true,
        version: true,
        items: { where: { kind: "ENTERED" }, select: { _count: { select: { entries: true } } } },
      },
    }),
    prisma.assessmentScheme.count({ where: { year } }),
    prisma.county.count(),
  ]);
  const publishedRun = runs.find((r) => r.status === "PUBLISHED") ?? null;
  const openRun = runs.find((r) => r.status === "DRAFT" || r.status === "COMPUTED") ?? null;
  const views = await runViews(
    [publishedRun, openRun, previousRun].filter((r): r is RunWithPeople => r !== null),
    { snapshots: false },
  );
  const view = (run: RunWithPeople | null) => views.find((v) => v.id === run?.id) ?? null;
  return {
    year,
    yearStatus: yearRows.find((y) => y.year === year)?.status ?? null,
    years: yearRows.map((y) => y.year),
    runs: runs.map(summary),
    published: view(publishedRun),
    open: view(openRun),
    previous: view(previousRun),
    history: published.map((p) => ({
      year: p.year,
      counties: Object.fromEntries(
        p.assessments.map((a) => [
          a.county.divisionCode,
          { total: a.totalPoints.toFixed(2), rank: a.rank },
        ]),
      ),
    })),
    activeScheme: active && {
      id: active.id,
      name: active.name,
      nameEn: active.nameEn,
      version: active.version,
    },
    schemes,
    entries: {
      entered: active?.items.reduce((sum, i) => sum + i._count.entries, 0) ?? 0,
      expected: (active?.items.length ?? 0) * counties,
    },
  };
}

/** A run with the version it is compared with (the year's published one, when another). */
export type RunDetail = RunView & { yearStatus: YearStatus | null; base: RunView | null };

/**
 * One run for the city, with the published version of its year to compare with (when this is
 * another version).
 * @throws AppError NOT_FOUND (unknown, or not a city role)
 */
export async function getRun(actor: Actor, runId: number): Promise<RunDetail> {
  const scope = authorize(actor, "assessment.view");
  const run = scope.found(
    await db().assessmentRun.findFirst({
      where: { AND: [{ id: runId }, scope.assessmentRuns] },
      select: runSelect,
    }),
    { runId },
  );
  const published =
    run.status === "PUBLISHED"
      ? // A published run compares with the version it superseded.
        await db().assessmentRun.findFirst({
          where: { year: run.year, status: "SUPERSEDED", version: { lt: run.version } },
          orderBy: { version: "desc" },
          select: runSelect,
        })
      : await db().assessmentRun.findFirst({
          where: { year: run.year, status: "PUBLISHED" },
          select: runSelect,
        });
  const [view, base] = await runViews(
    [run, published].filter((r): r is RunWithPeople => r !== null),
  );
  const yearStatus = (await listYears()).find((y) => y.year === run.year)?.status ?? null;
  return { ...view!, yearStatus, base: published ? base! : null };
}

/** A metric's result with the names of the towns behind it. */
export type Drilldown = MetricResult & {
  towns: Record<string, { name: string; nameEn: string | null }>;
  indicators: Record<string, { name: string; nameEn: string }>;
};

/** One item of a county's result, with the scheme's item and what lies behind the value. */
export type CountyItem = ItemRow & {
  item: RunSnapshot["scheme"]["items"][number];
  /** COMPUTED items of a run with recorded inputs: the rows behind the value. */
  drilldown: Drilldown | null;
  /** ENTERED items: the value as entered, with its reason and evidence. */
  entry: EntrySnapshot | null;
};

/** One county's result in one run, as its page shows it. */
export type CountyAssessmentView = {
  county: { code: string; name: string; nameEn: string };
  /** The years with a run this actor may see, newest first. */
  years: number[];
  /** The runs of the chosen year this actor may see, newest first. */
  runs: RunSummary[];
  run: RunSummary | null;
  result: (Omit<CountyRow, "items"> & { items: CountyItem[] }) | null;
  counties: number;
  /** Points to draw level with the next better rank, and that rank (null when first). */
  toNextRank: { points: string; rank: number } | null;
  /** Inputs recorded (false for runs migrated from before runs existed). */
  hasInputs: boolean;
  previous: { year: number; total: string; rank: number; grade: Grade } | null;
  scheme: RunSnapshot["scheme"] | null;
};

/**
 * One county's assessment result: by default the latest published version of the newest year
 * with one (city roles see unpublished versions too, when asked for by `version`).
 * @throws AppError NOT_FOUND (county unknown or out of scope; role without the action)
 */
export async function getCountyAssessment(
  actor: Actor,
  countyCode: string,
  options: { year?: number; version?: number } = {},
): Promise<CountyAssessmentView> {
  const scope = authorize(actor, "assessment.county");
  const prisma = db();
  const county = scope.found(
    await prisma.county.findFirst({
      where: { AND: [{ divisionCode: countyCode }, scope.counties] },
      select: { id: true, divisionCode: true, name: true, nameEn: true },
    }),
    { countyCode },
  );
  const visible = await prisma.assessmentRun.findMany({
    where: scope.assessmentRuns,
    orderBy: [{ year: "desc" }, { version: "desc" }],
    select: runSelect,
  });
  const years = [...new Set(visible.map((r) => r.year))];
  const year = options.year !== undefined && years.includes(options.year) ? options.year : years[0];
  const ofYear = visible.filter((r) => r.year === year);
  const chosen =
    (options.version !== undefined && ofYear.find((r) => r.version === options.version)) ||
    ofYear.find((r) => r.status === "PUBLISHED") ||
    ofYear[0] ||
    null;
  const base = {
    county: { code: county.divisionCode, name: county.name, nameEn: county.nameEn },
    years,
    runs: ofYear.map(summary),
    run: chosen ? summary(chosen) : null,
    counties: await prisma.county.count(),
  };
  if (!chosen || chosen.status === "DRAFT") {
    return {
      ...base,
      result: null,
      toNextRank: null,
      hasInputs: false,
      previous: null,
      scheme: null,
    };
  }
  const snapshot = (await snapshotOf(chosen.id))!;
  const [all, previousRun] = await Promise.all([
    prisma.countyAssessment.findMany({
      where: { runId: chosen.id },
      select: { totalPoints: true, rank: true, county: { select: { divisionCode: true } } },
    }),
    prisma.assessmentRun.findFirst({
      where: { AND: [{ year: chosen.year - 1, status: "PUBLISHED" }, scope.assessmentRuns] },
      select: {
        year: true,
        assessments: {
          where: { countyId: county.id },
          select: { totalPoints: true, rank: true, grade: true },
        },
      },
    }),
  ]);
  const own = (await countyRows([chosen.id], { id: county.id })).get(chosen.id)![0]!;
  const inputs = snapshot.counties?.find((c) => c.code === county.divisionCode) ?? null;
  const towns = Object.fromEntries(
    (inputs?.inputs?.towns ?? []).map((t) => [t.code, { name: t.name, nameEn: t.nameEn }]),
  );
  const items = own.items.map((row): CountyItem => {
    const item = snapshot.scheme.items.find((i) => i.code === row.code)!;
    const drill =
      item.kind === "COMPUTED" && inputs?.inputs && isMetricName(item.metric)
        ? computeMetric(item.metric, inputs.inputs, snapshotContext(snapshot))
        : null;
    return {
      ...row,
      item,
      drilldown: drill && { ...drill, towns, indicators: inputs?.inputs?.indicatorNames ?? {} },
      entry: inputs?.entries[item.code] ?? null,
    };
  });
  const previous = previousRun?.assessments[0];
  return {
    ...base,
    result: { ...own, items },
    toNextRank: pointsToNextRank(
      all.map((a) => ({
        code: a.county.divisionCode,
        total: a.totalPoints.toFixed(2),
        rank: a.rank,
      })),
      county.divisionCode,
    ),
    hasInputs: snapshot.counties !== null,
    previous:
      previous && previousRun
        ? {
            year: previousRun.year,
            total: previous.totalPoints.toFixed(2),
            rank: previous.rank,
            grade: previous.grade,
          }
        : null,
    scheme: snapshot.scheme,
  };
}

/** A scheme as the list shows it. */
export type SchemeSummary = {
  id: number;
  year: number;
  version: number;
  name: string;
  nameEn: string;
  status: SchemeStatus;
  revision: number;
  items: number;
  runs: number;
  updatedAt: string;
};

/**
 * The schemes of a year, newest version first.
 * @throws AppError NOT_FOUND (not a city role)
 */
export async function listSchemes(actor: Actor, year: number): Promise<SchemeSummary[]> {
  authorize(actor, "assessment.view");
  const schemes = await db().assessmentScheme.findMany({
    where: { year },
    orderBy: { version: "desc" },
    include: { _count: { select: { items: true, runs: true } } },
  });
  return schemes.map((s) => ({
    id: s.id,
    year: s.year,
    version: s.version,
    name: s.name,
    nameEn: s.nameEn,
    status: s.status,
    revision: s.revision,
    items: s._count.items,
    runs: s._count.runs,
    updatedAt: s.updatedAt.toISOString(),
  }));
}

/** A scheme with its items and targets, for its page. */
export type SchemeDetail = {
  id: number;
  year: number;
  yearStatus: YearStatus | null;
  version: number;
  name: string;
  nameEn: string;
  status: SchemeStatus;
  revision: number;
  tieBreakers: string[];
  /** The excellent share as a percentage (30.00 = the top 30%). */
  excellentPercent: string;
  excellentRounding: string;
  goodMinPoints: string;
  passMinPoints: string;
  sourceNote: string | null;
  items: RunSnapshot["scheme"]["items"];
  counties: { code: string; name: string; nameEn: string }[];
};

/**
 * One scheme with its items (rules as strings, targets by county code) and the counties.
 * @throws AppError NOT_FOUND (unknown, or not a city role)
 */
export async function getScheme(actor: Actor, id: number): Promise<SchemeDetail> {
  const scope = authorize(actor, "assessment.view");
  const scheme = scope.found(
    await db().assessmentScheme.findUnique({
      where: { id },
      include: { items: itemWithTargets },
    }),
    { schemeId: id },
  );
  const counties = await db().county.findMany({
    orderBy: { divisionCode: "asc" },
    select: { divisionCode: true, name: true, nameEn: true },
  });
  const yearStatus = (await listYears()).find((y) => y.year === scheme.year)?.status ?? null;
  return {
    id: scheme.id,
    year: scheme.year,
    yearStatus,
    version: scheme.version,
    name: scheme.name,
    nameEn: scheme.nameEn,
    status: scheme.status,
    revision: scheme.revision,
    tieBreakers: scheme.tieBreakers,
    excellentPercent: scheme.excellentShare.times(100).toFixed(2),
    excellentRounding: scheme.excellentRounding,
    goodMinPoints: scheme.goodMinPoints.toFixed(2),
    passMinPoints: scheme.passMinPoints.toFixed(2),
    sourceNote: scheme.sourceNote,
    items: scheme.items.map(itemSnapshotOf),
    counties: counties.map((c) => ({ code: c.divisionCode, name: c.name, nameEn: c.nameEn })),
  };
}

/** The entered values of a year's scheme in use, for the entry page. */
export type EntrySheet = {
  year: number;
  yearStatus: YearStatus | null;
  scheme: { id: number; name: string; nameEn: string; version: number } | null;
  items: RunSnapshot["scheme"]["items"];
  counties: { code: string; name: string; nameEn: string }[];
  /** "itemCode|countyCode" → the entry. */
  entries: Record<
    string,
    {
      value: string;
      reason: string;
      evidence: string | null;
      revision: number;
      enteredBy: string;
      updatedAt: string;
    }
  >;
};

/**
 * The ENTERED items of the year's scheme in use with every county's value.
 * @throws AppError NOT_FOUND (not a city role)
 */
export async function getEntrySheet(actor: Actor, year: number): Promise<EntrySheet> {
  authorize(actor, "assessment.view");
  const active = await db().assessmentScheme.findFirst({
    where: { year, status: "ACTIVE" },
    select: { id: true },
  });
  const yearStatus = (await listYears()).find((y) => y.year === year)?.status ?? null;
  if (!active) {
    return { year, yearStatus, scheme: null, items: [], counties: [], entries: {} };
  }
  const scheme = await getScheme(actor, active.id);
  const items = scheme.items.filter((i) => i.kind === "ENTERED");
  const rows = await db().assessmentEntry.findMany({
    where: { itemId: { in: items.map((i) => i.id) } },
    include: {
      county: { select: { divisionCode: true } },
      enteredBy: { select: { displayName: true } },
    },
  });
  const codeOf = new Map(items.map((i) => [i.id, i.code]));
  return {
    year,
    yearStatus,
    scheme: { id: scheme.id, name: scheme.name, nameEn: scheme.nameEn, version: scheme.version },
    items,
    counties: scheme.counties,
    entries: Object.fromEntries(
      rows.map((r) => [
        `${codeOf.get(r.itemId)}|${r.county.divisionCode}`,
        {
          value: r.value.toFixed(),
          reason: r.reason,
          evidence: r.evidence,
          revision: r.revision,
          enteredBy: r.enteredBy.displayName,
          updatedAt: r.updatedAt.toISOString(),
        },
      ]),
    ),
  };
}
