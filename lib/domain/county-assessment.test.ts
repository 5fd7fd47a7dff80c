/**
 * County assessment arithmetic with numbers worked out by hand: item rules (caps, floors,
 * direction), every computed metric, ties, grade bands and the rounding of the excellent count.
 */
import { describe, expect, it } from "vitest";
import {
  ASSESSMENT_METRICS,
  computeAssessment,
  computeMetric,
  excellentCount,
  gradeFor,
  isMetricName,
  missingTargets,
  pointsToNextRank,
  rankByTotal,
  scoreAgainstTarget,
  scoreEntered,
  scoreItem,
  scoreOccurrences,
  totalPoints,
  type CountyInputs,
  type ItemRule,
  type MetricTown,
  type SchemeItemRule,
  type SchemeRule,
} from "./county-assessment";

// Investment completion (%): base 10, +0.5 per 2 points above target up to 2, −1 per 5 below.
const rate: ItemRule = {
  basePoints: "10",
  maxBonusPoints: "2",
  bonusStep: "2",
  bonusPerStep: "0.5",
  deductionStep: "5",
  deductionPerStep: "1",
};

describe("scoreAgainstTarget", () => {
  it("meeting the target earns the base points", () => {
    expect(scoreAgainstTarget(rate, "90", "90")).toEqual({
      base: "10.00",
      bonus: "0.00",
      deduction: "0.00",
      points: "10.00",
    });
  });
  it("each whole bonus step beyond adds points, up to the cap", () => {
    expect(scoreAgainstTarget(rate, "93.99", "90").points).toBe("10.50"); // 1 step (3.99/2)
    expect(scoreAgainstTarget(rate, "94", "90").points).toBe("11.00"); // 2 steps
    expect(scoreAgainstTarget(rate, "120", "90").points).toBe("12.00"); // 15 steps, capped at 2
  });
  it("each started deduction step short takes points, never below the floor", () => {
    expect(scoreAgainstTarget(rate, "89.99", "90").points).toBe("9.00"); // 0.01 short = 1 step
    expect(scoreAgainstTarget(rate, "80", "90").points).toBe("8.00"); // 10 short = 2 steps
    expect(scoreAgainstTarget(rate, "0", "90").points).toBe("0.00"); // 18 steps, floor 0
    expect(scoreAgainstTarget({ ...rate, floorPoints: "4" }, "0", "90").points).toBe("4.00");
  });
  it("for a lower-is-better item a smaller value beats the target", () => {
    const lower = { ...rate, direction: "LOWER" as const };
    expect(scoreAgainstTarget(lower, "2", "6").points).toBe("11.00");
    expect(scoreAgainstTarget(lower, "7", "6").points).toBe("9.00");
  });
  it("adds decimals exactly (0.1 + 0.2 is 0.3)", () => {
    const tenths: ItemRule = {
      ...rate,
      basePoints: "0.1",
      maxBonusPoints: "0.2",
      bonusPerStep: "0.2",
    };
    expect(scoreAgainstTarget(tenths, "100", "90").points).toBe("0.30");
  });
});

describe("scoreOccurrences and scoreEntered", () => {
  const bonus: ItemRule = {
    basePoints: "0",
    maxBonusPoints: "3",
    bonusStep: null,
    bonusPerStep: "1",
    deductionStep: null,
    deductionPerStep: null,
  };
  const deduction: ItemRule = {
    basePoints: "0",
    maxBonusPoints: "0",
    bonusStep: null,
    bonusPerStep: null,
    deductionStep: null,
    deductionPerStep: "0.5",
    floorPoints: "-2",
  };
  it("bonus items are capped, deduction items floored", () => {
    expect(scoreOccurrences(bonus, "BONUS", 2).points).toBe("2.00");
    expect(scoreOccurrences(bonus, "BONUS", 5).points).toBe("3.00");
    expect(scoreOccurrences(deduction, "DEDUCTION", 3).points).toBe("-1.50");
    expect(scoreOccurrences(deduction, "DEDUCTION", 9).points).toBe("-2.00");
    expect(() => scoreOccurrences(bonus, "BONUS", 1.5)).toThrow(RangeError);
  });
  it("entered points stay between the floor and base + cap", () => {
    const organisation: ItemRule = { ...bonus, basePoints: "5", maxBonusPoints: "0" };
    expect(scoreEntered(organisation, "4.5")).toEqual({
      base: "5.00",
      bonus: "0.00",
      deduction: "0.50",
      points: "4.50",
    });
    expect(scoreEntered(organisation, "7").points).toBe("5.00");
    expect(scoreEntered(organisation, "-1").points).toBe("0.00");
  });
});

describe("ranking and grades", () => {
  it("ties share a rank (1, 2, 2, 4) unless a tie-breaker separates them", () => {
    const ranks = rankByTotal([
      { key: "A", total: "91.5" },
      { key: "B", total: "88" },
      { key: "C", total: "88.00" },
      { key: "D", total: "80" },
    ]);
    expect(ranks).toEqual([
      { key: "A", rank: 1 },
      { key: "B", rank: 2 },
      { key: "C", rank: 2 },
      { key: "D", rank: 4 },
    ]);
    const broken = rankByTotal([
      { key: "B", total: "88", tieBreakers: ["60"] },
      { key: "C", total: "88", tieBreakers: ["61.5"] },
    ]);
    expect(broken).toEqual([
      { key: "C", rank: 1 },
      { key: "B", rank: 2 },
    ]);
    expect(totalPoints([{ points: "60.10" }, { points: "29.20" }, { points: "-0.30" }])).toBe(
      "89.00",
    );
  });
  it("rounds the excellent count as the scheme says (30% of 6 = 1.8)", () => {
    expect(excellentCount({ excellentShare: "0.3", excellentRounding: "HALF_UP" }, 6)).toBe(2);
    expect(excellentCount({ excellentShare: "0.3", excellentRounding: "DOWN" }, 6)).toBe(1);
    expect(excellentCount({ excellentShare: "0.25", excellentRounding: "HALF_UP" }, 6)).toBe(2); // 1.5
    expect(excellentCount({ excellentShare: "0.2", excellentRounding: "UP" }, 6)).toBe(2); // 1.2
  });
  it("grades by rank first, then by the minimum totals", () => {
    const rule = { goodMinPoints: "85", passMinPoints: "70" };
    expect(gradeFor(2, "80", 2, rule)).toBe("EXCELLENT");
    expect(gradeFor(3, "85", 2, rule)).toBe("GOOD");
    expect(gradeFor(4, "84.99", 2, rule)).toBe("PASS");
    expect(gradeFor(6, "69.99", 2, rule)).toBe("FAIL");
  });
});

// ───────────────────────── items of a scheme, metrics, a whole year ─────────────────────────

const steps = {
  maxBonusPoints: "0",
  bonusStep: null,
  bonusPerStep: null,
  deductionStep: null,
  deductionPerStep: null,
};

describe("scoreItem", () => {
  const target: SchemeItemRule = {
    ...rate,
    code: "invest",
    category: "OUTCOME",
    kind: "COMPUTED",
    scoring: "TARGET",
    metric: "investmentCompletionRate",
    targets: { "330825": "90" },
  };
  it("scores a value against the target, and says what it rests on", () => {
    expect(scoreItem(target, "94", "90")).toEqual({
      basis: "COMPUTED",
      actual: "94",
      target: "90",
      base: "10.00",
      bonus: "1.00",
      deduction: "0.00",
      points: "11.00",
    });
  });
  it("gives base points when a computed value has nothing to measure", () => {
    expect(scoreItem(target, null, "90")).toMatchObject({ basis: "NO_DATA", points: "10.00" });
  });
  it("refuses a target item without a target", () => {
    expect(() => scoreItem(target, "94", null)).toThrow(RangeError);
  });
  it("an entered item left empty is not entered: base points, or no occurrences", () => {
    const points: SchemeItemRule = {
      ...target,
      ...steps,
      code: "org",
      category: "PROCESS",
      kind: "ENTERED",
      scoring: "POINTS",
      metric: null,
      basePoints: "6",
      targets: {},
    };
    expect(scoreItem(points, null, null)).toMatchObject({ basis: "NOT_ENTERED", points: "6.00" });
    expect(scoreItem(points, "5.5", null)).toMatchObject({
      basis: "ENTERED",
      deduction: "0.50",
      points: "5.50",
    });
    const issues: SchemeItemRule = {
      ...points,
      code: "issues",
      category: "DEDUCTION",
      scoring: "OCCURRENCES",
      basePoints: "0",
      deductionPerStep: "1",
      floorPoints: "-3",
    };
    expect(scoreItem(issues, null, null)).toMatchObject({ basis: "NOT_ENTERED", points: "0.00" });
    expect(scoreItem(issues, "2", null).points).toBe("-2.00");
    expect(scoreItem(issues, "5", null).points).toBe("-3.00"); // floor −3
    const honours: SchemeItemRule = {
      ...issues,
      category: "BONUS",
      maxBonusPoints: "2",
      bonusPerStep: "0.75",
      floorPoints: "0",
    };
    expect(scoreItem(honours, "2", null).points).toBe("1.50");
    expect(scoreItem(honours, "3", null).points).toBe("2.00"); // 2.25 capped at 2
  });
});

// A county of five towns (hand-made): 101 aims at basic compliance and holds it; 102 aims at
// a sample and holds only basic compliance; 103 renews its sample and holds it; 104 deepens;
// 105 is not in the programme but held basic compliance from an earlier year.
const town = (code: string, over: Partial<MetricTown>): MetricTown => ({
  code,
  name: `镇${code}`,
  nameEn: null,
  inProgramme: true,
  target: "BASIC_COMPLIANCE",
  attainment: "NONE",
  ...over,
});
const inputs: CountyInputs = {
  towns: [
    town("101", { attainment: "BASIC_COMPLIANCE" }),
    town("102", { target: "PROVINCIAL_SAMPLE", attainment: "BASIC_COMPLIANCE" }),
    town("103", { target: "SAMPLE_RENEWAL", attainment: "PROVINCIAL_SAMPLE" }),
    town("104", { target: "DEEPENING", attainment: "PROVINCIAL_SAMPLE" }),
    town("105", { inProgramme: false, target: null, attainment: "BASIC_COMPLIANCE" }),
  ],
  reports: [
    // due 04-10: first submitted 04-10 23:30 Shanghai (on time), resubmitted later (still on time)
    {
      townCode: "101",
      periodIndex: 1,
      dueOn: "2026-04-10",
      reportId: 1,
      status: "CITY_CONFIRMED",
      firstSubmittedAt: "2026-04-10T15:30:00Z",
    },
    // 04-11 00:30 Shanghai: late
    {
      townCode: "102",
      periodIndex: 1,
      dueOn: "2026-04-10",
      reportId: 2,
      status: "COUNTY_APPROVED",
      firstSubmittedAt: "2026-04-10T16:30:00Z",
    },
    // never started
    {
      townCode: "103",
      periodIndex: 1,
      dueOn: "2026-04-10",
      reportId: null,
      status: null,
      firstSubmittedAt: null,
    },
    // due on the day of the computation: not counted yet
    {
      townCode: "101",
      periodIndex: 2,
      dueOn: "2026-07-10",
      reportId: 4,
      status: "DRAFT",
      firstSubmittedAt: null,
    },
  ],
  ratings: [
    { townCode: "103", ratingId: 7, stars: 4 },
    { townCode: "104", ratingId: 8, stars: 3 },
    { townCode: "101", ratingId: 9, stars: null },
  ],
  projects: [
    {
      townCode: "101",
      projectId: 11,
      code: "P1",
      name: "道路",
      plannedWan: "1000.00",
      completedWan: "850.50",
      landMu: "12.25",
    },
    {
      townCode: "102",
      projectId: 12,
      code: "P2",
      name: "书屋",
      plannedWan: "200.00",
      completedWan: "230.00",
      landMu: "0.00",
    },
  ],
  indicatorTargets: [
    {
      townCode: "101",
      indicatorCode: "gyms",
      target: "2",
      value: "2",
      reportId: 1,
    },
    {
      townCode: "102",
      indicatorCode: "gyms",
      target: "3",
      value: "2.5",
      reportId: 2,
    },
    {
      townCode: "103",
      indicatorCode: "gyms",
      target: "1",
      value: null,
      reportId: null,
    },
  ],
  indicatorNames: { gyms: { name: "百姓健身房", nameEn: "Community gyms" } },
};
const context = { figureDate: "2026-12-31", judgedOn: "2026-07-10" };
const empty: CountyInputs = {
  towns: [],
  reports: [],
  ratings: [],
  projects: [],
  indicatorTargets: [],
  indicatorNames: {},
};

describe("computed metrics (hand-worked on a five-town county)", () => {
  it("planned towns reaching their target: 101 and 103 of 101, 102, 103 = 66.67%", () => {
    const m = computeMetric("plannedTownsReachingTarget", inputs, context);
    expect(m).toMatchObject({ value: "66.67", numerator: "2", denominator: "3" });
    expect(m.rows.map((r) => [r.townCode, r.counts])).toEqual([
      ["101", true],
      ["102", false],
      ["103", true],
    ]);
    expect(computeMetric("plannedTownsReachingTarget", empty, context).value).toBeNull();
  });
  it("titles held on the figure date: 4 basic compliance (samples included), 2 samples", () => {
    expect(computeMetric("basicComplianceTowns", inputs, context).value).toBe("5");
    expect(computeMetric("provincialSampleTowns", inputs, context).value).toBe("2");
    expect(computeMetric("basicComplianceTowns", empty, context).value).toBe("0");
  });
  it("mean stars of approved ratings, a voided one counting 0: (4 + 3 + 0) / 3 = 2.33", () => {
    expect(computeMetric("meanSampleStars", inputs, context)).toMatchObject({
      value: "2.33",
      numerator: "7",
      denominator: "3",
    });
    expect(computeMetric("meanSampleStars", empty, context).value).toBeNull();
  });
  it("reports first submitted by their due date: 1 of the 3 due before 07-10 = 33.33%", () => {
    const m = computeMetric("onTimeReportRate", inputs, context);
    expect(m).toMatchObject({ value: "33.33", numerator: "1", denominator: "3" });
    expect(m.rows.map((r) => [r.townCode, r.id, r.counts])).toEqual([
      ["101", 1, true],
      ["102", 2, false],
      ["103", null, false],
    ]);
    // a day later the 07-10 draft is owed too: 1 of 4
    expect(
      computeMetric("onTimeReportRate", inputs, { ...context, judgedOn: "2026-07-11" }).value,
    ).toBe("25.00");
  });
  it("investment: (850.50 + 230) / (1000 + 200) = 90.04%; land 12.25 亩", () => {
    expect(computeMetric("investmentCompletionRate", inputs, context)).toMatchObject({
      value: "90.04",
      numerator: "1080.50",
      denominator: "1200.00",
    });
    expect(computeMetric("investmentCompletionRate", empty, context).value).toBeNull();
    const land = computeMetric("landSuppliedMu", inputs, context);
    expect(land.value).toBe("12.25");
    expect(land.rows.map((r) => r.id)).toEqual([11]);
  });
  it("indicator targets met by the latest accepted value: 1 of 3 = 33.33%", () => {
    expect(computeMetric("indicatorTargetRate", inputs, context)).toMatchObject({
      value: "33.33",
      numerator: "1",
      denominator: "3",
    });
  });
  it("knows its metrics and refuses others", () => {
    expect(isMetricName("meanSampleStars")).toBe(true);
    expect(isMetricName("toString")).toBe(false);
    expect(() => computeMetric("nope", inputs, context)).toThrow(RangeError);
    expect(Object.keys(ASSESSMENT_METRICS)).toHaveLength(8);
  });
});

describe("computeAssessment (a year of four counties, worked by hand)", () => {
  // Outcome: investment completion, base 60, +1 per 5 points above target (cap 2), −2 per 5
  // below (floor 0). Process: organisation entered, base 40. Deduction: −1 per notice, floor −3.
  const scheme: SchemeRule = {
    excellentShare: "0.3",
    excellentRounding: "HALF_UP",
    goodMinPoints: "90",
    passMinPoints: "60",
    tieBreakers: ["OUTCOME_POINTS"],
    items: [
      {
        code: "invest",
        category: "OUTCOME",
        kind: "COMPUTED",
        scoring: "TARGET",
        metric: "investmentCompletionRate",
        basePoints: "60",
        maxBonusPoints: "2",
        bonusStep: "5",
        bonusPerStep: "1",
        deductionStep: "5",
        deductionPerStep: "2",
        targets: { A: "90", B: "90", C: "80", D: "95" },
      },
      {
        code: "org",
        category: "PROCESS",
        kind: "ENTERED",
        scoring: "POINTS",
        metric: null,
        basePoints: "40",
        ...steps,
        targets: {},
      },
      {
        code: "notices",
        category: "DEDUCTION",
        kind: "ENTERED",
        scoring: "OCCURRENCES",
        metric: null,
        basePoints: "0",
        ...steps,
        deductionPerStep: "1",
        floorPoints: "-3",
        targets: {},
      },
    ],
  };
  const county = (code: string, completedWan: string, entries: Record<string, string>) => ({
    code,
    entries,
    inputs: {
      ...empty,
      projects: [
        {
          townCode: "1",
          projectId: 1,
          code: "P",
          name: "P",
          plannedWan: "100",
          completedWan,
          landMu: "0",
        },
      ],
    },
  });
  // A: 100% vs 90 → +2 (capped) = 62; org 39; 1 notice −1 → 100
  // B: 95% vs 90 → +1 = 61; org 40; no notices → 101
  // C: 80% vs 80 → 60; org 40; 0 → 100 (ties A; outcome 60 < 62 → A ranks above)
  // D: 84% vs 95 → 11 short = 3 steps → −6 = 54; org not entered (40); 5 notices → −3 → 91
  const counties = [
    county("A", "100", { org: "39", notices: "1" }),
    county("B", "95", { org: "40" }),
    county("C", "80", { org: "40", notices: "0" }),
    county("D", "84", { notices: "5" }),
  ];
  it("scores, adds up, ranks with the tie rule and grades (30% of 4 = 1.2 → 1 excellent)", () => {
    const results = computeAssessment(scheme, counties, context);
    expect(results.map((r) => [r.code, r.total, r.rank, r.grade])).toEqual([
      ["B", "101.00", 1, "EXCELLENT"],
      ["A", "100.00", 2, "GOOD"],
      ["C", "100.00", 3, "GOOD"],
      ["D", "91.00", 4, "GOOD"],
    ]);
    const d = results.find((r) => r.code === "D")!;
    expect(d).toMatchObject({
      outcome: "54.00",
      process: "40.00",
      bonus: "0.00",
      deduction: "-3.00",
    });
    expect(d.items.map((i) => [i.code, i.basis, i.actual, i.target, i.points])).toEqual([
      ["invest", "COMPUTED", "84", "95", "54.00"],
      ["org", "NOT_ENTERED", null, null, "40.00"],
      ["notices", "ENTERED", "5", null, "-3.00"],
    ]);
  });
  it("without a tie rule tied counties share the rank; FEWER_DEDUCTIONS prefers C", () => {
    const shared = computeAssessment({ ...scheme, tieBreakers: [] }, counties, context);
    expect(shared.map((r) => [r.code, r.rank])).toEqual([
      ["B", 1],
      ["A", 2],
      ["C", 2],
      ["D", 4],
    ]);
    // A lost 1 (org) + 1 (notice) = 2 points to deductions, C none.
    const fewer = computeAssessment(
      { ...scheme, tieBreakers: ["FEWER_DEDUCTIONS"] },
      counties,
      context,
    );
    expect(fewer.map((r) => [r.code, r.rank])).toEqual([
      ["B", 1],
      ["C", 2],
      ["A", 3],
      ["D", 4],
    ]);
    // Rounding the excellent count up (1.2 → 2) makes the shared second place excellent too.
    const up = computeAssessment(
      { ...scheme, tieBreakers: [], excellentRounding: "UP" },
      counties,
      context,
    );
    expect(up.map((r) => r.grade)).toEqual(["EXCELLENT", "EXCELLENT", "EXCELLENT", "GOOD"]);
  });
  it("says how many points a county lacks for the next rank", () => {
    const results = computeAssessment(scheme, counties, context);
    expect(pointsToNextRank(results, "B")).toBeNull();
    expect(pointsToNextRank(results, "A")).toEqual({ points: "1.00", rank: 1 });
    expect(pointsToNextRank(results, "C")).toEqual({ points: "0.00", rank: 2 }); // the tie rule decided
    expect(pointsToNextRank(results, "D")).toEqual({ points: "9.00", rank: 3 });
    // Ranks 1, 2, 2, 4 (ties shared): the fourth lacks 9 points to draw level with the shared 2nd.
    const shared = computeAssessment({ ...scheme, tieBreakers: [] }, counties, context);
    expect(pointsToNextRank(shared, "D")).toEqual({ points: "9.00", rank: 2 });
  });
  it("finds targets missing for a county", () => {
    expect(missingTargets(scheme.items, ["A", "E"])).toEqual(["invest|E"]);
    expect(() => computeAssessment(scheme, [...counties, county("E", "90", {})], context)).toThrow(
      RangeError,
    );
  });
});
