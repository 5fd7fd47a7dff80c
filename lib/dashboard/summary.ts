/**
 * The key figures of the dashboard (驾驶舱), per county and for the city, computed live from a
 * handful of aggregate SQL queries (no rows are loaded into JavaScript, no nightly rebuild).
 *
 * Definitions (the same as prisma/seed/figures.ts and docs/DEMO-DATA.md, which the demo data
 * reproduces for 2023):
 * - townsInProgramme: towns with a creation task in the year.
 * - basicCompliance / provincialSamples: towns whose attainment at the year (the highest
 *   attainmentAwarded of their tasks of that year or before) is at least BASIC_COMPLIANCE /
 *   is PROVINCIAL_SAMPLE (cumulative; samples count as compliant).
 * - countySeatTowns: tasks of the year on track COUNTY_SEAT; sampleRenewals: tasks of the year
 *   with target SAMPLE_RENEWAL.
 * - circles / modelCircles: circles with at least one town in the area; townsInCircles:
 *   distinct towns of the area in any circle. (Circles can span counties, so the city's circle
 *   count is not the sum of the counties'; town counts do add up.)
 * - Facilities, workshops and jobs: from each town's latest accepted report of the year
 *   (status COUNTY_APPROVED or CITY_CONFIRMED, highest period index): towns with
 *   nankongReadingRooms ≥ 1, fifteenMinuteCircle = 1, nightLandscape = 1; sums of
 *   communityGyms, elderlyCareCentres, neighbourhoodCentres, commonProsperityWorkshops,
 *   localJobsCreated.
 * - landSuppliedMu (亩): land of projects of tasks of the year and before (cumulative).
 * - plannedInvestmentWan / completedInvestmentWan (万元): projects of the year's tasks.
 * - reportsDue / reportsSubmitted / reportsApproved and the two rates (%): the year's current
 *   period (the latest whose start date has passed, in Asia/Shanghai), against the tasks.
 * - stars: approved star ratings of the year by star level 1–5.
 * Money and land are strings with 2 decimals (rounded half-up), rates are percentages with
 * 2 decimals as strings, counts are numbers.
 */
import "server-only";
import { db } from "@/lib/db";
import { Decimal } from "@prisma/client-runtime-utils";
import { percent, roundHalfUp } from "@/lib/domain/numbers";
import { Prisma } from "@/lib/generated/prisma/client";
import { acceptedStatuses, attainmentLevels, latestAcceptedReports } from "./sql";

/** The figures of one area (a county, or the whole city) for one year. */
export type AreaFigures = {
  towns: number;
  townsInProgramme: number;
  basicCompliance: number;
  provincialSamples: number;
  countySeatTowns: number;
  sampleRenewals: number;
  circles: number;
  townsInCircles: number;
  modelCircles: number;
  townsWithNankongReadingRoom: number;
  nankongReadingRooms: number;
  communityGyms: number;
  elderlyCareCentres: number;
  neighbourhoodCentres: number;
  townsWithFifteenMinuteCircle: number;
  townsWithNightLandscape: number;
  commonProsperityWorkshops: number;
  localJobsCreated: number;
  landSuppliedMu: string;
  plannedInvestmentWan: string;
  completedInvestmentWan: string;
  reportsDue: number;
  reportsSubmitted: number;
  reportsApproved: number;
  submissionRate: string;
  approvalRate: string;
  /** Approved star ratings by star level: index 0 = 1 star … index 4 = 5 stars. */
  stars: [number, number, number, number, number];
};

/** One county's figures with its identity. */
export type CountyFigures = AreaFigures & {
  countyId: number;
  code: string;
  name: string;
  nameEn: string;
};

/** A year's summary: the city (or the actor's area) and each county in scope. */
export type Summary = {
  year: number;
  /** The reporting period the report rates refer to (null when the year has none). */
  period: { id: number; index: number; name: string; nameEn: string; dueOn: string } | null;
  total: AreaFigures;
  byCounty: CountyFigures[];
};

/** The figure keys whose values are numbers that add up across counties. */
export const additiveCountKeys = [
  "towns",
  "townsInProgramme",
  "basicCompliance",
  "provincialSamples",
  "countySeatTowns",
  "sampleRenewals",
  "townsInCircles",
  "townsWithNankongReadingRoom",
  "nankongReadingRooms",
  "communityGyms",
  "elderlyCareCentres",
  "neighbourhoodCentres",
  "townsWithFifteenMinuteCircle",
  "townsWithNightLandscape",
  "commonProsperityWorkshops",
  "localJobsCreated",
  "reportsDue",
  "reportsSubmitted",
  "reportsApproved",
] as const satisfies readonly (keyof AreaFigures)[];

type Row = Record<string, unknown> & { county_id: number };

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const money = (v: unknown): Decimal => new Decimal(v === null || v === undefined ? 0 : String(v));

/** Today's calendar date in Asia/Shanghai as YYYY-MM-DD. */
function shanghaiToday(now: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(now);
}

/**
 * The summary's aggregate statements (also run as they are by the benchmark's direct-SQL
 * baseline, lib/cli/bench-dashboard.ts). `periodId`: the year's current period, or null.
 */
export function summaryStatements(ids: number[], year: number, periodId: number | null) {
  return {
    towns: Prisma.sql`
      SELECT tw."countyId" AS county_id,
             COUNT(*) AS towns,
             COUNT(ct.id) AS towns_in_programme,
             COUNT(*) FILTER (WHERE ct.track = 'COUNTY_SEAT') AS county_seat_towns,
             COUNT(*) FILTER (WHERE ct.target = 'SAMPLE_RENEWAL') AS sample_renewals,
             COUNT(*) FILTER (WHERE att.level >= 1) AS basic_compliance,
             COUNT(*) FILTER (WHERE att.level = 2) AS provincial_samples
      FROM "Town" tw
      LEFT JOIN "CreationTask" ct ON ct."townId" = tw.id AND ct.year = ${year}
      LEFT JOIN ${attainmentLevels(year, ids)} att ON att."townId" = tw.id
      WHERE tw."countyId" = ANY(${ids})
      GROUP BY tw."countyId"`,
    values: Prisma.sql`
      WITH latest AS ${latestAcceptedReports(year, ids)}
      SELECT tw."countyId" AS county_id,
             COUNT(*) FILTER (WHERE i.code = 'nankongReadingRooms' AND iv.value >= 1) AS towns_nankong,
             SUM(iv.value) FILTER (WHERE i.code = 'nankongReadingRooms') AS nankong,
             SUM(iv.value) FILTER (WHERE i.code = 'communityGyms') AS gyms,
             SUM(iv.value) FILTER (WHERE i.code = 'elderlyCareCentres') AS elderly,
             SUM(iv.value) FILTER (WHERE i.code = 'neighbourhoodCentres') AS neighbourhood,
             COUNT(*) FILTER (WHERE i.code = 'fifteenMinuteCircle' AND iv.value = 1) AS towns_fifteen,
             COUNT(*) FILTER (WHERE i.code = 'nightLandscape' AND iv.value = 1) AS towns_night,
             SUM(iv.value) FILTER (WHERE i.code = 'commonProsperityWorkshops') AS workshops,
             SUM(iv.value) FILTER (WHERE i.code = 'localJobsCreated') AS jobs
      FROM latest l
      JOIN "Town" tw ON tw.id = l."townId"
      JOIN "IndicatorValue" iv ON iv."reportId" = l.id
      JOIN "Indicator" i ON i.id = iv."indicatorId"
      -- No "i.code IN (…)" here: the FILTER clauses pick the codes, and the extra predicate led
      -- the planner to a poor plan across many counties (docs/BENCHMARKS.md).
      WHERE tw."countyId" = ANY(${ids})
      GROUP BY tw."countyId"`,
    projects: Prisma.sql`
      SELECT tw."countyId" AS county_id,
             SUM(p."plannedInvestmentWan") FILTER (WHERE ct.year = ${year}) AS planned,
             SUM(p."completedInvestmentWan") FILTER (WHERE ct.year = ${year}) AS completed,
             SUM(p."landSuppliedMu") AS land
      FROM "Project" p
      JOIN "CreationTask" ct ON ct.id = p."taskId"
      JOIN "Town" tw ON tw.id = ct."townId"
      WHERE ct.year <= ${year} AND tw."countyId" = ANY(${ids})
      GROUP BY tw."countyId"`,
    reports: Prisma.sql`
          SELECT tw."countyId" AS county_id,
                 COUNT(ct.id) AS due,
                 COUNT(pr.id) FILTER (WHERE pr.status <> 'DRAFT') AS submitted,
                 COUNT(pr.id) FILTER (WHERE pr.status IN ${acceptedStatuses}) AS approved
          FROM "CreationTask" ct
          JOIN "Town" tw ON tw.id = ct."townId"
          LEFT JOIN "ProgressReport" pr ON pr."taskId" = ct.id AND pr."periodId" = ${periodId ?? -1}
          WHERE ct.year = ${year} AND tw."countyId" = ANY(${ids})
          GROUP BY tw."countyId"`,
    stars: Prisma.sql`
      SELECT tw."countyId" AS county_id, sr.stars, COUNT(*) AS n
      FROM "StarRating" sr
      JOIN "Town" tw ON tw.id = sr."townId"
      WHERE sr.year = ${year} AND sr.status = 'APPROVED' AND sr.stars BETWEEN 1 AND 5
        AND tw."countyId" = ANY(${ids})
      GROUP BY tw."countyId", sr.stars`,
    circles: Prisma.sql`
      SELECT tw."countyId" AS county_id,
             COUNT(DISTINCT ctt."circleId") AS circles,
             COUNT(DISTINCT ctt."circleId") FILTER (WHERE c."isModel") AS model_circles,
             COUNT(DISTINCT ctt."townId") AS towns_in_circles
      FROM "TownCircleTown" ctt
      JOIN "TownCircle" c ON c.id = ctt."circleId"
      JOIN "Town" tw ON tw.id = ctt."townId"
      WHERE tw."countyId" = ANY(${ids})
      GROUP BY tw."countyId"`,
    cityCircles: Prisma.sql`
      SELECT COUNT(DISTINCT c.id) AS circles,
             COUNT(DISTINCT c.id) FILTER (WHERE c."isModel") AS model_circles
      FROM "TownCircle" c
      JOIN "TownCircleTown" ctt ON ctt."circleId" = c.id
      JOIN "Town" tw ON tw.id = ctt."townId"
      WHERE tw."countyId" = ANY(${ids})`,
  } satisfies Record<string, Prisma.Sql>;
}

/**
 * Runs the aggregate queries for the given counties and year.
 * @param countyIds the counties in scope (already filtered by lib/access.ts).
 * @param now the moment that decides the current period (tests pass a fixed one).
 */
export async function computeSummary(
  countyIds: number[],
  year: number,
  now = new Date(),
): Promise<Summary> {
  const prisma = db();
  const counties = await prisma.county.findMany({
    where: { id: { in: countyIds } },
    select: { id: true, divisionCode: true, name: true, nameEn: true },
    orderBy: { divisionCode: "asc" },
  });
  const ids = counties.map((c) => c.id);
  const today = shanghaiToday(now);

  const period = await prisma.reportingPeriod.findFirst({
    where: { year, startsOn: { lte: new Date(`${today}T00:00:00Z`) } },
    orderBy: { index: "desc" },
    select: { id: true, index: true, name: true, nameEn: true, dueOn: true },
  });

  const q = summaryStatements(ids, year, period?.id ?? null);
  const [towns, values, projects, reports, stars, circles, cityCircles] = await Promise.all([
    prisma.$queryRaw<Row[]>(q.towns),
    prisma.$queryRaw<Row[]>(q.values),
    prisma.$queryRaw<Row[]>(q.projects),
    // Before the year's first period starts nothing is due yet.
    period ? prisma.$queryRaw<Row[]>(q.reports) : Promise.resolve([] as Row[]),
    prisma.$queryRaw<Row[]>(q.stars),
    prisma.$queryRaw<Row[]>(q.circles),
    prisma.$queryRaw<{ circles: bigint; model_circles: bigint }[]>(q.cityCircles),
  ]);

  const byId = (rows: Row[]) => new Map(rows.map((r) => [Number(r.county_id), r]));
  const [t, v, p, r, c] = [towns, values, projects, reports, circles].map(byId) as Map<
    number,
    Row
  >[];

  const byCounty: CountyFigures[] = counties.map((county) => {
    const tw = t!.get(county.id) ?? ({} as Row);
    const val = v!.get(county.id) ?? ({} as Row);
    const proj = p!.get(county.id) ?? ({} as Row);
    const rep = r!.get(county.id) ?? ({} as Row);
    const circ = c!.get(county.id) ?? ({} as Row);
    const starCounts: AreaFigures["stars"] = [0, 0, 0, 0, 0];
    for (const s of stars) {
      if (Number(s.county_id) === county.id) starCounts[Number(s.stars) - 1] = num(s.n);
    }
    return {
      countyId: county.id,
      code: county.divisionCode,
      name: county.name,
      nameEn: county.nameEn,
      ...figures({
        towns: num(tw.towns),
        townsInProgramme: num(tw.towns_in_programme),
        basicCompliance: num(tw.basic_compliance),
        provincialSamples: num(tw.provincial_samples),
        countySeatTowns: num(tw.county_seat_towns),
        sampleRenewals: num(tw.sample_renewals),
        circles: num(circ.circles),
        townsInCircles: num(circ.towns_in_circles),
        modelCircles: num(circ.model_circles),
        townsWithNankongReadingRoom: num(val.towns_nankong),
        nankongReadingRooms: num(val.nankong),
        communityGyms: num(val.gyms),
        elderlyCareCentres: num(val.elderly),
        neighbourhoodCentres: num(val.neighbourhood),
        townsWithFifteenMinuteCircle: num(val.towns_fifteen),
        townsWithNightLandscape: num(val.towns_night),
        commonProsperityWorkshops: num(val.workshops),
        localJobsCreated: num(val.jobs),
        land: money(proj.land),
        planned: money(proj.planned),
        completed: money(proj.completed),
        reportsDue: num(rep.due),
        reportsSubmitted: num(rep.submitted),
        reportsApproved: num(rep.approved),
        stars: starCounts,
      }),
    };
  });

  const sum = (key: (typeof additiveCountKeys)[number]) =>
    byCounty.reduce((total, county) => total + county[key], 0);
  const sumMoney = (key: "landSuppliedMu" | "plannedInvestmentWan" | "completedInvestmentWan") =>
    byCounty.reduce((total, county) => total.plus(county[key]), new Decimal(0));
  const city = cityCircles[0];
  const total = figures({
    ...(Object.fromEntries(additiveCountKeys.map((k) => [k, sum(k)])) as Record<
      (typeof additiveCountKeys)[number],
      number
    >),
    circles: num(city?.circles),
    modelCircles: num(city?.model_circles),
    land: sumMoney("landSuppliedMu"),
    planned: sumMoney("plannedInvestmentWan"),
    completed: sumMoney("completedInvestmentWan"),
    stars: [0, 1, 2, 3, 4].map((i) =>
      byCounty.reduce((n, county) => n + county.stars[i]!, 0),
    ) as AreaFigures["stars"],
  });

  return {
    year,
    period: period && { ...period, dueOn: period.dueOn.toISOString().slice(0, 10) },
    total,
    byCounty,
  };
}

/** Fills in the derived fields (formatted money, rates) of an area's figures. */
function figures(
  raw: Omit<
    AreaFigures,
    | "landSuppliedMu"
    | "plannedInvestmentWan"
    | "completedInvestmentWan"
    | "submissionRate"
    | "approvalRate"
  > & { land: Decimal; planned: Decimal; completed: Decimal },
): AreaFigures {
  const { land, planned, completed, ...rest } = raw;
  return {
    ...rest,
    landSuppliedMu: roundHalfUp(land),
    plannedInvestmentWan: roundHalfUp(planned),
    completedInvestmentWan: roundHalfUp(completed),
    submissionRate: percent(rest.reportsSubmitted, rest.reportsDue),
    approvalRate: percent(rest.reportsApproved, rest.reportsDue),
  };
}
