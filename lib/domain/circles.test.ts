/** Belts and circles by year: which rows count in a year, and the checks on a change. */
import { describe, expect, it } from "vitest";
import {
  changedYears,
  clampToCircle,
  countsIn,
  countsSql,
  countsWhere,
  leadProblemYears,
  membershipCountsIn,
  membershipCountsSql,
  membershipCountsWhere,
  spansOverlap,
  spanValid,
  spanWithin,
  yearsCounted,
} from "./circles";
import { raw } from "./sql";

const span = (fromYear: number, untilYear: number | null = null) => ({ fromYear, untilYear });
const CLOSED = [2020, 2021, 2022, 2023, 2024, 2025];

describe("countsIn", () => {
  it("counts from fromYear to untilYear, both included; null runs on", () => {
    const ended = span(2022, 2025);
    expect([2021, 2022, 2025, 2026].map((y) => countsIn(ended, y))).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect([2019, 2020, 2099].map((y) => countsIn(span(2020), y))).toEqual([false, true, true]);
  });
  it("a membership counts only while its circle does", () => {
    const circle = span(2020, 2025);
    expect(membershipCountsIn(span(2024), circle, 2025)).toBe(true);
    expect(membershipCountsIn(span(2024), circle, 2026)).toBe(false); // circle ended
    expect(membershipCountsIn(span(2026), span(2020), 2025)).toBe(false); // joined later
    expect(membershipCountsIn(span(2026), span(2020), 2026)).toBe(true);
  });
});

describe("the same rule as Prisma filters and SQL", () => {
  it("builds the filters", () => {
    expect(countsWhere(2026)).toEqual({
      fromYear: { lte: 2026 },
      OR: [{ untilYear: null }, { untilYear: { gte: 2026 } }],
    });
    expect(membershipCountsWhere(2026)).toEqual({
      AND: [countsWhere(2026), { circle: countsWhere(2026) }],
    });
  });
  it("builds the SQL with the year as a parameter", () => {
    const one = countsSql(raw("c"), 2026);
    expect(one.sql).toBe('(c."fromYear" <= ? AND (c."untilYear" IS NULL OR c."untilYear" >= ?))');
    expect(one.values).toEqual([2026, 2026]);
    const both = membershipCountsSql(raw("ctt"), raw("c"), 2025);
    expect(both.sql).toContain('ctt."fromYear" <= ?');
    expect(both.sql).toContain('c."untilYear" >= ?');
    expect(both.values).toEqual([2025, 2025, 2025, 2025]);
  });
});

describe("spans", () => {
  it("within: a circle's years inside its belt's", () => {
    expect(spanWithin(span(2021, 2024), span(2020))).toBe(true);
    expect(spanWithin(span(2020), span(2020))).toBe(true);
    expect(spanWithin(span(2019, 2024), span(2020))).toBe(false);
    expect(spanWithin(span(2021), span(2020, 2025))).toBe(false); // open inside closed
    expect(spanWithin(span(2021, 2026), span(2020, 2025))).toBe(false);
    expect(spanWithin(span(2021, 2025), span(2020, 2025))).toBe(true);
  });
  it("valid: until not before from", () => {
    expect(spanValid(span(2026, 2025))).toBe(false);
    expect(spanValid(span(2026, 2026))).toBe(true);
    expect(spanValid(span(2026))).toBe(true);
  });
  it("overlap", () => {
    expect(spansOverlap(span(2020, 2025), span(2025))).toBe(true);
    expect(spansOverlap(span(2020, 2024), span(2025))).toBe(false);
    expect(spansOverlap(span(2020), span(2030))).toBe(true);
  });
  it("clamps a membership to its circle, or drops it", () => {
    expect(clampToCircle(span(2020), span(2022, 2025))).toEqual(span(2022, 2025));
    expect(clampToCircle(span(2023, 2024), span(2022, 2025))).toEqual(span(2023, 2024));
    expect(clampToCircle(span(2026), span(2022, 2025))).toBeNull();
    expect(clampToCircle(span(2020, 2021), span(2022))).toBeNull();
    expect(clampToCircle(span(2024), span(2020))).toEqual(span(2024));
  });
});

describe("changes and the closed years", () => {
  it("ending a running circle at last year leaves the closed years alone", () => {
    expect(changedYears(span(2020), span(2020, 2025), CLOSED)).toEqual([]);
    // ending it earlier would drop 2024 and 2025
    expect(changedYears(span(2020), span(2020, 2023), CLOSED)).toEqual([2024, 2025]);
  });
  it("a new row counting in a closed year changes it; one starting in 2026 does not", () => {
    expect(changedYears(null, span(2025), CLOSED)).toEqual([2025]);
    expect(changedYears(null, span(2026), CLOSED)).toEqual([]);
    expect(changedYears(span(2026), null, CLOSED)).toEqual([]);
    expect(changedYears(span(2021, 2022), null, CLOSED)).toEqual([2021, 2022]);
  });
  it("moving fromYear across closed years changes them", () => {
    expect(changedYears(span(2020), span(2022), CLOSED)).toEqual([2020, 2021]);
  });
  it("lists the years counted", () => {
    expect(yearsCounted(span(2024, 2030), CLOSED)).toEqual([2024, 2025]);
    expect(yearsCounted(span(2026), CLOSED)).toEqual([]);
  });
});

describe("leadProblemYears", () => {
  const lead = (fromYear: number, untilYear: number | null = null) => ({
    ...span(fromYear, untilYear),
    isLead: true,
  });
  const member = (fromYear: number, untilYear: number | null = null) => ({
    ...span(fromYear, untilYear),
    isLead: false,
  });
  it("holds with one lead in every year", () => {
    expect(leadProblemYears(span(2020), [lead(2020), member(2020), member(2023)])).toEqual([]);
    expect(leadProblemYears(span(2020), [])).toEqual([]);
  });
  it("finds the years with no lead or two", () => {
    // The lead ends in 2025: from 2026 on nobody leads (2026 stands for every later year).
    expect(leadProblemYears(span(2020), [lead(2020, 2025), member(2020)])).toEqual([2026]);
    // A second lead from 2024.
    expect(leadProblemYears(span(2020, 2025), [lead(2020), lead(2024)])).toEqual([2024, 2025]);
  });
  it("a lead handed over at the turn of a year is fine", () => {
    expect(leadProblemYears(span(2020), [lead(2020, 2025), lead(2026), member(2020)])).toEqual([]);
  });
  it("ignores years the circle does not count", () => {
    expect(leadProblemYears(span(2020, 2025), [lead(2020, 2025), member(2020)])).toEqual([]);
  });
});
