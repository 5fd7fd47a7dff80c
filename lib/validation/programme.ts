/**
 * zod schemas of programme administration (创建管理): years and their settings. Messages are
 * keys of the `validation` and `programmeYears` catalogues.
 */
import { z } from "zod";
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
