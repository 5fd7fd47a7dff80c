import { describe, expect, it } from "vitest";
import { compactSvg, renderChartSvg } from "./render-svg";
import { STAR_COLOURS } from "./star-scale";

const counties = ["Kecheng District", "Changshan County", "柯城区"];
const data = {
  categories: counties,
  series: STAR_COLOURS.map((colour, i) => ({
    name: `${i + 1}`,
    values: [1, 2, 3],
    stack: "s",
    colour,
  })),
};
const squash = (text: string) => text.replace(/\s+/g, "");
const texts = (svg: string) =>
  squash([...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(""));

describe("renderChartSvg", () => {
  it.each([340, 600])("draws every label as text, titled and scalable, at %i px", (width) => {
    const { svg, height } = renderChartSvg(data, "bar", width, "Stars & <towns>");
    expect(svg).toMatch(
      /^<svg role="img" aria-label="Stars &amp; &lt;towns&gt;" preserveAspectRatio="xMidYMin meet"/,
    );
    expect(svg).toContain("<title>Stars &amp; &lt;towns&gt;</title>");
    expect(svg).toContain(`viewBox="0 0 ${width} ${height}"`);
    expect(svg).not.toMatch(/^<svg[^>]* width=/);
    for (const label of counties) expect(texts(svg)).toContain(squash(label));
    for (const colour of STAR_COLOURS) expect(svg).toContain(`fill="${colour}"`);
  });
});

describe("renderChartSvg's kept drawings", () => {
  it("returns the kept drawing for the same chart and draws a new one when anything differs", () => {
    const first = renderChartSvg(data, "bar", 340, "Kept");
    expect(renderChartSvg(structuredClone(data), "bar", 340, "Kept")).toBe(first);
    // Each drawing has its own class prefix (zrN-), so a new drawing is a different string.
    const changed = {
      ...data,
      series: data.series.map((s, i) => (i ? s : { ...s, values: [1, 2, 4] })),
    };
    expect(renderChartSvg(changed, "bar", 340, "Kept")).not.toBe(first);
    expect(renderChartSvg(changed, "bar", 340, "Kept").svg).not.toBe(first.svg);
    expect(renderChartSvg(data, "bar", 600, "Kept")).not.toBe(first);
    expect(renderChartSvg(data, "line", 340, "Kept")).not.toBe(first);
    expect(renderChartSvg(data, "bar", 340, "Gardé")).not.toBe(first);
    expect(renderChartSvg(data, "bar", 340, "Gardé").svg).toContain("<title>Gardé</title>");
  });
});

describe("compactSvg", () => {
  const sample = [
    '<svg width="340" height="200" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" baseProfile="full" viewBox="0 0 340 200">',
    '<rect width="340" height="200" x="0" y="0" fill="none"></rect>',
    '<path d="M47.5 12L47.5 188" fill="none" pointer-events="visible" stroke="#dbdee4" class="zr0-cls-0"></path>',
    '<path d="M-36 -7.5l36 0l0 15l-36 0Z" transform="translate(39 26.6667)" fill="none" pointer-events="visible" class="zr0-cls-0"></path>',
    '<text dominant-baseline="central" text-anchor="end" style="font-size:12px;font-family:sans-serif;" transform="translate(39 26.6667)" fill="#334155">柯城区</text>',
    '<path d="M107 16l109.5 0l0 10.2l-109.5 0Z" fill="#1f7a4d" ecmeta_series_index="0" ecmeta_data_index="0" ecmeta_ssr_type="chart" class="zr6-cls-25"></path>',
    "<style ><![CDATA[\n.zr6-cls-25:hover {\ncursor:pointer;\n}\n]]>\n</style>",
    "</svg>",
  ].join("\n");

  it("keeps what is drawn and drops hit boxes, hover styles, event attributes and the background", () => {
    expect(compactSvg(sample)).toBe(
      [
        '<svg width="340" height="200" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 340 200">',
        '<path d="M47.5 12L47.5 188" fill="none" stroke="#dbdee4"></path>',
        '<text dominant-baseline="central" text-anchor="end" font-size="12" font-family="sans-serif" transform="translate(39 26.6667)" fill="#334155">柯城区</text>',
        '<path d="M107 16l109.5 0l0 10.2l-109.5 0Z" fill="#1f7a4d"></path>',
        "</svg>",
      ].join("\n"),
    );
  });

  it("is applied to every drawn chart, every label and colour still there", () => {
    const { svg } = renderChartSvg(data, "bar", 600, "Compact");
    expect(compactSvg(svg)).toBe(svg); // idempotent
    expect(svg).not.toMatch(/pointer-events|ecmeta_|class="zr|<style|style="/);
    for (const label of counties) expect(texts(svg)).toContain(squash(label));
    for (const colour of STAR_COLOURS) expect(svg).toContain(`fill="${colour}"`);
  });
});
