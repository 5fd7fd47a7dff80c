/** Star-rating arithmetic with hand-worked values. */
import { describe, expect, it } from "vitest";
import {
  combineSheets,
  needsComment,
  parseSelfPoints,
  scoreItem,
  sheetProblems,
  sheetTotal,
  type PanelRule,
  type RatingItemRule,
  type SubmittedSheet,
} from "./rating";

// 污水治理 (3 分): 实施雨污分流改造得0.5分; 管网覆盖率 ≥95% 1.5分 / ≥85% 1分 / 其余 0;
// 视情况酌情给分最高1分（0.5分一档）; 发现直排口一处扣2分, 扣完为止; 发生重大污染事件一票否决.
const sewage: RatingItemRule = {
  code: "sewage",
  maxPoints: "3",
  floorPoints: "0",
  criteria: [
    { code: "split", kind: "FIXED", points: "0.5" },
    {
      code: "coverage",
      kind: "TIERED",
      tiers: [
        { label: "≥95%", labelEn: "≥95%", points: "1.5" },
        { label: "≥85%", labelEn: "≥85%", points: "1" },
        { label: "其余", labelEn: "otherwise", points: "0" },
      ],
    },
    { code: "quality", kind: "DISCRETIONARY", points: "1", step: "0.5" },
    { code: "outfalls", kind: "DEDUCTION", points: "2" },
    { code: "incident", kind: "VETO", effect: "VOID", capStars: null },
  ],
};

describe("scoreItem", () => {
  it("adds fixed, tier and discretionary points and takes deductions", () => {
    expect(
      scoreItem(sewage, { split: true, coverage: 1, quality: "0.5", outfalls: "0" }).points,
    ).toBe("2.00"); // 0.5 + 1 + 0.5
    expect(
      scoreItem(sewage, { split: true, coverage: 0, quality: "1", outfalls: "0" }).points,
    ).toBe("3.00");
    expect(
      scoreItem(sewage, { split: false, coverage: 0, quality: "1", outfalls: "1" }).points,
    ).toBe("0.50"); // 1.5 + 1 − 2
  });

  it("never goes below the floor nor above the maximum", () => {
    expect(
      scoreItem(sewage, { split: false, coverage: 2, quality: "0", outfalls: "3" }).points,
    ).toBe("0.00"); // −6, 扣完为止
    const generous = { ...sewage, maxPoints: "2.5" };
    expect(
      scoreItem(generous, { split: true, coverage: 0, quality: "1", outfalls: "0" }).points,
    ).toBe("2.50");
  });

  it("is not scored (null, never 0) while a criterion has no choice, blank or whitespace", () => {
    expect(scoreItem(sewage, null).points).toBeNull();
    expect(
      scoreItem(sewage, { split: true, coverage: 1, quality: "", outfalls: "0" }).points,
    ).toBeNull();
    expect(
      scoreItem(sewage, { split: true, coverage: 1, quality: "  ", outfalls: "0" }).points,
    ).toBeNull();
    expect(
      scoreItem(sewage, { split: true, coverage: 1, quality: "\u3000", outfalls: "0" }).points,
    ).toBeNull();
  });

  it("refuses a choice for a criterion the item does not have, and a veto that is not yes/no", () => {
    const full = { split: true, coverage: 1, quality: "0.5", outfalls: "0" };
    expect(scoreItem(sewage, { ...full, bonus: true })).toEqual({
      points: null,
      vetoes: [],
      errors: [{ criterion: "bonus", key: "ratings.unknownCriterion" }],
    });
    expect(scoreItem(sewage, { ...full, incident: "1" }).errors).toEqual([
      { criterion: "incident", key: "ratings.badChoice" },
    ]);
    expect(scoreItem(sewage, { ...full, incident: false }).points).toBe("2.00");
    expect(scoreItem(sewage, { ...full, incident: null }).points).toBe("2.00");
  });

  it("refuses discretionary points off the step or over the cap, and bad counts", () => {
    const base = { split: true, coverage: 1, outfalls: "0" };
    expect(scoreItem(sewage, { ...base, quality: "0.3" }).errors).toEqual([
      { criterion: "quality", key: "ratings.notStep", values: { step: "0.5" } },
    ]);
    expect(scoreItem(sewage, { ...base, quality: "1.5" }).errors[0]?.key).toBe(
      "ratings.outOfRange",
    );
    expect(scoreItem(sewage, { ...base, quality: "１" }).points).toBe("2.50"); // full-width 1
    expect(scoreItem(sewage, { ...base, quality: "1", outfalls: "1.5" }).errors[0]?.key).toBe(
      "ratings.notCount",
    );
    expect(scoreItem(sewage, { ...base, quality: "1", coverage: 7 }).errors[0]?.key).toBe(
      "ratings.badChoice",
    );
  });

  it("reports a chosen veto", () => {
    const result = scoreItem(sewage, {
      split: true,
      coverage: 0,
      quality: "1",
      outfalls: "0",
      incident: true,
    });
    expect(result.vetoes).toEqual([{ code: "incident", effect: "VOID", capStars: null }]);
  });

  it("asks for a comment below the maximum only", () => {
    expect(needsComment(sewage, "2.50")).toBe(true);
    expect(needsComment(sewage, "3.00")).toBe(false);
    expect(needsComment(sewage, null)).toBe(false);
  });
});

describe("sheetProblems", () => {
  it("names each item not scored and each deduction without a comment; nothing when complete", () => {
    const rules = new Map([
      [1, { maxPoints: "3" }],
      [2, { maxPoints: "5" }],
      [3, { maxPoints: "2" }],
    ]);
    const scores: Record<number, { points: string | null; comment?: string }> = {
      1: { points: "2.50", comment: "  " }, // deducted, blank comment
      2: { points: null }, // not scored
      3: { points: "2.00" }, // full points: no comment needed
    };
    expect(sheetProblems(rules, (id) => ({ comment: undefined, ...scores[id]! }))).toEqual({
      "comment.1": "ratings.commentRequired",
      "item.2": "ratings.notScored",
    });
    scores[1]!.comment = "两处直排口";
    scores[2]!.points = "5.00";
    expect(sheetProblems(rules, (id) => ({ comment: undefined, ...scores[id]! }))).toEqual({});
  });
});

describe("sheetTotal", () => {
  it("sums exactly, and is null while an item is not scored", () => {
    // 0.1 + 0.2 in binary floats is 0.30000000000000004
    expect(sheetTotal(["0.10", "0.20"])).toBe("0.30");
    expect(sheetTotal(["1.10", "2.20", "3.30"])).toBe("6.60"); // floats: 6.6000000000000005
    expect(sheetTotal(["1.00", null])).toBeNull();
  });
});

const bands = [
  { stars: 1, minPoints: "60" },
  { stars: 2, minPoints: "70" },
  { stars: 3, minPoints: "80" },
  { stars: 4, minPoints: "88" },
  { stars: 5, minPoints: "95" },
];
const rule: PanelRule = {
  combination: "MEAN",
  trimMinSheets: 5,
  itemSpreadLimit: "1.5",
  reviewerDeviationLimit: "5",
  bands,
};
const sheet = (reviewerId: number, total: string, items: Record<string, string> = {}) =>
  ({ reviewerId, total, items, vetoes: [] }) satisfies SubmittedSheet;

describe("combineSheets", () => {
  it("takes the mean of the submitted sheets, rounded half-up", () => {
    // (87.5 + 88.5 + 88) / 3 = 88 → 4 stars
    const r = combineSheets(
      [
        sheet(1, "87.50", { a: "2.5" }),
        sheet(2, "88.50", { a: "3" }),
        sheet(3, "88.00", { a: "2" }),
      ],
      rule,
    );
    expect([r.total, r.stars, r.items.a]).toEqual(["88.00", 4, "2.50"]);
    // (80.01 + 80.02) / 2 = 80.015 → 80.02 half-up (a float mean gives 80.01499…)
    expect(combineSheets([sheet(1, "80.01"), sheet(2, "80.02")], rule).total).toBe("80.02");
    // (0.1 + 0.2 + 0.3) / 3 = 0.2 exactly
    expect(combineSheets([sheet(1, "0.10"), sheet(2, "0.20"), sheet(3, "0.30")], rule).total).toBe(
      "0.20",
    );
  });

  it("drops the highest and the lowest sheet with a trimmed mean of at least N sheets", () => {
    const trimmed = { ...rule, combination: "TRIMMED_MEAN" as const, trimMinSheets: 4 };
    const five = [sheet(1, "70"), sheet(2, "86"), sheet(3, "88"), sheet(4, "90"), sheet(5, "99")];
    const r = combineSheets(five, trimmed);
    expect([r.total, r.dropped, r.counted]).toEqual(["88.00", [5, 1], [2, 3, 4]]);
    // three sheets are fewer than N = 4: no trimming
    expect(combineSheets(five.slice(0, 3), trimmed).total).toBe("81.33"); // 244 / 3
  });

  it("flags items that spread and reviewers that deviate beyond the limits", () => {
    const r = combineSheets(
      [
        sheet(1, "90", { a: "3", b: "2" }),
        sheet(2, "81", { a: "1", b: "2" }),
        sheet(3, "88", { a: "2.5", b: "2" }),
      ],
      rule,
    );
    // mean 86.33; |81 − 86.33| = 5.33 > 5
    expect(r.spreadItems).toEqual([{ code: "a", spread: "2.00" }]);
    expect(r.deviatingReviewers).toEqual([{ reviewerId: 2, deviation: "5.33" }]);
  });

  it("applies a veto: VOID leaves no stars, CAP caps them", () => {
    const voided = combineSheets(
      [{ ...sheet(1, "96"), vetoes: [{ effect: "VOID", capStars: null }] }, sheet(2, "96")],
      rule,
    );
    expect([voided.total, voided.stars, voided.veto]).toEqual(["96.00", null, "VOID"]);
    const capped = combineSheets(
      [{ ...sheet(1, "96"), vetoes: [{ effect: "CAP", capStars: 2 }] }],
      rule,
    );
    expect([capped.stars, capped.veto]).toEqual([2, "CAP"]);
  });

  it("has no result without a submitted sheet", () => {
    expect(combineSheets([], rule)).toMatchObject({ total: null, stars: null });
  });
});

describe("parseSelfPoints", () => {
  it("reads typed points within the item's range; blank is not filled", () => {
    expect(parseSelfPoints(sewage, "2.5")).toEqual({ ok: true, points: "2.50" });
    expect(parseSelfPoints(sewage, " ")).toEqual({ ok: true, points: null });
    expect(parseSelfPoints(sewage, "3.5")).toMatchObject({ ok: false, key: "ratings.outOfRange" });
    expect(parseSelfPoints(sewage, "2.555")).toMatchObject({
      ok: false,
      key: "ratings.tooPrecise",
    });
    expect(parseSelfPoints(sewage, "abc")).toMatchObject({ ok: false, key: "ratings.notNumber" });
  });
});
