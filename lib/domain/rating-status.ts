/**
 * Where a star rating stands (RatingStatus) and who may see what of it, as pure rules:
 *
 *   SCORING ──every panel sheet submitted──▶ SUBMITTED ──approve──▶ APPROVED
 *      ▲                                        │ return                │ reopen (with a reason)
 *      │ (a panelist added)                     ▼                       ▼
 *      └─────────────────────────────────── RETURNED ◀──────────────────┘
 *   RETURNED ──every sheet resubmitted──▶ SUBMITTED
 *
 * Returning or reopening a rating opens every panel sheet again (the panel revises and
 * resubmits). An APPROVED rating is locked: its result is the town's star level of the year.
 * A reviewer sees other panelists' points only once their own sheet is submitted (blind
 * scoring); township staff see the panel's result only once the city approved it.
 */
import type { Prisma } from "@/lib/generated/prisma/browser";
import type { RatingDecisionKind, RatingStatus, Role } from "@/lib/generated/prisma/enums";
import { enumList, sql, type Sql } from "./sql";

/**
 * The statuses whose stars are the town's star level of the year: an approved rating only
 * (a submitted one may still be returned). Every figure, export and API counting stars reads this.
 */
export const STAR_LEVEL_STATUSES: readonly RatingStatus[] = ["APPROVED"];

/** Prisma filter: ratings whose stars count as the town's star level. */
export const starLevelWhere: Prisma.StarRatingWhereInput = {
  status: { in: [...STAR_LEVEL_STATUSES] },
};

/** True when a rating's stars are the town's star level of the year. */
export function countsAsStarLevel(status: RatingStatus): boolean {
  return STAR_LEVEL_STATUSES.includes(status);
}

/** True when a rating is locked (approved): no sheet, self-assessment or panel change. */
export function isLocked(status: RatingStatus): boolean {
  return status === "APPROVED";
}

/** SQL condition on a "StarRating" alias: its stars count as the town's star level. */
export function starLevelSql(rating: Sql): Sql {
  return sql`${rating}.status IN ${enumList(STAR_LEVEL_STATUSES)}`;
}

/** The status after a sheet was submitted (or a panelist added or removed). */
export function statusAfterSheets(
  current: RatingStatus,
  panelSize: number,
  submittedSheets: number,
): RatingStatus {
  if (isLocked(current)) return current;
  if (panelSize > 0 && submittedSheets >= panelSize) return "SUBMITTED";
  return current === "RETURNED" ? "RETURNED" : "SCORING";
}

/** The city's decisions: the status each starts from and the one it leaves. */
export const RATING_DECISIONS: Record<
  RatingDecisionKind,
  { from: RatingStatus; to: RatingStatus }
> = {
  APPROVE: { from: "SUBMITTED", to: "APPROVED" },
  RETURN: { from: "SUBMITTED", to: "RETURNED" },
  REOPEN: { from: "APPROVED", to: "RETURNED" },
};

/** True while panel sheets may still be changed (not while the city decides, not once approved). */
export function sheetsOpen(status: RatingStatus): boolean {
  return status === "SCORING" || status === "RETURNED";
}

/**
 * Whether a viewer may see every panelist's points: the city always; a reviewer once their own
 * sheet is submitted or the rating approved; township staff never (they see the result).
 */
export function maySeePanelPoints(
  role: Role,
  ownSheetSubmitted: boolean,
  status: RatingStatus,
): boolean {
  if (role === "CITY_ADMIN" || role === "CITY_LEADER") return true;
  if (role === "COUNTY_REVIEWER") return ownSheetSubmitted || status === "APPROVED";
  return false;
}

/** Whether a viewer may see the panel's combined result (total, stars): staff only once approved. */
export function maySeeResult(role: Role, status: RatingStatus): boolean {
  return role !== "TOWNSHIP_STAFF" || countsAsStarLevel(status);
}
