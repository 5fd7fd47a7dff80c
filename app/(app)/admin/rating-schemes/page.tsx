import { getTranslations } from "next-intl/server";
import { NewVersionForm } from "@/components/ratings/schemes/new-version-form";
import { SchemeTable } from "@/components/ratings/schemes/scheme-table";
import { can, isCityRole } from "@/lib/access";
import { requirePageActor, type PageSearchParams } from "@/lib/auth/session";
import { leaveUnavailablePage, loadOrNotFound } from "@/lib/pages";
import { listSchemes } from "@/lib/ratings/schemes";
import { listYears } from "@/lib/years/queries";

/**
 * The rating schemes (评价细则) of every year for the city's roles: the table (filters in the
 * URL) and, for the city administrator, starting a new version of a year.
 */
export default async function RatingSchemesPage({
  searchParams,
}: {
  searchParams: Promise<PageSearchParams>;
}) {
  const params = await searchParams;
  const actor = await requirePageActor("/admin/rating-schemes", params);
  if (!isCityRole(actor.role)) return leaveUnavailablePage();
  const [rows, years] = await Promise.all([loadOrNotFound(() => listSchemes(actor)), listYears()]);
  const t = await getTranslations("ratingSchemes");
  const writable = years.filter((y) => y.status !== "CLOSED").map((y) => y.year);
  const current = years.find((y) => y.status === "OPEN")?.year ?? writable[0];
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="max-w-4xl text-sm text-slate-600">{t("intro")}</p>
      {params.deleted === "1" && (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          {t("actions.deleted")}
        </p>
      )}
      {can(actor, "rating.manage") && current !== undefined && (
        <NewVersionForm years={writable} defaultYear={current} />
      )}
      <SchemeTable rows={rows} />
    </div>
  );
}
