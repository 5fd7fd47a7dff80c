/**
 * The one way dates are shown: a calendar date (`date`, e.g. 2026/12/04 in Chinese, 12/04/2026
 * in English) or an instant to the minute (`dateTime`), in Asia/Shanghai, through the named
 * formats of lib/i18n/request.ts. Components call `useDates()` (client components and
 * non-async server components) or `getDates()` (lib/i18n/dates-server.ts, async server
 * components); nothing else formats a date for the screen.
 */
import { useMemo } from "react";
import { useFormatter } from "next-intl";

/** A date as it reaches the UI: a Date, an ISO instant, or a calendar date "YYYY-MM-DD". */
export type DateValue = Date | string;

/** The two formats of the UI. */
export type Dates = {
  /** A calendar date (due dates, deadlines, publication days). */
  date: (value: DateValue) => string;
  /** An instant to the minute (submitted, signed in, changed). */
  dateTime: (value: DateValue) => string;
};

/**
 * `value` as a Date: a calendar date "YYYY-MM-DD" is UTC midnight of that day (as `@db.Date`
 * columns hold it, which is 08:00 of the same day in Asia/Shanghai); any other string is read
 * as an ISO instant.
 */
export function toDate(value: DateValue): Date {
  if (typeof value !== "string") return value;
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
}

/** The formats over next-intl's formatter (which knows the locale and the time zone). */
export function datesOf(format: {
  dateTime: (value: Date, formatName: "date" | "dateTime") => string;
}): Dates {
  return {
    date: (value) => format.dateTime(toDate(value), "date"),
    dateTime: (value) => format.dateTime(toDate(value), "dateTime"),
  };
}

/** The date formats of the current locale, for client and non-async server components. */
export function useDates(): Dates {
  const format = useFormatter();
  return useMemo(() => datesOf(format), [format]);
}
