/**
 * Belts and circles by year (诗画风光带 / 美镇圈): the one rule of which belts, circles and
 * memberships count in a programme year, and the checks that keep a change from rewriting the
 * past.
 *
 * - A belt or circle counts in year Y when fromYear ≤ Y and (untilYear is null or Y ≤ untilYear).
 * - A membership (a town in a circle) counts in Y when it and its circle both count in Y.
 * - A circle's years lie within its belt's; a membership's within its circle's ({@link spanWithin},
 *   {@link clampToCircle}).
 * - A circle's memberships have exactly one lead town in every year any of them counts
 *   ({@link leadProblemYears}).
 * - A change must not alter what counts in a CLOSED year ({@link changedYears}); a circle or a
 *   membership that counted in a CLOSED year is ended ("until last year"), never deleted.
 *
 * The same rule in three forms: TypeScript ({@link countsIn}, {@link membershipCountsIn}), Prisma
 * filters ({@link countsWhere}, {@link membershipCountsWhere}) and SQL ({@link countsSql},
 * {@link membershipCountsSql}). Years are programme years (integers, e.g. 2026).
 */
import { sql, type Sql } from "./sql";

/** The years something counts in: fromYear to untilYear, both included (null = still running). */
export type YearSpan = { fromYear: number; untilYear: number | null };

/** True when `span` counts in `year`. */
export function countsIn(span: YearSpan, year: number): boolean {
  return span.fromYear <= year && (span.untilYear === null || year <= span.untilYear);
}

/** True when a membership counts in `year`: it and its circle both count then. */
export function membershipCountsIn(membership: YearSpan, circle: YearSpan, year: number): boolean {
  return countsIn(membership, year) && countsIn(circle, year);
}

/**
 * Prisma filter on a model with fromYear/untilYear (Belt, TownCircle, TownCircleTown): the rows
 * counting in `year`.
 */
export function countsWhere(year: number) {
  return {
    fromYear: { lte: year },
    OR: [{ untilYear: null }, { untilYear: { gte: year } }],
  };
}

/** Prisma filter on TownCircleTown: the memberships counting in `year` (their circle too). */
export function membershipCountsWhere(year: number) {
  return { AND: [countsWhere(year), { circle: countsWhere(year) }] };
}

/** SQL condition on an alias with "fromYear"/"untilYear" (a belt, circle or membership). */
export function countsSql(alias: Sql, year: number): Sql {
  return sql`(${alias}."fromYear" <= ${year} AND (${alias}."untilYear" IS NULL OR ${alias}."untilYear" >= ${year}))`;
}

/** SQL condition on a "TownCircleTown" alias and its "TownCircle" alias: counts in `year`. */
export function membershipCountsSql(membership: Sql, circle: Sql, year: number): Sql {
  return sql`${countsSql(membership, year)} AND ${countsSql(circle, year)}`;
}

/** True when `inner` lies within `outer` (an open end only within an open end). */
export function spanWithin(inner: YearSpan, outer: YearSpan): boolean {
  if (inner.fromYear < outer.fromYear) return false;
  if (outer.untilYear === null) return true;
  return inner.untilYear !== null && inner.untilYear <= outer.untilYear;
}

/** True when the span is well formed: untilYear, if any, not before fromYear. */
export function spanValid(span: YearSpan): boolean {
  return span.untilYear === null || span.untilYear >= span.fromYear;
}

/**
 * A membership's years cut to its circle's: the years it actually counts in (a membership
 * counts only while its circle does), so cutting never changes what counts. Compare memberships
 * before and after a change with {@link changedYears} on these.
 * @returns null when nothing is left (the membership can never count and should go).
 */
export function clampToCircle(membership: YearSpan, circle: YearSpan): YearSpan | null {
  const fromYear = Math.max(membership.fromYear, circle.fromYear);
  const untils = [membership.untilYear, circle.untilYear].filter((y): y is number => y !== null);
  const untilYear = untils.length > 0 ? Math.min(...untils) : null;
  return untilYear !== null && untilYear < fromYear ? null : { fromYear, untilYear };
}

/**
 * The `years` in which counting differs between `before` and `after` (null = no such row, it
 * counts nowhere). Pass the CLOSED years: an empty answer means the change leaves them alone.
 */
export function changedYears(
  before: YearSpan | null,
  after: YearSpan | null,
  years: readonly number[],
): number[] {
  const counts = (span: YearSpan | null, year: number) => span !== null && countsIn(span, year);
  return years.filter((year) => counts(before, year) !== counts(after, year));
}

/** The `years` in which `span` counts (e.g. the CLOSED years a row counted in). */
export function yearsCounted(span: YearSpan, years: readonly number[]): number[] {
  return years.filter((year) => countsIn(span, year));
}

/**
 * The years in which a circle's memberships do not have exactly one lead town among those
 * counting, ascending (empty = the rule holds). Only years in which the circle and at least one
 * membership count are checked; an open end is checked once, as "every later year", at the
 * year after the last boundary.
 */
export function leadProblemYears(
  circle: YearSpan,
  memberships: readonly (YearSpan & { isLead: boolean })[],
): number[] {
  if (memberships.length === 0) return [];
  const bounds = memberships.flatMap((m) => [m.fromYear, m.untilYear ?? m.fromYear]);
  bounds.push(circle.fromYear, circle.untilYear ?? circle.fromYear);
  const first = Math.min(...bounds);
  const last = Math.max(...bounds) + 1;
  const problems: number[] = [];
  for (let year = first; year <= last; year++) {
    const counting = memberships.filter((m) => membershipCountsIn(m, circle, year));
    if (counting.length === 0) continue;
    if (counting.filter((m) => m.isLead).length !== 1) problems.push(year);
  }
  return problems;
}

/** True when two spans share at least one year. */
export function spansOverlap(a: YearSpan, b: YearSpan): boolean {
  const aEnd = a.untilYear ?? Infinity;
  const bEnd = b.untilYear ?? Infinity;
  return a.fromYear <= bEnd && b.fromYear <= aEnd;
}
