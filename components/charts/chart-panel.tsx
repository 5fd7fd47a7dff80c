"use client";

import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import ReactEChartsCore from "echarts-for-react/lib/core";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { toCsv } from "@/lib/export/csv";

echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

/** A chart's data: categories on the x axis and one or more named series. */
export type ChartData = {
  categories: string[];
  series: { name: string; values: number[]; stack?: string }[];
};

const palette = ["#1f7a4d", "#2f80c1", "#e0a21b", "#c2410c", "#7c3aed", "#0f766e", "#64748b"];

/**
 * A titled chart (Apache ECharts) with a table view of the same numbers and a CSV download,
 * so every chart can be read without the picture and taken into Excel.
 * kind: "bar" (grouped or, with `stack` on the series, stacked) or "line".
 */
export function ChartPanel({
  title,
  data,
  kind = "bar",
  fileName,
  testId,
}: {
  title: string;
  data: ChartData;
  kind?: "bar" | "line";
  fileName: string;
  testId?: string;
}) {
  const t = useTranslations("charts");
  const [view, setView] = useState<"chart" | "table">("chart");
  const option = useMemo(
    () => ({
      color: palette,
      tooltip: { trigger: "axis" },
      legend: { top: 0, type: "scroll" },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: "category",
        data: data.categories,
        axisLabel: { interval: 0, hideOverlap: true },
      },
      yAxis: { type: "value", minInterval: 1 },
      series: data.series.map((s) => ({
        name: s.name,
        type: kind,
        stack: s.stack,
        data: s.values,
        barMaxWidth: 32,
        emphasis: { focus: "series" },
      })),
    }),
    [data, kind],
  );
  const download = () => {
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
  return (
    <Card data-testid={testId} className="break-inside-avoid">
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
        <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 280 }} />
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className="min-w-full text-sm">
            <thead className="text-left text-slate-600">
              <tr>
                <th className="px-2 py-1" />
                {data.series.map((s) => (
                  <th key={s.name} className="px-2 py-1 text-right font-medium">
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
