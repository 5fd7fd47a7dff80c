import { describe, expect, it } from "vitest";
import {
  codeInsideCounty,
  isSeparateOn,
  mergeRefusal,
  survivorOn,
  takesNewTask,
} from "./town-register";

describe("codeInsideCounty", () => {
  it("takes a 9-digit code under the county's 6-digit prefix only", () => {
    expect(codeInsideCounty("330824150", "330824")).toBe(true);
    expect(codeInsideCounty("330825150", "330824")).toBe(false);
    expect(codeInsideCounty("33082415", "330824")).toBe(false);
    expect(codeInsideCounty("3308241500", "330824")).toBe(false);
    expect(codeInsideCounty("33082415a", "330824")).toBe(false);
  });
});

describe("mergeRefusal", () => {
  const a = { id: 1, countyId: 10, mergedIntoId: null };
  const b = { id: 2, countyId: 10, mergedIntoId: null };
  it("allows two separate towns of one county", () => {
    expect(mergeRefusal(a, b)).toBeNull();
  });
  it("refuses a merge into itself", () => {
    expect(mergeRefusal(a, a)).toBe("townRegister.errors.mergeIntoItself");
  });
  it("refuses a town that already merged", () => {
    expect(mergeRefusal({ ...a, mergedIntoId: 3 }, b)).toBe("townRegister.errors.alreadyMerged");
  });
  it("refuses a merge into a merged town", () => {
    expect(mergeRefusal(a, { ...b, mergedIntoId: 3 })).toBe("townRegister.errors.mergeIntoMerged");
  });
  it("refuses a merge into another county", () => {
    expect(mergeRefusal(a, { ...b, countyId: 11 })).toBe("townRegister.errors.mergeAcrossCounties");
  });
});

describe("isSeparateOn / takesNewTask", () => {
  it("is separate up to the day before the merge, not from it", () => {
    const town = { mergedOn: "2026-06-30" };
    expect(isSeparateOn(town, "2026-06-29")).toBe(true);
    expect(isSeparateOn(town, "2026-06-30")).toBe(false);
    expect(takesNewTask(town, "2026-07-01")).toBe(false);
    expect(takesNewTask({ mergedOn: null }, "2026-07-01")).toBe(true);
  });
});

describe("survivorOn", () => {
  // 1 merged into 2 on 2025-06-30; 2 merged into 3 on 2026-06-30.
  const towns = new Map([
    [1, { mergedIntoId: 2, mergedOn: "2025-06-30" }],
    [2, { mergedIntoId: 3, mergedOn: "2026-06-30" }],
    [3, { mergedIntoId: null, mergedOn: null }],
  ]);
  it("follows the merges in effect on the date", () => {
    expect(survivorOn(towns, 1, "2025-06-29")).toBe(1);
    expect(survivorOn(towns, 1, "2025-06-30")).toBe(2);
    expect(survivorOn(towns, 1, "2026-06-30")).toBe(3);
    expect(survivorOn(towns, 2, "2026-01-01")).toBe(2);
    expect(survivorOn(towns, 3, "2026-12-31")).toBe(3);
  });
});
