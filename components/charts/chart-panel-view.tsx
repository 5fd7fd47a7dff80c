"use client";

import { useTranslations } from "next-intl";
import { lazy, Suspense, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { seriesColours, type ChartData, type ChartKind } from "@/lib/charts/layout";

// Apache ECharts (~200 kB gzip) is fetched only when this is first rendered.
const InteractiveChart = lazy(() => import("./interactive-chart"));

/**
 * The browser side of a chart panel (components/charts/chart-panel.tsx): the server's SVG
 * stills (`stills.narrow` below the `sm` breakpoint, `stills.wide` above), an HTML legend that
 * wraps, the table view and the CSV download. Pointing at or touching the chart swaps
 * the stills for the interactive ECharts chart (tooltips), loaded then and not before.
 */
export function ChartPanelView({
  title,
  data,
  kind,
  fileName,
  testId,
  stills,
}: {
  title: string;
  data: ChartData;
  kind: ChartKind;
  fileName: string;
  testId?: string;
  stills: { narrow: string; wide: string };
}) {
  const t = useTranslations("charts");
  const [view, setView] = useState<"chart" | "table">("chart");
  const [live, setLive] = useState(false);
  const wake = () => setLive(true);
  const colours = seriesColours(data);
  // The CSV writer (papaparse, ~7 kB gzip) is fetched on the click, not with the page.
  const download = async () => {
    const { toCsv } = await import("@/lib/export/csv");
    const csv = toCsv({
      columns: ["", ...data.series.map((s) => s.name)],
      rows: data.categories.map((c, i) => [c, ...data.series.map((s) => s.values[i] ?? 0)]),
    });
    const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
    const a = Object.assign(document.createElement("a"), {
      href: url,
      download: `${fileName}.csv`,
    });
    a.click();
    URL.revokeObjectURL(url);
  };
  const still = (
    <div data-testid="chart-still">
      <div
        className="sm:hidden [&>svg]:h-auto [&>svg]:w-full"
        dangerouslySetInnerHTML={{ __html: stills.narrow }}
      />
      <div
        className="hidden sm:block [&>svg]:h-auto [&>svg]:w-full"
        dangerouslySetInnerHTML={{ __html: stills.wide }}
      />
    </div>
  );
  return (
    <Card data-testid={testId} data-chart-panel className="break-inside-avoid">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <CardTitle>{title}</CardTitle>
        <div className="flex gap-1 print:hidden">
          <Button
            variant="ghost"
            size="sm"
            aria-pressed={view === "table"}
            onClick={() => setView(view === "chart" ? "table" : "chart")}
          >
            {view === "chart" ? t("showTable") : t("showChart")}
          </Button>
          <Button variant="ghost" size="sm" onClick={download}>
            {t("downloadCsv")}
          </Button>
        </div>
      </div>
      {view === "chart" ? (
        <>
          <ul
            aria-label={t("legend")}
            className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-700"
          >
            {data.series.map((s, i) => (
              <li key={s.name} className="flex items-center gap-1">
                <span
                  aria-hidden
                  className="inline-block size-3 rounded-sm"
                  style={{ backgroundColor: colours[i] }}
                />
                {s.name}
              </li>
            ))}
          </ul>
          <div className="mt-2" onPointerEnter={wake} onTouchStart={wake}>
            {live ? (
              <Suspense fallback={still}>
                <InteractiveChart data={data} kind={kind} title={title} />
              </Suspense>
            ) : (
              still
            )}
          </div>
        </>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className="min-w-full text-sm">
            <thead className="text-left text-slate-600">
              <tr>
                <th scope="col" className="px-2 py-1">
                  <span className="sr-only">{t("category")}</span>
                </th>
                {data.series.map((s) => (
                  <th key={s.name} scope="col" className="px-2 py-1 text-right font-medium">
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.categories.map((c, i) => (
                <tr key={c}>
                  <th scope="row" className="px-2 py-1 text-left font-normal">
                    {c}
                  </th>
                  {data.series.map((s) => (
                    <td key={s.name} className="px-2 py-1 text-right tabular-nums">
                      {s.values[i] ?? 0}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
