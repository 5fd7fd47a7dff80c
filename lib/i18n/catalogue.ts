/**
 * The message catalogues: one JSON file per feature area and locale under messages/<locale>/,
 * each holding its own top-level namespaces (so features can grow their catalogues without
 * touching each other's files). Add a new file's name to `catalogueFiles`.
 */
import type { Locale } from "./config";

export const catalogueFiles = [
  "core",
  "dashboard",
  "reports",
  "ratings",
  "rating-schemes",
  "assessments",
  "programme",
  "programme-years",
  "indicator-catalogue",
  "town-register",
  "circle-admin",
  "report-checks",
  "review-flow",
  "charts",
  "everyday",
  "town-page",
  "report-form",
  "exports-audit",
  "save-recovery",
  "phone",
  "security",
] as const;

/** Loads and merges every catalogue file of a locale. */
export async function loadMessages(locale: Locale): Promise<Record<string, unknown>> {
  const parts = await Promise.all(
    catalogueFiles.map(async (file) => (await import(`./messages/${locale}/${file}.json`)).default),
  );
  return Object.assign({}, ...parts);
}
