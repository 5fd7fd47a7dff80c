import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { TownFiguresTable } from "@/components/dashboard/town-figures-table";
import { FigureListTotal } from "@/components/dashboard/figure-list-total";
import { listBackHref, listParams } from "@/lib/dashboard/list-page";
import { requirePageActor, type PageSearchParams } from "@/lib/auth/session";
import { figureTownList, isFigureKey } from "@/lib/dashboard/figure-filters";
import { getTownList, resolveYear } from "@/lib/dashboard/queries";
import { loadOrNotFound } from "@/lib/pages";

/** Titles of the figure lists added with the town page (catalogue town-page). */
const NEW_LISTS = new Set([
  "communityGyms",
  "elderlyCareCentres",
  "neighbourhoodCentres",
  "reportsApproved",
  "stars",
  "townsLate",
]);

/**
 * The towns behind a dashboard figure (`?figure=`), for the city or one county (`?county=`),
 * with the list's total (a count, an indicator's sum or a rate of the reports due), which is
 * the key figure's value.
 */
export default async function TownsPage({
  searchParams,
}: {
  searchParams: Promise<PageSearchParams>;
}) {
  const query = await searchParams;
  const { year } = await resolveYear(query.year);
  const { figure: rawFigure, county, area } = listParams(query);
  const figure = isFigureKey(rawFigure) ? rawFigure : null;
  const actor = await requirePageActor("/towns", query);
  const { rows, summary } = await loadOrNotFound(() => getTownList(actor, area, year));
  const { shown, total, valueColumn } = figureTownList(figure, rows, summary.period !== null);
  const t = await getTranslations("dashboard");
  const tp = await getTranslations("townPage");
  const format = await getFormatter();
  const back = listBackHref(actor, county, year);
  return (
    <div className="space-y-4">
      <Link href={back} className="text-sm text-brand-700 hover:underline">
        ← {t("back")}
      </Link>
      <h1 className="text-2xl font-semibold">
        {figure
          ? NEW_LISTS.has(figure)
            ? tp(`figureList.${figure}`, { year })
            : t(`figureList.${figure}`, { year })
          : t("allTowns", { year })}
        <span className="ml-2 text-base font-normal text-slate-500">
          {t("townCount", { count: shown.length })}
        </span>
      </h1>
      {total && (
        <FigureListTotal>
          {total.kind === "rate"
            ? tp("total.rate", {
                part: format.number(total.part),
                whole: format.number(total.whole),
                rate: format.number(Number(total.value), {
                  minimumFractionDigits: 2,
                  maximumFractionDigits: 2,
                }),
              })
            : total.kind === "sum"
              ? tp("total.sum", { value: format.number(total.value) })
              : tp("total.count", { count: total.value })}
          {figure === "stars" &&
            [5, 4, 3, 2, 1].map((stars) => (
              <span key={stars} className="ml-3 text-slate-600">
                {tp("total.stars", {
                  stars,
                  count: shown.filter((r) => r.stars === stars).length,
                })}
              </span>
            ))}
        </FigureListTotal>
      )}
      <TownFiguresTable
        rows={shown}
        valueColumn={valueColumn}
        exportHref={`/export/towns?year=${year}${figure ? `&figure=${figure}` : ""}${county ? `&county=${county}` : ""}`}
      />
    </div>
  );
}
