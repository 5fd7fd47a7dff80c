/**
 * The programme figures Quzhou published (中国建设报, 2023-02-24) and their exact definitions.
 * The demo data reproduces each for PUBLISHED_FIGURES_YEAR; the dashboard must compute the
 * same numbers with the same definitions (docs/DEMO-DATA.md, "Published figures").
 */
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { ReportStatus } from "@/lib/generated/prisma/enums";

/** The year whose figures match the publication. */
export const PUBLISHED_FIGURES_YEAR = 2023;

/** The published values; landSuppliedMu ("3,000+ mu") is the demo's exact choice. */
export const PUBLISHED_FIGURES = {
  townsInProgramme: 81,
  basicCompliance: 80,
  provincialSamples: 28,
  countySeatTowns: 6,
  sampleRenewals: 7,
  circles: 22,
  townsInCircles: 29,
  modelCircles: 4,
  townsWithNankongReadingRoom: 31,
  townsWithFifteenMinuteCircle: 11,
  commonProsperityWorkshops: 204,
  localJobsCreated: 25_800,
  landSuppliedMu: "3126.40",
} as const;

/** Every figure is a count or sum (number), except land, a 2-place decimal string in 亩. */
export type ProgrammeFigures = {
  [K in keyof typeof PUBLISHED_FIGURES]: K extends "landSuppliedMu" ? string : number;
};

/** Report statuses whose values count: accepted by the county at least. */
export const ACCEPTED_REPORT_STATUSES: ReportStatus[] = ["COUNTY_APPROVED", "CITY_CONFIRMED"];

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * Computes the programme figures for `year`:
 * - townsInProgramme: creation tasks of the year (one per town).
 * - basicCompliance / provincialSamples: towns whose attainment at the year (the highest
 *   attainmentAwarded of their tasks of that year or before) is BASIC_COMPLIANCE or
 *   PROVINCIAL_SAMPLE / is PROVINCIAL_SAMPLE.
 * - countySeatTowns: tasks of the year on track COUNTY_SEAT; sampleRenewals: tasks of the
 *   year with target SAMPLE_RENEWAL.
 * - circles, townsInCircles (distinct towns), modelCircles: the current circles (not per year).
 * - townsWithNankongReadingRoom (value ≥ 1), townsWithFifteenMinuteCircle (value = 1),
 *   commonProsperityWorkshops and localJobsCreated (sums): over each town's latest accepted
 *   report of the year (status COUNTY_APPROVED or CITY_CONFIRMED, highest period index).
 * - landSuppliedMu: sum of Project.landSuppliedMu over all tasks of the year and before.
 * Queries run one after another, so `db` may be an interactive-transaction client.
 */
export async function computeProgrammeFigures(db: Db, year: number): Promise<ProgrammeFigures> {
  const townsInProgramme = await db.creationTask.count({ where: { year } });
  const basicCompliance = (
    await db.creationTask.groupBy({
      by: ["townId"],
      where: {
        year: { lte: year },
        attainmentAwarded: { in: ["BASIC_COMPLIANCE", "PROVINCIAL_SAMPLE"] },
      },
    })
  ).length;
  const provincialSamples = (
    await db.creationTask.groupBy({
      by: ["townId"],
      where: { year: { lte: year }, attainmentAwarded: "PROVINCIAL_SAMPLE" },
    })
  ).length;
  const countySeatTowns = await db.creationTask.count({ where: { year, track: "COUNTY_SEAT" } });
  const sampleRenewals = await db.creationTask.count({ where: { year, target: "SAMPLE_RENEWAL" } });
  const circles = await db.townCircle.count();
  const townsInCircles = (await db.townCircleTown.groupBy({ by: ["townId"] })).length;
  const modelCircles = await db.townCircle.count({ where: { isModel: true } });

  const accepted = await db.progressReport.findMany({
    where: { task: { year }, status: { in: ACCEPTED_REPORT_STATUSES } },
    select: { id: true, taskId: true, period: { select: { index: true } } },
  });
  const latest = new Map<number, { id: number; index: number }>();
  for (const report of accepted) {
    const current = latest.get(report.taskId);
    if (!current || report.period.index > current.index) {
      latest.set(report.taskId, { id: report.id, index: report.period.index });
    }
  }
  const reportIds = [...latest.values()].map((r) => r.id);
  const latestValue = (code: string): Prisma.IndicatorValueWhereInput => ({
    reportId: { in: reportIds },
    indicator: { code },
  });
  const townsWithNankongReadingRoom = await db.indicatorValue.count({
    where: { ...latestValue("nankongReadingRooms"), value: { gte: 1 } },
  });
  const townsWithFifteenMinuteCircle = await db.indicatorValue.count({
    where: { ...latestValue("fifteenMinuteCircle"), value: { equals: 1 } },
  });
  const workshops = await db.indicatorValue.aggregate({
    where: latestValue("commonProsperityWorkshops"),
    _sum: { value: true },
  });
  const jobs = await db.indicatorValue.aggregate({
    where: latestValue("localJobsCreated"),
    _sum: { value: true },
  });
  const land = await db.project.aggregate({
    where: { task: { year: { lte: year } } },
    _sum: { landSuppliedMu: true },
  });

  return {
    townsInProgramme,
    basicCompliance,
    provincialSamples,
    countySeatTowns,
    sampleRenewals,
    circles,
    townsInCircles,
    modelCircles,
    townsWithNankongReadingRoom,
    townsWithFifteenMinuteCircle,
    commonProsperityWorkshops: Number(workshops._sum.value ?? 0),
    localJobsCreated: Number(jobs._sum.value ?? 0),
    landSuppliedMu: land._sum.landSuppliedMu?.toFixed(2) ?? "0.00",
  };
}
