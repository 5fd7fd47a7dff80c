/**
 * zod schemas of belts and circles (诗画风光带 / 美镇圈) administration, shared by the forms
 * (checked in the browser before sending) and the use cases in lib/circles/mutations.ts.
 * Messages are keys of the `validation` (core) and `circleAdmin` catalogues. Years are
 * programme years; an empty "until" year means "still running". The year rules themselves
 * (until ≥ from, within the belt's / circle's years, closed years unchanged) are
 * lib/domain/circles.ts; the schemas only call them.
 */
import { z } from "zod";
import { storableString } from "./text";
import { spanValid } from "@/lib/domain/circles";
import { programmeYear } from "./programme";

const text = (max: number) =>
  storableString({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(max, "validation.tooLong");

const optionalText = (max: number) =>
  storableString()
    .trim()
    .max(max, "validation.tooLong")
    .nullish()
    .transform((v) => (v ? v : null));

/** A belt's or circle's code: letters, digits and "-", e.g. "QZ-C23". */
const code = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(40, "validation.tooLong")
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, "circleAdmin.validation.codeFormat")
  // The administration's own path segments (/admin/circles/new, /admin/circles/belts).
  .refine((v) => !["new", "belts"].includes(v.toLowerCase()), "circleAdmin.validation.codeFormat");

/** An optional programme year: "" / null / undefined → null (still running). */
const untilYear = z.preprocess(
  (v) => (v === "" || v === undefined ? null : v),
  programmeYear.nullable(),
);

const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());
const id = z.coerce.number({ error: "validation.required" }).int().positive();
const townCode = z
  .string({ error: "validation.required" })
  .trim()
  .regex(/^\d{9}$/, "validation.codeFormat");
/** The version token the editor loaded (lib/circles/queries.ts `version`). */
const expectedVersion = z.string().min(1).max(100);

/** Refuses until < from, at the until field. */
function untilNotBeforeFrom(
  value: { fromYear: number; untilYear: number | null },
  ctx: z.RefinementCtx,
): void {
  if (!spanValid(value)) {
    ctx.addIssue({
      code: "custom",
      path: ["untilYear"],
      message: "circleAdmin.validation.untilBeforeFrom",
    });
  }
}

const beltFields = {
  code,
  name: text(60),
  nameEn: text(120),
  description: optionalText(500),
  fromYear: programmeYear,
  untilYear,
};

/** A new belt. */
export const createBeltSchema = z.object(beltFields).superRefine(untilNotBeforeFrom);

/** A belt's edit (code included), against the version the editor loaded. */
export const updateBeltSchema = z
  .object({ ...beltFields, id, expectedVersion })
  .superRefine(untilNotBeforeFrom);

const circleFields = {
  /** The belt's code, or empty for a circle outside any belt. */
  beltCode: z
    .string()
    .trim()
    .nullish()
    .transform((v) => (v ? v : null)),
  code,
  name: text(60),
  nameEn: text(120),
  description: optionalText(500),
  isModel: checkbox,
  fromYear: programmeYear,
  untilYear,
};

/**
 * A new circle with its first towns (all joining in the circle's first year), one of them the
 * lead town.
 */
export const createCircleSchema = z
  .object({
    ...circleFields,
    townCodes: z
      .array(townCode)
      .min(1, "circleAdmin.validation.townsRequired")
      .max(50, "validation.tooLong")
      .refine((codes) => new Set(codes).size === codes.length, "circleAdmin.validation.townTwice"),
    leadTownCode: z.string().trim().optional(),
  })
  .superRefine(untilNotBeforeFrom)
  .superRefine((value, ctx) => {
    if (!value.leadTownCode || !value.townCodes.includes(value.leadTownCode)) {
      ctx.addIssue({
        code: "custom",
        path: ["leadTownCode"],
        message: "circleAdmin.validation.leadRequired",
      });
    }
  });

/** A circle's edit (its towns are changed one by one), against the version loaded. */
export const updateCircleSchema = z
  .object({ ...circleFields, id, expectedVersion })
  .superRefine(untilNotBeforeFrom);

/** Ends a circle: it counts up to and including `untilYear` ("until last year"). */
export const endCircleSchema = z.object({ id, expectedVersion, untilYear: programmeYear });

/** Deletes a circle that never counted in a closed year. */
export const deleteCircleSchema = z.object({ id, expectedVersion });

const membershipFields = {
  circleId: id,
  townCode,
  isLead: checkbox,
  fromYear: programmeYear,
  untilYear,
};

/** Puts a town into a circle from a year. */
export const addTownSchema = z.object(membershipFields).superRefine(untilNotBeforeFrom);

/** Changes a membership's years or lead flag (ending it = setting untilYear). */
export const updateTownSchema = z
  .object({ ...membershipFields, expectedVersion })
  .superRefine(untilNotBeforeFrom);

/** Takes a town out of a circle it never counted in during a closed year. */
export const removeTownSchema = z.object({ circleId: id, townCode, expectedVersion });

export type CreateBeltInput = z.input<typeof createBeltSchema>;
export type CreateCircleInput = z.input<typeof createCircleSchema>;
export type UpdateCircleInput = z.input<typeof updateCircleSchema>;
export type AddTownInput = z.input<typeof addTownSchema>;
export type UpdateTownInput = z.input<typeof updateTownSchema>;
