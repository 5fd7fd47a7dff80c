/** County assessment arithmetic with numbers worked out by hand. */
import { describe, expect, it } from "vitest";
import {
  excellentCount,
  gradeFor,
  rankByTotal,
  scoreAgainstTarget,
  scoreEntered,
  scoreOccurrences,
  totalPoints,
  type ItemRule,
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
