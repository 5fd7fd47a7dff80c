/** Shanghai calendar arithmetic around midnight, worked by hand. */
import { describe, expect, it } from "vitest";
import {
  addYears,
  daysUntil,
  fromIsoDate,
  isoDate,
  isPlausibleIsoDate,
  parseCalendarDate,
  shanghaiToday,
} from "./calendar";

describe("shanghaiToday", () => {
  it("switches date at 16:00 UTC (midnight in Shanghai)", () => {
    expect(shanghaiToday(new Date("2024-01-10T15:59:59Z")).toISOString()).toBe(
      "2024-01-10T00:00:00.000Z",
    );
    expect(shanghaiToday(new Date("2024-01-10T16:00:00Z")).toISOString()).toBe(
      "2024-01-11T00:00:00.000Z",
    );
  });
});

describe("daysUntil", () => {
  it("counts calendar days to the due date, negative when late", () => {
    const due = new Date("2024-01-10T00:00:00Z"); // 2023 Q4 is due 10 January
    expect(daysUntil(due, shanghaiToday(new Date("2024-01-01T02:00:00Z")))).toBe(9);
    expect(daysUntil(due, shanghaiToday(new Date("2024-01-10T15:00:00Z")))).toBe(0);
    expect(daysUntil(due, shanghaiToday(new Date("2024-01-12T01:00:00Z")))).toBe(-2);
  });
});

describe("parseCalendarDate", () => {
  it("reads the written forms and Excel serials (45291 = 2023-12-31, 45292 = 2024-01-01)", () => {
    for (const text of [
      "2023-12-31",
      "2023/12/31",
      "2023.12.31",
      "2023年12月31日",
      "２０２３年１２月３１日",
    ]) {
      expect(parseCalendarDate(text)).toBe("2023-12-31");
    }
    expect(parseCalendarDate("2024/3/5")).toBe("2024-03-05");
    // Years 0–99 are not read as 19xx (issue 14: "0001-01-01" was stored as 1901-01-01).
    expect(["0001-01-01", "0099-12-31", "0000-01-01"].map(parseCalendarDate)).toEqual([
      null,
      null,
      null,
    ]);
    expect(parseCalendarDate(45291)).toBe("2023-12-31");
    expect(parseCalendarDate(45291.75)).toBe("2023-12-31");
    // Digits typed as text are not an Excel serial (a CSV or a form has no number cells).
    expect(parseCalendarDate("45292")).toBeNull();
    expect(parseCalendarDate(61)).toBe("1900-03-01");
  });

  it("refuses what is not a real date", () => {
    for (const raw of ["2023-02-29", "2023-13-01", "12/31/2023", "明年底", "", 0, null]) {
      expect(parseCalendarDate(raw)).toBeNull();
    }
    expect(parseCalendarDate("2024-02-29")).toBe("2024-02-29");
  });
});

describe("addYears", () => {
  it.each([
    ["2025-11-20", 1, "2026-11-20"],
    ["2026-12-15", -2, "2024-12-15"],
    ["2024-02-29", 1, "2025-02-28"], // no 29 February in 2025
    ["2024-02-29", 4, "2028-02-29"],
  ])("%s + %s years → %s", (from, years, to) => {
    expect(isoDate(addYears(fromIsoDate(from), years))).toBe(to);
  });
});

describe("isPlausibleIsoDate", () => {
  it("takes the years 1900–2999 only (year 0 from a URL became a 500)", () => {
    expect(["1900-01-01", "2026-12-04", "2999-12-31"].every(isPlausibleIsoDate)).toBe(true);
    expect(["0000-01-01", "1899-12-31", "3000-01-01", "9999-12-31"].some(isPlausibleIsoDate)).toBe(
      false,
    );
  });
});
