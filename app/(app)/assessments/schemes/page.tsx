import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { SchemeList } from "@/components/assessments/scheme-list";
import { YearSelect } from "@/components/dashboard/year-select";
import { can } from "@/lib/access";
import { listSchemes } from "@/lib/assessments/queries";
import { requirePageActor, type PageSearchParams } from "@/lib/auth/session";
import { loadOrNotFound } from "@/lib/pages";
import { listYears, resolveYear } from "@/lib/years/queries";

/** A year's assessment schemes (?year=): versions, and creating or copying one. */
export default async function AssessmentSchemesPage({
  searchParams,
}: {
  searchParams: Promise<PageSearchParams>;
}) {
  const query = await searchParams;
  const actor = await requirePageActor("/assessments/schemes", query);
  const { year, years } = await resolveYear(query.year as string | undefined);
  const schemes = await loadOrNotFound(() => listSchemes(actor, year));
  const status = (await listYears()).find((y) => y.year === year)?.status;
  const t = await getTranslations("assessments");
  return (
    <div className="space-y-4">
      <Link href={`/assessments?year=${year}`} className="text-sm text-brand-700 underline">
        {t("run.back", { year })}
      </Link>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{t("scheme.listTitle", { year })}</h1>
          <p className="text-sm text-slate-600">{t("scheme.listHelp")}</p>
        </div>
        <YearSelect years={years} year={year} />
      </div>
      <SchemeList
        year={year}
        schemes={schemes}
        writable={can(actor, "assessment.manage") && status !== "CLOSED"}
      />
    </div>
  );
}
