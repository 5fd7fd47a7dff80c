import { createFormatter } from "use-intl/core";
import { describe, expect, it } from "vitest";
import { timeZone } from "./config";
import { datesOf, toDate } from "./dates";
import { formats } from "./formats";

const dates = (locale: string) => datesOf(createFormatter({ locale, timeZone, formats }));

describe("the UI's date formats", () => {
  it("reads a calendar date as UTC midnight and an instant as itself", () => {
    expect(toDate("2026-12-10").toISOString()).toBe("2026-12-10T00:00:00.000Z");
    expect(toDate("2026-12-04T02:00:00.000Z").toISOString()).toBe("2026-12-04T02:00:00.000Z");
  });

  it("shows a calendar date as the same day in both languages", () => {
    expect(dates("zh-CN").date("2026-12-10")).toBe("2026/12/10");
    expect(dates("en").date("2026-12-10")).toBe("12/10/2026");
    // A @db.Date column arrives as a Date at UTC midnight: still the 10th in Shanghai.
    expect(dates("zh-CN").date(new Date("2026-12-10T00:00:00Z"))).toBe("2026/12/10");
  });

  it("shows an instant in Asia/Shanghai to the minute", () => {
    // 23:30 UTC on 3 December is 07:30 on 4 December in Shanghai (UTC+8).
    expect(dates("zh-CN").dateTime("2026-12-03T23:30:00Z")).toBe("2026/12/04 07:30");
    expect(dates("en").dateTime("2026-12-03T23:30:00Z")).toBe("12/04/2026, 07:30 AM");
  });
});
