import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { EntryEditor } from "@/components/assessments/entry-editor";
import { YearSelect } from "@/components/dashboard/year-select";
import { can } from "@/lib/access";
import { getEntrySheet } from "@/lib/assessments/queries";
import { requirePageActor, type PageSearchParams } from "@/lib/auth/session";
import { loadOrNotFound } from "@/lib/pages";
import { resolveYear } from "@/lib/years/queries";

/** The city's entered values of a year's assessment (?year=), item by county. */
export default async function AssessmentEntriesPage({
  searchParams,
}: {
  searchParams: Promise<PageSearchParams>;
}) {
  const query = await searchParams;
  const actor = await requirePageActor("/assessments/entries", query);
  const { year, years } = await resolveYear(query.year as string | undefined);
  const sheet = await loadOrNotFound(() => getEntrySheet(actor, year));
  const t = await getTranslations("assessments");
  const en = (await getLocale()) === "en";
  const writable = can(actor, "assessment.manage") && sheet.yearStatus !== "CLOSED";
  return (
    <div className="space-y-4">
      <Link href={`/assessments?year=${year}`} className="text-sm text-brand-700 underline">
        {t("run.back", { year })}
      </Link>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{t("entries.title", { year })}</h1>
          <p className="text-sm text-slate-600">
            {sheet.scheme
              ? t("entries.scheme", {
                  name: en ? sheet.scheme.nameEn : sheet.scheme.name,
                  version: sheet.scheme.version,
                })
              : t("overview.noScheme")}
          </p>
          <p className="text-sm text-slate-600">{t("entries.help")}</p>
        </div>
        <YearSelect years={years} year={year} />
      </div>
      {sheet.scheme && <EntryEditor sheet={sheet} writable={writable} />}
    </div>
  );
}
