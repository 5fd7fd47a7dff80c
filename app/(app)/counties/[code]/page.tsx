import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { AreaDashboard } from "@/components/dashboard/area-dashboard";
import { TownFiguresTable } from "@/components/dashboard/town-figures-table";
import { RatingProgressCard } from "@/components/ratings/rating-progress-card";
import { Card, CardTitle } from "@/components/ui/card";
import { requirePageActor, type PageSearchParams } from "@/lib/auth/session";
import { figureFilters } from "@/lib/dashboard/figure-filters";
import { getTownRows, loadAreaDashboard, resolveYear } from "@/lib/dashboard/queries";
import { loadOrNotFound } from "@/lib/pages";
import { listRatingYears, listRatings } from "@/lib/ratings/queries";

export default async function CountyPage({
  params,
  searchParams,
}: {
  params: Promise<{ code: string }>;
  searchParams: Promise<PageSearchParams>;
}) {
  const { code } = await params;
  const query = await searchParams;
  const { year, years } = await resolveYear(query.year);
  const actor = await requirePageActor(`/counties/${code}`, query);
  // One pass: the county read once (it is the area), its summary computed once and shared by
  // the key figures and the town rows.
  const data = await loadOrNotFound(() =>
    loadAreaDashboard(actor, { kind: "county", code }, year, {
      withPrevious: years.includes(year - 1),
    }),
  );
  const county = data.resolved.counties[0]!;
  const [rows, ratingYears] = await Promise.all([
    getTownRows(actor, data.resolved, year, { summary: data.current }),
    listRatingYears(actor),
  ]);
  const late = rows.filter(figureFilters.townsLate);
  const ratingYear = ratingYears.includes(year) ? year : (ratingYears[0] ?? year);
  const ratings = await listRatings(actor, ratingYear, code);
  const t = await getTranslations("dashboard");
  const tf = await getTranslations("reviewFlow.dashboard");
  const en = (await getLocale()) === "en";
  return (
    <div className="space-y-6">
      <AreaDashboard data={data} year={year} years={years} title={en ? county.nameEn : county.name}>
        {actor.role === "COUNTY_REVIEWER" && (
          <Card
            data-testid="review-queue"
            className="flex flex-wrap items-center justify-between gap-2"
          >
            <CardTitle>
              {t("awaitingReview", {
                count: rows.filter((r) => r.reportStatus === "SUBMITTED").length,
              })}
            </CardTitle>
            <Link
              href={`/counties/${code}/reviews`}
              className="text-sm font-medium text-brand-700 hover:underline"
            >
              {t("openReviewQueue")}
            </Link>
          </Card>
        )}
        {actor.role === "COUNTY_REVIEWER" && (
          <Card data-testid="late-towns">
            <CardTitle>{t("lateTowns", { count: late.length })}</CardTitle>
            <Link
              href={`/towns?figure=reportsNotSubmitted&county=${code}&year=${year}`}
              className="mt-1 block text-sm text-brand-700 hover:underline"
              data-testid="not-submitted"
            >
              {tf("notSubmitted", { count: rows.filter(figureFilters.reportsNotSubmitted).length })}
            </Link>
            {late.length === 0 ? (
              <p className="mt-2 text-sm text-slate-600">{t("noLateTowns")}</p>
            ) : (
              <ul className="mt-2 flex flex-wrap gap-2 text-sm">
                {late.map((r) => (
                  <li key={r.code}>
                    <Link
                      href={`/towns/${r.code}`}
                      className="rounded bg-amber-50 px-2 py-1 text-amber-900 hover:underline"
                    >
                      {(en && r.nameEn) || r.name}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        )}
        <RatingProgressCard
          rows={ratings.filter((r) => r.countyCode === code)}
          year={ratingYear}
          href={`/ratings?year=${ratingYear}&f.county=${code}`}
          reviewer={actor.role === "COUNTY_REVIEWER"}
        />
      </AreaDashboard>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">{t("townsOfCounty")}</h2>
        <TownFiguresTable rows={rows} exportHref={`/export/towns?year=${year}&county=${code}`} />
      </section>
    </div>
  );
}
