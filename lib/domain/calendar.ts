/**
 * Calendar dates in Asia/Shanghai (UTC+8, no daylight saving). `@db.Date` columns come back as
 * UTC midnight of the date, so "today" is built the same way before comparing.
 */

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/**
 * The instant the programme's rules are judged at: the real clock, or the ISO instant in
 * MEIZHEN_NOW where a test or a recorded demo pins it (never set in production). Timestamps of
 * writes always use the real clock.
 */
export function currentInstant(): Date {
  const pinned = typeof process === "undefined" ? undefined : process.env.MEIZHEN_NOW;
  const date = pinned ? new Date(pinned) : new Date();
  return Number.isNaN(date.getTime()) ? new Date() : date;
}

/** Today's Shanghai calendar date at `now`, as UTC midnight (comparable with `@db.Date`). */
export function shanghaiToday(now: Date = currentInstant()): Date {
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

/** Excel's day 0 (its serials count days from 1899-12-30, past the fictitious 1900-02-29). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

const DATE_FORMS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/,
];

/**
 * Reads a calendar date as people type it in a spreadsheet: "2023-12-31", "2023/12/31",
 * "2023-1-5", "2023.12.31", "2023年12月31日" (full-width digits too), or an Excel date serial
 * held by a number cell (45291 = 2023-12-31; a time fraction is ignored). Digits typed as text
 * ("45291" in a CSV or a form) are not a date. A date cell read by lib/import/table.ts already
 * arrives as "YYYY-MM-DD".
 * @returns the date as "YYYY-MM-DD", or null when the text is not a real calendar date (an
 *   impossible day, or a year before 100 that JavaScript would read as 19xx).
 */
export function parseCalendarDate(raw: string | number | null): string | null {
  if (raw === null) return null;
  const text = String(raw)
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, "");
  if (typeof raw === "number") {
    const serial = Math.floor(raw);
    if (!(serial >= 61)) return null; // before 1900-03-01 the serials are off by one
    return new Date(EXCEL_EPOCH_MS + serial * DAY_MS).toISOString().slice(0, 10);
  }
  for (const form of DATE_FORMS) {
    const match = form.exec(text);
    if (!match) continue;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    // Date.UTC reads years 0–99 as 1900–1999 ("0001-01-01" became 1901-01-01): refuse, with
    // the impossible days (2023-02-30), any date whose year, month or day did not survive.
    if (
      date.getUTCFullYear() !== year ||
      date.getUTCMonth() !== month - 1 ||
      date.getUTCDate() !== day
    ) {
      return null;
    }
    return date.toISOString().slice(0, 10);
  }
  return null;
}

/** A calendar date (UTC midnight, as `@db.Date` columns hold it) as "YYYY-MM-DD". */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** "YYYY-MM-DD" as UTC midnight of that calendar date (the form `@db.Date` columns take). */
export function fromIsoDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/**
 * True for an ISO calendar date ("YYYY-MM-DD") of the years 1900–2999: the dates the
 * programme's records and filters can mean. Year 0 from a URL (`to=0000-01-01`) became a
 * timestamp before year 1 that the database driver could not send (500, issue 14).
 */
export function isPlausibleIsoDate(iso: string): boolean {
  return iso >= "1900-01-01" && iso <= "2999-12-31";
}

/** Midnight at the start of a Shanghai calendar date ("YYYY-MM-DD"), as an instant. */
export function shanghaiMidnight(iso: string): Date {
  return new Date(`${iso}T00:00:00+08:00`);
}

/**
 * The same calendar date `years` later (or earlier), as `@db.Date` columns hold it; 29 February
 * becomes 28 February in a year without it (e.g. a deadline copied to the next year's scheme).
 */
export function addYears(date: Date, years: number): Date {
  const year = date.getUTCFullYear() + years;
  const month = date.getUTCMonth();
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)));
}
