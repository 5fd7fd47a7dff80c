/** Due and late, on calendar dates worked out by hand. */
import { describe, expect, it } from "vitest";
import { shanghaiToday } from "./calendar";
import {
  currentPeriod,
  daysLate,
  isLate,
  isOutstanding,
  isPastDue,
  isSubmittedOnTime,
} from "./reporting";
import {
  ACCEPTED_REPORT_STATUSES,
  OUTSTANDING_REPORT_STATUSES,
  SUBMITTED_REPORT_STATUSES,
} from "./report-status";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const periods = [1, 2, 3, 4].map((index) => ({
  index,
  startsOn: day(`2026-${String(index * 3 - 2).padStart(2, "0")}-01`),
  dueOn: day(["2026-04-10", "2026-07-10", "2026-10-10", "2026-12-10"][index - 1]!),
}));

describe("report status groups", () => {
  it("outstanding and submitted partition the statuses; accepted ones are submitted", () => {
    expect([...OUTSTANDING_REPORT_STATUSES].sort()).toEqual(["DRAFT", "RETURNED"]);
    expect([...SUBMITTED_REPORT_STATUSES].sort()).toEqual([
      "CITY_CONFIRMED",
      "COUNTY_APPROVED",
      "SUBMITTED",
    ]);
    for (const status of ACCEPTED_REPORT_STATUSES) {
      expect(SUBMITTED_REPORT_STATUSES).toContain(status);
    }
  });
});

describe("currentPeriod", () => {
  it("is the latest period begun; none before the first begins", () => {
    expect(currentPeriod(periods, day("2025-12-31"))).toBeNull();
    expect(currentPeriod(periods, day("2026-01-01"))?.index).toBe(1);
    expect(currentPeriod(periods, day("2026-06-30"))?.index).toBe(2);
    expect(currentPeriod(periods, day("2026-12-04"))?.index).toBe(4);
  });
});

describe("isPastDue", () => {
  it("is past from the day after the due date", () => {
    const due = day("2026-12-10");
    expect(isPastDue(due, day("2026-12-10"))).toBe(false);
    expect(isPastDue(due, day("2026-12-11"))).toBe(true);
  });
});

describe("isLate", () => {
  const due = day("2026-12-10");
  it("is late only after the due date, and only while outstanding", () => {
    expect(isLate(due, null, day("2026-12-10"))).toBe(false);
    expect(isLate(due, null, day("2026-12-11"))).toBe(true);
    expect(isLate(due, "DRAFT", day("2026-12-11"))).toBe(true);
    expect(isLate(due, "RETURNED", day("2026-12-11"))).toBe(true);
    expect(isLate(due, "SUBMITTED", day("2026-12-11"))).toBe(false);
    expect(isLate(due, "CITY_CONFIRMED", day("2027-03-01"))).toBe(false);
  });
  it("uses the Shanghai date: 16:00 UTC on the due date is already the next day there", () => {
    expect(isLate(due, "DRAFT", shanghaiToday(new Date("2026-12-10T15:59:59Z")))).toBe(false);
    expect(isLate(due, "DRAFT", shanghaiToday(new Date("2026-12-10T16:00:00Z")))).toBe(true);
  });
  it("counts whole days late", () => {
    expect(daysLate(due, day("2026-12-04"))).toBe(0);
    expect(daysLate(due, day("2026-12-13"))).toBe(3);
    expect(isOutstanding("COUNTY_APPROVED")).toBe(false);
  });
});

describe("isSubmittedOnTime", () => {
  const due = day("2026-12-10");
  it("is on time when first submitted on the due date's Shanghai day at the latest", () => {
    expect(isSubmittedOnTime(new Date("2026-12-10T15:59:59Z"), due)).toBe(true); // 23:59:59 there
    expect(isSubmittedOnTime(new Date("2026-12-10T16:00:00Z"), due)).toBe(false); // 00:00 on the 11th
    expect(isSubmittedOnTime(new Date("2026-11-30T02:00:00Z"), due)).toBe(true);
    expect(isSubmittedOnTime(null, due)).toBe(false);
  });
});
