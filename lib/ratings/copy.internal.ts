/**
 * Copying rating schemes (评分细则), inside the caller's transaction after access was decided:
 * "copy last year's scheme to start" (lib/ratings/schemes.ts createSchemeVersion) and opening a
 * year. Unscoped: app/ and components/ may not import it.
 */
import "server-only";
import { addYears, fromIsoDate, isoDate } from "@/lib/domain/calendar";
import type { Prisma } from "@/lib/generated/prisma/client";
import { readSchemeContent, writeSchemeContent } from "./schemes.internal";

type Tx = Prisma.TransactionClient;

/**
 * A deep copy of one scheme as a new DRAFT of `target.year` and `target.version`: its settings,
 * star bands, categories, items and criteria, in the same order. When the year changes, the
 * year in the names ("2025年度…" → "2026年度…") and the deadlines move by as many years (29
 * February → 28 February); the source note and the demo mark are kept (the numbers are still
 * the source's until someone changes them). The source is not changed.
 * The single-scheme primitive: a year-to-year copy (issue 12, `copyRatingSchemes(tx, fromYear,
 * toYear)`) should call it for each scheme it copies.
 * @returns the new scheme's id.
 * @throws Error when `schemeId` does not exist; Prisma's unique-constraint error when the year
 *   already has that version.
 */
export async function copyRatingScheme(
  tx: Tx,
  schemeId: number,
  target: { year: number; version: number },
): Promise<{ id: number }> {
  const source = await readSchemeContent(tx, schemeId);
  if (!source) throw new Error(`copyRatingScheme: no rating scheme ${schemeId}`);
  const years = target.year - source.year;
  const rename = (name: string) =>
    years === 0 ? name : name.replaceAll(String(source.year), String(target.year));
  const shift = (iso: string | null) => iso && isoDate(addYears(fromIsoDate(iso), years));
  const { settings } = source;
  const scheme = await tx.ratingScheme.create({
    data: { year: target.year, version: target.version, name: "", nameEn: "", maxPoints: 0 },
    select: { id: true },
  });
  await writeSchemeContent(tx, scheme.id, {
    ...source,
    settings: {
      ...settings,
      name: rename(settings.name),
      nameEn: rename(settings.nameEn),
      selfAssessmentDueOn: shift(settings.selfAssessmentDueOn),
      sheetsDueOn: shift(settings.sheetsDueOn),
    },
  });
  return scheme;
}
