/**
 * zod schemas of the indicator catalogue (指标库, issue 12 part 2): an indicator of a year and
 * the year's basic requirements (十个一), shared by the forms (client) and the use cases
 * (lib/indicators/mutations.ts). Messages are keys of the `validation` and `indicatorCatalogue`
 * catalogues.
 *
 * Limits (minValue / maxValue) are read by the one value parser (lib/domain/indicator-value.ts)
 * under the indicator's own value type, so a limit is a value the indicator could hold: whole
 * for INTEGER, 2 places for DECIMAL and PERCENT, inside 0–100 for PERCENT, 0 or 1 (是/否) for
 * BOOLEAN. min ≤ max.
 */
import { z } from "zod";
import { storableString } from "./text";
import { parseIndicatorValue } from "@/lib/domain/indicator-value";
import { Dimension, IndicatorKind, TownType, ValueType } from "@/lib/generated/prisma/enums";
import { programmeYear } from "./programme";

const id = z.coerce.number().int().positive();

/** An indicator code: the stable camelCase identifier (docs/GLOSSARY.md), e.g. communityGyms. */
export const indicatorCode = z
  .string()
  .trim()
  .min(1, "validation.required")
  .max(60, "validation.tooLong")
  .regex(/^[a-z][A-Za-z0-9]*$/, "indicatorCatalogue.validation.codeFormat");

const text = (max: number) =>
  storableString().trim().min(1, "validation.required").max(max, "validation.tooLong");
const optionalText = (max: number) => storableString().trim().max(max, "validation.tooLong");
const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());
const sortOrder = z.coerce
  .number({ error: "indicatorCatalogue.validation.sortOrder" })
  .int("indicatorCatalogue.validation.sortOrder")
  .min(0, "indicatorCatalogue.validation.sortOrder")
  .max(9999, "indicatorCatalogue.validation.sortOrder");

/** A form's list field: one value, several (FormData.getAll), or none. */
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z.array(item),
  );

const indicatorFields = z.object({
  code: indicatorCode,
  name: text(100),
  nameEn: text(200),
  dimension: z.enum(Dimension, { error: "validation.required" }),
  kind: z.enum(IndicatorKind, { error: "validation.required" }),
  unit: optionalText(20),
  unitEn: optionalText(40),
  valueType: z.enum(ValueType, { error: "validation.required" }),
  /** Limit text as typed ("" = none); normalised to a decimal string by the refinement. */
  minValue: optionalText(30).default(""),
  maxValue: optionalText(30).default(""),
  isRequired: checkbox,
  evidenceRequired: checkbox,
  townTypes: list(z.enum(TownType)),
  sourceNote: optionalText(500).default(""),
  sortOrder: sortOrder.default(0),
});

type IndicatorFields = z.infer<typeof indicatorFields>;

/**
 * The limits and town types must fit the value type and the kind; the limits come back as
 * decimal strings (or null) read by the value parser.
 */
function checkIndicator(value: IndicatorFields, ctx: z.RefinementCtx) {
  if (value.kind !== "DISTINCTIVE" && value.townTypes.length > 0) {
    ctx.addIssue({
      code: "custom",
      path: ["townTypes"],
      message: "indicatorCatalogue.validation.townTypesOnlyDistinctive",
    });
  }
  const bounds: Partial<Record<"minValue" | "maxValue", string>> = {};
  for (const field of ["minValue", "maxValue"] as const) {
    if (value[field] === "") continue;
    const parsed = parseIndicatorValue(value[field], {
      valueType: value.valueType,
      minValue: null,
      maxValue: null,
      isRequired: false,
    });
    if (!parsed.ok || parsed.value === null) {
      ctx.addIssue({
        code: "custom",
        path: [field],
        message: parsed.ok
          ? "validation.required"
          : parsed.error.values // belowMin / aboveMax: outside PERCENT's 0–100
            ? "indicatorCatalogue.validation.percentRange"
            : parsed.error.key,
      });
    } else {
      bounds[field] = parsed.value.toFixed();
    }
  }
  if (
    bounds.minValue !== undefined &&
    bounds.maxValue !== undefined &&
    Number(bounds.minValue) > Number(bounds.maxValue)
  ) {
    ctx.addIssue({
      code: "custom",
      path: ["maxValue"],
      message: "indicatorCatalogue.validation.maxBelowMin",
    });
  }
}

/** The limits as stored: the parser's decimal string, or null when empty. */
function normaliseLimits<T extends IndicatorFields>(value: T) {
  const read = (raw: string) => {
    if (raw === "") return null;
    const parsed = parseIndicatorValue(raw, {
      valueType: value.valueType,
      minValue: null,
      maxValue: null,
      isRequired: false,
    });
    return parsed.ok && parsed.value !== null ? parsed.value.toFixed() : null;
  };
  return {
    ...value,
    minValue: read(value.minValue),
    maxValue: read(value.maxValue),
    sourceNote: value.sourceNote === "" ? null : value.sourceNote,
  };
}

/** A new indicator of a year's catalogue. */
export const createIndicatorSchema = indicatorFields
  .extend({ year: programmeYear })
  .superRefine(checkIndicator)
  .transform(normaliseLimits);

/** An optional id from a select ("" = none chosen). */
const optionalId = z.preprocess(
  (v) => (v === "" || v === undefined ? undefined : v),
  id.optional(),
);

/**
 * An edit of an indicator. `expectedVersion` is the version the editor loaded
 * (lib/indicators/queries.ts `indicatorVersion`); `replacementId` the indicator that takes over
 * its dashboard input when the code changes.
 */
export const updateIndicatorSchema = indicatorFields
  .extend({ id, expectedVersion: z.string().min(1), replacementId: optionalId })
  .superRefine(checkIndicator)
  .transform(normaliseLimits);

/** Retire, restore or delete one indicator (replacement: see updateIndicatorSchema). */
export const indicatorChangeSchema = z.object({
  id,
  expectedVersion: z.string().min(1),
  replacementId: optionalId,
});

/** Hands an unassigned dashboard input (FIGURE_INPUTS) of a year to one of its indicators. */
export const assignFigureInputSchema = z.object({
  year: programmeYear,
  figureInput: z.string().min(1, "validation.required"),
  indicatorId: z.preprocess((v) => (v === "" ? undefined : v), id),
});

/** A basic requirement (十个一) of a year: new (no id) or edited. */
export const basicRequirementSchema = z.object({
  year: programmeYear,
  id: optionalId,
  code: indicatorCode,
  name: text(100),
  nameEn: text(200),
  sortOrder: sortOrder.default(0),
});

/** Deletes one basic requirement. */
export const basicRequirementDeleteSchema = z.object({ id });

/**
 * An indicator form's input as both the browser check and the server action read it: the
 * text fields by name, town types (a list of checkboxes) as a list.
 */
export function indicatorFormInput(form: FormData): Record<string, unknown> {
  return { ...Object.fromEntries(form.entries()), townTypes: form.getAll("townTypes") };
}
