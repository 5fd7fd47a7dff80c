import { describe, expect, it } from "vitest";
import { STAR_COLOURS } from "./star-scale";
import {
  CHART_PALETTE,
  chartIsEmpty,
  chartOption,
  labelLayout,
  textWidth,
  valueTicks,
  wrappedLines,
} from "./layout";

const ZH_COUNTIES = ["柯城区", "衢江区", "龙游县", "江山市", "常山县", "开化县"];
const EN_COUNTIES = [
  "Kecheng District",
  "Qujiang District",
  "Longyou County",
  "Jiangshan City",
  "Changshan County",
  "Kaihua County",
];

describe("textWidth", () => {
  it("counts CJK characters one em and others 0.6 em at 12 px", () => {
    expect(textWidth("柯城区")).toBe(36);
    expect(textWidth("Changshan County")).toBeCloseTo(16 * 7.2); // 115.2
  });
});

describe("wrappedLines", () => {
  it("keeps a label that exactly fits on one line and wraps at words", () => {
    expect(wrappedLines("Changshan County", 116)).toBe(1);
    // "Changshan" 64.8 + " " 7.2 + "County" 43.2 = 115.2 > 84
    expect(wrappedLines("Changshan County", 84)).toBe(2);
  });
  it("wraps Chinese between characters", () => {
    // 7 characters of 12 px: 5 fit in 71 px (60), the 6th would make 72
    expect(wrappedLines("功能便民环境美", 71)).toBe(2);
  });
});

describe("labelLayout", () => {
  it("keeps short Chinese county names flat on a desktop card", () => {
    // band = floor((600 − 56) / 6) − 6 = 84 ≥ 36
    expect(labelLayout(ZH_COUNTIES, "bar", 600)).toEqual({
      orientation: "vertical",
      mode: "flat",
      height: 260,
    });
  });
  it("wraps English county names at words when every word fits the band", () => {
    // widest 115.2 → 116 > 84; "Changshan" 64.8 ≤ 84; two lines: 220 + 24 + 2 × 15
    expect(labelLayout(EN_COUNTIES, "bar", 600)).toEqual({
      orientation: "vertical",
      mode: "wrap",
      wrapWidth: 84,
      height: 274,
    });
  });
  it("rotates labels whose words are wider than the band", () => {
    const types = [
      "Metropolitan node",
      "County sub-centre",
      "Tourism",
      "Trade",
      "Industry",
      "Agriculture",
      "General",
    ];
    // band = floor(544 / 7) − 6 = 71 < "Metropolitan" 86.4; drop = ceil(123 × sin 40°) = 80
    expect(labelLayout(types, "bar", 600)).toEqual({
      orientation: "vertical",
      mode: "rotate",
      rotate: 40,
      height: 332,
    });
  });
  it("turns bar charts horizontal on a phone, one row per category", () => {
    // wrap width = min(116, floor(340 × 0.4) = 136); one line → rows of 28: 6 × 28 + 40
    expect(labelLayout(EN_COUNTIES, "bar", 340)).toEqual({
      orientation: "horizontal",
      wrapWidth: 116,
      height: 208,
    });
  });
  it("keeps line charts of years upright on a phone", () => {
    const years = ["2022", "2023", "2024", "2025", "2026"];
    expect(labelLayout(years, "line", 340)).toMatchObject({
      orientation: "vertical",
      mode: "flat",
    });
  });
});

describe("chartOption", () => {
  const data = {
    categories: EN_COUNTIES,
    series: [
      { name: "one", values: [1, 2, 3, 4, 5, 6], stack: "s", colour: STAR_COLOURS[0] },
      { name: "plain", values: [6, 5, 4, 3, 2, 1], stack: "s" },
    ],
  };
  it("lists categories down the left in order on a phone, wrapped, never hidden", () => {
    const { option, height } = chartOption(data, "bar", 340);
    expect(height).toBe(208);
    expect(option.yAxis).toMatchObject({
      type: "category",
      inverse: true,
      data: EN_COUNTIES,
      axisLabel: { interval: 0, hideOverlap: false, width: 116, overflow: "break" },
    });
    expect(option.xAxis).toMatchObject({ type: "value" });
  });
  it("takes a series' own colour, else the palette's in turn", () => {
    const { option } = chartOption(data, "bar", 600);
    expect(option.color).toEqual([STAR_COLOURS[0], CHART_PALETTE[1]]);
  });
});

describe("valueTicks", () => {
  it("gives large numbers fewer ticks on a phone", () => {
    const data = { categories: ["a", "b"], series: [{ name: "x", values: [120000, 5] }] };
    // "120,000" = 7 × 7.2 = 50.4 + 20 = 70.4 px a label; 168 / 70.4 → 2
    expect(valueTicks(data, 168)).toBe(2);
  });
  it("sums stacked series and caps at five", () => {
    const data = {
      categories: ["a"],
      series: [
        { name: "x", values: [9], stack: "s" },
        { name: "y", values: [9], stack: "s" },
      ],
    };
    // 18 → "18" = 14.4 + 20 = 34.4 px; 168 / 34.4 → 4; 400 px → capped at 5
    expect(valueTicks(data, 168)).toBe(4);
    expect(valueTicks(data, 400)).toBe(5);
  });
});

describe("chartIsEmpty", () => {
  it("is empty with no category or only zeros, not with one value", () => {
    expect(chartIsEmpty({ categories: [], series: [{ name: "a", values: [] }] })).toBe(true);
    const zeros = { categories: ["柯城区", "衢江区"], series: [{ name: "★", values: [0, 0] }] };
    expect(chartIsEmpty(zeros)).toBe(true);
    expect(
      chartIsEmpty({ ...zeros, series: [...zeros.series, { name: "★★", values: [0, 1] }] }),
    ).toBe(false);
  });
});
