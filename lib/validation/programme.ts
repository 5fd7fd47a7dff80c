/**
 * zod schemas of programme administration (创建管理): years and their settings. Messages are
 * keys of the `validation` and `programmeYears` catalogues.
 */
import { z } from "zod";
import { periodIssues } from "@/lib/domain/periods";
import { calendarDateText } from "./town";

/** A programme year number (创建年度). */
export const programmeYear = z.coerce
  .number({ error: "validation.yearNumber" })
  .int("validation.yearNumber")
  .min(2019, "validation.yearNumber")
  .max(2100, "validation.yearNumber");

/** The settings of a year that the administrator edits: the default task deadline. */
export const yearSettingsSchema = z.object({
  year: programmeYear,
  /** Calendar date (Asia/Shanghai) "YYYY-MM-DD", or empty to clear. */
  taskDeadlineOn: z.union([z.literal("").transform(() => null), calendarDateText]),
});

/** Creating the next year (newest + 1) as a copy of the newest: its default task deadline. */
export const createYearSchema = z.object({
  /** The year the administrator saw on the button; another one exists by now: CONFLICT. */
  year: programmeYear.optional(),
  /** Calendar date "YYYY-MM-DD", or empty: the new year's tasks are then due on 31 December. */
  taskDeadlineOn: z.union([z.literal("").transform(() => null), calendarDateText]).default(null),
});

/** One reporting period in the editor; names are required in both languages. */
export const periodSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "programmeYears.periods.nameRequired")
    .max(100, "validation.tooLong"),
  nameEn: z
    .string()
    .trim()
    .min(1, "programmeYears.periods.nameRequired")
    .max(100, "validation.tooLong"),
  startsOn: calendarDateText,
  endsOn: calendarDateText,
  dueOn: calendarDateText,
});

/**
 * A year's whole list of reporting periods, in order (index = position, from 1), checked by
 * the one rule lib/domain/periods.ts periodIssues (errors on `periods.<i>.<field>`).
 */
export const yearPeriodsSchema = z
  .object({
    year: programmeYear,
    periods: z
      .array(periodSchema)
      .min(1, "programmeYears.periods.atLeastOne")
      .max(12, "programmeYears.periods.tooMany"),
  })
  .superRefine((data, ctx) => {
    for (const issue of periodIssues(data.year, data.periods)) {
      ctx.addIssue({
        code: "custom",
        path: ["periods", issue.index, issue.field],
        message: issue.key,
      });
    }
  });

/** Opening a year (PLANNING → OPEN). */
export const openYearSchema = z.object({ year: programmeYear });

/** Closing a year (OPEN → CLOSED); `confirmed` acknowledges the warnings of unfinished work. */
export const closeYearSchema = z.object({
  year: programmeYear,
  confirmed: z
    .union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("")])
    .optional()
    .transform((v) => v === true || v === "on" || v === "true"),
});
