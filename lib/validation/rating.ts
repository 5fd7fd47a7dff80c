/**
 * zod schemas of star ratings (省级样板星级评价): score sheets, self-assessments, the city's
 * decisions, the rated list and panels, and scheme settings. Typed points stay text here: the
 * rating arithmetic (lib/domain/rating.ts) reads them. Messages are keys of the `validation`,
 * `ratings`, `ratingSchemes` and `starBands` catalogues.
 */
import { z } from "zod";
import { storableString } from "./text";
import { criterionCodeKey, idKey, keyedRecord } from "./keys";
import { isPlausibleIsoDate } from "@/lib/domain/calendar";
import { checkStarBands } from "@/lib/domain/star-rating";

const id = z.coerce.number().int().positive().max(2_147_483_647);
const version = z.coerce.number().int().min(0).max(2_147_483_647);
const text = (max: number) => storableString().trim().max(max, "validation.tooLong");
const year = z.coerce.number().int().min(2019).max(2100);
const townCode = z.string().regex(/^\d{9}$/, "validation.codeFormat");

/** One criterion's choice: yes/no, a tier index, or typed text (points or occurrences). */
const choice = z.union([z.boolean(), z.number().int().min(0).max(20), text(20), z.null()]);

/** One item of a sheet: the choices per criterion code and the comment. */
export const sheetItemInput = z.object({
  choices: keyedRecord(criterionCodeKey, choice).default({}),
  comment: text(1000).optional(),
});

/**
 * A save of the reviewer's own sheet of a rating: item id → choices and comment. Only the
 * items present are written. `expectedVersion` 0 creates the sheet.
 */
export const saveSheetSchema = z.object({
  ratingId: id,
  expectedVersion: version,
  items: keyedRecord(idKey, sheetItemInput).default({}),
});

/** Submitting a sheet or a self-assessment at the version last saved. */
export const submitVersionSchema = z.object({ ratingId: id, expectedVersion: version });

/** A save of the town's self-assessment: item id → points (text) and note. */
export const saveSelfAssessmentSchema = z.object({
  ratingId: id,
  expectedVersion: version,
  items: keyedRecord(
    idKey,
    z.object({
      points: z.union([text(20), z.number(), z.null()]).optional(),
      note: text(1000).optional(),
    }),
  ).default({}),
});

/** The item of a rating's self-assessment a file is uploaded to. */
export const selfEvidenceTargetSchema = z.object({ ratingId: id, itemId: id });

/** Links evidence of the town's reports of the year to one item of its self-assessment. */
export const linkEvidenceSchema = z.object({
  ratingId: id,
  itemId: id,
  evidenceId: id,
  linked: z.boolean(),
});

/** The city's decision on a rating. A comment is required to return, a reason to reopen. */
export const ratingDecisionSchema = z
  .object({
    ratingId: id,
    expectedVersion: version,
    decision: z.enum(["APPROVE", "RETURN", "REOPEN"], { error: "validation.invalidChoice" }),
    comment: text(1000).optional(),
  })
  .refine((d) => d.decision === "APPROVE" || (d.comment ?? "").length > 0, {
    path: ["comment"],
    message: "ratings.reasonRequired",
  });

/** The rated list of a year: the towns confirmed by the administrator. */
export const createRatingsSchema = z.object({
  year,
  townCodes: z.array(townCode).min(1, "ratings.noneSelected").max(2000),
});

/** Adds a reviewer (of any county) to a rating's panel, or removes one. */
export const panelistSchema = z.object({
  ratingId: id,
  username: z.string().trim().min(1).max(64),
  remove: z.boolean().default(false),
});

const points = z
  .string()
  .trim()
  .regex(/^\d{1,5}(\.\d{1,2})?$/, "ratings.pointsFormat");
const optionalPoints = z
  .string()
  .trim()
  .transform((v) => (v === "" ? null : v))
  .pipe(points.nullable());
const date = z
  .string()
  .trim()
  .transform((v) => (v === "" ? null : v))
  .pipe(
    z.iso
      .date({ error: "validation.date" })
      .refine(isPlausibleIsoDate, "validation.date")
      .nullable(),
  );
const updatedAt = z.iso.datetime({ offset: true, error: "ratingSchemes.stale" });

/**
 * A scheme's star bands as the settings form sends them: 1 to 5 bands whose stars run 1..n
 * with strictly rising minimums (lib/domain/star-rating.ts checkStarBands; the problem is
 * reported on `bands`). The use case also checks them against the scheme's maximum.
 */
export const bandsSchema = z
  .array(
    z.object({
      stars: z.coerce.number().int().min(1, "starBands.range").max(5, "starBands.range"),
      minPoints: points,
    }),
  )
  .min(1, "ratings.bandsRequired")
  .max(5, "starBands.range")
  .superRefine((bands, ctx) => {
    const [problem] = checkStarBands(bands);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/**
 * True when a scheme's self-assessment is due no later than its score sheets (either may be
 * unset): the panel scores with the town's self-assessment in hand. Dates are "YYYY-MM-DD".
 */
export function deadlinesInOrder(selfDueOn: string | null, sheetsDueOn: string | null): boolean {
  return !selfDueOn || !sheetsDueOn || selfDueOn <= sheetsDueOn;
}

/**
 * A DRAFT scheme's settings, as the settings form sends them (the same schema checks the form in
 * the browser): names, how sheets combine, flag limits (points, blank = no flag), deadlines
 * (calendar dates, blank = none; self-assessment due no later than the sheets), source note, the
 * demo mark and the bands. `expectedUpdatedAt`: the scheme as the form loaded it (optimistic).
 */
export const schemeSettingsSchema = z
  .object({
    schemeId: id,
    expectedUpdatedAt: updatedAt,
    name: text(200).min(1, "validation.required"),
    nameEn: text(200).min(1, "validation.required"),
    combination: z.enum(["MEAN", "TRIMMED_MEAN"], { error: "validation.invalidChoice" }),
    trimMinSheets: z.coerce
      .number({ error: "ratings.trimMin" })
      .int("ratings.trimMin")
      .min(3, "ratings.trimMin")
      .max(20, "ratingSchemes.trimMax"),
    itemSpreadLimit: optionalPoints,
    reviewerDeviationLimit: optionalPoints,
    selfAssessmentDueOn: date,
    sheetsDueOn: date,
    sourceNote: text(2000).transform((v) => (v === "" ? null : v)),
    isDemo: z.boolean(),
    bands: bandsSchema,
  })
  .refine((s) => deadlinesInOrder(s.selfAssessmentDueOn, s.sheetsDueOn), {
    path: ["sheetsDueOn"],
    message: "ratingSchemes.sheetsBeforeSelf",
  });

/** The settings form's input (before parsing). */
export type SchemeSettingsInput = z.input<typeof schemeSettingsSchema>;

/**
 * Starts a new scheme version of a year from the latest scheme of that year or, when it has none,
 * of the year before.
 */
export const newSchemeSchema = z.object({ year });

/**
 * A scheme at the moment the page showed it: for activating, retiring, deleting a draft and
 * importing a file into it (a change made since is refused rather than overwritten).
 */
export const schemeRefSchema = z.object({ schemeId: id, expectedUpdatedAt: updatedAt });
