/**
 * zod schemas for the creation list (创建名单): bulk-setting the tasks of a year and publishing
 * them. Messages are keys of the `validation` and `tasks` catalogues.
 */
import { z } from "zod";
import { storableString } from "./text";
import { idKey, keyedRecord } from "./keys";
import { parseCalendarDate } from "@/lib/domain/calendar";
import { normalizeNumberText } from "@/lib/domain/indicator-value";
import { CreationTarget, Dimension, Track } from "@/lib/generated/prisma/enums";

const townCodes = z
  .array(z.string().regex(/^\d{9}$/, "validation.codeFormat"))
  .min(1, "tasks.noneSelected")
  .max(500);
const year = z.coerce.number().int().min(2000).max(2100);

/** Sets target, track and deadline (a calendar date, YYYY-MM-DD) on the chosen towns' tasks. */
export const setTasksSchema = z.object({
  year,
  townCodes,
  target: z.enum(CreationTarget, { error: "validation.invalidChoice" }),
  track: z.enum(Track, { error: "validation.invalidChoice" }),
  // A real calendar date: 2023-02-30 is refused, never rolled over to March.
  deadline: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "validation.format")
    .refine((v) => parseCalendarDate(v) === v, "validation.date"),
});

/** Publishes the chosen towns' draft tasks of a year. */
export const publishTasksSchema = z.object({ year, townCodes });

/** The year a creation-list file is imported into (the file itself is checked row by row). */
export const importCreationListSchema = z.object({ year });

// Amounts within their columns (schema.prisma Project): 万元 Decimal(14, 2), 亩 Decimal(12, 2).
const wan = /^\d{1,12}(\.\d{1,2})?$/;
const mu = /^\d{1,10}(\.\d{1,2})?$/;
// Amounts are typed as people write them (1,280.50, full-width digits): the same folding as
// indicator values and imports.
const amountText = z.string().transform(normalizeNumberText);
/** An amount matching `shape` (a number of too many digits: out of range), empty = 0. */
const optionalAmount = (shape: RegExp) =>
  amountText
    .pipe(
      z
        .string()
        .regex(/^\d+(\.\d{1,2})?$/, "tasks.amountFormat")
        .regex(shape, "validation.outOfRange")
        .or(z.literal("")),
    )
    .optional()
    .transform((v) => (v ? v : "0"));
const optionalDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "validation.format")
  .refine((v) => parseCalendarDate(v) === v, "validation.date")
  .or(z.literal(""))
  .optional()
  .transform((v) => (v ? v : null));

/**
 * A construction project (建设项目) of a task: code and name required, planned investment
 * > 0 万元 with at most 2 decimals, special bonds (万元) and land (亩) ≥ 0 (empty = 0),
 * optional dimension and calendar dates (YYYY-MM-DD). `id` present = edit.
 */
export const projectSchema = z.object({
  taskId: z.coerce.number().int().positive(),
  id: z.coerce.number().int().positive().optional(),
  code: storableString().trim().min(1, "tasks.projectCodeRequired").max(50),
  name: storableString().trim().min(1, "tasks.projectNameRequired").max(200),
  dimension: z
    .enum(Dimension, { error: "validation.invalidChoice" })
    .or(z.literal(""))
    .optional()
    .transform((v) => (v ? v : null)),
  plannedInvestmentWan: amountText.pipe(
    z
      .string()
      .regex(wan, "tasks.amountFormat")
      .refine((v) => Number(v) > 0, "tasks.plannedPositive"),
  ),
  specialBondsWan: optionalAmount(wan),
  // 12 digits passed here and overflowed the column: a 500, then a 400 without its field.
  landSuppliedMu: optionalAmount(mu),
  startsOn: optionalDate,
  endsOn: optionalDate,
});

/** Deletes one project of a task. */
export const deleteProjectSchema = z.object({
  taskId: z.coerce.number().int().positive(),
  id: z.coerce.number().int().positive(),
});

/** The indicator targets of a task: indicator id → typed text (empty = no target). */
export const targetsSchema = z.object({
  taskId: z.coerce.number().int().positive(),
  targets: keyedRecord(idKey, z.string().max(50)),
});
