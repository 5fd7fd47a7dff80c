/**
 * The key figures of the dashboard (驾驶舱), per county and for the area, computed live from a
 * handful of aggregate SQL queries. Unscoped (it takes county ids): only lib/dashboard/queries.ts
 * calls it, after lib/access.ts decided the area, and the benchmark.
 *
 * Every rule comes from lib/domain, in its SQL form:
 * - Towns are counted while separate on the figure date (town-register.ts: a town merged by
 *   then is part of its survivor, of the same county, so values and projects still count under
 *   the county as before);
 * - townsInProgramme: towns whose task of the year is published (programme.ts);
 *   countySeatTowns / sampleRenewals: of those, track COUNTY_SEAT / target SAMPLE_RENEWAL.
 * - basicCompliance / provincialSamples: towns holding the title on the year's figure date
 *   (attainment.ts: 31 December, or today while the year runs; stripped titles no longer count).
 * - Indicator figures (figures.ts): from each town's latest accepted report of the year.
 * - landSuppliedMu (亩): land of projects of in-programme tasks of the year and before;
 *   plannedInvestmentWan / completedInvestmentWan (万元): projects of the year's in-programme tasks.
 * - reportsDue / reportsSubmitted / reportsApproved and the two rates (%): the year's current
 *   period (reporting.ts) against the tasks in the programme; townsLate: towns with a report of
 *   the year late today.
 * - circles / modelCircles: circles counting in the year with at least one town of the area
 *   counting in them; townsInCircles: distinct towns of the area counting in any circle that year
 *   (circles.ts: a membership counts when it and its circle count; circles span counties, so the
 *   city's circle count is not the sum of the counties').
 * - stars: approved star ratings of the year by star level 1–5.
 */
import "server-only";
import { Decimal } from "@prisma/client-runtime-utils";
import { db, toPrismaSql } from "@/lib/db";
import { attainmentOnSql, figureDate, holdsTitleSql } from "@/lib/domain/attainment";
import { membershipCountsSql } from "@/lib/domain/circles";
import { fromIsoDate, isoDate, shanghaiToday, currentInstant } from "@/lib/domain/calendar";
import {
  INDICATOR_FIGURE_KEYS,
  indicatorFigureColumnsSql,
  latestAcceptedReportsSql,
  projectFigureColumnsSql,
  projectFiguresTaskSql,
} from "@/lib/domain/figures";
import { percent, roundHalfUp } from "@/lib/domain/numbers";
import { inProgrammeSql } from "@/lib/domain/programme";
import { separateTownSql } from "@/lib/domain/town-register";
import { acceptedStatusesSql, submittedStatusesSql } from "@/lib/domain/report-status";
import { currentPeriod, lateReportsSql, periodReportsSql } from "@/lib/domain/reporting";
import { starLevelSql } from "@/lib/domain/rating-status";
import { raw, sql, type Sql } from "@/lib/domain/sql";
import { additiveCountKeys, type AreaFigures, type CountyFigures, type Summary } from "./types";

type Row = Record<string, unknown> & { county_id: number };

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const money = (v: unknown): Decimal => new Decimal(v === null || v === undefined ? 0 : String(v));

/**
 * The summary's aggregate statements (also run as they are by the benchmark's direct-SQL
 * baseline, lib/cli/bench-dashboard.ts).
 * @param periodId the year's current period, or null. @param date the figure date "YYYY-MM-DD".
 * @param today today's date "YYYY-MM-DD": a report is late from the day after its due date,
 *   whichever year is shown (an overdue report of an earlier year is late now).
 */
export function summaryStatements(
  ids: number[],
  year: number,
  periodId: number | null,
  date: string,
  today: string = date,
) {
  const ct = raw("ct");
  return {
    towns: sql`
      SELECT tw."countyId" AS county_id,
             COUNT(*) AS towns,
             COUNT(ct.id) AS towns_in_programme,
             COUNT(ct.id) FILTER (WHERE ct.track = 'COUNTY_SEAT') AS county_seat_towns,
             COUNT(ct.id) FILTER (WHERE ct.target = 'SAMPLE_RENEWAL') AS sample_renewals,
             COUNT(*) FILTER (WHERE ${holdsTitleSql(raw("att.attainment"), "BASIC_COMPLIANCE")}) AS basic_compliance,
             COUNT(*) FILTER (WHERE ${holdsTitleSql(raw("att.attainment"), "PROVINCIAL_SAMPLE")}) AS provincial_samples
      FROM "Town" tw
      LEFT JOIN "CreationTask" ct ON ct."townId" = tw.id AND ct.year = ${year} AND ${inProgrammeSql(ct)}
      LEFT JOIN ${attainmentOnSql(date, ids)} att ON att."townId" = tw.id
      WHERE tw."countyId" = ANY(${ids}) AND ${separateTownSql(raw("tw"), date)}
      GROUP BY tw."countyId"`,
    values: sql`
      WITH latest AS ${latestAcceptedReportsSql(year, ids)}
      SELECT tw."countyId" AS county_id,
             ${indicatorFigureColumnsSql(raw("iv"), raw("i"))}
      FROM latest l
      JOIN "Town" tw ON tw.id = l."townId"
      JOIN "IndicatorValue" iv ON iv."reportId" = l.id
      JOIN "Indicator" i ON i.id = iv."indicatorId"
      -- No "i.code IN (…)" here: the FILTER clauses pick the codes, and the extra predicate led
      -- the planner to a poor plan across many counties (docs/BENCHMARKS.md).
      WHERE tw."countyId" = ANY(${ids})
      GROUP BY tw."countyId"`,
    projects: sql`
      SELECT tw."countyId" AS county_id,
             ${projectFigureColumnsSql(raw("p"), ct, year)}
      FROM "Project" p
      JOIN "CreationTask" ct ON ct.id = p."taskId"
      JOIN "Town" tw ON tw.id = ct."townId"
      WHERE ${projectFiguresTaskSql(ct, year)} AND tw."countyId" = ANY(${ids})
      GROUP BY tw."countyId"`,
    reports: sql`
      SELECT tw."countyId" AS county_id,
             COUNT(*) AS due,
             COUNT(*) FILTER (WHERE pr.status IN ${submittedStatusesSql}) AS submitted,
             COUNT(*) FILTER (WHERE pr.status IN ${acceptedStatusesSql}) AS approved
      FROM ${periodReportsSql(year, periodId ?? -1, ids)} pr
      JOIN "Town" tw ON tw.id = pr."townId"
      GROUP BY tw."countyId"`,
    late: sql`
      SELECT tw."countyId" AS county_id, COUNT(DISTINCT lr."townId") AS towns_late
      FROM ${lateReportsSql(year, today, ids)} lr
      JOIN "Town" tw ON tw.id = lr."townId"
      GROUP BY tw."countyId"`,
    stars: sql`
      SELECT tw."countyId" AS county_id, sr.stars, COUNT(*) AS n
      FROM "StarRating" sr
      JOIN "Town" tw ON tw.id = sr."townId"
      WHERE sr.year = ${year} AND ${starLevelSql(raw("sr"))} AND sr.stars BETWEEN 1 AND 5
        AND tw."countyId" = ANY(${ids})
      GROUP BY tw."countyId", sr.stars`,
    circles: sql`
      SELECT tw."countyId" AS county_id,
             COUNT(DISTINCT ctt."circleId") AS circles,
             COUNT(DISTINCT ctt."circleId") FILTER (WHERE c."isModel") AS model_circles,
             COUNT(DISTINCT ctt."townId") AS towns_in_circles
      FROM "TownCircleTown" ctt
      JOIN "TownCircle" c ON c.id = ctt."circleId"
      JOIN "Town" tw ON tw.id = ctt."townId"
      WHERE tw."countyId" = ANY(${ids}) AND ${membershipCountsSql(raw("ctt"), raw("c"), year)}
      GROUP BY tw."countyId"`,
    cityCircles: sql`
      SELECT COUNT(DISTINCT c.id) AS circles,
             COUNT(DISTINCT c.id) FILTER (WHERE c."isModel") AS model_circles
      FROM "TownCircle" c
      JOIN "TownCircleTown" ctt ON ctt."circleId" = c.id
      JOIN "Town" tw ON tw.id = ctt."townId"
      WHERE tw."countyId" = ANY(${ids}) AND ${membershipCountsSql(raw("ctt"), raw("c"), year)}`,
  } satisfies Record<string, Sql>;
}

/** The year's current period on `today` (lib/domain/reporting.ts), or null. */
export async function findCurrentPeriod(year: number, today: Date) {
  const periods = await db().reportingPeriod.findMany({
    where: { year },
    select: { id: true, index: true, name: true, nameEn: true, startsOn: true, dueOn: true },
  });
  return currentPeriod(periods, today);
}

/**
 * Runs the aggregate queries for the given counties and year.
 * @param counties the counties in scope (already decided by lib/access.ts), by division code.
 * @param now the moment whose Shanghai date decides the current period and the figure date.
 */
export async function computeSummary(
  counties: { id: number; divisionCode: string; name: string; nameEn: string }[],
  year: number,
  now = currentInstant(),
): Promise<Summary> {
  const prisma = db();
  const ids = counties.map((c) => c.id);
  const today = shanghaiToday(now);
  const date = figureDate(year, isoDate(today));
  const period = await findCurrentPeriod(
    year,
    fromIsoDate(date) < today ? fromIsoDate(date) : today,
  );

  const q = summaryStatements(ids, year, period?.id ?? null, date, isoDate(today));
  const [towns, values, projects, reports, late, stars, circles, cityCircles] = await Promise.all([
    prisma.$queryRaw<Row[]>(toPrismaSql(q.towns)),
    prisma.$queryRaw<Row[]>(toPrismaSql(q.values)),
    prisma.$queryRaw<Row[]>(toPrismaSql(q.projects)),
    // Before the year's first period starts nothing is due yet.
    period ? prisma.$queryRaw<Row[]>(toPrismaSql(q.reports)) : Promise.resolve([] as Row[]),
    prisma.$queryRaw<Row[]>(toPrismaSql(q.late)),
    prisma.$queryRaw<Row[]>(toPrismaSql(q.stars)),
    prisma.$queryRaw<Row[]>(toPrismaSql(q.circles)),
    prisma.$queryRaw<{ circles: bigint; model_circles: bigint }[]>(toPrismaSql(q.cityCircles)),
  ]);

  const byId = (rows: Row[]) => new Map(rows.map((r) => [Number(r.county_id), r]));
  const [t, v, p, r, l, c] = [towns, values, projects, reports, late, circles].map(byId) as Map<
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
    const indicatorFigures = Object.fromEntries(
      INDICATOR_FIGURE_KEYS.map((key) => [key, num(val[key])]),
    ) as Record<(typeof INDICATOR_FIGURE_KEYS)[number], number>;
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
        ...indicatorFigures,
        land: money(proj.landSuppliedMu),
        planned: money(proj.plannedInvestmentWan),
        completed: money(proj.completedInvestmentWan),
        reportsDue: num(rep.due),
        reportsSubmitted: num(rep.submitted),
        reportsApproved: num(rep.approved),
        townsLate: num(l!.get(county.id)?.towns_late),
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
    asOfDate: date,
    today: isoDate(today),
    period: period && {
      id: period.id,
      index: period.index,
      name: period.name,
      nameEn: period.nameEn,
      dueOn: isoDate(period.dueOn),
    },
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
