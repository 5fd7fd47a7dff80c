import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";
import { RatingsTable } from "@/components/ratings/ratings-table";
import { Button } from "@/components/ui/button";
import { can } from "@/lib/access";
import { requirePageActor } from "@/lib/auth/session";
import { loadOrNotFound } from "@/lib/pages";
import { listRatingYears, listRatings } from "@/lib/ratings/queries";
import { getOpenYear } from "@/lib/years/queries";

/**
 * The star ratings of a year (省级样板星级评价): for the city the approval table with exports
 * and the rated-list setup, for a reviewer their county's ratings and the panels they sit on
 * (their own sheet's state), for township staff their town's rating (they are taken there).
 * The year comes from `?year=` (default: the newest year with ratings).
 */
export default async function RatingsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const query = await searchParams;
  const actor = await requirePageActor("/ratings", query);
  const t = await getTranslations("ratings");
  const openYear = await getOpenYear();
  const rated = await loadOrNotFound(() => listRatingYears(actor));
  const years = [...new Set([...(openYear ? [openYear] : []), ...rated])].sort((a, b) => b - a);
  const asked = Number(query.year);
  const year = years.includes(asked) ? asked : (rated[0] ?? openYear ?? years[0]);
  const rows = year === undefined ? [] : await listRatings(actor, year);
  if (actor.role === "TOWNSHIP_STAFF" && rows.length === 1 && !query.year) {
    redirect(`/ratings/${rows[0]!.townCode}/${year}`);
  }
  const manage = can(actor, "rating.manage");
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <form method="get" className="flex items-center gap-2 text-sm">
          <label htmlFor="year-select" className="text-slate-600">
            {t("year")}
          </label>
          <select
            id="year-select"
            name="year"
            defaultValue={year}
            className="rounded-md border border-slate-300 px-2 py-1.5"
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
          <Button type="submit" size="sm" variant="secondary">
            {t("show")}
          </Button>
        </form>
        {manage && year !== undefined && (
          <Link
            href={`/ratings/setup?year=${year}`}
            className="text-sm text-brand-700 hover:underline"
          >
            {t("setupLink")}
          </Link>
        )}
      </div>
      <p className="text-sm text-slate-600">{t(`intro.${actor.role}`)}</p>
      {year !== undefined && (
        <RatingsTable
          rows={rows}
          year={year}
          showMySheet={actor.role === "COUNTY_REVIEWER"}
          exportHref={actor.role !== "TOWNSHIP_STAFF" ? `/export/ratings?year=${year}` : undefined}
        />
      )}
    </div>
  );
}
