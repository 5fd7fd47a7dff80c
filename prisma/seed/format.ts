/**
 * Small value helpers for the demo data: calendar dates, fixed instants, and exact decimal
 * strings (Prisma takes Decimal columns as strings, so no float ever reaches the database).
 */

/** A calendar date as Prisma stores a `@db.Date`: UTC midnight of that date. */
export function calendarDate(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day));
}

/** `date` moved by `days` calendar days (UTC arithmetic, so no DST surprises). */
export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

/**
 * An instant at a Shanghai wall-clock time on the calendar date `date` (UTC midnight of it).
 * @param hour 0–23 local time, @param minute 0–59.
 */
export function shanghaiTime(date: Date, hour: number, minute = 0): Date {
  return new Date(date.getTime() + (hour - 8) * 3_600_000 + minute * 60_000);
}

/** Formats an integer number of hundredths as a 2-place decimal string (31264 → "312.64"). */
export function hundredths(value: number): string {
  if (!Number.isInteger(value)) throw new Error(`hundredths(${value}): not an integer`);
  const sign = value < 0 ? "-" : "";
  const abs = Math.abs(value);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** Formats an integer number of tenths as a 1-place decimal string (953 → "95.3"). */
export function tenths(value: number): string {
  if (!Number.isInteger(value)) throw new Error(`tenths(${value}): not an integer`);
  const sign = value < 0 ? "-" : "";
  const abs = Math.abs(value);
  return `${sign}${Math.floor(abs / 10)}.${abs % 10}`;
}

/** Rounds half-up to 2 places and returns the value in hundredths (an integer). */
export function toHundredths(value: number): number {
  return Math.round(value * 100 + 1e-9);
}
