/**
 * The work of an assessment run inside a transaction, after access was decided: loading the
 * scheme, the city's entered values and each county's inputs into a snapshot
 * (./snapshot.ts), computing it with lib/domain/county-assessment.ts, storing the results, and
 * the run's status changes. The use cases (./runs.ts) call these after authorize, the year
 * check and the revision check; the demo seed calls them to compute and publish the demo's
 * runs over the demo data. Unscoped, so app/ and components/ may not import it; it takes the
 * transaction client as a parameter and imports no server-only module, so the seed (plain
 * Node) can run it.
 *
 * The inputs read the programme through its rules: attainment on the figure date
 * (lib/domain/attainment.ts), in the programme (lib/domain/programme.ts), first submissions
 * against due dates (lib/domain/reporting.ts), the latest accepted report
 * (lib/domain/report-status.ts), APPROVED star ratings, and the projects of tasks in the
 * programme (万元, 亩).
 */
import { AppError } from "@/lib/errors";
import { attainmentOn, figureDate, titleEventsOnWhere, type Title } from "@/lib/domain/attainment";
import { isoDate, shanghaiToday } from "@/lib/domain/calendar";
import {
  missingTargets,
  type CountyInputs,
  type CountyResult,
  type MetricContext,
} from "@/lib/domain/county-assessment";
import { inProgrammeTaskWhere, isInProgramme } from "@/lib/domain/programme";
import { ACCEPTED_REPORT_STATUSES } from "@/lib/domain/report-status";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AssessmentRunStatus } from "@/lib/generated/prisma/enums";
import {
  computeFromSnapshot,
  type CountySnapshot,
  type EntrySnapshot,
  type ItemSnapshot,
  type RunSnapshot,
  type SchemeSnapshot,
} from "./snapshot";

type Tx = Prisma.TransactionClient;

const text = (value: { toFixed(): string } | null) => (value === null ? null : value.toFixed());

/** The item fields a snapshot keeps, with the targets' county codes. */
export const itemWithTargets = {
  orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
  include: { targets: { include: { county: { select: { divisionCode: true } } } } },
} as const satisfies Prisma.AssessmentScheme$itemsArgs;

type ItemWithTargets = Prisma.AssessmentItemGetPayload<{ include: typeof itemWithTargets.include }>;

/** An item as a snapshot keeps it (decimals as strings, targets by county code). */
export function itemSnapshotOf(item: ItemWithTargets): ItemSnapshot {
  return {
    id: item.id,
    code: item.code,
    name: item.name,
    nameEn: item.nameEn,
    category: item.category,
    kind: item.kind,
    scoring: item.scoring,
    metric: item.metric,
    unit: item.unit,
    unitEn: item.unitEn,
    direction: item.direction,
    basePoints: item.basePoints.toFixed(2),
    maxBonusPoints: item.maxBonusPoints.toFixed(2),
    bonusStep: text(item.bonusStep),
    bonusPerStep: item.bonusPerStep?.toFixed(2) ?? null,
    deductionStep: text(item.deductionStep),
    deductionPerStep: item.deductionPerStep?.toFixed(2) ?? null,
    floorPoints: item.floorPoints.toFixed(2),
    sourceNote: item.sourceNote,
    sortOrder: item.sortOrder,
    targets: Object.fromEntries(
      item.targets.map((t) => [t.county.divisionCode, t.targetValue.toFixed()]),
    ),
  };
}

/** The scheme with its items and per-county targets, as a snapshot keeps it. */
export async function loadSchemeSnapshot(tx: Tx, schemeId: number): Promise<SchemeSnapshot> {
  const scheme = await tx.assessmentScheme.findUniqueOrThrow({
    where: { id: schemeId },
    include: { items: itemWithTargets },
  });
  return {
    id: scheme.id,
    year: scheme.year,
    version: scheme.version,
    name: scheme.name,
    nameEn: scheme.nameEn,
    sourceNote: scheme.sourceNote,
    tieBreakers: scheme.tieBreakers,
    excellentShare: scheme.excellentShare.toFixed(),
    excellentRounding: scheme.excellentRounding,
    goodMinPoints: scheme.goodMinPoints.toFixed(2),
    passMinPoints: scheme.passMinPoints.toFixed(2),
    items: scheme.items.map(itemSnapshotOf),
  };
}

/** The counties assessed: every county of the city, by division code. */
export async function assessedCounties(tx: Tx) {
  return tx.county.findMany({
    orderBy: { divisionCode: "asc" },
    select: { id: true, divisionCode: true, name: true, nameEn: true },
  });
}

/** The city's entered values of the scheme's items, by county code then item code. */
async function loadEntries(
  tx: Tx,
  scheme: SchemeSnapshot,
): Promise<Map<string, Record<string, EntrySnapshot>>> {
  const rows = await tx.assessmentEntry.findMany({
    where: { itemId: { in: scheme.items.filter((i) => i.kind === "ENTERED").map((i) => i.id) } },
    include: {
      county: { select: { divisionCode: true } },
      enteredBy: { select: { displayName: true } },
    },
  });
  const byCounty = new Map<string, Record<string, EntrySnapshot>>();
  for (const row of rows) {
    const item = scheme.items.find((i) => i.id === row.itemId)!;
    const entries = byCounty.get(row.county.divisionCode) ?? {};
    entries[item.code] = {
      value: row.value.toFixed(),
      reason: row.reason,
      evidence: row.evidence,
      enteredBy: row.enteredBy.displayName,
      enteredAt: row.updatedAt.toISOString(),
    };
    byCounty.set(row.county.divisionCode, entries);
  }
  return byCounty;
}

/**
 * Every county's inputs for the metrics of `year` (lib/domain/county-assessment.ts CountyInputs):
 * all its towns with their task and attainment on the figure date; the reports owed by towns in
 * the programme for each period of the year (missing ones too); APPROVED star ratings of the
 * year; projects and indicator targets of tasks in the programme, the latter with the value of
 * the task's latest accepted report.
 */
export async function loadCountyInputs(
  tx: Tx,
  year: number,
  context: MetricContext,
): Promise<Map<string, CountyInputs>> {
  const inProgramme = inProgrammeTaskWhere(year);
  // One query after another: a transaction is one connection.
  const towns = await tx.town.findMany({
    orderBy: { divisionCode: "asc" },
    select: {
      id: true,
      divisionCode: true,
      name: true,
      nameEn: true,
      county: { select: { divisionCode: true } },
      tasks: { where: { year }, select: { id: true, status: true, target: true } },
      events: {
        where: titleEventsOnWhere(context.figureDate),
        select: { id: true, kind: true, title: true, effectiveOn: true },
      },
    },
  });
  const periods = await tx.reportingPeriod.findMany({ where: { year }, orderBy: { index: "asc" } });
  const reports = await tx.progressReport.findMany({
    where: { task: inProgramme },
    select: { id: true, taskId: true, periodId: true, status: true, firstSubmittedAt: true },
  });
  const ratings = await tx.starRating.findMany({
    where: { year, status: "APPROVED" },
    orderBy: { id: "asc" },
    select: { id: true, stars: true, town: { select: { divisionCode: true } } },
  });
  const projects = await tx.project.findMany({
    where: { task: inProgramme },
    orderBy: [{ taskId: "asc" }, { code: "asc" }],
    select: {
      id: true,
      code: true,
      name: true,
      plannedInvestmentWan: true,
      completedInvestmentWan: true,
      landSuppliedMu: true,
      task: { select: { town: { select: { divisionCode: true } } } },
    },
  });
  const targets = await tx.indicatorTarget.findMany({
    where: { task: inProgramme },
    orderBy: [{ taskId: "asc" }, { indicatorId: "asc" }],
    select: {
      taskId: true,
      indicatorId: true,
      targetValue: true,
      indicator: { select: { code: true, name: true, nameEn: true } },
      task: { select: { town: { select: { divisionCode: true } } } },
    },
  });
  const accepted = await tx.progressReport.findMany({
    where: { task: inProgramme, status: { in: [...ACCEPTED_REPORT_STATUSES] } },
    select: {
      id: true,
      taskId: true,
      period: { select: { index: true } },
      values: { select: { indicatorId: true, value: true } },
    },
  });

  // The latest accepted report of each task (highest period index: lib/domain/figures.ts).
  const latest = new Map<number, (typeof accepted)[number]>();
  for (const report of accepted) {
    const seen = latest.get(report.taskId);
    if (!seen || report.period.index > seen.period.index) latest.set(report.taskId, report);
  }
  const reportOf = new Map(reports.map((r) => [`${r.taskId}|${r.periodId}`, r]));
  const out = new Map<string, CountyInputs>();
  const inputsOf = (countyCode: string): CountyInputs => {
    let inputs = out.get(countyCode);
    if (!inputs) {
      inputs = emptyInputs();
      out.set(countyCode, inputs);
    }
    return inputs;
  };
  const countyOfTown = new Map<string, string>();

  for (const town of towns) {
    const task = town.tasks[0] ?? null;
    const listed = isInProgramme(task);
    const inputs = inputsOf(town.county.divisionCode);
    countyOfTown.set(town.divisionCode, town.county.divisionCode);
    inputs.towns.push({
      code: town.divisionCode,
      name: town.name,
      nameEn: town.nameEn,
      inProgramme: listed,
      target: listed ? task!.target : null,
      attainment: attainmentOn(
        town.events.map((e) => ({
          id: e.id,
          kind: e.kind as "TITLE_AWARDED" | "TITLE_STRIPPED",
          title: e.title as Title,
          effectiveOn: isoDate(e.effectiveOn),
        })),
        context.figureDate,
      ),
    });
    if (!listed) continue;
    for (const period of periods) {
      const report = reportOf.get(`${task!.id}|${period.id}`);
      inputs.reports.push({
        townCode: town.divisionCode,
        periodIndex: period.index,
        dueOn: isoDate(period.dueOn),
        reportId: report?.id ?? null,
        status: report?.status ?? null,
        firstSubmittedAt: report?.firstSubmittedAt?.toISOString() ?? null,
      });
    }
  }
  for (const rating of ratings) {
    const county = countyOfTown.get(rating.town.divisionCode);
    if (county) {
      inputsOf(county).ratings.push({
        townCode: rating.town.divisionCode,
        ratingId: rating.id,
        stars: rating.stars,
      });
    }
  }
  for (const project of projects) {
    const townCode = project.task.town.divisionCode;
    inputsOf(countyOfTown.get(townCode)!).projects.push({
      townCode,
      projectId: project.id,
      code: project.code,
      name: project.name,
      plannedWan: project.plannedInvestmentWan.toFixed(2),
      completedWan: project.completedInvestmentWan.toFixed(2),
      landMu: project.landSuppliedMu.toFixed(2),
    });
  }
  for (const target of targets) {
    const townCode = target.task.town.divisionCode;
    const report = latest.get(target.taskId);
    const value = report?.values.find((v) => v.indicatorId === target.indicatorId)?.value ?? null;
    const inputs = inputsOf(countyOfTown.get(townCode)!);
    inputs.indicatorNames[target.indicator.code] ??= {
      name: target.indicator.name,
      nameEn: target.indicator.nameEn,
    };
    inputs.indicatorTargets.push({
      townCode,
      indicatorCode: target.indicator.code,
      target: target.targetValue.toFixed(),
      value: value === null ? null : value.toFixed(),
      reportId: report?.id ?? null,
    });
  }
  return out;
}

/** A county's inputs with nothing in them. */
function emptyInputs(): CountyInputs {
  return {
    towns: [],
    reports: [],
    ratings: [],
    projects: [],
    indicatorTargets: [],
    indicatorNames: {},
  };
}

/** The dates a computation at `now` judges on (Asia/Shanghai). */
export function judgedDates(year: number, now: Date): MetricContext {
  const judgedOn = isoDate(shanghaiToday(now));
  return { judgedOn, figureDate: figureDate(year, judgedOn) };
}

/**
 * Builds the snapshot of a computation of `year` on `schemeId` at `now`: the scheme, every
 * county's entered values and (when the scheme has computed items) inputs.
 * @throws AppError VALIDATION (assessments.targetsMissing) when a TARGET item lacks a county's
 *   target, or (assessments.noItems) for a scheme without items.
 */
export async function buildSnapshot(
  tx: Tx,
  year: number,
  schemeId: number,
  now: Date,
): Promise<RunSnapshot> {
  const scheme = await loadSchemeSnapshot(tx, schemeId);
  const counties = await assessedCounties(tx);
  if (scheme.items.length === 0) {
    throw new AppError("VALIDATION", "assessments.noItems", { schemeId });
  }
  const missing = missingTargets(
    scheme.items,
    counties.map((c) => c.divisionCode),
  );
  if (missing.length > 0) {
    throw new AppError(
      "VALIDATION",
      { message: { key: "assessments.targetsMissing", values: { items: missing.join("、") } } },
      { schemeId, missing },
    );
  }
  const context = judgedDates(year, now);
  const needsInputs = scheme.items.some((i) => i.kind === "COMPUTED");
  const inputs = needsInputs ? await loadCountyInputs(tx, year, context) : null;
  const entries = await loadEntries(tx, scheme);
  const counted: CountySnapshot[] = counties.map((c) => ({
    code: c.divisionCode,
    name: c.name,
    nameEn: c.nameEn,
    inputs: inputs ? (inputs.get(c.divisionCode) ?? emptyInputs()) : null,
    entries: entries.get(c.divisionCode) ?? {},
  }));
  return { format: 1, ...context, scheme, counties: counted };
}

/** A run's row as these helpers read it. */
export type RunRow = {
  id: number;
  year: number;
  version: number;
  status: AssessmentRunStatus;
  revision: number;
};

/**
 * Computes run `runId` of `year` on the year's ACTIVE scheme at `now`: snapshot, results
 * (replacing earlier ones), status COMPUTED, revision + 1.
 * @returns the results in rank order and the new revision.
 * @throws AppError CONFLICT (assessments.noActiveScheme) | VALIDATION (from buildSnapshot)
 */
export async function computeRunInternal(
  tx: Tx,
  run: RunRow,
  options: { now: Date; actorId: number | null },
): Promise<{ results: CountyResult[]; revision: number; judgedOn: string }> {
  const scheme = await tx.assessmentScheme.findFirst({
    where: { year: run.year, status: "ACTIVE" },
    select: { id: true },
  });
  if (!scheme) throw new AppError("CONFLICT", "assessments.noActiveScheme", { year: run.year });
  const snapshot = await buildSnapshot(tx, run.year, scheme.id, options.now);
  const results = computeFromSnapshot(snapshot);
  const counties = new Map(
    (await assessedCounties(tx)).map((c) => [c.divisionCode, c.id] as const),
  );
  const itemId = new Map(snapshot.scheme.items.map((i) => [i.code, i.id] as const));
  const reasons = new Map(
    snapshot.counties!.map((c) => [
      c.code,
      new Map(Object.entries(c.entries).map(([code, e]) => [code, e.reason])),
    ]),
  );

  await tx.countyAssessment.deleteMany({ where: { runId: run.id } });
  const created = await tx.countyAssessment.createManyAndReturn({
    data: results.map((r) => ({
      runId: run.id,
      countyId: counties.get(r.code)!,
      year: run.year,
      totalPoints: r.total,
      outcomePoints: r.outcome,
      processPoints: r.process,
      bonusPoints: r.bonus,
      deductionPoints: r.deduction,
      rank: r.rank,
      grade: r.grade,
    })),
    select: { id: true, countyId: true },
  });
  const assessmentOf = new Map(created.map((c) => [c.countyId, c.id]));
  await tx.assessmentItemResult.createMany({
    data: results.flatMap((r) =>
      r.items.map((item) => ({
        assessmentId: assessmentOf.get(counties.get(r.code)!)!,
        itemId: itemId.get(item.code)!,
        basis: item.basis,
        actualValue: item.actual,
        targetValue: item.target,
        basePoints: item.base,
        bonusPoints: item.bonus,
        deductionPoints: item.deduction,
        points: item.points,
        note: reasons.get(r.code)?.get(item.code) ?? null,
      })),
    ),
  });
  const revision = run.revision + 1;
  await tx.assessmentRun.update({
    where: { id: run.id },
    data: {
      schemeId: scheme.id,
      status: "COMPUTED",
      judgedOn: new Date(`${snapshot.judgedOn}T00:00:00Z`),
      snapshot: snapshot as unknown as Prisma.InputJsonValue,
      computedAt: options.now,
      computedById: options.actorId,
      revision,
    },
  });
  return { results, revision, judgedOn: snapshot.judgedOn! };
}

/**
 * Publishes a COMPUTED run: the year's earlier published version (if any) becomes SUPERSEDED;
 * this one PUBLISHED, revision + 1. Its snapshot and results are frozen from here on.
 * @returns the new revision and the version it superseded (null for the first).
 */
export async function publishRunInternal(
  tx: Tx,
  run: RunRow,
  options: { now: Date; actorId: number | null },
): Promise<{ revision: number; superseded: number | null }> {
  const previous = await tx.assessmentRun.findFirst({
    where: { year: run.year, status: "PUBLISHED", id: { not: run.id } },
    select: { id: true, version: true },
  });
  if (previous) {
    await tx.assessmentRun.update({
      where: { id: previous.id },
      data: { status: "SUPERSEDED", revision: { increment: 1 } },
    });
  }
  const revision = run.revision + 1;
  await tx.assessmentRun.update({
    where: { id: run.id },
    data: {
      status: "PUBLISHED",
      publishedAt: options.now,
      publishedById: options.actorId,
      revision,
    },
  });
  return { revision, superseded: previous?.version ?? null };
}

/**
 * Starts the next version of a year's run on its ACTIVE scheme, as a DRAFT.
 * @throws AppError CONFLICT (assessments.noActiveScheme, assessments.runOpen) | VALIDATION
 *   (reason required once a version has been published)
 */
export async function startRunInternal(
  tx: Tx,
  year: number,
  options: { reason: string | null; now: Date },
): Promise<RunRow> {
  const scheme = await tx.assessmentScheme.findFirst({
    where: { year, status: "ACTIVE" },
    select: { id: true },
  });
  if (!scheme) throw new AppError("CONFLICT", "assessments.noActiveScheme", { year });
  const runs = await tx.assessmentRun.findMany({
    where: { year },
    select: { version: true, status: true },
    orderBy: { version: "desc" },
  });
  if (runs.some((r) => r.status === "DRAFT" || r.status === "COMPUTED")) {
    throw new AppError("CONFLICT", "assessments.runOpen", { year });
  }
  const version = (runs[0]?.version ?? 0) + 1;
  if (version > 1 && !options.reason) {
    throw new AppError(
      "VALIDATION",
      {
        message: { key: "validation.fixFields" },
        fields: { reason: { key: "assessments.reasonRequired" } },
      },
      { year, version },
    );
  }
  return tx.assessmentRun.create({
    data: {
      year,
      schemeId: scheme.id,
      version,
      reason: options.reason,
      createdAt: options.now,
    },
    select: { id: true, year: true, version: true, status: true, revision: true },
  });
}
