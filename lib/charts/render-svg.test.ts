import { describe, expect, it } from "vitest";
import { renderChartSvg } from "./render-svg";
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
