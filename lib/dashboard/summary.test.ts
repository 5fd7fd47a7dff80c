/**
 * The dashboard's figures on the demo data as of a pinned date (2026-12-04): the figures of
 * 2022 equal the published Quzhou figures (../shared/DOMAIN.md, prisma/seed/figures.ts) one by
 * one; later years continue from them and add up; the counties add up to the city; the towns
 * behind each figure are as many as the figure; the current year's report rates match its
 * reports.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { E2E_NOW, E2E_TODAY } from "@/e2e/demo-date";
import { createPrismaClient, type PrismaClient } from "@/lib/prisma-client";
import { createScratchDatabase, type ScratchDatabase } from "@/lib/testing/database";
import { PUBLISHED_FIGURES, PUBLISHED_FIGURES_YEAR, seedDemoData } from "@/prisma/seed";
import { figureFilters } from "./figure-filters";
import { computeSummary } from "./summary.internal";
import { listTownRows } from "./town-rows.internal";
import { additiveCountKeys, type Summary } from "./types";

let database: ScratchDatabase;
let prisma: PrismaClient;
const summaries = new Map<number, Summary>();
let counties: { id: number; divisionCode: string; name: string; nameEn: string }[];
let countyIds: number[];
const NOW = new Date(E2E_NOW);
const YEARS = [2020, 2021, 2022, 2023, 2024, 2025, 2026];

beforeAll(async () => {
  database = await createScratchDatabase("dashboard");
  process.env.DATABASE_URL = database.url;
  prisma = createPrismaClient(database.url, { max: 2 });
  await seedDemoData(prisma, { today: E2E_TODAY });
  counties = await prisma.county.findMany({
    select: { id: true, divisionCode: true, name: true, nameEn: true },
    orderBy: { divisionCode: "asc" },
  });
  countyIds = counties.map((c) => c.id);
  for (const year of YEARS) summaries.set(year, await computeSummary(counties, year, NOW));
});

afterAll(async () => {
  await prisma?.$disconnect();
  await database?.drop();
});

const total = (year: number) => summaries.get(year)!.total;

describe("the published figures", () => {
  it("are the figures of 2022", () => {
    expect(PUBLISHED_FIGURES_YEAR).toBe(2022);
  });

  it.each(Object.entries(PUBLISHED_FIGURES))(
    "%s of 2022 equals the published figure",
    (key, value) => {
      expect(total(2022)[key as keyof typeof PUBLISHED_FIGURES]).toBe(value);
    },
  );

  it("reports land as more than 3,000 mu (the article's 3,000+)", () => {
    expect(Number(total(2022).landSuppliedMu)).toBeGreaterThan(3000);
  });
});

describe("every year", () => {
  it("has six counties whose counts add up to the city's", () => {
    for (const year of YEARS) {
      const summary = summaries.get(year)!;
      expect(summary.byCounty.map((c) => c.code)).toEqual([
        "330802",
        "330803",
        "330822",
        "330824",
        "330825",
        "330881",
      ]);
      for (const key of additiveCountKeys) {
        expect(
          summary.byCounty.reduce((n, c) => n + c[key], 0),
          `${year} ${key}`,
        ).toBe(summary.total[key]);
      }
      const cents = (k: "landSuppliedMu" | "plannedInvestmentWan" | "completedInvestmentWan") =>
        summary.byCounty.reduce((n, c) => n + Math.round(Number(c[k]) * 100), 0);
      for (const k of [
        "landSuppliedMu",
        "plannedInvestmentWan",
        "completedInvestmentWan",
      ] as const) {
        expect(cents(k), `${year} ${k}`).toBe(Math.round(Number(summary.total[k]) * 100));
      }
    }
  });

  it("continues from the published figures: titles as awarded and stripped, more workshops and jobs", () => {
    const row = (year: number) => {
      const t = total(year);
      return [year, t.townsInProgramme, t.basicCompliance, t.provincialSamples, t.sampleRenewals];
    };
    expect(YEARS.map(row)).toEqual([
      [2020, 75, 31, 9, 0],
      [2021, 75, 58, 19, 0],
      [2022, 81, 80, 28, 7],
      // 塘源口乡 compliant; three new samples
      [2023, 81, 81, 31, 10],
      // three towns join; three new samples, 石门镇's title stripped on 2024-06-18
      [2024, 84, 81, 33, 9],
      // the three joiners compliant; three new samples
      [2025, 84, 84, 36, 12],
      // 2026's titles are awarded on 28 December, after the demo's today
      [2026, 84, 84, 36, 12],
    ]);
    for (let year = 2023; year <= 2026; year++) {
      expect(total(year).commonProsperityWorkshops).toBeGreaterThanOrEqual(
        total(year - 1).commonProsperityWorkshops,
      );
      expect(total(year).localJobsCreated).toBeGreaterThan(total(year - 1).localJobsCreated);
      expect(Number(total(year).landSuppliedMu)).toBeGreaterThan(
        Number(total(year - 1).landSuppliedMu),
      );
    }
  });
});

describe("the current year on the demo's today", () => {
  it("counts 101 towns and the annual report's rates from its reports", async () => {
    const summary = summaries.get(2026)!;
    expect(summary.total.towns).toBe(101);
    expect([summary.period?.index, summary.period?.dueOn]).toEqual([4, "2026-12-10"]);
    const q4 = await prisma.progressReport.groupBy({
      by: ["status"],
      where: { task: { year: 2026 }, period: { index: 4 } },
      _count: { _all: true },
    });
    const count = (statuses: string[]) =>
      q4.filter((g) => statuses.includes(g.status)).reduce((n, g) => n + g._count._all, 0);
    expect(summary.total.reportsDue).toBe(84);
    // A returned report is the township's again: not counted as submitted.
    expect(summary.total.reportsSubmitted).toBe(
      count(["SUBMITTED", "COUNTY_APPROVED", "CITY_CONFIRMED"]),
    );
    expect(summary.total.reportsApproved).toBe(count(["COUNTY_APPROVED", "CITY_CONFIRMED"]));
    const expectedRate = ((count(["COUNTY_APPROVED", "CITY_CONFIRMED"]) * 100) / 84).toFixed(2);
    expect(summary.total.approvalRate).toBe(expectedRate);
    expect(summary.total.townsLate).toBe(0);
  });

  it("a county's own summary equals its row in the city's", async () => {
    const summary = summaries.get(2026)!;
    const longyou = summary.byCounty.find((c) => c.code === "330825")!;
    const own = await computeSummary(
      counties.filter((c) => c.id === longyou.countyId),
      2026,
      NOW,
    );
    expect(own.total).toEqual(
      Object.fromEntries(Object.entries(longyou).filter(([k]) => k in own.total)),
    );
  });

  it("the town rows behind each figure are as many as the figure, in 2022 and now", async () => {
    for (const year of [2022, 2026]) {
      const summary = summaries.get(year)!;
      const rows = await listTownRows(
        countyIds,
        year,
        summary.period!.id,
        summary.asOfDate,
        summary.today,
      );
      expect(rows).toHaveLength(101);
      for (const key of [
        "townsInProgramme",
        "basicCompliance",
        "provincialSamples",
        "countySeatTowns",
        "sampleRenewals",
        "townsInCircles",
        "townsWithNankongReadingRoom",
        "townsWithFifteenMinuteCircle",
        "townsWithNightLandscape",
        "townsLate",
      ] as const) {
        expect(rows.filter(figureFilters[key]).length, `${year} ${key}`).toBe(summary.total[key]);
      }
      const sum = (k: "commonProsperityWorkshops" | "localJobsCreated") =>
        rows.reduce((n, r) => n + (r.values[k] ?? 0), 0);
      expect(sum("commonProsperityWorkshops")).toBe(summary.total.commonProsperityWorkshops);
      expect(sum("localJobsCreated")).toBe(summary.total.localJobsCreated);
    }
  });
});
