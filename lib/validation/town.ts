/**
 * zod schemas of the town register (乡镇名册): title events (达标 / 样板 awarded, 摘帽 stripped)
 * with the date they take effect and the document that decided them. Messages are keys of the
 * `validation`, `towns` and `townRegister` catalogues. Register events (added, renamed,
 * recoded, merged) each need their date and document.
 */
import { z } from "zod";
import { storableString } from "./text";
import { parseCalendarDate } from "@/lib/domain/calendar";
import { codeInsideCounty } from "@/lib/domain/town-register";

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

/** The document (文号) every title and register event needs. */
const documentText = storableString()
  .trim()
  .min(1, "towns.documentRequired")
  .max(200, "validation.tooLong");
const noteText = storableString().trim().max(1000, "validation.tooLong").optional();

/** Awards or strips a title of a town. An award names the creation year whose work earned it. */
export const titleEventSchema = z
  .object({
    townCode: z.string().regex(/^\d{9}$/, "validation.codeFormat"),
    kind: z.enum(["TITLE_AWARDED", "TITLE_STRIPPED"], { error: "validation.invalidChoice" }),
    title: z.enum(["BASIC_COMPLIANCE", "PROVINCIAL_SAMPLE"], { error: "validation.invalidChoice" }),
    effectiveOn: calendarDateText,
    year: z.coerce.number().int().min(2019).max(2100).optional(),
    document: documentText,
    note: noteText,
  })
  .refine((e) => e.kind === "TITLE_STRIPPED" || e.year !== undefined, {
    path: ["year"],
    message: "towns.awardYearRequired",
  });

const townCode = z
  .string()
  .trim()
  .regex(/^\d{9}$/, "validation.codeFormat");
/** A checkbox or a boolean: "on" / "true" / true are true, anything else false. */
const flag = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());
const optionalText = (max: number) =>
  storableString()
    .trim()
    .max(max, "validation.tooLong")
    .optional()
    .transform((v) => v || null);

/** The town kinds (TownKind), as the schemas accept them. */
export const TOWN_KINDS = ["TOWN", "TOWNSHIP", "ETHNIC_TOWNSHIP", "SUBDISTRICT", "OFFICE"] as const;
/** The town types (TownType), as the schemas accept them. */
export const TOWN_TYPES = [
  "METRO_NODE",
  "COUNTY_SUBCENTRE",
  "TOURISM",
  "TRADE",
  "INDUSTRY",
  "AGRICULTURE",
  "GENERAL",
] as const;

/** What every dated register event carries: its date, document and an optional note. */
const eventFields = {
  effectiveOn: calendarDateText,
  document: documentText,
  note: noteText,
};

/** The version of the town the editor loaded (Town.updatedAt as an ISO instant). */
const expectedUpdatedAt = z.string().min(1, "validation.required");

/**
 * Adds a town to the register (an ADDED event): a 9-digit code under its county's 6-digit code
 * (lib/domain/town-register.ts `codeInsideCounty`; uniqueness is checked against the database).
 */
export const createTownSchema = z
  .object({
    countyCode: z
      .string()
      .trim()
      .regex(/^\d{6}$/, "validation.unknownCounty"),
    divisionCode: townCode,
    name: storableString().trim().min(1, "validation.required").max(60, "validation.tooLong"),
    nameEn: optionalText(120),
    kind: z.enum(TOWN_KINDS, { error: "validation.invalidChoice" }),
    townType: z.enum(TOWN_TYPES, { error: "validation.invalidChoice" }).default("GENERAL"),
    isCountySeat: flag,
    isLocalUnit: flag,
    sourceNote: optionalText(500),
    ...eventFields,
  })
  .refine((t) => codeInsideCounty(t.divisionCode, t.countyCode), {
    path: ["divisionCode"],
    message: "townRegister.errors.codeOutsideCounty",
  });

/** Text that is kept when absent (undefined) and cleared when sent empty (null). */
const keptText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "validation.tooLong")
    .optional()
    .transform((v) => (v === undefined ? undefined : v || null));

/**
 * Edits the fields without an event of their own: town type, county-seat flag, and (when
 * sent) the English name and source note.
 */
export const updateTownSchema = z.object({
  townCode,
  expectedUpdatedAt,
  townType: z.enum(TOWN_TYPES, { error: "validation.invalidChoice" }),
  isCountySeat: flag,
  nameEn: keptText(120),
  sourceNote: keptText(500),
});

/** Renames a town (RENAMED). */
export const renameTownSchema = z.object({
  townCode,
  expectedUpdatedAt,
  newName: storableString().trim().min(1, "validation.required").max(60, "validation.tooLong"),
  newNameEn: optionalText(120),
  ...eventFields,
});

/** Changes a town's division code (CODE_CHANGED); the new code stays inside its county. */
export const recodeTownSchema = z.object({
  townCode,
  expectedUpdatedAt,
  newCode: townCode,
  ...eventFields,
});

/** Merges a town into another (MERGED); lib/domain/town-register.ts `mergeRefusal` decides. */
export const mergeTownSchema = z.object({
  townCode,
  expectedUpdatedAt,
  intoCode: townCode,
  ...eventFields,
});
