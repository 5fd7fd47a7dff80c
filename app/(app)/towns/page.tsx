import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { TownFiguresTable } from "@/components/dashboard/town-figures-table";
import { can } from "@/lib/access";
import { requirePageActor, type PageSearchParams } from "@/lib/auth/session";
import { figureFilters, isFigureKey } from "@/lib/dashboard/figure-filters";
import { getTownRows, resolveYear } from "@/lib/dashboard/queries";
import { loadOrNotFound } from "@/lib/pages";

/** The towns behind a dashboard figure (`?figure=`), for the city or one county (`?county=`). */
export default async function TownsPage({
  searchParams,
}: {
  searchParams: Promise<PageSearchParams>;
}) {
  const query = await searchParams;
  const { year } = await resolveYear(query.year);
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const rawFigure = first(query.figure);
  const figure = isFigureKey(rawFigure) ? rawFigure : null;
  const rawCounty = first(query.county);
  const county = rawCounty && /^\d{6}$/.test(rawCounty) ? rawCounty : null;
  const actor = await requirePageActor("/towns", query);
  const rows = await loadOrNotFound(() =>
    getTownRows(actor, county ? { kind: "county", code: county } : { kind: "city" }, year),
  );
  const shown = figure ? rows.filter(figureFilters[figure]) : rows;
  const t = await getTranslations("dashboard");
  const back = county
    ? `/counties/${county}?year=${year}`
    : can(actor, "dashboard.city.view")
      ? `/dashboard?year=${year}`
      : "/";
  return (
    <div className="space-y-4">
      <Link href={back} className="text-sm text-brand-700 hover:underline">
        ← {t("back")}
      </Link>
      <h1 className="text-2xl font-semibold">
        {figure ? t(`figureList.${figure}`, { year }) : t("allTowns", { year })}
        <span className="ml-2 text-base font-normal text-slate-500">
          {t("townCount", { count: shown.length })}
        </span>
      </h1>
      <TownFiguresTable
        rows={shown}
        exportHref={`/export/towns?year=${year}${figure ? `&figure=${figure}` : ""}${county ? `&county=${county}` : ""}`}
      />
    </div>
  );
}
