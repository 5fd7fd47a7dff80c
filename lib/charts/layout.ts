/**
 * How a chart is laid out so that every category label stays readable at any width and in both
 * languages: the one place that turns a chart's data and the width it gets into an Apache
 * ECharts option. Used on the server (lib/charts/render-svg.ts, the first paint) and in the
 * browser (components/charts/interactive-chart.tsx, after the first interaction), so both draw
 * the same picture. Pure: no DOM, no ECharts import (the option is plain data).
 *
 * Label rules (widths in CSS px at the 12 px label font, estimated by `textWidth`):
 * - bar charts narrower than `NARROW_WIDTH` turn horizontal: categories down the left, wrapped
 *   to at most 40 % of the width, one row each, so long county and town-type names read
 *   in full on a phone;
 * - otherwise categories run along the bottom: flat when the widest fits its band, wrapped at
 *   word (or CJK character) boundaries when every word fits and three lines suffice, else
 *   rotated 40° with the chart made taller by the rotated length, never hidden or cut.
 */

/** A chart's data: one label per category and one or more named series of values. */
export type ChartData = {
  categories: string[];
  series: { name: string; values: number[]; stack?: string; colour?: string }[];
};

/**
 * True when a chart has nothing to draw: no category, or every value of every series is 0 (e.g.
 * no star rating approved yet). Such a chart is shown as a sentence, not as empty axes.
 */
export function chartIsEmpty(data: ChartData): boolean {
  return data.categories.length === 0 || data.series.every((s) => s.values.every((v) => !v));
}

/** A bar (grouped or, with `stack` on the series, stacked) or a line chart. */
export type ChartKind = "bar" | "line";

/** Series colours in order, for series that do not name their own (stars use the star scale). */
export const CHART_PALETTE = [
  "#1f7a4d",
  "#2f80c1",
  "#e0a21b",
  "#c2410c",
  "#7c3aed",
  "#0f766e",
  "#64748b",
] as const;

/** Below this width (CSS px) bar charts are drawn horizontally. */
export const NARROW_WIDTH = 480;

const FONT_SIZE = 12;
const LINE_HEIGHT = 15;
const LABEL_COLOUR = "#334155"; // slate-700: 10:1 on white
const AXIS_ROOM = 56; // value-axis labels and margins beside the plot, px
const ROTATE = 40;
const PLOT_HEIGHT = 220;

/**
 * The estimated width in px of `text` at `fontSize`: CJK and full-width characters one em,
 * others 0.6 em (a sans-serif average, slightly generous so estimates err towards room).
 * Not rounded: callers round the totals they lay out with.
 */
export function textWidth(text: string, fontSize = FONT_SIZE): number {
  let em = 0;
  for (const ch of text)
    em += /[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/u.test(ch) ? 1 : 0.6;
  return em * fontSize;
}

/** The breakable pieces of a label: words, and each CJK character on its own. */
function words(label: string): string[] {
  return label
    .split(/\s+|(?<=[\u2e80-\ua4cf\uff00-\uffef])|(?=[\u2e80-\ua4cf\uff00-\uffef])/u)
    .filter(Boolean);
}

/** Lines a label takes when wrapped greedily at `width` px (words wider than it stand alone). */
export function wrappedLines(label: string, width: number): number {
  let lines = 1;
  let used = 0;
  for (const word of words(label)) {
    const w = textWidth(word);
    const gap = used > 0 && /\w/.test(word) ? textWidth(" ") : 0;
    // 0.01 px slack: sums of fractional widths must not wrap a label that exactly fits.
    if (used > 0 && used + gap + w > width + 0.01) {
      lines += 1;
      used = w;
    } else used += gap + w;
  }
  return lines;
}

/** How the category labels are placed (see the module notes). */
export type LabelLayout =
  | { orientation: "horizontal"; wrapWidth: number; height: number }
  | { orientation: "vertical"; mode: "flat"; height: number }
  | { orientation: "vertical"; mode: "wrap"; wrapWidth: number; height: number }
  | { orientation: "vertical"; mode: "rotate"; rotate: number; height: number };

/** Chooses the label layout of `categories` for a `kind` chart `width` px wide. */
export function labelLayout(categories: string[], kind: ChartKind, width: number): LabelLayout {
  const count = Math.max(1, categories.length);
  const widest = Math.ceil(Math.max(0, ...categories.map((c) => textWidth(c))));
  if (kind === "bar" && width < NARROW_WIDTH) {
    const wrapWidth = Math.min(widest, Math.floor(width * 0.4));
    const lines = Math.max(1, ...categories.map((c) => wrappedLines(c, wrapWidth)));
    const row = Math.max(28, lines * LINE_HEIGHT + 10);
    return { orientation: "horizontal", wrapWidth, height: count * row + 40 };
  }
  const band = Math.floor((width - AXIS_ROOM) / count) - 6;
  if (widest <= band) return { orientation: "vertical", mode: "flat", height: PLOT_HEIGHT + 40 };
  const widestWord = Math.max(0, ...categories.flatMap((c) => words(c).map((w) => textWidth(w))));
  const lines = Math.max(1, ...categories.map((c) => wrappedLines(c, band)));
  if (widestWord <= band && lines <= 3) {
    return {
      orientation: "vertical",
      mode: "wrap",
      wrapWidth: band,
      height: PLOT_HEIGHT + 24 + lines * LINE_HEIGHT,
    };
  }
  const drop = Math.ceil(widest * Math.sin((ROTATE * Math.PI) / 180));
  return {
    orientation: "vertical",
    mode: "rotate",
    rotate: ROTATE,
    height: PLOT_HEIGHT + 32 + drop,
  };
}

/**
 * How many intervals a value axis `plotWidth` px long can label without overlap (2…5): the
 * largest value (stacks summed) written with thousands separators, plus 20 px between labels.
 */
export function valueTicks(data: ChartData, plotWidth: number): number {
  const totals = new Map<string, number>();
  data.series.forEach((s, i) =>
    s.values.forEach((v, c) => {
      const key = `${s.stack ?? `#${i}`}:${c}`;
      totals.set(key, (totals.get(key) ?? 0) + Math.max(0, v));
    }),
  );
  const largest = Math.max(0, ...totals.values());
  const label = textWidth(Math.ceil(largest).toLocaleString("en")) + 20;
  return Math.min(5, Math.max(2, Math.floor(plotWidth / label)));
}

/** The colour of each series: its own, else the palette's in turn. */
export function seriesColours(data: ChartData): string[] {
  return data.series.map((s, i) => s.colour ?? CHART_PALETTE[i % CHART_PALETTE.length]!);
}

/**
 * The ECharts option of `data` drawn as `kind` at `width` px, and the height (px) it needs.
 * No legend (the panel shows one in HTML, which wraps) and no tooltip (added by the
 * interactive chart); `animation` off for the server's still picture.
 */
export function chartOption(
  data: ChartData,
  kind: ChartKind,
  width: number,
  { animation = false }: { animation?: boolean } = {},
): { option: Record<string, unknown>; height: number } {
  const layout = labelLayout(data.categories, kind, width);
  const axisLabel: Record<string, unknown> = {
    interval: 0,
    hideOverlap: false,
    color: LABEL_COLOUR,
    fontSize: FONT_SIZE,
    lineHeight: LINE_HEIGHT,
  };
  if (layout.orientation === "horizontal" || layout.mode === "wrap") {
    Object.assign(axisLabel, { width: layout.wrapWidth, overflow: "break" });
  } else if (layout.mode === "rotate") {
    axisLabel.rotate = layout.rotate;
  }
  const categoryAxis = { type: "category", data: data.categories, axisLabel };
  const horizontal = layout.orientation === "horizontal";
  const valueAxis = {
    type: "value",
    minInterval: 1,
    // Along the bottom of a horizontal chart, as many ticks as their labels have room for.
    ...(horizontal && { splitNumber: valueTicks(data, width - 36 - layout.wrapWidth) }),
    axisLabel: { color: LABEL_COLOUR, fontSize: FONT_SIZE },
  };
  return {
    height: layout.height,
    option: {
      animation,
      color: seriesColours(data),
      grid: { left: 8, right: 16, top: 12, bottom: 12 },
      xAxis: horizontal ? valueAxis : categoryAxis,
      // Horizontal bars list the categories top to bottom in the data's order.
      yAxis: horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
      series: data.series.map((s) => ({
        name: s.name,
        type: kind,
        stack: s.stack,
        data: s.values,
        barMaxWidth: 32,
        emphasis: { focus: "series" },
      })),
    },
  };
}
