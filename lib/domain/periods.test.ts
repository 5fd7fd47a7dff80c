import { describe, expect, it } from "vitest";
import { yearPeriodsSchema } from "@/lib/validation/programme";
import { periodIssues, quarterPeriods, type PeriodDraft } from "./periods";

const p = (startsOn: string, endsOn: string, dueOn: string): PeriodDraft => ({
  name: "期",
  nameEn: "P",
  startsOn,
  endsOn,
  dueOn,
});

describe("periodIssues", () => {
  it("accepts the quarters it suggests, which match the demo data's 2026 periods", () => {
    const q = quarterPeriods(2026);
    expect(q.map((x) => [x.startsOn, x.endsOn, x.dueOn])).toEqual([
      ["2026-01-01", "2026-03-31", "2026-04-10"],
      ["2026-04-01", "2026-06-30", "2026-07-10"],
      ["2026-07-01", "2026-09-30", "2026-10-10"],
      ["2026-10-01", "2026-11-30", "2026-12-10"],
    ]);
    expect(q[3]!.name).toBe("2026年第四季度（年报）");
    expect(periodIssues(2026, q)).toEqual([]);
    // 2028 is a leap year: Q1 still ends on 31 March, not a day shifted.
    expect(quarterPeriods(2028)[0]!.endsOn).toBe("2028-03-31");
  });

  it("allows a due date in the next year and a one-day period", () => {
    expect(periodIssues(2026, [p("2026-12-31", "2026-12-31", "2027-01-10")])).toEqual([]);
  });

  it("refuses dates outside the year's calendar", () => {
    expect(periodIssues(2026, [p("2025-12-31", "2027-01-01", "2027-01-10")])).toEqual([
      { index: 0, field: "startsOn", key: "programmeYears.periods.outsideYear" },
      { index: 0, field: "endsOn", key: "programmeYears.periods.outsideYear" },
    ]);
  });

  it("refuses an end before the start and a due date before the end", () => {
    expect(periodIssues(2026, [p("2026-03-01", "2026-02-28", "2026-02-27")])).toEqual([
      { index: 0, field: "endsOn", key: "programmeYears.periods.endBeforeStart" },
      { index: 0, field: "dueOn", key: "programmeYears.periods.dueBeforeEnd" },
    ]);
  });

  it("refuses periods out of order or overlapping, even by one shared day", () => {
    const first = p("2026-01-01", "2026-06-30", "2026-07-10");
    expect(periodIssues(2026, [first, p("2026-06-30", "2026-12-31", "2026-12-31")])).toEqual([
      { index: 1, field: "startsOn", key: "programmeYears.periods.overlap" },
    ]);
    expect(periodIssues(2026, [first, p("2026-07-01", "2026-12-31", "2026-12-31")])).toEqual([]);
    expect(
      periodIssues(2026, [p("2026-07-01", "2026-12-31", "2026-12-31"), first]).map((i) => i.key),
    ).toEqual(["programmeYears.periods.overlap"]);
  });
});

describe("yearPeriodsSchema", () => {
  it("reports each broken rule at its field and requires names in both languages", () => {
    const result = yearPeriodsSchema.safeParse({
      year: 2027,
      periods: [
        { ...p("2027-01-01", "2027-03-31", "2027-04-10"), nameEn: " " },
        p("2027-03-31", "2027-06-30", "2027-06-29"),
      ],
    });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((i) => [i.path.join("."), i.message]);
    // zod runs the date rules too (a missing name does not abort), so every error shows at once.
    expect(issues).toEqual([
      ["periods.0.nameEn", "programmeYears.periods.nameRequired"],
      ["periods.1.dueOn", "programmeYears.periods.dueBeforeEnd"],
      ["periods.1.startsOn", "programmeYears.periods.overlap"],
    ]);
  });

  it("refuses an empty list and an impossible date", () => {
    expect(yearPeriodsSchema.safeParse({ year: 2027, periods: [] }).error!.issues[0]!.message).toBe(
      "programmeYears.periods.atLeastOne",
    );
    const bad = yearPeriodsSchema.safeParse({
      year: 2027,
      periods: [p("2027-02-30", "2027-03-31", "2027-04-10")],
    });
    expect(bad.error!.issues.map((i) => i.path.join("."))).toEqual(["periods.0.startsOn"]);
  });
});
