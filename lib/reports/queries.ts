/**
 * Reads of creation tasks and progress reports (进度填报), always through the actor's scope
 * (lib/access.ts authorize): a report of a town outside it is NOT_FOUND, never FORBIDDEN.
 * Values are Prisma Decimal (indicator values Decimal 18,4; investment in 万元; percent 0–100).
 */
import "server-only";
import { authorize, type Action, type Actor } from "@/lib/access";
import { auditCatalogue } from "@/lib/audit/catalogue";
import { db, toPrismaSql } from "@/lib/db";
import { liveFigures } from "@/lib/system/data-version";
import { sql } from "@/lib/domain/sql";
import { isoDate, shanghaiToday, currentInstant } from "@/lib/domain/calendar";
import { formatIndicatorValue } from "@/lib/domain/indicator-value";
import { applicableIndicatorWhere } from "@/lib/domain/indicators";
import {
  isImplausible,
  needsConfirmation,
  plausibilityBound,
  type PlausibilityBound,
  type PlausibilityReference,
} from "@/lib/domain/plausibility";
import { acceptedStatusesSql, isEditable } from "@/lib/domain/report-status";
import { daysLate, lateReportsSql } from "@/lib/domain/reporting";
import {
  diffSubmissions,
  isBelowTarget,
  type SubmissionChanges,
  type SubmissionSnapshot,
} from "@/lib/domain/review-flow";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { ReportStatus, ReviewDecision, ValueType } from "@/lib/generated/prisma/enums";
import { countyNameSelect, townWithCountySelect } from "@/lib/towns/select";
import { draftOfSheet, type ReportDraft } from "./draft";
import { toReportSheet } from "./sheet";

const periodSelect = {
  id: true,
  year: true,
  index: true,
  name: true,
  nameEn: true,
  startsOn: true,
  endsOn: true,
  dueOn: true,
} as const satisfies Prisma.ReportingPeriodSelect;

const reportDetailSelect = {
  id: true,
  status: true,
  version: true,
  narrative: true,
  selfScore: true,
  submissionCount: true,
  submittedAt: true,
  approvedAt: true,
  confirmedAt: true,
  updatedAt: true,
  period: { select: periodSelect },
  task: {
    select: {
      id: true,
      year: true,
      target: true,
      track: true,
      deadline: true,
      town: {
        select: {
          id: true,
          divisionCode: true,
          name: true,
          nameEn: true,
          townType: true,
          county: { select: countyNameSelect },
        },
      },
      indicatorTargets: { select: { indicatorId: true, targetValue: true } },
      projects: {
        select: {
          id: true,
          code: true,
          name: true,
          dimension: true,
          status: true,
          plannedInvestmentWan: true,
          startsOn: true,
          endsOn: true,
        },
        orderBy: { code: "asc" },
      },
    },
  },
  values: {
    select: {
      indicatorId: true,
      value: true,
      note: true,
      confirmedValue: true,
      confirmationNote: true,
    },
  },
  projectProgress: {
    select: {
      projectId: true,
      completedInvestmentWan: true,
      percentComplete: true,
      status: true,
      note: true,
    },
  },
  evidence: {
    select: {
      id: true,
      indicatorId: true,
      projectId: true,
      fileName: true,
      mimeType: true,
      sizeBytes: true,
      createdAt: true,
    },
    orderBy: { id: "asc" },
  },
  reviews: {
    select: {
      id: true,
      decision: true,
      comment: true,
      reportVersion: true,
      createdAt: true,
      reviewer: { select: { displayName: true } },
      comments: { select: { indicatorId: true, projectId: true, comment: true } },
    },
    orderBy: { id: "desc" },
  },
  // The two latest submissions: what changed between them (lib/domain/review-flow.ts).
  submissions: {
    select: { number: true, snapshot: true },
    orderBy: { number: "desc" },
    take: 2,
  },
} as const satisfies Prisma.ProgressReportSelect;

const indicatorSelect = {
  id: true,
  code: true,
  name: true,
  nameEn: true,
  dimension: true,
  kind: true,
  unit: true,
  unitEn: true,
  valueType: true,
  minValue: true,
  maxValue: true,
  isRequired: true,
  evidenceRequired: true,
  sortOrder: true,
} as const satisfies Prisma.IndicatorSelect;

/** One indicator of a report's form (the year's catalogue row). */
export type ReportIndicator = Prisma.IndicatorGetPayload<{ select: typeof indicatorSelect }>;

/**
 * A report with everything its form and review screen show: the task (town, targets,
 * projects), values, project progress, evidence (metadata only), reviews newest first, the
 * indicators that apply to the town, the previous period's values of the same task, the
 * plausibility references of its indicators by code (lib/domain/plausibility.ts), and what
 * changed between its last two submissions (`changes`: null before a second submission).
 */
export type ReportDetail = Prisma.ProgressReportGetPayload<{
  select: typeof reportDetailSelect;
}> & {
  indicators: ReportIndicator[];
  previousValues: Map<number, Prisma.Decimal | null>;
  references: Map<string, PlausibilityReference>;
  changes: SubmissionChanges | null;
};

/** The database client or a transaction's: reads done inside a use case's transaction. */
type Client = Pick<PrismaClient, "progressReport" | "indicator" | "$queryRaw">;

/**
 * The largest value of each indicator code in accepted reports of periods before (year,
 * periodIndex), of one town (`townId`) or of every town (null); codes without one are left out.
 */
async function largestEarlierValues(
  client: Client,
  townId: number | null,
  year: number,
  periodIndex: number,
  codes: string[],
): Promise<Map<string, Prisma.Decimal>> {
  if (codes.length === 0) return new Map();
  const rows = await client.$queryRaw<{ code: string; max: Prisma.Decimal }[]>(
    toPrismaSql(sql`
    SELECT i.code, max(v.value) AS max
    FROM "IndicatorValue" v
    JOIN "Indicator" i ON i.id = v."indicatorId"
    JOIN "ProgressReport" r ON r.id = v."reportId"
    JOIN "ReportingPeriod" p ON p.id = r."periodId"
    ${townId === null ? sql`` : sql`JOIN "CreationTask" t ON t.id = r."taskId" AND t."townId" = ${townId}`}
    WHERE v.value IS NOT NULL
      AND r.status IN ${acceptedStatusesSql}
      AND (p.year, p.index) < (${year}, ${periodIndex})
      AND i.code = ANY(${codes}::text[])
    GROUP BY i.code`),
  );
  return new Map(rows.map((r) => [r.code, r.max]));
}

/**
 * The plausibility references of indicator codes for a town at a period
 * (lib/domain/plausibility.ts): the largest value of each code in the town's accepted reports
 * of earlier periods (any year), and, only for the codes where the town has none above 0 (the
 * rule needs no other), the largest in any town's. One query for the town, and one over every
 * town when some code needs it (reading every town's values costs about ten times as much).
 */
async function loadReferences(
  client: Client,
  townId: number,
  year: number,
  periodIndex: number,
  codes: string[],
): Promise<Map<string, PlausibilityReference>> {
  const town = await largestEarlierValues(client, townId, year, periodIndex, codes);
  const without = codes.filter((code) => !(town.get(code)?.greaterThan(0) ?? false));
  const peers = await largestEarlierValues(client, null, year, periodIndex, without);
  return new Map(
    codes.map((code) => [
      code,
      { townMax: town.get(code) ?? null, peerMax: peers.get(code) ?? null },
    ]),
  );
}

/**
 * Loads a report's detail by a (scoped) filter, with the database client or a transaction, so
 * the screens and the submit use case read the same thing.
 * @returns null when no report matches.
 */
export async function loadReportDetail(
  client: Client,
  where: Prisma.ProgressReportWhereInput,
): Promise<ReportDetail | null> {
  const report = await client.progressReport.findFirst({ where, select: reportDetailSelect });
  if (!report) return null;
  const { task, period } = report;
  // One statement at a time: a transaction has one connection.
  const indicators = await client.indicator.findMany({
    where: applicableIndicatorWhere(task.year, task.town.townType, task.id),
    select: indicatorSelect,
    orderBy: [{ dimension: "asc" }, { sortOrder: "asc" }, { id: "asc" }],
  });
  const previous = await client.progressReport.findFirst({
    where: { taskId: task.id, period: { index: { lt: period.index } } },
    orderBy: { period: { index: "desc" } },
    select: { values: { select: { indicatorId: true, value: true } } },
  });
  const references = await loadReferences(
    client,
    task.town.id,
    period.year,
    period.index,
    // Yes/no indicators have no plausibility bound: nothing to read for them.
    indicators.filter((i) => i.valueType !== "BOOLEAN").map((i) => i.code),
  );
  return {
    ...report,
    indicators,
    previousValues: new Map(previous?.values.map((v) => [v.indicatorId, v.value]) ?? []),
    references,
    changes: latestChanges(report.submissions),
  };
}

/** The changes between a report's two latest submission snapshots (newest first), or null. */
function latestChanges(
  submissions: { number: number; snapshot: Prisma.JsonValue }[],
): SubmissionChanges | null {
  const [latest, earlier] = submissions;
  if (!latest || !earlier) return null;
  return diffSubmissions(
    earlier.snapshot as unknown as SubmissionSnapshot,
    latest.snapshot as unknown as SubmissionSnapshot,
  );
}

/**
 * The report with this id, if the actor may take `action` on its town (cached per data
 * version: shared between requests, not to be mutated).
 * @throws AppError NOT_FOUND (out of scope or unknown, or a read the role lacks) | FORBIDDEN
 */
export async function getReportForActor(
  actor: Actor,
  reportId: number,
  action: Action = "town.view",
): Promise<ReportDetail> {
  const scope = authorize(actor, action);
  // Read once per data version in this process (lib/system/data-version.ts): the detail depends
  // on the report's data and the scope only, not on who else reads it.
  const key = `report:${reportId}:${JSON.stringify(scope.reports)}`;
  return scope.found(
    Number.isInteger(reportId)
      ? await liveFigures(key, () =>
          loadReportDetail(db(), { AND: [{ id: reportId }, scope.reports] }),
        )
      : null,
    { reportId },
  );
}

/**
 * The report of a town's period, by the codes in a page URL (/towns/{code}/reports/{year}/{index}).
 * @returns the report id, or null when the period exists but no report was started yet.
 * @throws AppError NOT_FOUND when the town is out of scope or has no task that year.
 */
export async function findReportId(
  actor: Actor,
  townCode: string,
  year: number,
  periodIndex: number,
): Promise<number | null> {
  const scope = authorize(actor, "town.view");
  const valid = Number.isInteger(year) && Number.isInteger(periodIndex) && /^\d{9}$/.test(townCode);
  const task = valid
    ? await db().creationTask.findFirst({
        where: { AND: [{ year, town: { divisionCode: townCode } }, scope.tasks] },
        select: {
          reports: { where: { period: { index: periodIndex } }, select: { id: true } },
          yearRef: {
            select: { periods: { where: { index: periodIndex }, select: { id: true } } },
          },
        },
      })
    : null;
  const found = scope.found(task?.yearRef.periods.length ? task : null, {
    townCode,
    year,
    periodIndex,
  });
  return found.reports[0]?.id ?? null;
}

/** Filters of report lists (queue, API); all optional. */
export type ReportFilter = {
  year?: number;
  countyCode?: string;
  townCode?: string;
  status?: ReportStatus;
  periodIndex?: number;
};

const reportRowSelect = {
  id: true,
  status: true,
  version: true,
  submissionCount: true,
  submittedAt: true,
  approvedAt: true,
  confirmedAt: true,
  updatedAt: true,
  selfScore: true,
  period: { select: { year: true, index: true, name: true, nameEn: true, dueOn: true } },
  task: {
    select: {
      year: true,
      target: true,
      town: { select: townWithCountySelect },
    },
  },
  // The latest review decision: a SUBMITTED report the city returned waits for the county again.
  reviews: { select: { decision: true }, orderBy: { id: "desc" }, take: 1 },
} as const satisfies Prisma.ProgressReportSelect;

/** One row of a report list. */
export type ReportRow = Prisma.ProgressReportGetPayload<{ select: typeof reportRowSelect }>;

/** The reports the actor may see, by period then town code. */
export async function listReportsForActor(
  actor: Actor,
  filter: ReportFilter = {},
): Promise<ReportRow[]> {
  const scope = authorize(actor, "town.view");
  const where: Prisma.ProgressReportWhereInput[] = [scope.reports];
  if (filter.year !== undefined) where.push({ period: { year: filter.year } });
  if (filter.periodIndex !== undefined) where.push({ period: { index: filter.periodIndex } });
  if (filter.status) where.push({ status: filter.status });
  if (filter.countyCode)
    where.push({ task: { town: { county: { divisionCode: filter.countyCode } } } });
  if (filter.townCode) where.push({ task: { town: { divisionCode: filter.townCode } } });
  return db().progressReport.findMany({
    where: { AND: where },
    select: reportRowSelect,
    orderBy: [
      { period: { year: "desc" } },
      { period: { index: "desc" } },
      { task: { town: { divisionCode: "asc" } } },
    ],
  });
}

/** The JSON form of a report row for /api/v1 (codes instead of ids, decimals as strings). */
export function reportRowToJson(row: ReportRow) {
  return {
    id: row.id,
    status: row.status,
    version: row.version,
    year: row.period.year,
    period: { index: row.period.index, name: row.period.name, nameEn: row.period.nameEn },
    town: {
      code: row.task.town.divisionCode,
      name: row.task.town.name,
      nameEn: row.task.town.nameEn,
    },
    county: {
      code: row.task.town.county.divisionCode,
      name: row.task.town.county.name,
      nameEn: row.task.town.county.nameEn,
    },
    target: row.task.target,
    selfScore: row.selfScore?.toFixed(2) ?? null,
    submissionCount: row.submissionCount,
    submittedAt: row.submittedAt,
    approvedAt: row.approvedAt,
    confirmedAt: row.confirmedAt,
    updatedAt: row.updatedAt,
    /** Waiting for the county again after the city returned it (issue 13, item 8). */
    returnedByCity: row.status === "SUBMITTED" && row.reviews[0]?.decision === "CITY_RETURN",
  };
}

/** A town's task of one year with its reports by period, for the township page. */
export async function getTownYear(actor: Actor, townId: number, year: number) {
  const scope = authorize(actor, "town.view");
  // Once per data version in this process (lib/system/data-version.ts), per scope.
  return liveFigures(`townYear:${JSON.stringify(scope.tasks)}:${townId}:${year}`, () =>
    loadTownYear(scope.tasks, townId, year),
  );
}

async function loadTownYear(
  scopeTasks: Prisma.CreationTaskWhereInput,
  townId: number,
  year: number,
) {
  const task = await db().creationTask.findFirst({
    where: { AND: [{ townId, year }, scopeTasks] },
    select: {
      id: true,
      year: true,
      target: true,
      track: true,
      status: true,
      deadline: true,
      indicatorTargets: { select: { indicatorId: true } },
      projects: { select: { id: true } },
      reports: {
        select: { id: true, status: true, version: true, periodId: true, submittedAt: true },
      },
      yearRef: {
        select: { periods: { select: periodSelect, orderBy: { index: "asc" } } },
      },
    },
  });
  return task;
}

/** Every report of a town, newest period first (the history on the township page). */
export async function listTownReports(actor: Actor, townCode: string): Promise<ReportRow[]> {
  const scope = authorize(actor, "town.view");
  // Once per data version in this process (lib/system/data-version.ts), per scope.
  return liveFigures(`townReports:${JSON.stringify(scope.reports)}:${townCode}`, () =>
    listReportsForActor(actor, { townCode }),
  );
}

/** A late report of a town (lib/domain/reporting.ts: outstanding after its due date). */
export type LateTown = {
  townCode: string;
  townName: string;
  townNameEn: string | null;
  year: number;
  periodIndex: number;
  periodName: string;
  periodNameEn: string;
  dueOn: Date;
  daysLate: number;
  /** null: the report was never started. */
  status: ReportStatus | null;
  reportId: number | null;
};

/**
 * The late reports of a county's towns in the open years (lib/domain/reporting.ts
 * `lateReportsSql`: the same definition as the dashboards' "late" figures), most late first.
 * A county outside the actor's scope gives an empty list (pages resolve the county first).
 * @param now the instant to judge "late" at (defaults to the current time).
 * @throws AppError NOT_FOUND when the role may not view counties.
 */
export async function listLateTowns(
  actor: Actor,
  countyCode: string,
  now: Date = currentInstant(),
): Promise<LateTown[]> {
  const scope = authorize(actor, "county.view");
  const today = shanghaiToday(now);
  const [counties, years] = await Promise.all([
    db().county.findMany({
      where: { AND: [{ divisionCode: countyCode }, scope.counties] },
      select: { id: true },
    }),
    db().year.findMany({ where: { status: "OPEN" }, select: { year: true } }),
  ]);
  const ids = counties.map((c) => c.id);
  if (ids.length === 0) return [];
  const late: LateTown[] = [];
  for (const { year } of years) {
    const rows = await db().$queryRaw<
      {
        reportId: number | null;
        status: ReportStatus | null;
        dueOn: Date;
        periodIndex: number;
        period_name: string;
        period_name_en: string;
        code: string;
        name: string;
        name_en: string | null;
      }[]
    >(
      toPrismaSql(sql`
      SELECT lr."reportId", lr.status, lr."dueOn", lr."periodIndex",
             rp.name AS period_name, rp."nameEn" AS period_name_en,
             tw."divisionCode" AS code, tw.name, tw."nameEn" AS name_en
      FROM ${lateReportsSql(year, isoDate(today), ids)} lr
      JOIN "Town" tw ON tw.id = lr."townId"
      JOIN "ReportingPeriod" rp ON rp.id = lr."periodId"`),
    );
    for (const r of rows) {
      late.push({
        townCode: r.code,
        townName: r.name,
        townNameEn: r.name_en,
        year,
        periodIndex: r.periodIndex,
        periodName: r.period_name,
        periodNameEn: r.period_name_en,
        dueOn: r.dueOn,
        daysLate: daysLate(r.dueOn, today),
        status: r.status,
        reportId: r.reportId,
      });
    }
  }
  return late.sort((a, b) => b.daysLate - a.daysLate || a.townCode.localeCompare(b.townCode));
}

const noReference: PlausibilityReference = { townMax: null, peerMax: null };

/**
 * The reviewer's flag of an implausible value (lib/domain/plausibility.ts) for the JSON API:
 * the limit and the reference it came from, and whether the township confirmed this value
 * with a note; null when the value is plausible or not filled.
 */
function plausibilityFlag(
  stored: {
    value: Prisma.Decimal | null;
    confirmedValue: Prisma.Decimal | null;
    confirmationNote: string | null;
  } | null,
  bound: PlausibilityBound | null,
) {
  if (!stored || !isImplausible(stored.value, bound)) return null;
  const confirmation = { value: stored.confirmedValue, note: stored.confirmationNote };
  const confirmed = !needsConfirmation(stored.value, bound, confirmation);
  return {
    implausible: true,
    limit: bound!.limit,
    reference: bound!.reference,
    basis: bound!.basis,
    confirmed,
    note: confirmed ? stored.confirmationNote : null,
  };
}

/**
 * The JSON form of a full report for /api/v1/reports/{id}: indicator values as strings at the
 * type's precision (null = not filled), money in 万元 and percent with 2 places, codes for ids;
 * `plausibility` flags an implausible value for the reviewer (see `plausibilityFlag`).
 */
export function reportDetailToJson(report: ReportDetail) {
  const values = new Map(report.values.map((v) => [v.indicatorId, v]));
  const targets = new Map(report.task.indicatorTargets.map((t) => [t.indicatorId, t.targetValue]));
  const codeOf = new Map(report.indicators.map((i) => [i.id, i.code]));
  const projectCode = new Map(report.task.projects.map((p) => [p.id, p.code]));
  const progress = new Map(report.projectProgress.map((p) => [p.projectId, p]));
  const show = (value: Prisma.Decimal | null | undefined, type: ValueType) =>
    value == null ? null : formatIndicatorValue(value, type);
  return {
    id: report.id,
    status: report.status,
    version: report.version,
    year: report.period.year,
    period: { index: report.period.index, name: report.period.name, nameEn: report.period.nameEn },
    dueOn: report.period.dueOn.toISOString().slice(0, 10),
    town: {
      code: report.task.town.divisionCode,
      name: report.task.town.name,
      nameEn: report.task.town.nameEn,
    },
    county: { code: report.task.town.county.divisionCode, name: report.task.town.county.name },
    target: report.task.target,
    narrative: report.narrative,
    selfScore: report.selfScore?.toFixed(2) ?? null,
    submissionCount: report.submissionCount,
    submittedAt: report.submittedAt,
    approvedAt: report.approvedAt,
    confirmedAt: report.confirmedAt,
    indicators: report.indicators.map((i) => ({
      code: i.code,
      name: i.name,
      nameEn: i.nameEn,
      dimension: i.dimension,
      unit: i.unit,
      valueType: i.valueType,
      isRequired: i.isRequired,
      value: show(values.get(i.id)?.value, i.valueType),
      note: values.get(i.id)?.note ?? null,
      target: show(targets.get(i.id), i.valueType),
      plausibility: plausibilityFlag(
        values.get(i.id) ?? null,
        plausibilityBound(i.valueType, report.references.get(i.code) ?? noReference),
      ),
      belowTarget: isBelowTarget(values.get(i.id)?.value ?? null, targets.get(i.id) ?? null),
    })),
    projects: report.task.projects.map((p) => ({
      code: p.code,
      name: p.name,
      plannedInvestmentWan: p.plannedInvestmentWan.toFixed(2),
      completedInvestmentWan: progress.get(p.id)?.completedInvestmentWan.toFixed(2) ?? null,
      percentComplete: progress.get(p.id)?.percentComplete.toFixed(2) ?? null,
      status: progress.get(p.id)?.status ?? p.status,
      note: progress.get(p.id)?.note ?? null,
    })),
    evidence: report.evidence.map((e) => ({
      id: e.id,
      fileName: e.fileName,
      mimeType: e.mimeType,
      sizeBytes: e.sizeBytes,
      indicatorCode: e.indicatorId === null ? null : (codeOf.get(e.indicatorId) ?? null),
      url: `/api/evidence/${e.id}`,
    })),
    reviews: report.reviews.map((r) => ({
      decision: r.decision,
      comment: r.comment,
      reportVersion: r.reportVersion,
      createdAt: r.createdAt,
      comments: r.comments.map((c) => ({
        indicatorCode: c.indicatorId === null ? null : (codeOf.get(c.indicatorId) ?? null),
        projectCode: c.projectId === null ? null : (projectCode.get(c.projectId) ?? null),
        comment: c.comment,
      })),
    })),
    changesSinceLastSubmission: report.changes && {
      values: Object.entries(report.changes.values).map(([id, change]) => ({
        indicatorCode: codeOf.get(Number(id)) ?? null,
        ...change,
      })),
      projects: Object.entries(report.changes.projects).flatMap(([id, fields]) =>
        Object.entries(fields).map(([field, change]) => ({
          projectCode: projectCode.get(Number(id)) ?? null,
          field,
          ...change,
        })),
      ),
      evidenceAdded: report.changes.evidenceAdded.map((e) => e.fileName),
      evidenceRemoved: report.changes.evidenceRemoved.map((e) => e.fileName),
    },
  };
}

/**
 * Where a report stands for the city (issue 13, item 8): awaiting confirmation (county
 * approved), confirmed, or returned to the county (a CITY_RETURN review and back in the
 * county's hands since).
 */
export type CityState = "AWAITING" | "CONFIRMED" | "RETURNED";

/** One row of the city's confirmation queue, as plain JSON for the client table. */
export type ConfirmationRow = {
  id: number;
  version: number;
  status: ReportStatus;
  cityState: CityState;
  county: { code: string; name: string; nameEn: string };
  town: { code: string; name: string; nameEn: string | null };
  period: { year: number; index: number; name: string; nameEn: string };
  selfScore: string | null;
  approvedAt: string | null;
  /** County approvals and returns, city confirmations and returns, newest first. */
  history: { decision: ReviewDecision; comment: string | null; reviewer: string; at: string }[];
};

/**
 * The city's confirmation queue of `year`: every report the county approved, the city
 * confirmed, or the city returned to the county, with its review history; awaiting first, then
 * returned, then confirmed (each by period, newest first, then town code).
 * @throws AppError NOT_FOUND (the role may not read the queue: only the city's roles may)
 */
export async function listConfirmationQueue(
  actor: Actor,
  year: number,
): Promise<ConfirmationRow[]> {
  const scope = authorize(actor, "confirmation.view");
  const rows = await db().progressReport.findMany({
    where: {
      AND: [
        scope.reports,
        { period: { year } },
        {
          OR: [
            { status: { in: ["COUNTY_APPROVED", "CITY_CONFIRMED"] } },
            { reviews: { some: { decision: "CITY_RETURN" } } },
          ],
        },
      ],
    },
    select: {
      ...reportRowSelect,
      reviews: {
        select: {
          decision: true,
          comment: true,
          createdAt: true,
          reviewer: { select: { displayName: true } },
        },
        orderBy: { id: "desc" },
      },
    },
    orderBy: [{ period: { index: "desc" } }, { task: { town: { divisionCode: "asc" } } }],
  });
  const order: Record<CityState, number> = { AWAITING: 0, RETURNED: 1, CONFIRMED: 2 };
  return rows
    .map((r): ConfirmationRow => ({
      id: r.id,
      version: r.version,
      status: r.status,
      cityState:
        r.status === "COUNTY_APPROVED"
          ? "AWAITING"
          : r.status === "CITY_CONFIRMED"
            ? "CONFIRMED"
            : "RETURNED",
      county: {
        code: r.task.town.county.divisionCode,
        name: r.task.town.county.name,
        nameEn: r.task.town.county.nameEn,
      },
      town: { code: r.task.town.divisionCode, name: r.task.town.name, nameEn: r.task.town.nameEn },
      period: {
        year: r.period.year,
        index: r.period.index,
        name: r.period.name,
        nameEn: r.period.nameEn,
      },
      selfScore: r.selfScore?.toFixed(2) ?? null,
      approvedAt: r.approvedAt?.toISOString() ?? null,
      history: r.reviews.map((h) => ({
        decision: h.decision,
        comment: h.comment,
        reviewer: h.reviewer.displayName,
        at: h.createdAt.toISOString(),
      })),
    }))
    .sort((a, b) => order[a.cityState] - order[b.cityState]);
}

/**
 * A report's draft as saved now, for a form that was refused as stale (issue 13, item 4):
 * the version to save against next, whether it can still be edited, the draft in the form's
 * shape (lib/reports/draft.ts), and who last wrote the report and when (its latest audit row;
 * null when none is recorded).
 * @throws AppError FORBIDDEN (a role that does not edit reports) | NOT_FOUND (out of scope)
 */
export async function getReportDraft(
  actor: Actor,
  reportId: number,
): Promise<{
  version: number;
  editable: boolean;
  draft: ReportDraft;
  savedBy: string | null;
  savedAt: string | null;
}> {
  const report = await getReportForActor(actor, reportId, "report.edit");
  const last = await db().auditLog.findFirst({
    where: {
      entityType: auditCatalogue["report.save"].entityType,
      entityId: String(report.id),
      action: { startsWith: "report." },
    },
    orderBy: { id: "desc" },
    select: { at: true, actorName: true, actor: { select: { displayName: true } } },
  });
  return {
    version: report.version,
    editable: isEditable(report.status),
    draft: draftOfSheet(toReportSheet(report, false)),
    savedBy: last ? (last.actor?.displayName ?? last.actorName) : null,
    savedAt: last?.at.toISOString() ?? null,
  };
}
