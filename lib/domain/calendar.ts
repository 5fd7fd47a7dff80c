/**
 * Calendar dates in Asia/Shanghai (UTC+8, no daylight saving). `@db.Date` columns come back as
 * UTC midnight of the date, so "today" is built the same way before comparing.
 */

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Today's Shanghai calendar date at `now`, as UTC midnight (comparable with `@db.Date`). */
export function shanghaiToday(now: Date = new Date()): Date {
  const local = now.getTime() + SHANGHAI_OFFSET_MS;
  return new Date(local - (((local % DAY_MS) + DAY_MS) % DAY_MS));
}

/**
 * Whole days from `today` to `due` (both calendar dates as UTC midnight): 0 on the due date,
 * negative once it has passed (−3 = three days late).
 */
export function daysUntil(due: Date, today: Date): number {
  return Math.round((due.getTime() - today.getTime()) / DAY_MS);
}
