/**
 * Reporting periods, due and late (进度填报的时限), on Asia/Shanghai calendar dates (`@db.Date`
 * values are UTC midnight of the date; lib/domain/calendar.ts builds "today" the same way).
 *
 * - The current period of a year is the latest one that has begun (startsOn ≤ today); before
 *   the first period begins, a year has none and nothing is due.
 * - A task in the programme (lib/domain/programme.ts) owes one report per period.
 * - A report is outstanding while it does not exist or is still the township's to finish
 *   (OUTSTANDING_REPORT_STATUSES: DRAFT, RETURNED); a returned report is outstanding again.
 * - It is late when it is outstanding after its period's due date: from the day after dueOn.
 *   A report due today is not late yet.
 * - It was submitted on time when its first submission (ProgressReport.firstSubmittedAt) fell
 *   on or before the due date, in Asia/Shanghai; a later resubmission after a return does not
 *   change that (the county assessment's on-time share, lib/domain/county-assessment.ts).
 */
import type { ReportStatus } from "@/lib/generated/prisma/enums";
import { daysUntil, shanghaiToday } from "./calendar";
import { inProgrammeSql } from "./programme";
import { OUTSTANDING_REPORT_STATUSES, outstandingStatusesSql } from "./report-status";
import { raw, sql, type Sql } from "./sql";

/** The period fields these rules read. */
export type PeriodDates = { index: number; startsOn: Date; dueOn: Date };

/** The latest period that has begun by `today`, or null before the first begins. */
export function currentPeriod<P extends PeriodDates>(periods: readonly P[], today: Date): P | null {
  let current: P | null = null;
  for (const period of periods) {
    if (period.startsOn <= today && (!current || period.index > current.index)) current = period;
  }
  return current;
}

/** True while a period's report (null = not started) is the township's to finish. */
export function isOutstanding(status: ReportStatus | null): boolean {
  return status === null || OUTSTANDING_REPORT_STATUSES.includes(status);
}

/**
 * True when a period due on `dueOn` (a calendar date) is past on `today`: from the day after
 * the due date. The one "past due" comparison (late reports, the assessment's on-time share).
 */
export function isPastDue(dueOn: Date, today: Date): boolean {
  return today > dueOn;
}

/** True when the report (null = not started) of a period due on `dueOn` is late on `today`. */
export function isLate(dueOn: Date, status: ReportStatus | null, today: Date): boolean {
  return isOutstanding(status) && isPastDue(dueOn, today);
}

/**
 * True when a report first submitted at `firstSubmittedAt` (an instant; null = never submitted)
 * was on time for a period due on `dueOn` (a calendar date as UTC midnight): submitted on the
 * due date's Shanghai day at the latest.
 */
export function isSubmittedOnTime(firstSubmittedAt: Date | null, dueOn: Date): boolean {
  return firstSubmittedAt !== null && shanghaiToday(firstSubmittedAt) <= dueOn;
}

/** Whole days a period's report is late on `today` (0 on and before the due date). */
export function daysLate(dueOn: Date, today: Date): number {
  return Math.max(0, -daysUntil(dueOn, today));
}

/**
 * SQL condition: a report whose status column is `status` (NULL = not started, from a LEFT JOIN)
 * is outstanding, as {@link isOutstanding}.
 */
export function outstandingSql(status: Sql): Sql {
  return sql`(${status} IS NULL OR ${status} IN ${outstandingStatusesSql})`;
}

/**
 * The reports owed in the periods that `periodWhere` (a condition on the "ReportingPeriod"
 * alias lr_rp) picks: one row per (task in the programme of `year` of a town in `countyIds`,
 * period) with columns "taskId", "townId", "periodId", "periodIndex", "dueOn", "reportId"
 * (NULL = not started) and status (NULL = not started).
 */
function owedReportsSql(
  year: number,
  countyIds: readonly number[],
  periodWhere: Sql,
  reportWhere: Sql = sql`TRUE`,
): Sql {
  const ct = raw("lr_ct");
  return sql`(
    SELECT ${ct}.id AS "taskId", ${ct}."townId", lr_rp.id AS "periodId", lr_rp.index AS "periodIndex",
           lr_rp."dueOn", lr_pr.id AS "reportId", lr_pr.status
    FROM "CreationTask" ${ct}
    JOIN "Town" lr_tw ON lr_tw.id = ${ct}."townId"
    JOIN "ReportingPeriod" lr_rp ON lr_rp.year = ${ct}.year
    LEFT JOIN "ProgressReport" lr_pr ON lr_pr."taskId" = ${ct}.id AND lr_pr."periodId" = lr_rp.id
    WHERE ${ct}.year = ${year} AND ${inProgrammeSql(ct)}
      AND lr_tw."countyId" = ANY(${countyIds as number[]})
      AND ${periodWhere} AND ${reportWhere}
  )`;
}

/**
 * SQL subquery of the reports owed in one period (the dashboards' "due", "submitted", "not yet
 * submitted" of the current period): one row per task in the programme of `year` in
 * `countyIds`, columns as {@link lateReportsSql}; a report is not yet submitted when
 * {@link outstandingSql} holds for its status.
 */
export function periodReportsSql(
  year: number,
  periodId: number,
  countyIds: readonly number[],
): Sql {
  return owedReportsSql(year, countyIds, sql`lr_rp.id = ${periodId}`);
}

/**
 * SQL subquery of the late reports of `year` in `countyIds` on `today` ("YYYY-MM-DD"): one row
 * per (task in the programme, period due before today) whose report is missing or outstanding,
 * with columns "taskId", "townId", "periodId", "periodIndex", "dueOn", "reportId" (NULL = not
 * started) and status (NULL = not started). The one definition behind the dashboards' "late",
 * the review queue's late list and the overdue metric.
 */
export function lateReportsSql(year: number, today: string, countyIds: readonly number[]): Sql {
  return owedReportsSql(
    year,
    countyIds,
    sql`lr_rp."dueOn" < ${today}::date`,
    outstandingSql(raw("lr_pr.status")),
  );
}
