import "server-only";
import { Card, CardTitle } from "@/components/ui/card";
import { chartIsEmpty, type ChartData, type ChartKind } from "@/lib/charts/layout";
import { renderChartSvg } from "@/lib/charts/render-svg";
import { ChartPanelView } from "./chart-panel-view";

export type { ChartData };

/** The widths (px) the server draws each chart at: a phone column and a desktop card. */
export const STILL_WIDTHS = { narrow: 340, wide: 600 } as const;

/**
 * A titled chart with a table view of the same numbers and a CSV download, so every chart can
 * be read without the picture and taken into Excel. Server component: the chart is drawn here
 * as SVG (lib/charts/render-svg.ts) at a phone and a desktop width and shipped in the HTML; the
 * browser loads Apache ECharts only when someone points at or touches the chart
 * (components/charts/chart-panel-view.tsx). kind: "bar" (grouped or, with `stack` on the
 * series, stacked) or "line". `empty`: the sentence shown instead of empty axes when the chart
 * has nothing to draw (lib/charts/layout.ts `chartIsEmpty`), e.g. no rating approved yet.
 */
export function ChartPanel({
  title,
  data,
  kind = "bar",
  fileName,
  testId,
  empty,
}: {
  title: string;
  data: ChartData;
  kind?: ChartKind;
  fileName: string;
  testId?: string;
  empty?: string;
}) {
  if (empty !== undefined && chartIsEmpty(data))
    return (
      <Card data-testid={testId} data-chart-panel className="break-inside-avoid">
        <CardTitle>{title}</CardTitle>
        <p data-testid="chart-empty" className="mt-3 text-sm text-slate-600">
          {empty}
        </p>
      </Card>
    );
  const narrow = renderChartSvg(data, kind, STILL_WIDTHS.narrow, title);
  const wide = renderChartSvg(data, kind, STILL_WIDTHS.wide, title);
  return (
    <ChartPanelView
      title={title}
      data={data}
      kind={kind}
      fileName={fileName}
      testId={testId}
      stills={{ narrow: narrow.svg, wide: wide.svg }}
    />
  );
}
