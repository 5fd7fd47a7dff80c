/**
 * The progress-report workflow (issue 4, item 3). Each use case: zod → access (one scoped
 * query through lib/access.ts `authorize`, so an out-of-scope report is NOT_FOUND) → the status
 * machine (lib/domain/report-status.ts) → one transaction that bumps `version` first (the
 * optimistic-concurrency check: a stale version is CONFLICT and the first save is kept) → an
 * audit row. Typed values go through lib/domain/indicator-value.ts; nothing is half-written.
 */
import "server-only";
import { authorize, type Actor } from "@/lib/access";
import { writeAudit } from "@/lib/audit/write";
import { db, toPrismaSql } from "@/lib/db";
import {
  parseIndicatorValue,
  type Decimal,
  type IndicatorRule,
} from "@/lib/domain/indicator-value";
import { blockingItems } from "@/lib/domain/report-checklist";
import { applicableIndicatorWhere } from "@/lib/domain/indicators";
import { nextStatus, transitionAction, type ReportTransition } from "@/lib/domain/report-status";
import { join, sql } from "@/lib/domain/sql";
import { AppError, type UserMessage } from "@/lib/errors";
import { assertYearWritable } from "@/lib/years/internal";
import { loadReportDetail } from "./queries";
import { sheetChecklist, toReportSheet } from "./sheet";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ReportStatus } from "@/lib/generated/prisma/enums";
import {
  bulkApproveSchema,
  openReportSchema,
  reportVersionSchema,
  returnReportSchema,
  saveReportSchema,
} from "@/lib/validation/report";

type Tx = Prisma.TransactionClient;

/** Field name → why its text was refused; keys: `value.<indicatorId>`, `project.<id>.<field>`, `selfScore`. */
export type FieldErrors = Record<string, UserMessage>;

// Rules for the non-indicator numbers of a report, read with the same parser as indicators.
const investmentRule: IndicatorRule = {
  valueType: "DECIMAL",
  minValue: "0",
  maxValue: "999999999999.99",
  isRequired: true,
};
const percentRule: IndicatorRule = {
  valueType: "PERCENT",
  minValue: null,
  maxValue: null,
  isRequired: true,
};
// Decimal(7,2): the column's own limit; the scale of the self-assessment is the year's rubric.
const selfScoreRule: IndicatorRule = {
  valueType: "DECIMAL",
  minValue: "0",
  maxValue: "99999.99",
  isRequired: false,
};

const lockSelect = {
  id: true,
  status: true,
  version: true,
  periodId: true,
  period: { select: { index: true } },
  task: {
    select: {
      id: true,
      year: true,
      town: { select: { divisionCode: true, townType: true } },
      projects: { select: { id: true } },
    },
  },
} as const satisfies Prisma.ProgressReportSelect;

type LockedReport = Prisma.ProgressReportGetPayload<{ select: typeof lockSelect }>;

/**
 * Loads the report for a transition in one scoped query and checks version, status and that
 * its year is not closed.
 * @throws AppError FORBIDDEN (role) | NOT_FOUND (scope) | CONFLICT (stale version, illegal
 *   transition, year closed)
 */
async function loadForTransition(
  tx: Tx,
  actor: Actor,
  transition: ReportTransition,
  reportId: number,
  expectedVersion: number,
): Promise<{ report: LockedReport; next: ReportStatus }> {
  const scope = authorize(actor, transitionAction[transition]);
  const report = scope.found(
    await tx.progressReport.findFirst({
      where: { AND: [{ id: reportId }, scope.reports] },
      select: lockSelect,
    }),
    { reportId },
  );
  if (report.version !== expectedVersion) {
    throw new AppError("CONFLICT", "reports.staleVersion", { reportId, expectedVersion });
  }
  const next = nextStatus(report.status, transition);
  if (!next) {
    throw new AppError("CONFLICT", "reports.illegalTransition", { reportId, transition });
  }
  await assertYearWritable(tx, report.task.year);
  return { report, next };
}

/**
 * Moves the report to `status` and bumps its version, only if nobody wrote it since
 * `expectedVersion` (the conditional update is the atomic half of the check: a concurrent
 * writer waits for our row lock, then matches nothing). Done first in each transaction.
 * @returns the new version. @throws AppError CONFLICT
 */
async function bumpVersion(
  tx: Tx,
  report: LockedReport,
  expectedVersion: number,
  data: Prisma.ProgressReportUpdateManyMutationInput,
): Promise<number> {
  const { count } = await tx.progressReport.updateMany({
    where: { id: report.id, version: expectedVersion },
    data: { ...data, version: { increment: 1 } },
  });
  if (count === 0) {
    throw new AppError("CONFLICT", "reports.staleVersion", {
      reportId: report.id,
      expectedVersion,
    });
  }
  return expectedVersion + 1;
}

/** Reads a typed field into `errors` under `field`; returns the value or null. */
function readField(
  errors: FieldErrors,
  field: string,
  raw: string,
  rule: IndicatorRule,
): Decimal | null {
  const parsed = parseIndicatorValue(raw, rule);
  if (parsed.ok) return parsed.value;
  errors[field] = parsed.error;
  return null;
}

/**
 * Writes a save's indicator values and notes in set-based statements: one
 * `INSERT … SELECT FROM unnest(…) ON CONFLICT DO UPDATE` per combination of fields present
 * (value and note, value only, note only), so an indicator's note is kept when only its value
 * is saved and the other way round; usually one statement. An empty value or note is NULL.
 * @param values indicator id → parsed value (null: not filled), for the values present.
 * @param notes indicator id (as text) → note, for the notes present.
 */
async function writeIndicatorValues(
  tx: Tx,
  reportId: number,
  indicatorIds: number[],
  values: Map<number, Decimal | null>,
  notes: Record<string, string>,
): Promise<void> {
  const groups = new Map<
    string,
    { ids: number[]; values: (string | null)[]; notes: (string | null)[] }
  >();
  for (const indicatorId of indicatorIds) {
    const note = notes[String(indicatorId)];
    const hasValue = values.has(indicatorId);
    const key = `${hasValue ? "value" : ""}:${note !== undefined ? "note" : ""}`;
    const group = groups.get(key) ?? { ids: [], values: [], notes: [] };
    groups.set(key, group);
    group.ids.push(indicatorId);
    group.values.push(values.get(indicatorId)?.toFixed() ?? null);
    group.notes.push(note || null);
  }
  for (const [key, group] of groups) {
    const set = [
      ...(key.startsWith("value") ? [sql`"value" = EXCLUDED."value"`] : []),
      ...(key.endsWith("note") ? [sql`"note" = EXCLUDED."note"`] : []),
    ];
    await tx.$executeRaw(
      toPrismaSql(sql`
      INSERT INTO "IndicatorValue" ("reportId", "indicatorId", "value", "note")
      SELECT ${reportId}, u.indicator_id, u.value::numeric, u.note
      FROM unnest(${group.ids}::int[], ${group.values}::text[], ${group.notes}::text[])
        AS u(indicator_id, value, note)
      ON CONFLICT ("reportId", "indicatorId") DO UPDATE SET ${join(set, ", ")}`),
    );
  }
}

/**
 * Writes the township's confirmations of implausible values (lib/domain/plausibility.ts) in one
 * `INSERT … SELECT FROM unnest(…) ON CONFLICT DO UPDATE`, leaving values and notes alone; no
 * statement when there are none. A confirmation without a value (withdrawn) is stored as NULLs.
 */
async function writeConfirmations(
  tx: Tx,
  reportId: number,
  confirmations: Map<number, { value: Decimal | null; note: string }>,
): Promise<void> {
  if (confirmations.size === 0) return;
  const rows = [...confirmations];
  await tx.$executeRaw(
    toPrismaSql(sql`
    INSERT INTO "IndicatorValue" ("reportId", "indicatorId", "confirmedValue", "confirmationNote")
    SELECT ${reportId}, u.indicator_id, u.value::numeric, u.note
    FROM unnest(${rows.map(([id]) => id)}::int[],
                ${rows.map(([, c]) => c.value?.toFixed() ?? null)}::text[],
                ${rows.map(([, c]) => (c.value === null ? null : c.note))}::text[])
      AS u(indicator_id, value, note)
    ON CONFLICT ("reportId", "indicatorId") DO UPDATE SET
      "confirmedValue" = EXCLUDED."confirmedValue",
      "confirmationNote" = EXCLUDED."confirmationNote"`),
  );
}

/**
 * Writes a save's project progress in at most two statements: the complete rows in one
 * `INSERT … SELECT FROM unnest(…) ON CONFLICT DO UPDATE`, and one DELETE of the rows left
 * incomplete (a project row needs both figures; an incomplete one is "not reported yet").
 * A project listed twice counts as its last entry (as when the rows were written in turn).
 */
async function writeProjectProgress(
  tx: Tx,
  reportId: number,
  progress: {
    projectId: number;
    completed: Decimal | null;
    percent: Decimal | null;
    status: string;
    note?: string;
  }[],
): Promise<void> {
  const last = new Map(progress.map((p) => [p.projectId, p]));
  const complete = [...last.values()].filter((p) => p.completed !== null && p.percent !== null);
  const incomplete = [...last.values()].filter((p) => p.completed === null || p.percent === null);
  if (incomplete.length > 0) {
    await tx.projectProgress.deleteMany({
      where: { reportId, projectId: { in: incomplete.map((p) => p.projectId) } },
    });
  }
  if (complete.length === 0) return;
  await tx.$executeRaw(
    toPrismaSql(sql`
    INSERT INTO "ProjectProgress"
      ("reportId", "projectId", "completedInvestmentWan", "percentComplete", "status", "note")
    SELECT ${reportId}, u.project_id, u.completed::numeric, u.percent::numeric,
           u.status::"ProjectStatus", u.note
    FROM unnest(${complete.map((p) => p.projectId)}::int[],
                ${complete.map((p) => p.completed!.toFixed())}::text[],
                ${complete.map((p) => p.percent!.toFixed())}::text[],
                ${complete.map((p) => p.status)}::text[],
                ${complete.map((p) => p.note || null)}::text[])
      AS u(project_id, completed, percent, status, note)
    ON CONFLICT ("reportId", "projectId") DO UPDATE SET
      "completedInvestmentWan" = EXCLUDED."completedInvestmentWan",
      "percentComplete" = EXCLUDED."percentComplete",
      "status" = EXCLUDED."status",
      "note" = EXCLUDED."note"`),
  );
}

/**
 * Saves a draft (or a returned report being fixed): indicator values and notes, project
 * progress, narrative and self-score. Only the keys present in the input are written; an
 * empty value is stored as NULL ("not filled"). The status stays DRAFT or RETURNED.
 * @returns the new version (the form sends it with its next save).
 * @throws ZodError; AppError VALIDATION (a message per refused field) | FORBIDDEN | NOT_FOUND | CONFLICT
 */
export async function saveReport(actor: Actor, input: unknown): Promise<{ version: number }> {
  const data = saveReportSchema.parse(input);
  return db().$transaction(async (tx) => {
    const { report, next } = await loadForTransition(
      tx,
      actor,
      "save",
      data.reportId,
      data.expectedVersion,
    );
    const indicatorIds = [
      ...new Set([...Object.keys(data.values), ...Object.keys(data.notes)]),
    ].map(Number);
    const confirmedIds = Object.keys(data.confirmations).map(Number);
    const indicators = await tx.indicator.findMany({
      where: {
        AND: [
          applicableIndicatorWhere(report.task.year, report.task.town.townType, report.task.id),
          { id: { in: [...indicatorIds, ...confirmedIds] } },
        ],
      },
      select: { id: true, valueType: true, minValue: true, maxValue: true, isRequired: true },
    });
    const byId = new Map(indicators.map((i) => [i.id, i]));
    const errors: FieldErrors = {};
    const values = new Map<number, Decimal | null>();
    for (const [key, raw] of Object.entries(data.values)) {
      const indicator = byId.get(Number(key));
      if (!indicator) errors[`value.${key}`] = { key: "reports.unknownIndicator" };
      else values.set(indicator.id, readField(errors, `value.${key}`, raw, indicator));
    }
    for (const key of Object.keys(data.notes)) {
      if (!byId.has(Number(key))) errors[`value.${key}`] = { key: "reports.unknownIndicator" };
    }
    const confirmations = new Map<number, { value: Decimal | null; note: string }>();
    for (const [key, { value, note }] of Object.entries(data.confirmations)) {
      const indicator = byId.get(Number(key));
      if (!indicator) errors[`confirm.${key}`] = { key: "reports.unknownIndicator" };
      else {
        const confirmed = readField(errors, `confirm.${key}`, value, indicator);
        confirmations.set(indicator.id, { value: note ? confirmed : null, note });
      }
    }
    const projectIds = new Set(report.task.projects.map((p) => p.id));
    const progress = data.projects.map((p) => {
      const field = `project.${p.projectId}`;
      if (!projectIds.has(p.projectId)) errors[field] = { key: "reports.unknownProject" };
      return {
        ...p,
        completed: readField(
          errors,
          `${field}.completedInvestmentWan`,
          p.completedInvestmentWan,
          investmentRule,
        ),
        percent: readField(errors, `${field}.percentComplete`, p.percentComplete, percentRule),
      };
    });
    const selfScore =
      data.selfScore === undefined
        ? undefined
        : readField(errors, "selfScore", data.selfScore, selfScoreRule);
    if (Object.keys(errors).length > 0) {
      throw new AppError(
        "VALIDATION",
        { message: { key: "reports.fixValues" }, fields: errors },
        { reportId: report.id },
      );
    }

    const version = await bumpVersion(tx, report, data.expectedVersion, {
      status: next,
      ...(data.narrative !== undefined && { narrative: data.narrative || null }),
      ...(selfScore !== undefined && { selfScore }),
    });
    await writeIndicatorValues(tx, report.id, indicatorIds, values, data.notes);
    await writeConfirmations(tx, report.id, confirmations);
    await writeProjectProgress(tx, report.id, progress);
    await writeAudit(tx, actor, "report.save", report.id, {
      before: { version: data.expectedVersion },
      after: {
        version,
        values: Object.fromEntries([...values].map(([id, v]) => [id, v?.toFixed() ?? null])),
        projects: progress.length,
        ...(data.narrative !== undefined && { narrative: true }),
        ...(selfScore !== undefined && { selfScore: selfScore?.toFixed() ?? null }),
        ...(confirmations.size > 0 && {
          confirmations: Object.fromEntries(
            [...confirmations].map(([id, c]) => [id, c.value?.toFixed() ?? null]),
          ),
        }),
      },
    });
    return { version };
  });
}

/**
 * Submits a draft, or resubmits a returned report, when nothing blocking is left on its
 * checklist (lib/domain/report-checklist.ts, through lib/reports/sheet.ts `sheetChecklist`, the
 * same function as the page's checklist): required values, required evidence, implausible
 * values not confirmed. Warnings (below target, projects behind plan) do not block.
 * @throws ZodError; AppError VALIDATION (reportChecks.refused with the count, and a message per
 *   blocking item under its field: `value.<id>`, `evidence.<id>`, `confirm.<id>`, keys
 *   `reportChecks.kind.<kind>`) | FORBIDDEN | NOT_FOUND | CONFLICT
 */
export async function submitReport(actor: Actor, input: unknown): Promise<{ version: number }> {
  const data = reportVersionSchema.parse(input);
  return db().$transaction(async (tx) => {
    const { report, next } = await loadForTransition(
      tx,
      actor,
      "submit",
      data.reportId,
      data.expectedVersion,
    );
    const detail = await loadReportDetail(tx, { id: report.id });
    const blocking = blockingItems(sheetChecklist(toReportSheet(detail!, false)));
    if (blocking.length > 0) {
      throw new AppError(
        "VALIDATION",
        {
          message: { key: "reportChecks.refused", values: { count: blocking.length } },
          fields: Object.fromEntries(
            blocking.map((b) => [
              b.field,
              { key: `reportChecks.kind.${b.kind}`, values: b.values },
            ]),
          ),
        },
        { reportId: report.id, blocking: blocking.map((b) => b.field) },
      );
    }
    const now = new Date();
    const version = await bumpVersion(tx, report, data.expectedVersion, {
      status: next,
      submittedAt: now,
      submissionCount: { increment: 1 },
    });
    // The first submission decides "on time" (lib/domain/reporting.ts); resubmissions keep it.
    await tx.progressReport.updateMany({
      where: { id: report.id, firstSubmittedAt: null },
      data: { firstSubmittedAt: now },
    });
    await writeAudit(tx, actor, "report.submit", report.id, {
      before: { status: report.status, version: data.expectedVersion },
      after: { status: next, version },
    });
    return { version };
  });
}

/** One county approval inside a transaction (shared by approve and bulk approve). */
async function approveOne(
  tx: Tx,
  actor: Actor,
  reportId: number,
  expectedVersion: number,
  comment: string | undefined,
): Promise<number> {
  const { report, next } = await loadForTransition(tx, actor, "approve", reportId, expectedVersion);
  const version = await bumpVersion(tx, report, expectedVersion, {
    status: next,
    approvedAt: new Date(),
  });
  await tx.review.create({
    data: {
      reportId,
      reviewerId: actor.id,
      decision: "APPROVE",
      comment: comment || null,
      reportVersion: expectedVersion,
    },
  });
  await writeAudit(tx, actor, "report.approve", reportId, {
    before: { status: report.status, version: expectedVersion },
    after: { status: next, version },
  });
  return version;
}

/**
 * County approval of a submitted report (县级初审通过).
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | CONFLICT
 */
export async function approveReport(actor: Actor, input: unknown): Promise<{ version: number }> {
  const data = reportVersionSchema.parse(input);
  return db().$transaction(async (tx) => ({
    version: await approveOne(tx, actor, data.reportId, data.expectedVersion, data.comment),
  }));
}

/**
 * Approves several submitted reports at once, all or none: if one was changed meanwhile
 * (stale version) or is out of scope, nothing is approved.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | CONFLICT
 */
export async function bulkApproveReports(actor: Actor, input: unknown): Promise<{ count: number }> {
  const data = bulkApproveSchema.parse(input);
  return db().$transaction(async (tx) => {
    for (const { reportId, expectedVersion } of data.reports) {
      await approveOne(tx, actor, reportId, expectedVersion, undefined);
    }
    return { count: data.reports.length };
  });
}

/**
 * Returns a submitted report to the township with an overall comment and/or comments on single
 * indicators (of the report's catalogue) or projects (of its task).
 * @throws ZodError; AppError VALIDATION (an item not in the report) | FORBIDDEN | NOT_FOUND | CONFLICT
 */
export async function returnReport(actor: Actor, input: unknown): Promise<{ version: number }> {
  const data = returnReportSchema.parse(input);
  return db().$transaction(async (tx) => {
    const { report, next } = await loadForTransition(
      tx,
      actor,
      "return",
      data.reportId,
      data.expectedVersion,
    );
    const indicatorIds = data.items.flatMap((i) => (i.indicatorId ? [i.indicatorId] : []));
    const known = await tx.indicator.count({
      where: {
        AND: [
          applicableIndicatorWhere(report.task.year, report.task.town.townType, report.task.id),
          { id: { in: indicatorIds } },
        ],
      },
    });
    const projectIds = new Set(report.task.projects.map((p) => p.id));
    if (
      known !== new Set(indicatorIds).size ||
      data.items.some((i) => i.projectId !== undefined && !projectIds.has(i.projectId))
    ) {
      throw new AppError("VALIDATION", "review.unknownItem", { reportId: report.id });
    }
    const version = await bumpVersion(tx, report, data.expectedVersion, { status: next });
    await tx.review.create({
      data: {
        reportId: report.id,
        reviewerId: actor.id,
        decision: "RETURN",
        comment: data.comment || null,
        reportVersion: data.expectedVersion,
        comments: {
          create: data.items.map((i) => ({
            indicatorId: i.indicatorId ?? null,
            projectId: i.projectId ?? null,
            comment: i.comment,
          })),
        },
      },
    });
    await writeAudit(tx, actor, "report.return", report.id, {
      before: { status: report.status, version: data.expectedVersion },
      after: { status: next, version, items: data.items.length },
    });
    return { version };
  });
}

/**
 * City confirmation (市级审核) of a county-approved report. The task's projects take this
 * report's progress as their completed figures (schema: Project holds the latest confirmed
 * progress) unless a later period of the task is already confirmed.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | CONFLICT
 */
export async function confirmReport(actor: Actor, input: unknown): Promise<{ version: number }> {
  const data = reportVersionSchema.parse(input);
  return db().$transaction(async (tx) => {
    const { report, next } = await loadForTransition(
      tx,
      actor,
      "confirm",
      data.reportId,
      data.expectedVersion,
    );
    const version = await bumpVersion(tx, report, data.expectedVersion, {
      status: next,
      confirmedAt: new Date(),
    });
    await tx.review.create({
      data: {
        reportId: report.id,
        reviewerId: actor.id,
        decision: "CONFIRM",
        comment: data.comment || null,
        reportVersion: data.expectedVersion,
      },
    });
    const later = await tx.progressReport.count({
      where: {
        taskId: report.task.id,
        status: "CITY_CONFIRMED",
        period: { index: { gt: report.period.index } },
      },
    });
    if (later === 0) {
      const progress = await tx.projectProgress.findMany({ where: { reportId: report.id } });
      for (const p of progress) {
        await tx.project.update({
          where: { id: p.projectId },
          data: { completedInvestmentWan: p.completedInvestmentWan, status: p.status },
        });
      }
    }
    await writeAudit(tx, actor, "report.confirm", report.id, {
      before: { status: report.status, version: data.expectedVersion },
      after: { status: next, version },
    });
    return { version };
  });
}

/**
 * Starts the report of a period for a town's task of that year: an empty DRAFT, or the
 * existing report when there is one (so a double click starts nothing twice).
 * @returns the report id.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND (town out of scope, no task that year, no such period)
 */
export async function openReport(actor: Actor, input: unknown): Promise<{ id: number }> {
  const scope = authorize(actor, "report.edit");
  const data = openReportSchema.parse(input);
  return db().$transaction(async (tx) => {
    const task = await tx.creationTask.findFirst({
      where: {
        AND: [
          { year: data.year, status: "PUBLISHED", town: { divisionCode: data.townCode } },
          scope.tasks,
        ],
      },
      select: {
        id: true,
        yearRef: {
          select: { periods: { where: { index: data.periodIndex }, select: { id: true } } },
        },
      },
    });
    const period = scope.found(task?.yearRef.periods[0], data);
    await assertYearWritable(tx, data.year);
    const existing = await tx.progressReport.findUnique({
      where: { taskId_periodId: { taskId: task!.id, periodId: period.id } },
      select: { id: true },
    });
    if (existing) return existing;
    const report = await tx.progressReport.create({
      data: { taskId: task!.id, periodId: period.id },
      select: { id: true },
    });
    await writeAudit(tx, actor, "report.create", report.id, {
      after: { townCode: data.townCode, year: data.year, periodIndex: data.periodIndex },
    });
    return report;
  });
}
