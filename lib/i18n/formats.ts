/**
 * The named formats of next-intl (lib/i18n/request.ts): `date` for calendar dates, `dateTime`
 * for instants to the minute (shown through lib/i18n/dates.ts), `points` and `wan` for
 * 2-decimal figures.
 */
import type { Formats } from "next-intl";

export const formats = {
  dateTime: {
    date: { year: "numeric", month: "2-digit", day: "2-digit" },
    dateTime: {
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    },
  },
  number: {
    points: { minimumFractionDigits: 2, maximumFractionDigits: 2 },
    wan: { minimumFractionDigits: 2, maximumFractionDigits: 2 },
  },
} satisfies Formats;
