/**
 * Charts drawn on the server: Apache ECharts' string SVG renderer (no DOM, no canvas) turns
 * the option of lib/charts/layout.ts into an SVG the page carries in its HTML, so a chart is
 * on screen at the first paint and the browser loads no chart library until someone
 * interacts with it (components/charts/chart-panel-view.tsx).
 * Source: ECharts handbook, "Server-Side Rendering" (init with `ssr: true`, renderToSVGString).
 *
 * Drawing costs 5–15 ms of CPU a chart and a width (a cockpit draws ten), the largest part of a
 * dashboard's server time (issue 15), so drawn charts are kept per process, keyed by everything
 * the drawing depends on: the kind, the width, the title and the data (labels already in the
 * page's language, so the locale is in the key). The drawing is a pure function of those, so a
 * kept SVG is never stale whatever changed in the database: new figures are new data, a new key.
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
 * What a still picture does not need of ECharts' SVG, dropped (the HTML carries every still
 * twice: as markup and in the page's RSC payload; 8–10 stills are most of a dashboard's HTML):
 * the invisible hit boxes behind axis labels (paths filled "none" with no stroke), the hover
 * styles and the classes they select, the event attributes (`pointer-events`, `ecmeta_*`), the
 * transparent background and the SVG 1.1 attributes an inline SVG ignores; each text's CSS font
 * becomes presentation attributes (not inline style: the same look, shorter, no CSP question).
 * Nothing drawn changes: lines, bars, labels, colours and positions are kept as they are.
 * @param svg ECharts' `renderToSVGString()` output.
 */
export function compactSvg(svg: string): string {
  return svg
    .replace(
      /<path d="[^"]*"(?: transform="[^"]*")? fill="none" pointer-events="visible" class="[^"]*"><\/path>\n?/g,
      "",
    )
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>\n?/g, "")
    .replace(/ (?:pointer-events|ecmeta_[a-z_]+|class)="[^"]*"/g, "")
    .replace(/<rect width="[\d.]+" height="[\d.]+" x="0" y="0" fill="none"><\/rect>\n?/, "")
    .replace(/ (?:xmlns:xlink|version|baseProfile)="[^"]*"/g, "")
    .replace(
      / style="font-size:(\d+)px;font-family:([^;"]+);"/g,
      (_, size: string, family: string) => ` font-size="${size}" font-family="${family}"`,
    );
}

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
  const key = JSON.stringify([kind, width, title, data]);
  const kept = drawn.get(key);
  if (kept) {
    // Most recently used last: the oldest entry is the first the bound drops.
    drawn.delete(key);
    drawn.set(key, kept);
    return kept;
  }
  const fresh = draw(data, kind, width, title);
  if (drawn.size >= MAX_DRAWN) drawn.delete(drawn.keys().next().value!);
  drawn.set(key, fresh);
  return fresh;
}

/**
 * Charts kept at most: a cockpit and a county page draw 8–10 each (two widths), in two
 * languages, for a few years and areas; an SVG is 3–30 kB, so this holds ≤ ≈ 10 MB.
 */
const MAX_DRAWN = 400;
/** The drawn charts by key (JSON of kind, width, title, data), least recently used first. */
const drawn = new Map<string, { svg: string; height: number }>();

/** Draws one chart (what renderChartSvg keeps). */
function draw(
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
    const svg = compactSvg(chart.renderToSVGString())
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
