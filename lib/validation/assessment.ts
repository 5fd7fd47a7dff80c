/**
 * zod schemas of the county performance assessment (考核方案, 录入, 考核结果版本), used by the forms
 * (to mark fields before sending) and by the use cases in lib/assessments (which parse again).
 * Messages are keys of the `validation` and `assessments` catalogues. Numbers are typed as
 * people write them (full-width digits, thousands separators: normalizeNumberText) and kept
 * as decimal strings: points with up to 2 decimals, steps, targets and values with up to 4.
 */
import { z } from "zod";
import { storableString } from "./text";
import { countyCodeKey, keyedRecord } from "./keys";
import { METRIC_NAMES } from "@/lib/domain/county-assessment";
import { normalizeNumberText } from "@/lib/domain/indicator-value";
import {
  AssessmentCategory,
  AssessmentDirection,
  AssessmentItemKind,
  AssessmentScoring,
  AssessmentTieBreaker,
  ExcellentRounding,
} from "@/lib/generated/prisma/enums";

const id = z.coerce.number().int().positive();
const year = z.coerce.number().int().min(2000).max(2100);
const revision = z.coerce.number().int().positive();
const number = z.string().transform(normalizeNumberText);
const choice = <T extends Record<string, string>>(values: T) =>
  z.enum(values, { error: "validation.invalidChoice" });

/** Points: up to 5 digits and 2 decimals, signed. */
const points = number.pipe(z.string().regex(/^-?\d{1,5}(\.\d{1,2})?$/, "assessments.pointsFormat"));
/** A step, target or value in the item's unit: up to 14 digits and 4 decimals, signed. */
const amount = number.pipe(
  z.string().regex(/^-?\d{1,14}(\.\d{1,4})?$/, "assessments.numberFormat"),
);
/** The same, or empty (= none). */
const optionalAmount = number
  .pipe(amount.or(z.literal("")))
  .optional()
  .transform((v) => (v ? v : null));
const optionalPoints = number
  .pipe(points.or(z.literal("")))
  .optional()
  .transform((v) => (v ? v : null));
const optionalText = (max: number) =>
  storableString()
    .trim()
    .max(max, "validation.tooLong")
    .optional()
    .transform((v) => (v ? v : null));

const positive = (v: string | null) => v === null || Number(v) > 0;

/**
 * A scheme's header: names, tie rule, grade bands. excellentPercent is the share of counties
 * graded EXCELLENT as a percentage (30 = the top 30%); PASS may not need more than GOOD.
 * `id` + `expectedRevision` = edit; `year` = create.
 */
export const schemeSchema = z
  .object({
    id: id.optional(),
    expectedRevision: revision.optional(),
    year,
    name: storableString().trim().min(1, "validation.required").max(200, "validation.tooLong"),
    nameEn: storableString().trim().min(1, "validation.required").max(200, "validation.tooLong"),
    tieBreakers: z
      .array(choice(AssessmentTieBreaker))
      .max(3)
      .refine((list) => new Set(list).size === list.length, "assessments.tieBreakerTwice"),
    excellentPercent: number.pipe(
      z
        .string()
        .regex(/^\d{1,3}(\.\d{1,2})?$/, "assessments.percentFormat")
        .refine((v) => Number(v) <= 100, "assessments.percentFormat"),
    ),
    excellentRounding: choice(ExcellentRounding),
    goodMinPoints: points,
    passMinPoints: points,
    sourceNote: optionalText(1000),
  })
  .refine((s) => Number(s.passMinPoints) <= Number(s.goodMinPoints), {
    path: ["passMinPoints"],
    message: "assessments.passAboveGood",
  });

/** One item of a scheme, with the county targets (county code → amount; empty = none). */
export const itemSchema = z
  .object({
    schemeId: id,
    expectedRevision: revision,
    id: id.optional(),
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/, "assessments.codeFormat"),
    name: storableString().trim().min(1, "validation.required").max(200, "validation.tooLong"),
    nameEn: storableString().trim().min(1, "validation.required").max(200, "validation.tooLong"),
    category: choice(AssessmentCategory),
    kind: choice(AssessmentItemKind),
    scoring: choice(AssessmentScoring),
    metric: z
      .string()
      .optional()
      .transform((v) => (v ? v : null)),
    unit: optionalText(20),
    unitEn: optionalText(20),
    direction: choice(AssessmentDirection),
    basePoints: points,
    maxBonusPoints: optionalPoints.transform((v) => v ?? "0"),
    bonusStep: optionalAmount,
    bonusPerStep: optionalPoints,
    deductionStep: optionalAmount,
    deductionPerStep: optionalPoints,
    floorPoints: optionalPoints.transform((v) => v ?? "0"),
    sourceNote: optionalText(1000),
    sortOrder: z.coerce.number().int().min(0).max(9999).default(0),
    targets: keyedRecord(countyCodeKey, optionalAmount).default({}),
  })
  .superRefine((item, ctx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: "custom", path: [path], message });
    if (item.kind === "COMPUTED") {
      if (!item.metric || !(METRIC_NAMES as string[]).includes(item.metric)) {
        issue("metric", "assessments.metricRequired");
      }
      if (item.scoring === "POINTS") issue("scoring", "assessments.computedPoints");
    } else if (item.metric) {
      issue("metric", "assessments.metricOnlyComputed");
    }
    if (item.scoring === "OCCURRENCES") {
      if (item.category === "BONUS" && item.bonusPerStep === null) {
        issue("bonusPerStep", "validation.required");
      } else if (item.category === "DEDUCTION" && item.deductionPerStep === null) {
        issue("deductionPerStep", "validation.required");
      } else if (item.category !== "BONUS" && item.category !== "DEDUCTION") {
        issue("scoring", "assessments.occurrencesCategory");
      }
    }
    if (item.scoring === "TARGET") {
      if ((item.bonusStep === null) !== (item.bonusPerStep === null)) {
        issue(item.bonusStep === null ? "bonusStep" : "bonusPerStep", "assessments.stepPair");
      }
      if ((item.deductionStep === null) !== (item.deductionPerStep === null)) {
        issue(
          item.deductionStep === null ? "deductionStep" : "deductionPerStep",
          "assessments.stepPair",
        );
      }
      if (!positive(item.bonusStep)) issue("bonusStep", "assessments.positive");
      if (!positive(item.deductionStep)) issue("deductionStep", "assessments.positive");
    }
    if (Number(item.floorPoints) > Number(item.basePoints)) {
      issue("floorPoints", "assessments.floorAboveBase");
    }
    if (Number(item.maxBonusPoints) < 0) issue("maxBonusPoints", "assessments.positive");
  });

/** Deletes one item of a draft scheme. */
export const deleteItemSchema = z.object({ schemeId: id, expectedRevision: revision, id });

/** A scheme and the revision the user saw (activate, delete). */
export const schemeRevisionSchema = z.object({ id, expectedRevision: revision });

/** Copies a year's schemes into another year as drafts. */
export const copySchemesSchema = z
  .object({ fromYear: year, toYear: year })
  .refine((c) => c.fromYear !== c.toYear, { path: ["fromYear"], message: "assessments.sameYear" });

/**
 * The city's value of an entered item for one county, with its reason and evidence (a document
 * number or description). expectedRevision: of the entry the user saw (absent for a new one).
 */
export const entrySchema = z.object({
  itemId: id,
  countyCode: z.string().regex(/^\d{6}$/, "validation.codeFormat"),
  value: amount,
  reason: storableString()
    .trim()
    .min(1, "assessments.reasonRequired")
    .max(500, "validation.tooLong"),
  evidence: optionalText(500),
  expectedRevision: revision.optional(),
});

/** Clears one entered value. */
export const deleteEntrySchema = z.object({
  itemId: id,
  countyCode: z.string().regex(/^\d{6}$/, "validation.codeFormat"),
  expectedRevision: revision,
});

/** Starts a year's next run; a recomputation of a published year must say why. */
export const startRunSchema = z.object({
  year,
  reason: optionalText(500),
});

/** A run and the revision the user saw (compute, publish, discard). */
export const runRevisionSchema = z.object({ runId: id, expectedRevision: revision });
