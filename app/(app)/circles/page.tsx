import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { YearSelect } from "@/components/dashboard/year-select";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { requirePageActor, type PageSearchParams } from "@/lib/auth/session";
import { listCircles } from "@/lib/circles/queries";
import { resolveYear } from "@/lib/dashboard/queries";
import { loadOrNotFound } from "@/lib/pages";
import { queryValue } from "@/lib/http/query";

export default async function CirclesPage({
  searchParams,
}: {
  searchParams: Promise<PageSearchParams>;
}) {
  const query = await searchParams;
  const { year, years } = await resolveYear(query.year);
  const rawCounty = queryValue(query.county);
  // Identifiers only: a county's division code, model=1 for the model circles.
  const county = rawCounty && /^\d{6}$/.test(rawCounty) ? rawCounty : null;
  const model = queryValue(query.model) === "1";
  const actor = await requirePageActor("/circles", query);
  const circles = await loadOrNotFound(() => listCircles(actor, year, { county, model }));
  const t = await getTranslations("circles");
  const tp = await getTranslations("townPage");
  const format = await getFormatter();
  const en = (await getLocale()) === "en";
  const belt = circles.find((c) => c.belt)?.belt;
  const exportHref = `/export/circles?year=${year}${county ? `&county=${county}` : ""}${model ? "&model=1" : ""}`;
  const towns = new Set(circles.flatMap((c) => c.towns.map((x) => x.code))).size;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          {county && (
            <Link
              href={`/counties/${county}?year=${year}`}
              className="text-sm text-brand-700 hover:underline"
            >
              ← {tp("backToCounty")}
            </Link>
          )}
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          {model && <p className="text-sm text-slate-600">{tp("modelOnly")}</p>}
          <p className="text-sm text-slate-600">
            {belt && `${en ? belt.nameEn : belt.name} · `}
            {t("summary", {
              circles: circles.length,
              towns,
              models: circles.filter((c) => c.isModel).length,
            })}
          </p>
        </div>
        <div className="flex items-center gap-3 text-sm">
          <YearSelect years={years} year={year} />
          <a className="text-brand-700 hover:underline" href={`${exportHref}&format=xlsx`}>
            {t("exportXlsx")}
          </a>
          <a className="text-brand-700 hover:underline" href={`${exportHref}&format=csv`}>
            {t("exportCsv")}
          </a>
        </div>
      </div>
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3" data-testid="circles">
        {circles.map((c) => (
          <Card key={c.code} className="space-y-2">
            <div className="flex items-center gap-2">
              <h2 className="font-semibold">{en ? c.nameEn : c.name}</h2>
              {c.isModel && <Badge tone="green">{t("model")}</Badge>}
              {c.counties > 1 && (
                <Badge tone="blue">{t("crossCounty", { counties: c.counties })}</Badge>
              )}
            </div>
            <ul className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
              {c.towns.map((town) => (
                <li key={town.code}>
                  <Link href={`/towns/${town.code}`} className="text-brand-700 hover:underline">
                    {(en && town.nameEn) || town.name}
                  </Link>
                  <span className="text-xs text-slate-500">
                    （{en ? town.countyNameEn : town.countyName}）
                  </span>
                </li>
              ))}
            </ul>
            <dl className="grid grid-cols-2 gap-1 text-xs text-slate-600">
              <dt>{t("samples")}</dt>
              <dd className="text-right tabular-nums">{c.provincialSamples}</dd>
              <dt>{t("workshops")}</dt>
              <dd className="text-right tabular-nums">
                {format.number(c.commonProsperityWorkshops)}
              </dd>
              <dt>{t("jobs")}</dt>
              <dd className="text-right tabular-nums">{format.number(c.localJobsCreated)}</dd>
              <dt>{t("investment")}</dt>
              <dd className="text-right tabular-nums">
                {format.number(Number(c.completedInvestmentWan), {
                  minimumFractionDigits: 2,
                  maximumFractionDigits: 2,
                })}
              </dd>
            </dl>
          </Card>
        ))}
      </div>
    </div>
  );
}
