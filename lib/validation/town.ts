/**
 * zod schemas of the town register (乡镇名册): title events (达标 / 样板 awarded, 摘帽 stripped)
 * with the date they take effect and the document that decided them. Messages are keys of the
 * `validation` and `towns` catalogues.
 */
import { z } from "zod";
import { parseCalendarDate } from "@/lib/domain/calendar";

/** A real calendar date typed as YYYY-MM-DD (or 2024年6月15日, 2024/6/15): "YYYY-MM-DD". */
export const calendarDateText = z
  .string()
  .trim()
  .transform((text, ctx) => {
    const date = parseCalendarDate(text);
    if (!date || /^\d+$/.test(text)) {
      ctx.addIssue({ code: "custom", message: "validation.date" });
      return z.NEVER;
    }
    return date;
  });

/** Awards or strips a title of a town. An award names the creation year whose work earned it. */
export const titleEventSchema = z
  .object({
    townCode: z.string().regex(/^\d{9}$/, "validation.codeFormat"),
    kind: z.enum(["TITLE_AWARDED", "TITLE_STRIPPED"], { error: "validation.invalidChoice" }),
    title: z.enum(["BASIC_COMPLIANCE", "PROVINCIAL_SAMPLE"], { error: "validation.invalidChoice" }),
    effectiveOn: calendarDateText,
    year: z.coerce.number().int().min(2019).max(2100).optional(),
    document: z.string().trim().min(1, "towns.documentRequired").max(200, "validation.tooLong"),
    note: z.string().trim().max(1000, "validation.tooLong").optional(),
  })
  .refine((e) => e.kind === "TITLE_STRIPPED" || e.year !== undefined, {
    path: ["year"],
    message: "towns.awardYearRequired",
  });
