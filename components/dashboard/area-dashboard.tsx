import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { ChartPanel, type ChartData } from "@/components/charts/chart-panel";
import { Card, CardTitle } from "@/components/ui/card";
import { starColour } from "@/lib/charts/star-scale";
import type { AreaDashboardData } from "@/lib/dashboard/queries";
import { cardHref, cardLists } from "@/lib/dashboard/figure-filters";
import type { AreaFigures } from "@/lib/dashboard/types";
import { yearComparison, yearInProgress, type FigureKind } from "@/lib/dashboard/year-change";
import { isoDate, shanghaiToday } from "@/lib/domain/calendar";
import { difference } from "@/lib/domain/numbers";
import type { Dimension, TownType } from "@/lib/generated/prisma/enums";
import { PrintButton } from "./print-button";
import { YearSelect } from "./year-select";
import { getDates } from "@/lib/i18n/dates-server";

type Kpi = {
  key: keyof AreaFigures;
  unit: "towns" | "circles" | "items" | "people" | "mu" | "wan" | "percent";
  /** How it compares with last year (lib/dashboard/year-change.ts); a stock when not given. */
  kind?: FigureKind;
};

/** The key figures in display order; each links to its list (lib/dashboard/figure-filters.ts). */
const kpis: Kpi[] = [
  { key: "townsInProgramme", unit: "towns" },
  { key: "basicCompliance", unit: "towns" },
  { key: "provincialSamples", unit: "towns" },
  { key: "countySeatTowns", unit: "towns" },
  { key: "sampleRenewals", unit: "towns" },
  { key: "circles", unit: "circles" },
  { key: "townsInCircles", unit: "towns" },
  { key: "modelCircles", unit: "circles" },
  { key: "townsWithNankongReadingRoom", unit: "towns" },
  { key: "communityGyms", unit: "items" },
  { key: "elderlyCareCentres", unit: "items" },
  { key: "neighbourhoodCentres", unit: "items" },
  { key: "townsWithFifteenMinuteCircle", unit: "towns" },
  { key: "townsWithNightLandscape", unit: "towns" },
  { key: "commonProsperityWorkshops", unit: "items" },
  { key: "localJobsCreated", unit: "people" },
  { key: "landSuppliedMu", unit: "mu" },
  { key: "plannedInvestmentWan", unit: "wan", kind: "flow" },
  { key: "completedInvestmentWan", unit: "wan", kind: "flow" },
  { key: "submissionRate", unit: "percent", kind: "periodRate" },
  { key: "approvalRate", unit: "percent", kind: "periodRate" },
  { key: "townsLate", unit: "towns", kind: "periodRate" },
];

const dimensions: (Dimension | null)[] = [
  "ENVIRONMENT",
  "LIVING",
  "INDUSTRY",
  "CULTURE",
  "GOVERNANCE",
  "INTEGRATION",
  null,
];
const townTypes: TownType[] = [
  "METRO_NODE",
  "COUNTY_SUBCENTRE",
  "TOURISM",
  "TRADE",
  "INDUSTRY",
  "AGRICULTURE",
  "GENERAL",
];

/**
 * A dashboard for an area (the city, or one county): key figures with the change from last
 * year and links to the towns behind them, five charts (each with a table view and CSV), and
 * the figures by county. Everything is computed live; "as of" is the latest change included.
 * It reads nothing itself: the page loads `data` once (lib/dashboard/queries.ts
 * loadAreaDashboard) and may use the same summary for its own parts (the county's town rows).
 */
export async function AreaDashboard({
  data,
  year,
  years,
  title,
  children,
}: {
  data: AreaDashboardData;
  year: number;
  years: number[];
  title: string;
  children?: React.ReactNode;
}) {
  const { current, previous, trend, byDimension, byType, asOf } = data;
  const { area } = data.resolved;
  const t = await getTranslations("dashboard");
  const te = await getTranslations("enums");
  const format = await getFormatter();
  const dates = await getDates();
  const en = (await getLocale()) === "en";
  const total = current.total;
  const countyQuery = area.kind === "county" ? `&county=${area.code}` : "";
  const countyCode = area.kind === "county" ? area.code : undefined;
  const inProgress = yearInProgress(year, isoDate(shanghaiToday()));

  // Counts are numbers; money, land and rates are 2-decimal strings (already rounded half-up).
  const show = (value: number | string) =>
    typeof value === "number"
      ? format.number(value)
      : format.number(Number(value), { minimumFractionDigits: 2, maximumFractionDigits: 2 });

  const countyName = (c: { name: string; nameEn: string }) => (en ? c.nameEn : c.name);
  const byCountyAttainment: ChartData = {
    categories: current.byCounty.map(countyName),
    series: [
      {
        name: te("Attainment.PROVINCIAL_SAMPLE"),
        values: current.byCounty.map((c) => c.provincialSamples),
        stack: "a",
      },
      {
        name: t("basicOnly"),
        values: current.byCounty.map((c) => c.basicCompliance - c.provincialSamples),
        stack: "a",
      },
      {
        name: t("notYetCompliant"),
        values: current.byCounty.map((c) => Math.max(0, c.townsInProgramme - c.basicCompliance)),
        stack: "a",
      },
    ],
  };
  const trendData: ChartData = {
    categories: trend.map((p) => String(p.year)),
    series: [
      { name: t("kpi.townsInProgramme"), values: trend.map((p) => p.townsInProgramme) },
      { name: t("kpi.basicCompliance"), values: trend.map((p) => p.basicCompliance) },
      { name: t("kpi.provincialSamples"), values: trend.map((p) => p.provincialSamples) },
    ],
  };
  const typeCount = (type: TownType, attainment: string) =>
    byType.find((r) => r.townType === type && r.attainment === attainment)?.towns ?? 0;
  const presentTypes = townTypes.filter((type) => byType.some((r) => r.townType === type));
  const byTownType: ChartData = {
    categories: presentTypes.map((type) => te(`TownType.${type}`)),
    series: (["PROVINCIAL_SAMPLE", "BASIC_COMPLIANCE", "NONE"] as const).map((a) => ({
      name: te(`Attainment.${a}`),
      values: presentTypes.map((type) => typeCount(type, a)),
      stack: "a",
    })),
  };
  const presentDimensions = dimensions.filter((d) => byDimension.some((r) => r.dimension === d));
  const dimensionRow = (d: Dimension | null) => byDimension.find((r) => r.dimension === d);
  const byDimensionData: ChartData = {
    categories: presentDimensions.map((d) => (d ? te(`Dimension.${d}`) : t("noDimension"))),
    series: [
      {
        name: t("kpi.plannedInvestmentWan"),
        values: presentDimensions.map((d) => Number(dimensionRow(d)?.plannedInvestmentWan ?? 0)),
      },
      {
        name: t("kpi.completedInvestmentWan"),
        values: presentDimensions.map((d) => Number(dimensionRow(d)?.completedInvestmentWan ?? 0)),
      },
    ],
  };
  const starsData: ChartData = {
    categories: current.byCounty.map(countyName),
    series: [1, 2, 3, 4, 5].map((stars) => ({
      name: t("starsLabel", { stars }),
      values: current.byCounty.map((c) => c.stars[stars - 1] ?? 0),
      stack: "s",
      colour: starColour(stars),
    })),
  };

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{title}</h1>
          <p className="text-sm text-slate-600" data-testid="as-of">
            {asOf ? t("asOf", { at: dates.dateTime(asOf) }) : t("noData")}
            {current.period &&
              // A past year's rates are of its last period, not a current one.
              ` · ${t(inProgress ? "currentPeriod" : "lastPeriod", {
                period: en ? current.period.nameEn : current.period.name,
              })}`}
          </p>
        </div>
        <div className="flex items-center gap-2">
          <YearSelect years={years} year={year} />
          <PrintButton />
        </div>
      </div>

      {children}

      <section
        aria-label={t("keyFigures")}
        className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-6"
      >
        {kpis.map(({ key, unit, kind = "stock" }) => {
          const value = total[key] as number | string;
          const before = previous?.total[key] as number | string | undefined;
          const comparison = yearComparison(kind, inProgress);
          const change =
            before !== undefined && comparison.show === "change"
              ? Number(difference(value, before))
              : null;
          const since = comparison.show === "change" && comparison.since === "lastYearEnd";
          const href = Object.hasOwn(cardLists, key)
            ? cardHref(key as keyof typeof cardLists, year, countyCode)
            : undefined;
          const body = (
            <>
              <span className="block text-xs text-slate-500">{t(`kpi.${key}`)}</span>
              <span
                className="mt-1 block text-2xl font-semibold tabular-nums"
                data-testid={`kpi-${key}`}
              >
                {show(value)}
                <span className="ml-1 text-xs font-normal text-slate-500">{t(`unit.${unit}`)}</span>
              </span>
              {change !== null && (
                <span
                  data-testid={`kpi-${key}-change`}
                  className={`block text-xs ${change > 0 ? "text-green-700" : change < 0 ? "text-red-700" : "text-slate-500"}`}
                >
                  {t(
                    `${unit === "percent" ? "changePoints" : "change"}${since ? "SinceYearEnd" : ""}`,
                    {
                      change: format.number(change, {
                        signDisplay: "exceptZero",
                        maximumFractionDigits: typeof value === "number" ? 0 : 2,
                        minimumFractionDigits: typeof value === "number" ? 0 : 2,
                      }),
                    },
                  )}
                </span>
              )}
              {comparison.show === "lastYearTotal" && before !== undefined && (
                <span className="block text-xs text-slate-500" data-testid={`kpi-${key}-change`}>
                  {t("lastYearTotal", { value: show(before), unit: t(`unit.${unit}`) })}
                </span>
              )}
            </>
          );
          return (
            <Card key={key} className="p-3">
              {href ? (
                <Link href={href} className="block hover:text-brand-700">
                  {body}
                </Link>
              ) : (
                body
              )}
            </Card>
          );
        })}
        <Card className="p-3">
          <Link href={cardHref("stars", year, countyCode)} className="block hover:text-brand-700">
            <span className="block text-xs text-slate-500">{t("kpi.stars")}</span>
            <span className="mt-1 block text-sm tabular-nums" data-testid="kpi-stars">
              {[5, 4, 3, 2, 1].map((s) => (
                <span key={s} className="mr-2 inline-block whitespace-nowrap">
                  <span style={{ color: starColour(s) }}>{"★".repeat(s)}</span> {total.stars[s - 1]}
                </span>
              ))}
            </span>
          </Link>
        </Card>
      </section>

      <section className="grid gap-4 lg:grid-cols-2">
        {area.kind === "city" && (
          <ChartPanel
            title={t("chart.byCounty")}
            data={byCountyAttainment}
            fileName={`attainment-by-county-${year}`}
            testId="chart-by-county"
          />
        )}
        <ChartPanel
          title={t("chart.trend")}
          data={trendData}
          kind="line"
          fileName="trend"
          testId="chart-trend"
        />
        <ChartPanel
          title={t("chart.byTownType")}
          data={byTownType}
          fileName={`attainment-by-town-type-${year}`}
        />
        <ChartPanel
          title={t("chart.byDimension")}
          data={byDimensionData}
          fileName={`investment-by-dimension-${year}`}
        />
        <ChartPanel
          title={t(area.kind === "city" ? "chart.stars" : "chart.starsOfCounty")}
          data={starsData}
          fileName={`stars-by-county-${year}`}
          testId="chart-stars"
          empty={t("chart.starsNone")}
        />
      </section>

      {area.kind === "city" && (
        <Card>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <CardTitle>{t("byCountyTable")}</CardTitle>
            <span className="flex gap-3 text-sm print:hidden">
              <a
                className="text-brand-700 hover:underline"
                href={`/export/counties?year=${year}${countyQuery}&format=xlsx`}
              >
                {t("exportXlsx")}
              </a>
              <a
                className="text-brand-700 hover:underline"
                href={`/export/counties?year=${year}${countyQuery}&format=csv`}
              >
                {t("exportCsv")}
              </a>
            </span>
          </div>
          <div className="mt-3 overflow-x-auto">
            <table className="min-w-full text-sm" data-testid="county-summary-table">
              <thead className="text-left text-slate-600">
                <tr>
                  <th className="px-2 py-1 font-medium">{t("county")}</th>
                  {(
                    [
                      "townsInProgramme",
                      "basicCompliance",
                      "provincialSamples",
                      "commonProsperityWorkshops",
                      "completedInvestmentWan",
                      "approvalRate",
                    ] as const
                  ).map((k) => (
                    <th key={k} className="px-2 py-1 text-right font-medium">
                      {t(`kpi.${k}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {current.byCounty.map((c) => (
                  <tr key={c.code}>
                    <td className="px-2 py-1">
                      <Link
                        href={`/counties/${c.code}?year=${year}`}
                        className="text-brand-700 hover:underline"
                      >
                        {countyName(c)}
                      </Link>
                    </td>
                    <td className="px-2 py-1 text-right tabular-nums">
                      {format.number(c.townsInProgramme)}
                    </td>
                    <td className="px-2 py-1 text-right tabular-nums">
                      {format.number(c.basicCompliance)}
                    </td>
                    <td className="px-2 py-1 text-right tabular-nums">
                      {format.number(c.provincialSamples)}
                    </td>
                    <td className="px-2 py-1 text-right tabular-nums">
                      {format.number(c.commonProsperityWorkshops)}
                    </td>
                    <td className="px-2 py-1 text-right tabular-nums">
                      {show(c.completedInvestmentWan)}
                    </td>
                    <td className="px-2 py-1 text-right tabular-nums">{show(c.approvalRate)}%</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}
    </div>
  );
}
