import { describe, expect, it } from "vitest";
import { rubricItems } from "@/prisma/seed/ratings";
import { RUBRIC, STAR_BANDS } from "@/prisma/seed/rubric";
import type { Criterion } from "./rating";
import {
  checkScheme,
  checkSchemeBands,
  reachablePoints,
  type SchemeItemRules,
  type SchemeRules,
} from "./rating-scheme";

const bands = [
  { stars: 1, minPoints: "6" },
  { stars: 2, minPoints: "7" },
  { stars: 3, minPoints: "8" },
  { stars: 4, minPoints: "9" },
  { stars: 5, minPoints: "9.5" },
];
const tiers = (...points: string[]) =>
  points.map((p, i) => ({ label: `档${i}`, labelEn: `t${i}`, points: p }));

/**
 * The builders' 10-point scheme (lib/testing/builders.ts): A1 max 4 = FIXED 2 + TIERED [2,1,0];
 * A2 max 3 = DISCRETIONARY 3 step 0.5; A3 max 3 = FIXED 3 − DEDUCTION 1, VETO VOID.
 */
function small(): SchemeRules {
  return {
    maxPoints: "10",
    bands,
    categories: [
      {
        code: "A",
        maxPoints: "10",
        items: [
          {
            code: "A1",
            maxPoints: "4",
            floorPoints: "0",
            criteria: [
              { code: "f", kind: "FIXED", points: "2" },
              { code: "t", kind: "TIERED", tiers: tiers("2", "1", "0") },
            ],
          },
          {
            code: "A2",
            maxPoints: "3",
            floorPoints: "0",
            criteria: [{ code: "d", kind: "DISCRETIONARY", points: "3", step: "0.5" }],
          },
          {
            code: "A3",
            maxPoints: "3",
            floorPoints: "0",
            criteria: [
              { code: "base", kind: "FIXED", points: "3" },
              { code: "k", kind: "DEDUCTION", points: "1" },
              { code: "v", kind: "VETO", effect: "VOID", capStars: null },
            ],
          },
        ],
      },
    ],
  };
}

/** `small()` with item A1's criteria (max 4) replaced. */
function withA1(criteria: Criterion[], maxPoints = "4"): SchemeRules {
  const scheme = small();
  const [a1, ...rest] = scheme.categories[0]!.items;
  const item: SchemeItemRules = { ...a1!, maxPoints, criteria };
  return {
    ...scheme,
    categories: [{ ...scheme.categories[0]!, items: [item, ...rest] }],
  };
}

const keys = (scheme: SchemeRules) => checkScheme(scheme).map((p) => p.key);

describe("checkScheme", () => {
  it("accepts the demo rubric (5 categories, 13 items, 100 points) and the builders' scheme", () => {
    const rules = new Map(rubricItems().map((i) => [i.code, i.rule]));
    const demo: SchemeRules = {
      maxPoints: "100",
      bands: STAR_BANDS,
      categories: RUBRIC.map((c) => ({
        code: c.code,
        maxPoints: c.maxPoints,
        items: c.items.map((i) => rules.get(i.code)!),
      })),
    };
    expect(checkScheme(demo)).toEqual([]);
    expect(checkScheme(small())).toEqual([]);
  });

  it("wants a category's subtotal to be the sum of its items' maxima (4 + 3 + 3 = 10 ≠ 11)", () => {
    const scheme = small();
    const problems = checkScheme({
      ...scheme,
      maxPoints: "11",
      categories: [{ ...scheme.categories[0]!, maxPoints: "11" }],
    });
    expect(problems).toEqual([
      {
        at: { kind: "category", category: "A" },
        key: "ratingSchemes.check.categorySum",
        values: { code: "A", max: "11.00", sum: "10.00" },
      },
    ]);
  });

  it("wants the scheme's maximum to be the sum of its categories (10 ≠ 12)", () => {
    expect(checkScheme({ ...small(), maxPoints: "12" })).toEqual([
      expect.objectContaining({
        at: { kind: "scheme" },
        key: "ratingSchemes.check.schemeSum",
        values: { max: "12.00", sum: "10.00" },
      }),
    ]);
  });

  it("wants an item's criteria to reach its maximum; more is fine (the item caps)", () => {
    // 1 + 2 (best tier) + 0.5 = 3.5 < 4; deductions and vetoes add nothing
    const short: Criterion[] = [
      { code: "f", kind: "FIXED", points: "1" },
      { code: "t", kind: "TIERED", tiers: tiers("0", "2", "1") },
      { code: "d", kind: "DISCRETIONARY", points: "0.5", step: "0.5" },
      { code: "k", kind: "DEDUCTION", points: "3" },
      { code: "v", kind: "VETO", effect: "CAP", capStars: 2 },
    ];
    expect(reachablePoints(short).toFixed(2)).toBe("3.50");
    expect(checkScheme(withA1(short))).toEqual([
      {
        at: { kind: "item", item: "A1" },
        key: "ratingSchemes.check.unreachable",
        values: { code: "A1", reach: "3.50", max: "4.00" },
      },
    ]);
    // 3 + 3 = 6 > 4: the item caps at 4
    expect(
      keys(
        withA1([
          { code: "f", kind: "FIXED", points: "3" },
          { code: "d", kind: "DISCRETIONARY", points: "3", step: null },
        ]),
      ),
    ).toEqual([]);
  });

  it("checks each kind of criterion", () => {
    const base: Criterion = { code: "f", kind: "FIXED", points: "4" };
    const one = (c: Criterion) => keys(withA1([base, c]));
    expect(one({ code: "d", kind: "DISCRETIONARY", points: "1", step: "0.3" })).toEqual([
      "ratingSchemes.check.stepDivides",
    ]);
    expect(one({ code: "d", kind: "DISCRETIONARY", points: "1.5", step: "0.5" })).toEqual([]);
    expect(one({ code: "d", kind: "DISCRETIONARY", points: "1", step: "0" })).toEqual([
      "ratingSchemes.check.stepDivides",
    ]);
    expect(one({ code: "k", kind: "DEDUCTION", points: "0" })).toEqual([
      "ratingSchemes.check.positive",
    ]);
    expect(one({ code: "t", kind: "TIERED", tiers: tiers("1") })).toEqual([
      "ratingSchemes.check.tierCount",
    ]);
    expect(one({ code: "t", kind: "TIERED", tiers: tiers("1", "-1") })).toEqual([
      "ratingSchemes.check.tierPoints",
    ]);
    expect(one({ code: "k", kind: "DEDUCTION", points: "0.125" })).toEqual([
      "ratings.pointsFormat",
    ]);
    expect(one({ code: "v", kind: "VETO", effect: "CAP", capStars: null })).toEqual([
      "ratingSchemes.check.capStars",
    ]);
    expect(one({ code: "v", kind: "VETO", effect: "CAP", capStars: 6 })).toEqual([
      "ratingSchemes.check.capStars",
    ]);
    expect(one({ code: "v", kind: "VETO", effect: "VOID", capStars: null })).toEqual([]);
    expect(one({ code: "a.b", kind: "FIXED", points: "1" })).toEqual([
      "ratingSchemes.check.criterionCodeFormat",
    ]);
    expect(one({ code: "f", kind: "FIXED", points: "1" })).toEqual([
      "ratingSchemes.check.duplicateCriterion",
    ]);
  });

  it("caps a veto's stars at the highest band", () => {
    const scheme = withA1([
      { code: "f", kind: "FIXED", points: "4" },
      { code: "v", kind: "VETO", effect: "CAP", capStars: 4 },
    ]);
    expect(keys(scheme)).toEqual([]);
    expect(keys({ ...scheme, bands: bands.slice(0, 3) })).toEqual(["ratingSchemes.check.capStars"]);
  });

  it("wants codes unique, items with criteria and a floor at most the maximum", () => {
    const scheme = small();
    const [a1, a2, a3] = scheme.categories[0]!.items;
    const problems = checkScheme({
      ...scheme,
      maxPoints: "20",
      categories: [
        { ...scheme.categories[0]!, items: [a1!, { ...a2!, code: "A1" }, a3!] },
        {
          code: "A",
          maxPoints: "10",
          items: [
            { ...a1!, code: "B1", floorPoints: "5" },
            { ...a2!, code: "B2", criteria: [] },
            { ...a3!, code: "B3" },
          ],
        },
      ],
    });
    expect(problems.map((p) => [p.at, p.key])).toEqual([
      [{ kind: "item", item: "A1" }, "ratingSchemes.check.duplicateItem"],
      [{ kind: "category", category: "A" }, "ratingSchemes.check.duplicateCategory"],
      [{ kind: "item", item: "B1" }, "ratingSchemes.check.floorAboveMax"],
      [{ kind: "item", item: "B2" }, "ratingSchemes.check.noCriteria"],
    ]);
  });

  it("wants at least one category, each with items", () => {
    expect(keys({ maxPoints: "0", bands: [{ stars: 1, minPoints: "0" }], categories: [] })).toEqual(
      ["ratingSchemes.check.noCategories"],
    );
    expect(
      keys({
        maxPoints: "0",
        bands: [{ stars: 1, minPoints: "0" }],
        categories: [{ code: "X", maxPoints: "0", items: [] }],
      }),
    ).toEqual(["ratingSchemes.check.categoryEmpty"]);
  });
});

describe("checkSchemeBands", () => {
  it("wants bands 1..n, increasing, none above the maximum", () => {
    expect(checkSchemeBands(bands, "10")).toEqual([]);
    expect(checkSchemeBands([], "10").map((p) => p.key)).toEqual(["ratings.bandsRequired"]);
    expect(checkSchemeBands([{ stars: 1, minPoints: "10.5" }], "10")).toEqual([
      {
        at: { kind: "bands", stars: 1 },
        key: "ratingSchemes.check.bandAboveMax",
        values: { stars: "1", min: "10.50", max: "10.00" },
      },
    ]);
    expect(
      checkSchemeBands(
        [
          { stars: 1, minPoints: "6" },
          { stars: 2, minPoints: "6" },
        ],
        "10",
      ).map((p) => p.key),
    ).toEqual(["starBands.order"]);
    expect(
      checkSchemeBands(
        [
          { stars: 1, minPoints: "6" },
          { stars: 3, minPoints: "8" },
        ],
        "10",
      ).map((p) => p.key),
    ).toEqual(["starBands.gap"]);
  });
});
