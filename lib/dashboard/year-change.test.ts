import { describe, expect, it } from "vitest";
import { yearComparison, yearInProgress } from "./year-change";

describe("yearComparison", () => {
  it("compares like with like while the year runs, everything once it is over", () => {
    expect(yearComparison("stock", true)).toEqual({ show: "change", since: "lastYearEnd" });
    expect(yearComparison("flow", true)).toEqual({ show: "lastYearTotal" });
    expect(yearComparison("periodRate", true)).toEqual({ show: "none" });
    for (const kind of ["stock", "flow", "periodRate"] as const)
      expect(yearComparison(kind, false)).toEqual({ show: "change", since: "lastYear" });
  });

  it("a year is in progress until its last day", () => {
    expect(yearInProgress(2026, "2026-12-04")).toBe(true);
    expect(yearInProgress(2026, "2026-12-30")).toBe(true);
    expect(yearInProgress(2026, "2026-12-31")).toBe(true);
    expect(yearInProgress(2026, "2027-01-01")).toBe(false);
    expect(yearInProgress(2025, "2026-12-04")).toBe(false);
    expect(yearInProgress(2027, "2026-12-04")).toBe(true);
  });
});
