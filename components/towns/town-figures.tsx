import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { Card, CardTitle } from "@/components/ui/card";
import { Decimal } from "@prisma/client-runtime-utils";
import { roundHalfUp } from "@/lib/domain/numbers";
import type { TownFigures, TownIndicator } from "@/lib/towns/figures";

/** A small line of an indicator's values over the years (null years left as gaps). */
function Sparkline({ values }: { values: (number | null)[] }) {
  const known = values.filter((v): v is number => v !== null);
  if (known.length < 2) return null;
  const [min, max] = [Math.min(...known), Math.max(...known)];
  const w = 64;
  const h = 18;
  const x = (i: number) => (values.length === 1 ? 0 : (i * w) / (values.length - 1));
  const y = (v: number) => (max === min ? h / 2 : h - 2 - ((v - min) * (h - 4)) / (max - min));
  const points = values
    .map((v, i) => (v === null ? null : `${x(i).toFixed(1)},${y(v).toFixed(1)}`))
    .filter(Boolean)
    .join(" ");
  return (
    <svg width={w} height={h} viewBox={`0 0 ${w} ${h}`} aria-hidden="true" className="inline">
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}

/**
 * A town's figures over the years (lib/towns/figures.ts getTownFigures): a compact table of
 * each indicator's value against its target per year, each value linking to the report it was
 * read from, with a small trend; and the projects with planned and completed investment
 * (万元) and land (亩), totalled per year. Scrolls sideways on a phone.
 */
export async function TownFiguresCards({
  townCode,
  figures,
}: {
  townCode: string;
  figures: TownFigures;
}) {
  const t = await getTranslations("townPage");
  const te = await getTranslations("enums");
  const format = await getFormatter();
  const en = (await getLocale()) === "en";
  const num = (v: string) => format.number(Number(v), { maximumFractionDigits: 4 });
  const money = (v: string) =>
    format.number(Number(v), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const cell = (indicator: TownIndicator, year: number) => {
    const y = indicator.years.find((x) => x.year === year);
    if (!y) return <span className="text-slate-300">—</span>;
    const attained = y.value !== null && y.target !== null && Number(y.value) >= Number(y.target);
    const value =
      y.value === null ? (
        <span className="text-slate-400">—</span>
      ) : (
        <Link
          href={`/towns/${townCode}/reports/${year}/${y.periodIndex}`}
          className={`font-medium hover:underline ${attained ? "text-green-700" : "text-brand-700"}`}
          title={t("indicators.fromReport", { year, period: y.periodIndex ?? "" })}
          data-testid="figure-report-link"
        >
          {num(y.value)}
        </Link>
      );
    return (
      <>
        {value}
        {y.target !== null && (
          <span className="block text-xs text-slate-500">/ {num(y.target)}</span>
        )}
      </>
    );
  };
  const projectYears = [...new Set(figures.projects.map((p) => p.year))].sort((a, b) => b - a);
  return (
    <>
      <Card data-testid="town-indicators">
        <CardTitle>{t("indicators.title")}</CardTitle>
        <p className="mt-1 text-xs text-slate-500">{t("indicators.hint")}</p>
        {figures.indicators.length === 0 ? (
          <p className="mt-3 text-sm text-slate-500">{t("indicators.none")}</p>
        ) : (
          <div className="mt-3 max-h-[32rem] overflow-auto">
            <table className="min-w-full text-sm">
              <thead className="sticky top-0 bg-white text-left text-slate-600">
                <tr>
                  <th className="sticky left-0 bg-white px-2 py-1 font-medium">
                    {t("indicators.indicator")}
                  </th>
                  {figures.years.map((year) => (
                    <th key={year} className="px-2 py-1 text-right font-medium">
                      {year}
                    </th>
                  ))}
                  <th className="px-2 py-1 font-medium">{t("indicators.trend")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {figures.indicators.map((indicator) => (
                  <tr key={indicator.code}>
                    <th
                      scope="row"
                      className="sticky left-0 max-w-[10rem] min-w-[8rem] bg-white px-2 py-1 text-left font-normal"
                    >
                      {en ? indicator.nameEn : indicator.name}
                      <span className="block text-xs text-slate-500">
                        {te(`Dimension.${indicator.dimension}`)} ·{" "}
                        {en ? indicator.unitEn : indicator.unit}
                      </span>
                    </th>
                    {figures.years.map((year) => (
                      <td
                        key={year}
                        className="px-2 py-1 text-right whitespace-nowrap tabular-nums"
                      >
                        {cell(indicator, year)}
                      </td>
                    ))}
                    <td className="px-2 py-1 text-brand-600">
                      <Sparkline
                        values={figures.years.map((year) => {
                          const v = indicator.years.find((x) => x.year === year)?.value;
                          return v === undefined || v === null ? null : Number(v);
                        })}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Card data-testid="town-projects">
        <CardTitle>{t("projects.townTitle")}</CardTitle>
        {figures.projects.length === 0 ? (
          <p className="mt-3 text-sm text-slate-500">{t("projects.none")}</p>
        ) : (
          <div className="mt-3 space-y-3">
            {projectYears.map((year) => {
              const projects = figures.projects.filter((p) => p.year === year);
              const sum = (k: "plannedInvestmentWan" | "completedInvestmentWan") =>
                roundHalfUp(projects.reduce((s, p) => s.plus(p[k]), new Decimal(0)));
              return (
                <details key={year} open={year === projectYears[0]}>
                  <summary className="cursor-pointer text-sm font-medium">
                    {t("projects.yearTotal", {
                      year,
                      count: projects.length,
                      planned: money(sum("plannedInvestmentWan")),
                      completed: money(sum("completedInvestmentWan")),
                    })}
                  </summary>
                  <div className="mt-2 overflow-x-auto">
                    <table className="min-w-full text-sm">
                      <thead className="text-left text-slate-600">
                        <tr>
                          <th className="px-2 py-1 font-medium">{t("col.project")}</th>
                          <th className="px-2 py-1 font-medium">{t("col.status")}</th>
                          <th className="px-2 py-1 text-right font-medium">
                            {t("col.plannedInvestmentWan")}
                          </th>
                          <th className="px-2 py-1 text-right font-medium">
                            {t("col.completedInvestmentWan")}
                          </th>
                          <th className="px-2 py-1 text-right font-medium">
                            {t("col.landSuppliedMu")}
                          </th>
                        </tr>
                      </thead>
                      <tbody className="divide-y divide-slate-100">
                        {projects.map((p) => (
                          <tr key={p.code}>
                            <td className="min-w-[10rem] px-2 py-1">
                              {p.name}
                              <span className="block text-xs text-slate-500">
                                {p.code}
                                {p.dimension && ` · ${te(`Dimension.${p.dimension}`)}`}
                              </span>
                            </td>
                            <td className="px-2 py-1 whitespace-nowrap">
                              {te(`ProjectStatus.${p.status}`)}
                            </td>
                            <td className="px-2 py-1 text-right whitespace-nowrap tabular-nums">
                              {money(p.plannedInvestmentWan)}
                            </td>
                            <td className="px-2 py-1 text-right whitespace-nowrap tabular-nums">
                              {money(p.completedInvestmentWan)}
                            </td>
                            <td className="px-2 py-1 text-right whitespace-nowrap tabular-nums">
                              {money(p.landSuppliedMu)}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </details>
              );
            })}
          </div>
        )}
      </Card>
    </>
  );
}
