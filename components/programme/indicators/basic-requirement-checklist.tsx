import { getLocale, getTranslations } from "next-intl/server";
import { Card, CardTitle } from "@/components/ui/card";
import type { BasicRequirementRow } from "@/lib/indicators/queries";

/**
 * The year's "ten ones" (十个一) on a township page: a read-only checklist showing each
 * requirement in the reader's language (the other language's name was shown beside it, so a
 * Chinese page carried English and an English page Chinese). Nothing is rendered when the year has none.
 */
export async function BasicRequirementChecklist({
  year,
  rows,
}: {
  year: number;
  rows: BasicRequirementRow[];
}) {
  if (rows.length === 0) return null;
  const [t, locale] = await Promise.all([getTranslations("indicatorCatalogue"), getLocale()]);
  return (
    <Card data-testid="basic-requirement-checklist">
      <CardTitle>{t("basic.townTitle", { year })}</CardTitle>
      <ul className="mt-3 space-y-1 text-sm">
        {rows.map((r) => (
          <li key={r.id} className="flex gap-2">
            <span aria-hidden>☐</span>
            <span lang={locale === "en" ? "en" : "zh-CN"}>
              {locale === "en" ? r.nameEn : r.name}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
