/**
 * Charts drawn on the server: Apache ECharts' string SVG renderer (no DOM, no canvas) turns
 * the option of lib/charts/layout.ts into an SVG the page carries in its HTML, so a chart is
 * on screen at the first paint and the browser loads no chart library until someone
 * interacts with it (components/charts/chart-panel-view.tsx).
 * Source: ECharts handbook, "Server-Side Rendering" (init with `ssr: true`, renderToSVGString).
 */
import "server-only";
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { chartOption, type ChartData, type ChartKind } from "./layout";

echarts.use([BarChart, LineChart, GridComponent, SVGRenderer]);

const escapeXml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos" }[c]};`,
  );

/**
 * `data` as a `kind` chart `width` px wide (height from the layout), as an SVG string whose
 * root carries role="img", `aria-label` and a <title> of `title`, and scales to its box
 * (viewBox kept, fixed width/height removed). Returns the SVG and the drawn height in px.
 */
export function renderChartSvg(
  data: ChartData,
  kind: ChartKind,
  width: number,
  title: string,
): { svg: string; height: number } {
  const { option, height } = chartOption(data, kind, width);
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption(option);
    const label = escapeXml(title);
    const svg = chart
      .renderToSVGString()
      .replace(
        /^<svg width="[\d.]+" height="[\d.]+"/,
        `<svg role="img" aria-label="${label}" preserveAspectRatio="xMidYMin meet"`,
      )
      .replace(/^(<svg[^>]*>)/, `$1<title>${label}</title>`);
    return { svg, height };
  } finally {
    // Without dispose the instance keeps a timer and its memory.
    chart.dispose();
  }
}
