/**
 * The demo's reference date ("today"): the clock's Shanghai date by default, or a date given
 * as `--today=YYYY-MM-DD` or the environment variable DEMO_TODAY. With the same reference date
 * the seed writes the same data, so tests pin it. The reference instant is 10:00 that day in
 * Asia/Shanghai — or, on the real clock before 10:00, the present minute — and every event of
 * the demo data happens at or before it, so no page shows a time later than now.
 */
import { currentInstant, isoDate, parseCalendarDate, shanghaiToday } from "@/lib/domain/calendar";

/** The first programme year (the province started in 2020). */
export const FIRST_YEAR = 2020;

/** The demo's today. */
export type DemoClock = {
  /** "YYYY-MM-DD" in Asia/Shanghai. */
  today: string;
  /**
   * 10:00 on `today` in Asia/Shanghai, or the present minute when the real clock's date is used
   * before 10:00: no event of the data is later.
   */
  now: Date;
  /** The current programme year (the year of `today`), the one that is OPEN. */
  year: number;
};

/**
 * The clock for a reference date.
 * @param today "YYYY-MM-DD", or undefined for the real clock's Shanghai date.
 * @param realNow the real clock (MEIZHEN_NOW when set; tests pass one): used only when `today` is not given.
 * @throws Error when the date is not a real date in the current year or the programme's years.
 */
export function demoClock(today?: string | null, realNow: Date = currentInstant()): DemoClock {
  const date = today ? parseCalendarDate(today) : isoDate(shanghaiToday(realNow));
  if (!date || (today && !/^\d{4}-\d{2}-\d{2}$/.test(today.trim()))) {
    throw new Error(`The demo date must be a real date written YYYY-MM-DD, not "${today}".`);
  }
  const year = Number(date.slice(0, 4));
  if (year < FIRST_YEAR + 3 || year > 2100) {
    throw new Error(
      `The demo date must be in ${FIRST_YEAR + 3} or later (the programme began in ${FIRST_YEAR}).`,
    );
  }
  const tenOClock = new Date(`${date}T10:00:00+08:00`);
  if (today || realNow >= tenOClock) return { today: date, now: tenOClock, year };
  // Seeded on the real clock before 10:00 (the fresh-user trial at 02:30 saw "as of 10:00"):
  // the events end at the present minute. `date` is realNow's own Shanghai date, so the minute
  // is never before that day's midnight.
  return { today: date, now: new Date(Math.floor(realNow.getTime() / 60_000) * 60_000), year };
}

/** The reference date asked for on the command line (`--today=`) or in DEMO_TODAY, if any. */
export function requestedToday(argv: readonly string[] = process.argv): string | undefined {
  const flag = argv.find((a) => a.startsWith("--today="));
  return flag ? flag.slice("--today=".length) : process.env.DEMO_TODAY || undefined;
}
