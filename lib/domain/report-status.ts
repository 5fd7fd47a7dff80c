/**
 * The progress-report workflow (issue 4, item 3) as a pure state machine:
 *
 *   DRAFT ──submit──▶ SUBMITTED ──approve──▶ COUNTY_APPROVED ──confirm──▶ CITY_CONFIRMED
 *     ▲ save            │  return  ▲                  │
 *     └─ RETURNED ◀─────┘          └─returnToCounty───┘
 *        (save keeps RETURNED; submit again = resubmission)
 *
 * returnToCounty (issue 13): the city sends a county-approved report back to the county's
 * review queue with a comment (a CITY_RETURN review); the county then approves it again or
 * returns it to the township.
 *
 * Each transition belongs to one access action (lib/access.ts), so the role check and the
 * status check are both answered here and in access.ts, never by hand in a mutation.
 * Only DRAFT and RETURNED reports are editable: a submitted report is read-only for the township.
 */
import type { Action } from "@/lib/access";
import type { ReportStatus } from "@/lib/generated/prisma/enums";
import { enumList, type Sql } from "./sql";

/** What can happen to a report. `save` is a draft save (values, projects, narrative, evidence). */
export type ReportTransition =
  "save" | "submit" | "approve" | "return" | "confirm" | "returnToCounty";

/** Every transition, in workflow order. */
export const reportTransitions: readonly ReportTransition[] = [
  "save",
  "submit",
  "approve",
  "return",
  "confirm",
  "returnToCounty",
];

/** The access action (lib/access.ts actionCatalogue) each transition requires. */
export const transitionAction: Record<ReportTransition, Action> = {
  save: "report.edit",
  submit: "report.submit",
  approve: "report.review",
  return: "report.review",
  confirm: "report.confirm",
  returnToCounty: "report.returnToCounty",
};

/** status → transition → next status; a missing entry is an illegal transition. */
const machine: Record<ReportStatus, Partial<Record<ReportTransition, ReportStatus>>> = {
  DRAFT: { save: "DRAFT", submit: "SUBMITTED" },
  RETURNED: { save: "RETURNED", submit: "SUBMITTED" },
  SUBMITTED: { approve: "COUNTY_APPROVED", return: "RETURNED" },
  COUNTY_APPROVED: { confirm: "CITY_CONFIRMED", returnToCounty: "SUBMITTED" },
  CITY_CONFIRMED: {},
};

/** The status after `transition` from `status`, or null when the transition is illegal there. */
export function nextStatus(
  status: ReportStatus,
  transition: ReportTransition,
): ReportStatus | null {
  return machine[status][transition] ?? null;
}

/** The transitions legal from `status` (ignoring who asks). */
export function legalTransitions(status: ReportStatus): ReportTransition[] {
  return reportTransitions.filter((transition) => nextStatus(status, transition) !== null);
}

/** True while the township may still change the report (DRAFT or RETURNED). */
export function isEditable(status: ReportStatus): boolean {
  return nextStatus(status, "save") !== null;
}

/** The statuses a transition may start from (for scoped `where` clauses and queues). */
export function statusesAllowing(transition: ReportTransition): ReportStatus[] {
  return (Object.keys(machine) as ReportStatus[]).filter(
    (status) => nextStatus(status, transition) !== null,
  );
}

/**
 * Statuses of a report the county has accepted (COUNTY_APPROVED, CITY_CONFIRMED): the only
 * reports whose values count in figures (lib/domain/figures.ts).
 */
export const ACCEPTED_REPORT_STATUSES = [
  "COUNTY_APPROVED",
  "CITY_CONFIRMED",
] as const satisfies readonly ReportStatus[];

/**
 * Statuses of a report that is still the township's to finish: those it may still edit (DRAFT,
 * RETURNED). With "no report yet" these make a report outstanding (lib/domain/reporting.ts).
 */
export const OUTSTANDING_REPORT_STATUSES: readonly ReportStatus[] = statusesAllowing("save");

/** Statuses of a report that has been handed in and not sent back: the complement of the above. */
export const SUBMITTED_REPORT_STATUSES: readonly ReportStatus[] = (
  Object.keys(machine) as ReportStatus[]
).filter((status) => !OUTSTANDING_REPORT_STATUSES.includes(status));

/** True when the county has accepted a report with this status. */
export function isAccepted(status: ReportStatus): boolean {
  return (ACCEPTED_REPORT_STATUSES as readonly ReportStatus[]).includes(status);
}

/** SQL `IN` list of {@link ACCEPTED_REPORT_STATUSES}. */
export const acceptedStatusesSql: Sql = enumList(ACCEPTED_REPORT_STATUSES);

/** SQL `IN` list of {@link SUBMITTED_REPORT_STATUSES}. */
export const submittedStatusesSql: Sql = enumList(SUBMITTED_REPORT_STATUSES);

/** SQL `IN` list of {@link OUTSTANDING_REPORT_STATUSES}. */
export const outstandingStatusesSql: Sql = enumList(OUTSTANDING_REPORT_STATUSES);
