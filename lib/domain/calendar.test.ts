/** Shanghai calendar arithmetic around midnight, worked by hand. */
import { describe, expect, it } from "vitest";
import { daysUntil, shanghaiToday } from "./calendar";

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
