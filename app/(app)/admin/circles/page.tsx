import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { YearSelect } from "@/components/dashboard/year-select";
import { CircleTable } from "@/components/programme/circles/circle-table";
import { Button } from "@/components/ui/button";
import { can } from "@/lib/access";
import { requirePageActor, type PageSearchParams } from "@/lib/auth/session";
import { listCircleAdmin } from "@/lib/circles/queries";
import { loadOrNotFound } from "@/lib/pages";
import { resolveYear } from "@/lib/years/queries";

/**
 * Belts and circles administration (一带多圈), `?year=` choosing the year whose counting the
 * table shows: one table of belts and circles (state in the URL). City roles; the administrator
 * also gets the links to create a belt or a circle.
 */
export default async function CircleAdminPage({
  searchParams,
}: {
  searchParams: Promise<PageSearchParams>;
}) {
  const query = await searchParams;
  const actor = await requirePageActor("/admin/circles", query);
  const { year, years } = await resolveYear(query.year);
  const { belts, circles, closedYears } = await loadOrNotFound(() => listCircleAdmin(actor, year));
  const t = await getTranslations("circleAdmin");
  const counting = circles.filter((c) => c.counts && c.towns > 0);
  return (
    <div className="space-y-4">
      <Link href="/admin/programme" className="text-sm text-brand-700 hover:underline">
        ← {t("back")}
      </Link>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="max-w-3xl text-sm text-slate-600">{t("intro")}</p>
        </div>
        <YearSelect years={years} year={year} />
      </div>
      <p className="text-sm" data-testid="circle-year-summary">
        {t("yearSummary", {
          year,
          circles: counting.length,
          models: counting.filter((c) => c.isModel).length,
        })}
        {closedYears.includes(year) && (
          <span className="ml-2 text-slate-500">{t("closedYearNote")}</span>
        )}
      </p>
      {query.deleted === "1" && (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          {t("circle.deleted")}
        </p>
      )}
      {query.created === "belt" && (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          {t("belt.created")}
        </p>
      )}
      {can(actor, "programme.manage") && (
        <div className="flex flex-wrap gap-2">
          <Button asChild>
            <Link href={`/admin/circles/new?year=${year}`}>{t("circle.new")}</Link>
          </Button>
          <Button asChild variant="secondary">
            <Link href={`/admin/circles/belts/new?year=${year}`}>{t("belt.new")}</Link>
          </Button>
        </div>
      )}
      <CircleTable belts={belts} circles={circles} year={year} />
    </div>
  );
}
