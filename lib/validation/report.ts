/**
 * zod schemas for progress reports and their review, shared by the report form, the auto-save
 * route, the review screen and the mutations. Messages are keys of the `validation` and
 * `reports` catalogues. Typed numbers stay strings here: lib/domain/indicator-value.ts reads
 * them (full-width digits, thousands separators, half-up rounding), never `Number()`.
 */
import { z } from "zod";
import { storableString } from "./text";
import { idKey, keyedRecord } from "./keys";
import { ProjectStatus } from "@/lib/generated/prisma/enums";

const id = z.coerce.number().int().positive();
const version = z.coerce.number().int().min(1);
const text = (max: number) => storableString().trim().max(max, "validation.tooLong");
/** A typed number or empty: null and "" both mean "not filled". */
const typed = z
  .union([z.string(), z.number(), z.null()])
  .transform((v) => (v === null ? "" : String(v)));

/** One project's progress in a report: investment in 万元, percent 0–100. */
export const projectProgressInput = z.object({
  projectId: id,
  completedInvestmentWan: typed,
  percentComplete: typed,
  status: z.enum(ProjectStatus, { error: "validation.invalidChoice" }),
  note: text(500).optional(),
});

/**
 * A draft save. Only the keys present are written (auto-save sends everything, an import
 * sends its rows): `values` maps indicator id → typed text, `notes` indicator id → note,
 * `confirmations` indicator id → the implausible value the township confirms (as typed) and
 * its note (lib/domain/plausibility.ts; an empty value or note withdraws the confirmation).
 */
export const saveReportSchema = z.object({
  reportId: id,
  expectedVersion: version,
  values: keyedRecord(idKey, typed).default({}),
  notes: keyedRecord(idKey, text(500)).default({}),
  confirmations: keyedRecord(idKey, z.object({ value: typed, note: text(500) })).default({}),
  projects: z.array(projectProgressInput).max(200).default([]),
  narrative: text(5000).optional(),
  selfScore: typed.optional(),
});
export type SaveReportInput = z.input<typeof saveReportSchema>;

/** A transition that only needs the report and the version the user saw. */
export const reportVersionSchema = z.object({
  reportId: id,
  expectedVersion: version,
  comment: text(1000).optional(),
});

/** A county return: an overall comment and/or comments on single indicators or projects. */
export const returnReportSchema = reportVersionSchema
  .extend({
    items: z
      .array(
        z
          .object({
            indicatorId: id.optional(),
            projectId: id.optional(),
            comment: text(1000).min(1, "validation.required"),
          })
          .refine((item) => (item.indicatorId === undefined) !== (item.projectId === undefined), {
            message: "validation.format",
          }),
      )
      .max(200)
      .default([]),
  })
  .refine((input) => input.items.length > 0 || Boolean(input.comment), {
    message: "review.commentRequired",
    path: ["comment"],
  });

/** The city's return to the county: the report, the version seen and a required comment. */
export const returnToCountySchema = reportVersionSchema.extend({
  comment: text(1000).min(1, "validation.required"),
});

/** Bulk approval (county) or confirmation (city): each report with the version shown in the queue. */
export const bulkApproveSchema = z.object({
  reports: z
    .array(z.object({ reportId: id, expectedVersion: version }))
    .min(1)
    .max(200),
});

/** Starting the report of a period (creates an empty draft when none exists). */
export const openReportSchema = z.object({
  townCode: z.string().regex(/^\d{9}$/, "validation.codeFormat"),
  year: z.coerce.number().int().min(2000).max(2100),
  periodIndex: z.coerce.number().int().min(1).max(12),
});
