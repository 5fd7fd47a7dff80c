/**
 * The dashboard's figures on the demo data: equal to the published Quzhou figures
 * (../shared/DOMAIN.md, prisma/seed/figures.ts) one by one, and the counties add up to the city.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "@/lib/prisma-client";
import { createScratchDatabase, type ScratchDatabase } from "@/lib/testing/database";
import { PUBLISHED_FIGURES, seedDemoData } from "@/prisma/seed";
import { figureFilters } from "./figure-filters";
import { computeSummary } from "./summary.internal";
import { listTownRows } from "./town-rows.internal";
import { additiveCountKeys, type Summary } from "./types";

let database: ScratchDatabase;
let prisma: PrismaClient;
let summary: Summary;
let counties: { id: number; divisionCode: string; name: string; nameEn: string }[];
let countyIds: number[];
const NOW = new Date("2024-01-12T04:00:00Z");

beforeAll(async () => {
  database = await createScratchDatabase("dashboard");
  process.env.DATABASE_URL = database.url;
  prisma = createPrismaClient(database.url, { max: 2 });
  await seedDemoData(prisma);
  counties = await prisma.county.findMany({
    select: { id: true, divisionCode: true, name: true, nameEn: true },
    orderBy: { divisionCode: "asc" },
  });
  countyIds = counties.map((c) => c.id);
  // A fixed moment after the year: the current period of 2023 is Q4.
  summary = await computeSummary(counties, 2023, NOW);
});

afterAll(async () => {
  await prisma?.$disconnect();
  await database?.drop();
});

describe("the 2023 summary on the demo data", () => {
  it.each(Object.entries(PUBLISHED_FIGURES))("%s equals the published figure", (key, value) => {
    expect(summary.total[key as keyof typeof PUBLISHED_FIGURES]).toBe(value);
  });

  it("reports land as more than 3,000 mu (the article's 3,000+)", () => {
    expect(Number(summary.total.landSuppliedMu)).toBeGreaterThan(3000);
  });

  it("has six counties whose counts add up to the city's", () => {
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
        key,
      ).toBe(summary.total[key]);
    }
    const money = (k: "landSuppliedMu" | "plannedInvestmentWan" | "completedInvestmentWan") =>
      summary.byCounty.reduce((n, c) => n + Math.round(Number(c[k]) * 100), 0) / 100;
    expect(money("landSuppliedMu")).toBe(Number(summary.total.landSuppliedMu));
    expect(money("plannedInvestmentWan")).toBe(Number(summary.total.plannedInvestmentWan));
    expect(summary.total.stars.reduce((a, b) => a + b, 0)).toBe(
      summary.byCounty.reduce((n, c) => n + c.stars.reduce((a, b) => a + b, 0), 0),
    );
  });

  it("counts 101 towns (100 NBS units and 芹阳办事处) and the Q4 report rates", async () => {
    expect(summary.total.towns).toBe(101);
    expect(summary.period?.index).toBe(4);
    const q4 = await prisma.progressReport.groupBy({
      by: ["status"],
      where: { task: { year: 2023 }, period: { index: 4 } },
      _count: { _all: true },
    });
    const count = (statuses: string[]) =>
      q4.filter((g) => statuses.includes(g.status)).reduce((n, g) => n + g._count._all, 0);
    expect(summary.total.reportsDue).toBe(81);
    // A returned report is the township's again: not counted as submitted.
    expect(summary.total.reportsSubmitted).toBe(
      count(["SUBMITTED", "COUNTY_APPROVED", "CITY_CONFIRMED"]),
    );
    expect(summary.total.reportsApproved).toBe(count(["COUNTY_APPROVED", "CITY_CONFIRMED"]));
    const expectedRate = ((count(["COUNTY_APPROVED", "CITY_CONFIRMED"]) * 100) / 81).toFixed(2);
    expect(summary.total.approvalRate).toBe(expectedRate);
  });

  it("a county's own summary equals its row in the city's", async () => {
    const longyou = summary.byCounty.find((c) => c.code === "330825")!;
    const own = await computeSummary(
      counties.filter((c) => c.id === longyou.countyId),
      2023,
      NOW,
    );
    expect(own.total).toEqual(
      Object.fromEntries(Object.entries(longyou).filter(([k]) => k in own.total)),
    );
  });

  it("the town rows behind each figure are as many as the figure", async () => {
    const rows = await listTownRows(
      countyIds,
      2023,
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
      expect(rows.filter(figureFilters[key]).length, key).toBe(summary.total[key]);
    }
    const sum = (k: "commonProsperityWorkshops" | "localJobsCreated") =>
      rows.reduce((n, r) => n + (r.values[k] ?? 0), 0);
    expect(sum("commonProsperityWorkshops")).toBe(204);
    expect(sum("localJobsCreated")).toBe(25_800);
    const xikou = rows.find((r) => r.code === "330825109")!;
    expect(xikou).toMatchObject({
      name: "溪口镇",
      attainment: "PROVINCIAL_SAMPLE",
      reportStatus: "DRAFT",
    });
  });

  it("last year has fewer compliant towns (the trend the article describes)", async () => {
    const byYear = [];
    for (const year of [2020, 2021, 2022]) {
      const { total } = await computeSummary(counties, year, NOW);
      byYear.push([year, total.townsInProgramme, total.basicCompliance, total.provincialSamples]);
    }
    expect(byYear).toEqual([
      [2020, 75, 31, 9],
      [2021, 75, 58, 19],
      [2022, 81, 80, 28],
    ]);
  });
});
