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
import {
  ACCEPTED_REPORT_STATUSES,
  nextStatus,
  transitionAction,
  type ReportTransition,
} from "@/lib/domain/report-status";
import type { SubmissionSnapshot } from "@/lib/domain/review-flow";
import { join, raw, sql } from "@/lib/domain/sql";
import { AppError, type UserMessage } from "@/lib/errors";
import { assertYearWritable, yearWritable } from "@/lib/years/internal";
import { loadReportDetail } from "./queries";
import { sheetChecklist, toReportSheet } from "./sheet";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ReportStatus, TownType, YearStatus } from "@/lib/generated/prisma/enums";
import {
  bulkApproveSchema,
  openReportSchema,
  returnToCountySchema,
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

/**
 * A report as a transition needs it: its own fields (read through the actor's scope) and its
 * task's year, town and projects and its period's index (read by one join, ./mutations.ts
 * loadForTransition; Prisma's nested select took one statement per relation).
 */
type LockedReport = {
  id: number;
  status: ReportStatus;
  version: number;
  submissionCount: number;
  periodId: number;
  period: { index: number };
  task: {
    id: number;
    year: number;
    town: { divisionCode: string; townType: TownType };
    projects: { id: number }[];
  };
};

/**
 * Marks a draft save's transaction (a select-list item of the transition's context read, so it
 * costs no round trip): the data-version trigger then moves the data version but not the
 * figures version for its writes to the report, its values and its project progress
 * (lib/system/data-version.ts; migration 20261205183000_figures_version). Only `saveReport`
 * uses it, and it writes nothing else a figure reads.
 */
const draftSaveMark = raw(`, set_config('meizhen.draft_save', 'yes', true) AS draft_save`);

/**
 * Loads the report for a transition (two statements: the scoped report, then its task, town,
 * projects, period and year in one join, the year's row locked FOR SHARE as
 * lib/years/internal.ts assertYearWritable locks it) and checks version, status and that its
 * year is not closed.
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
  const own = scope.found(
    await tx.progressReport.findFirst({
      where: { AND: [{ id: reportId }, scope.reports] },
      select: {
        id: true,
        status: true,
        version: true,
        submissionCount: true,
        periodId: true,
        taskId: true,
      },
    }),
    { reportId },
  );
  if (own.version !== expectedVersion) {
    throw new AppError("CONFLICT", "reports.staleVersion", { reportId, expectedVersion });
  }
  const next = nextStatus(own.status, transition);
  if (!next) {
    throw new AppError("CONFLICT", "reports.illegalTransition", { reportId, transition });
  }
  const [context] = await tx.$queryRaw<
    {
      year: number;
      division_code: string;
      town_type: TownType;
      period_index: number;
      project_ids: number[];
      year_status: YearStatus;
    }[]
  >(
    toPrismaSql(sql`
    SELECT ct.year, t."divisionCode" AS division_code, t."townType" AS town_type,
           rp.index AS period_index,
           ARRAY(SELECT p.id FROM "Project" p WHERE p."taskId" = ct.id ORDER BY p.id) AS project_ids,
           y.status AS year_status${transition === "save" ? draftSaveMark : raw("")}
    FROM "CreationTask" ct
    JOIN "Town" t ON t.id = ct."townId"
    JOIN "ReportingPeriod" rp ON rp.id = ${own.periodId}
    JOIN "Year" y ON y.year = ct.year
    WHERE ct.id = ${own.taskId}
    FOR SHARE OF y`),
  );
  // No row: the task's year has no Year row (the inner join found none).
  if (!context) throw new AppError("NOT_FOUND", "years.unknown", { reportId });
  const report: LockedReport = {
    id: own.id,
    status: own.status,
    version: own.version,
    submissionCount: own.submissionCount,
    periodId: own.periodId,
    period: { index: context!.period_index },
    task: {
      id: own.taskId,
      year: context!.year,
      town: { divisionCode: context!.division_code, townType: context!.town_type },
      projects: context!.project_ids.map((id) => ({ id })),
    },
  };
  yearWritable(report.task.year, context!.year_status);
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
      ...(selfScore !== undefined && { selfScore: selfScore?.toFixed() ?? null }),
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
    // The checklist is read under the report's row lock: an evidence file added or deleted
    // meanwhile (lib/reports/evidence.ts takes the row FOR SHARE) waits for this submission, or
    // this submission for it, so no report is submitted without a required file (attack pass).
    await tx.$queryRaw`SELECT id FROM "ProgressReport" WHERE id = ${report.id} FOR NO KEY UPDATE`;
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
    // Upsert: a test reset may have put submissionCount back while keeping older snapshots.
    const submission = {
      submittedAt: now,
      snapshot: await submissionSnapshot(tx, report.id, detail!.values),
    };
    await tx.reportSubmission.upsert({
      where: { reportId_number: { reportId: report.id, number: report.submissionCount + 1 } },
      create: { reportId: report.id, number: report.submissionCount + 1, ...submission },
      update: submission,
    });
    await writeAudit(tx, actor, "report.submit", report.id, {
      before: { status: report.status, version: data.expectedVersion },
      after: { status: next, version },
    });
    return { version };
  });
}

/**
 * What the township hands in with a submission (lib/domain/review-flow.ts SubmissionSnapshot):
 * the values already read by the submit, the project progress and the evidence metadata.
 */
async function submissionSnapshot(
  tx: Tx,
  reportId: number,
  values: { indicatorId: number; value: Prisma.Decimal | null }[],
): Promise<SubmissionSnapshot> {
  const progress = await tx.projectProgress.findMany({ where: { reportId } });
  const evidence = await tx.evidence.findMany({
    where: { reportId },
    select: { id: true, fileName: true, indicatorId: true, projectId: true },
    orderBy: { id: "asc" },
  });
  return {
    values: Object.fromEntries(values.map((v) => [v.indicatorId, v.value?.toFixed() ?? null])),
    projects: Object.fromEntries(
      progress.map((p) => [
        p.projectId,
        {
          completed: p.completedInvestmentWan.toFixed(),
          percent: p.percentComplete.toFixed(),
          status: p.status,
          note: p.note,
        },
      ]),
    ),
    evidence,
  };
}

/** Why a report of a bulk action was left as it was. */
export type BulkSkipReason = "alreadyDone" | "notReady" | "changed";

/** What a bulk action did: the reports it changed and those it skipped, with the reason. */
export type BulkResult = {
  done: number[];
  skipped: { reportId: number; reason: BulkSkipReason }[];
};

/**
 * Runs `one` on each listed report in the caller's transaction, skipping (not failing on) a
 * report that is already past the transition (`doneStatuses`), not in a status the transition
 * starts from, or changed since the version the user saw. A report out of the actor's scope
 * fails the whole batch (NOT_FOUND), as a single action would. Rows are locked reports first,
 * then (confirmations) their tasks, each in id order — the order every confirmation takes them.
 * @throws AppError FORBIDDEN | NOT_FOUND | CONFLICT (year closed)
 */
async function bulkTransition(
  tx: Tx,
  actor: Actor,
  transition: ReportTransition,
  doneStatuses: readonly ReportStatus[],
  reports: { reportId: number; expectedVersion: number }[],
  one: (reportId: number, expectedVersion: number) => Promise<unknown>,
): Promise<BulkResult> {
  const scope = authorize(actor, transitionAction[transition]);
  const result: BulkResult = { done: [], skipped: [] };
  // The listed reports are locked first (in id order, so two batches never wait on each
  // other): what the skip check reads is what the transition then finds, and a report another
  // reviewer changed a moment ago is skipped as "changed" instead of failing the batch.
  const ids = join(reports.map((r) => r.reportId));
  await tx.$queryRaw(
    toPrismaSql(
      sql`SELECT id FROM "ProgressReport" WHERE id IN (${ids}) ORDER BY id FOR NO KEY UPDATE`,
    ),
  );
  // A confirmation also locks its report's task (confirmOne); here all of them, in id order,
  // after the reports as a single confirmation does: taken one by one in the order of the list,
  // two batches of different periods of the same towns deadlocked (the attack pass).
  if (transition === "confirm") {
    await tx.$queryRaw(
      toPrismaSql(sql`
        SELECT id FROM "CreationTask"
        WHERE id IN (SELECT "taskId" FROM "ProgressReport" WHERE id IN (${ids}))
        ORDER BY id FOR NO KEY UPDATE`),
    );
  }
  for (const { reportId, expectedVersion } of reports) {
    const current = scope.found(
      await tx.progressReport.findFirst({
        where: { AND: [{ id: reportId }, scope.reports] },
        select: { status: true, version: true },
      }),
      { reportId },
    );
    const reason: BulkSkipReason | null = doneStatuses.includes(current.status)
      ? "alreadyDone"
      : !nextStatus(current.status, transition)
        ? "notReady"
        : current.version !== expectedVersion
          ? "changed"
          : null;
    if (reason) {
      result.skipped.push({ reportId, reason });
    } else {
      await one(reportId, expectedVersion);
      result.done.push(reportId);
    }
  }
  return result;
}

/**
 * The shared start of a county approval or a city confirmation: loads the report for the
 * transition, moves it (with its time stamp) and records the review decision with its comment.
 */
async function recordDecision(
  tx: Tx,
  actor: Actor,
  transition: "approve" | "confirm",
  reportId: number,
  expectedVersion: number,
  comment: string | undefined,
) {
  const { report, next } = await loadForTransition(
    tx,
    actor,
    transition,
    reportId,
    expectedVersion,
  );
  const now = new Date();
  const version = await bumpVersion(
    tx,
    report,
    expectedVersion,
    transition === "approve"
      ? { status: next, approvedAt: now }
      : { status: next, confirmedAt: now },
  );
  await tx.review.create({
    data: {
      reportId,
      reviewerId: actor.id,
      decision: transition === "approve" ? "APPROVE" : "CONFIRM",
      comment: comment || null,
      reportVersion: expectedVersion,
    },
  });
  return { report, next, version };
}

/** One county approval inside a transaction (shared by approve and bulk approve). */
async function approveOne(
  tx: Tx,
  actor: Actor,
  reportId: number,
  expectedVersion: number,
  comment: string | undefined,
): Promise<number> {
  const { report, next, version } = await recordDecision(
    tx,
    actor,
    "approve",
    reportId,
    expectedVersion,
    comment,
  );
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
 * Approves the ticked submitted reports in one transaction; a report already approved (or
 * confirmed), no longer submitted, or changed since the queue showed it is skipped with the
 * reason, so the reviewer is told "3 approved, 1 skipped: already approved".
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND (one report out of scope: nothing approved)
 */
export async function bulkApproveReports(actor: Actor, input: unknown): Promise<BulkResult> {
  const data = bulkApproveSchema.parse(input);
  return db().$transaction((tx) =>
    bulkTransition(tx, actor, "approve", ACCEPTED_REPORT_STATUSES, data.reports, (id, version) =>
      approveOne(tx, actor, id, version, undefined),
    ),
  );
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
 * One city confirmation inside a transaction (shared by confirm and bulk confirm). The task's
 * projects take this report's progress as their completed figures (schema: Project holds the
 * latest confirmed progress) unless a later period of the task is already confirmed.
 */
async function confirmOne(
  tx: Tx,
  actor: Actor,
  reportId: number,
  expectedVersion: number,
  comment: string | undefined,
): Promise<number> {
  const { report, next, version } = await recordDecision(
    tx,
    actor,
    "confirm",
    reportId,
    expectedVersion,
    comment,
  );
  // One confirmation at a time per task: two periods confirmed at once would each count no
  // later confirmed period and the older could write the projects last (attack pass).
  await tx.$queryRaw`SELECT id FROM "CreationTask" WHERE id = ${report.task.id} FOR NO KEY UPDATE`;
  const later = await tx.progressReport.count({
    where: {
      taskId: report.task.id,
      status: "CITY_CONFIRMED",
      period: { index: { gt: report.period.index } },
    },
  });
  if (later === 0) {
    const progress = await tx.projectProgress.findMany({ where: { reportId } });
    for (const p of progress) {
      await tx.project.update({
        where: { id: p.projectId },
        data: { completedInvestmentWan: p.completedInvestmentWan, status: p.status },
      });
    }
  }
  await writeAudit(tx, actor, "report.confirm", reportId, {
    before: { status: report.status, version: expectedVersion },
    after: { status: next, version },
  });
  return version;
}

/**
 * City confirmation (市级审核) of a county-approved report (see confirmOne).
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | CONFLICT
 */
export async function confirmReport(actor: Actor, input: unknown): Promise<{ version: number }> {
  const data = reportVersionSchema.parse(input);
  return db().$transaction(async (tx) => ({
    version: await confirmOne(tx, actor, data.reportId, data.expectedVersion, data.comment),
  }));
}

/**
 * Confirms the ticked county-approved reports in one transaction, skipping those already
 * confirmed, no longer county-approved or changed since the queue showed them (see
 * bulkTransition).
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND (one report out of scope: nothing confirmed)
 */
export async function bulkConfirmReports(actor: Actor, input: unknown): Promise<BulkResult> {
  const data = bulkApproveSchema.parse(input);
  return db().$transaction((tx) =>
    bulkTransition(tx, actor, "confirm", ["CITY_CONFIRMED"], data.reports, (id, version) =>
      confirmOne(tx, actor, id, version, undefined),
    ),
  );
}

/**
 * The city returns a county-approved report to the county's review queue (status SUBMITTED)
 * with a comment the county reviewer sees on the review screen (a CITY_RETURN review). The
 * county then approves it again or returns it to the township.
 * @throws ZodError (comment required); AppError FORBIDDEN | NOT_FOUND | CONFLICT
 */
export async function returnToCounty(actor: Actor, input: unknown): Promise<{ version: number }> {
  const data = returnToCountySchema.parse(input);
  return db().$transaction(async (tx) => {
    const { report, next } = await loadForTransition(
      tx,
      actor,
      "returnToCounty",
      data.reportId,
      data.expectedVersion,
    );
    const version = await bumpVersion(tx, report, data.expectedVersion, {
      status: next,
      approvedAt: null,
    });
    await tx.review.create({
      data: {
        reportId: report.id,
        reviewerId: actor.id,
        decision: "CITY_RETURN",
        comment: data.comment,
        reportVersion: data.expectedVersion,
      },
    });
    await writeAudit(tx, actor, "report.returnToCounty", report.id, {
      before: { status: report.status, version: data.expectedVersion },
      after: { status: next, version },
    });
    return { version };
  });
}

/**
 * Starts the report of a period for a town's task of that year: an empty DRAFT, or the
 * existing report when there is one (so a double click starts nothing twice).
 * @returns the report id; `created` is false when the report already existed (nothing written, no audit row).
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND (town out of scope, no task that year, no such period)
 */
export async function openReport(
  actor: Actor,
  input: unknown,
): Promise<{ id: number; created: boolean }> {
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
    if (existing) return { id: existing.id, created: false };
    const report = await tx.progressReport.create({
      data: { taskId: task!.id, periodId: period.id },
      select: { id: true },
    });
    await writeAudit(tx, actor, "report.create", report.id, {
      after: { townCode: data.townCode, year: data.year, periodIndex: data.periodIndex },
    });
    return { id: report.id, created: true };
  });
}
