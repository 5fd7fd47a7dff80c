/**
 * The dashboard's reads, scoped through lib/access.ts: the city dashboard for city roles, a
 * county's dashboard for the city and that county's reviewer. Key figures come from
 * ./summary.internal.ts, town rows from ./town-rows.internal.ts, charts from the aggregate
 * queries here, all with the lib/domain rules.
 */
import "server-only";
import { authorize, type Actor } from "@/lib/access";
import { getCountyForActor } from "@/lib/counties/queries";
import { db, toPrismaSql } from "@/lib/db";
import { attainmentOnSql, figureDate, figureDateSql, holdsTitleSql } from "@/lib/domain/attainment";
import { isoDate, shanghaiToday, currentInstant } from "@/lib/domain/calendar";
import {
  projectFigureTaskSql,
  projectFigureValueSql,
  type ProjectFigureKey,
} from "@/lib/domain/figures";
import { roundHalfUp } from "@/lib/domain/numbers";
import { inProgrammeSql } from "@/lib/domain/programme";
import { separateTownSql } from "@/lib/domain/town-register";
import { raw, sql } from "@/lib/domain/sql";
import { liveFigures } from "@/lib/system/data-version";
import type { Attainment, Dimension, ProjectStatus, TownType } from "@/lib/generated/prisma/enums";
import { Decimal } from "@prisma/client-runtime-utils";
import { computeSummary } from "./summary.internal";
import { listTownRows } from "./town-rows.internal";
import type { Summary, TownRow } from "./types";

export { resolveYear } from "@/lib/years/queries";

/** The area a dashboard covers: the whole city, or one county. */
export type Area = { kind: "city" } | { kind: "county"; code: string };

/**
 * An area resolved once per request: the counties the actor may see in it (decided by
 * lib/access.ts), their ids, and the county itself for a county area. Every read below takes
 * either an `Area` (resolved on the spot) or this, so a page that shows several of them reads
 * the counties once (resolveArea) and passes the result down.
 */
export type ResolvedArea = {
  area: Area;
  counties: { id: number; divisionCode: string; name: string; nameEn: string }[];
  ids: number[];
  county?: { code: string; name: string; nameEn: string };
};

/**
 * Resolves an area for the actor: one read of the counties, from the live-figure cache
 * (lib/system/data-version.ts) when this process read them at the current data version.
 * @throws AppError NOT_FOUND (no such county, or out of scope) | FORBIDDEN (role)
 */
export async function resolveArea(actor: Actor, area: Area): Promise<ResolvedArea> {
  // Cached per data version under the actor's scope (what authorize decides the actor sees).
  if (area.kind === "city") {
    const scope = authorize(actor, "dashboard.city.view");
    const counties = await liveFigures(
      `counties:${JSON.stringify(scope.counties)}`,
      () =>
        db().county.findMany({
          where: scope.counties,
          select: { id: true, divisionCode: true, name: true, nameEn: true },
          orderBy: { divisionCode: "asc" },
        }),
      { readsDrafts: false },
    );
    return { area, counties, ids: counties.map((c) => c.id) };
  }
  const scope = authorize(actor, "county.view");
  const county = await liveFigures(
    `county:${JSON.stringify(scope.counties)}:${area.code}`,
    () => getCountyForActor(actor, area.code),
    { readsDrafts: false },
  );
  return {
    area,
    counties: [
      {
        id: county.id,
        divisionCode: county.divisionCode,
        name: county.name,
        nameEn: county.nameEn,
      },
    ],
    ids: [county.id],
    county: { code: county.divisionCode, name: county.name, nameEn: county.nameEn },
  };
}

/**
 * The year's summary of these counties (./summary.internal.ts computeSummary), from the
 * live-figure cache (lib/system/data-version.ts): computed once per (counties, year, Shanghai
 * date of `now`, data version) in this process.
 */
function summaryOf(
  counties: ResolvedArea["counties"],
  year: number,
  now = currentInstant(),
): Promise<Summary> {
  const key = `summary:${counties.map((c) => c.id).join(",")}:${year}:${isoDate(shanghaiToday(now))}`;
  // No draft read: values of accepted reports, statuses, the tasks' projects (figures version).
  return liveFigures(key, () => computeSummary(counties, year, now), { readsDrafts: false });
}

/** The resolved area: `area` itself when already resolved (no statement), else resolveArea. */
async function areaCounties(actor: Actor, area: Area | ResolvedArea): Promise<ResolvedArea> {
  return "ids" in area ? area : resolveArea(actor, area);
}

/**
 * The year's summary for an area, and last year's when `withPrevious` (only where the change
 * from last year is shown: the dashboards' key figures; the JSON API returns the current one).
 * @param now the moment that decides "today" (tests pass a fixed one).
 * @throws NOT_FOUND | FORBIDDEN
 */
export async function getSummaries(
  actor: Actor,
  area: Area | ResolvedArea,
  year: number,
  options: { withPrevious?: boolean; now?: Date } = {},
) {
  const { counties, county } = await areaCounties(actor, area);
  const [current, previous] = await Promise.all([
    summaryOf(counties, year, options.now),
    options.withPrevious ? summaryOf(counties, year - 1, options.now) : null,
  ]);
  return { current, previous, county };
}

/**
 * The towns of an area with their figures for the year. Pass the area's `summary` of the year
 * when the page has it already (it is not computed a second time).
 * @throws NOT_FOUND | FORBIDDEN
 */
export async function getTownRows(
  actor: Actor,
  area: Area | ResolvedArea,
  year: number,
  options: { summary?: Summary; now?: Date } = {},
): Promise<TownRow[]> {
  return (await getTownList(actor, area, year, options)).rows;
}

/**
 * The towns of an area with their figures for the year, and the year's summary they were
 * read with (its period and figure date; the lists behind the key figures add up with it).
 * @throws NOT_FOUND | FORBIDDEN
 */
export async function getTownList(
  actor: Actor,
  area: Area | ResolvedArea,
  year: number,
  options: { summary?: Summary; now?: Date } = {},
): Promise<{ rows: TownRow[]; summary: Summary }> {
  const { counties, ids } = await areaCounties(actor, area);
  const summary = options.summary ?? (await summaryOf(counties, year, options.now));
  const periodId = summary.period?.id ?? null;
  const rows = await liveFigures(
    `towns:${ids.join(",")}:${year}:${periodId}:${summary.asOfDate}:${summary.today}`,
    () => listTownRows(ids, year, periodId, summary.asOfDate, summary.today),
  );
  return { rows, summary };
}

/** Everything a dashboard (city or county, components/dashboard/area-dashboard.tsx) shows. */
export type AreaDashboardData = {
  resolved: ResolvedArea;
  current: Summary;
  /** Last year's summary, when `withPrevious` (for the change shown on each key figure). */
  previous: Summary | null;
  trend: TrendPoint[];
  byDimension: DimensionRow[];
  byType: TownTypeRow[];
  asOf: Date | null;
};

/**
 * Loads a dashboard's data in one pass: the area resolved once, each figure computed once,
 * the independent reads in parallel (the attainment by town type on the same figure date as
 * the summary, lib/domain/attainment.ts figureDate). The figures are kept in the live-figure
 * cache (lib/system/data-version.ts) per (area, year, Shanghai date, figures version — a draft
 * save does not move it); "as of", the latest change of any report, drafts included, per data
 * version. Shared between requests, not to be mutated.
 * @param options.withPrevious compute last year's summary too (when that year exists).
 * @throws AppError NOT_FOUND | FORBIDDEN
 */
export async function loadAreaDashboard(
  actor: Actor,
  area: Area | ResolvedArea,
  year: number,
  options: { withPrevious?: boolean; now?: Date } = {},
): Promise<AreaDashboardData> {
  const resolved = await areaCounties(actor, area);
  const now = options.now ?? currentInstant();
  const today = isoDate(shanghaiToday(now));
  const asOfDate = figureDate(year, today);
  const withPrevious = Boolean(options.withPrevious);
  const areaKey = `${resolved.area.kind}:${resolved.ids.join(",")}`;
  const [figures, asOf] = await Promise.all([
    // No draft read (figures version): these stay cached while townships save drafts.
    liveFigures(
      `dashboard:${areaKey}:${year}:${withPrevious}:${today}`,
      async () => {
        const [{ current, previous }, trend, byDimension, byType] = await Promise.all([
          getSummaries(actor, resolved, year, { withPrevious, now }),
          getTrend(actor, resolved, now),
          getByDimension(actor, resolved, year),
          getByTownType(actor, resolved, year, { asOfDate }),
        ]);
        return { resolved, current, previous, trend, byDimension, byType };
      },
      { readsDrafts: false },
    ),
    // The latest change of any report, drafts included (data version).
    liveFigures(`asOf:${areaKey}`, () => getAsOf(actor, resolved)),
  ]);
  return { ...figures, asOf };
}

/** Per year: towns in the programme, basic compliance and provincial samples on its figure date. */
export type TrendPoint = {
  year: number;
  townsInProgramme: number;
  basicCompliance: number;
  provincialSamples: number;
};

/** The trend over all years for an area. */
export async function getTrend(
  actor: Actor,
  area: Area | ResolvedArea,
  now = currentInstant(),
): Promise<TrendPoint[]> {
  const { ids } = await areaCounties(actor, area);
  const today = isoDate(shanghaiToday(now));
  const att = raw("att.attainment");
  const on = figureDateSql(raw("y.year"), today);
  // A town merged by the figure date counts as part of its survivor (as in the summary).
  const separate = separateTownSql(raw("tw"), on);
  const rows = await db().$queryRaw<
    { year: number; in_programme: bigint; basic: bigint; samples: bigint }[]
  >(
    toPrismaSql(sql`
    SELECT y.year,
           (SELECT COUNT(*) FROM "CreationTask" ct JOIN "Town" tw ON tw.id = ct."townId"
             WHERE ct.year = y.year AND ${inProgrammeSql(raw("ct"))}
               AND tw."countyId" = ANY(${ids}) AND ${separate}) AS in_programme,
           (SELECT COUNT(*) FILTER (WHERE ${holdsTitleSql(att, "BASIC_COMPLIANCE")})
             FROM ${attainmentOnSql(on, ids)} att JOIN "Town" tw ON tw.id = att."townId"
             WHERE ${separate}) AS basic,
           (SELECT COUNT(*) FILTER (WHERE ${holdsTitleSql(att, "PROVINCIAL_SAMPLE")})
             FROM ${attainmentOnSql(on, ids)} att JOIN "Town" tw ON tw.id = att."townId"
             WHERE ${separate}) AS samples
    FROM "Year" y ORDER BY y.year`),
  );
  return rows.map((r) => ({
    year: r.year,
    townsInProgramme: Number(r.in_programme),
    basicCompliance: Number(r.basic),
    provincialSamples: Number(r.samples),
  }));
}

/** Towns in the programme of the year by town type and attainment on its figure date. */
export type TownTypeRow = { townType: TownType; attainment: Attainment; towns: number };

/** Attainment by town type for an area and year, over the towns in the programme. */
export async function getByTownType(
  actor: Actor,
  area: Area | ResolvedArea,
  year: number,
  summary: Pick<Summary, "asOfDate">,
): Promise<TownTypeRow[]> {
  const { ids } = await areaCounties(actor, area);
  const rows = await db().$queryRaw<
    { town_type: TownType; attainment: Attainment; towns: bigint }[]
  >(
    toPrismaSql(sql`
    SELECT tw."townType" AS town_type, COALESCE(att.attainment, 'NONE') AS attainment, COUNT(*) AS towns
    FROM "Town" tw
    JOIN "CreationTask" ct ON ct."townId" = tw.id AND ct.year = ${year} AND ${inProgrammeSql(raw("ct"))}
    LEFT JOIN ${attainmentOnSql(summary.asOfDate, ids)} att ON att."townId" = tw.id
    WHERE tw."countyId" = ANY(${ids}) AND ${separateTownSql(raw("tw"), summary.asOfDate)}
    GROUP BY 1, 2
    ORDER BY 1, 2`),
  );
  return rows.map((r) => ({
    townType: r.town_type,
    attainment: r.attainment,
    towns: Number(r.towns),
  }));
}

/** Planned and completed investment (万元) of the year's projects by dimension of the five beauties. */
export type DimensionRow = {
  dimension: Dimension | null;
  projects: number;
  plannedInvestmentWan: string;
  completedInvestmentWan: string;
};

/** Investment by dimension for an area and year (projects of tasks in the programme). */
export async function getByDimension(
  actor: Actor,
  area: Area | ResolvedArea,
  year: number,
): Promise<DimensionRow[]> {
  const { ids } = await areaCounties(actor, area);
  const rows = await db().$queryRaw<
    { dimension: Dimension | null; projects: bigint; planned: unknown; completed: unknown }[]
  >(
    toPrismaSql(sql`
    SELECT p.dimension, COUNT(*) AS projects,
           SUM(p."plannedInvestmentWan") AS planned, SUM(p."completedInvestmentWan") AS completed
    FROM "Project" p
    JOIN "CreationTask" ct ON ct.id = p."taskId"
    JOIN "Town" tw ON tw.id = ct."townId"
    WHERE ct.year = ${year} AND ${inProgrammeSql(raw("ct"))} AND tw."countyId" = ANY(${ids})
    GROUP BY p.dimension
    ORDER BY p.dimension`),
  );
  return rows.map((r) => ({
    dimension: r.dimension,
    projects: Number(r.projects),
    plannedInvestmentWan: roundHalfUp(String(r.planned ?? 0)),
    completedInvestmentWan: roundHalfUp(String(r.completed ?? 0)),
  }));
}

/**
 * The time of the latest change the area's figures include (the newest update of a town, task,
 * report, star rating or town event of its counties), shown as "as of" on the dashboard.
 */
export async function getAsOf(actor: Actor, area: Area | ResolvedArea): Promise<Date | null> {
  const { ids } = await areaCounties(actor, area);
  const [row] = await db().$queryRaw<{ at: Date | null }[]>(
    toPrismaSql(sql`
    SELECT GREATEST(
      (SELECT MAX(pr."updatedAt") FROM "ProgressReport" pr JOIN "CreationTask" ct ON ct.id = pr."taskId"
        JOIN "Town" tw ON tw.id = ct."townId" WHERE tw."countyId" = ANY(${ids})),
      (SELECT MAX(ct."updatedAt") FROM "CreationTask" ct JOIN "Town" tw ON tw.id = ct."townId"
        WHERE tw."countyId" = ANY(${ids})),
      (SELECT MAX(tw."updatedAt") FROM "Town" tw WHERE tw."countyId" = ANY(${ids})),
      (SELECT MAX(sr."updatedAt") FROM "StarRating" sr JOIN "Town" tw ON tw.id = sr."townId"
        WHERE tw."countyId" = ANY(${ids})),
      (SELECT MAX(te."createdAt") FROM "TownEvent" te JOIN "Town" tw ON tw.id = te."townId"
        WHERE tw."countyId" = ANY(${ids}))) AS at`),
  );
  return row?.at ?? null;
}

/** A project behind a project figure: its value in the figure (万元 / 亩, 2 decimals). */
export type FigureProjectRow = {
  code: string;
  name: string;
  dimension: Dimension | null;
  status: ProjectStatus;
  /** The year of the task it belongs to. */
  year: number;
  townCode: string;
  townName: string;
  townNameEn: string | null;
  countyName: string;
  countyNameEn: string;
  plannedInvestmentWan: string;
  completedInvestmentWan: string;
  landSuppliedMu: string;
  /** The project's value in the figure listed (one of the three above). */
  value: string;
};

/**
 * The projects behind a project figure (planned / completed investment in 万元, land supplied
 * in 亩) of an area and year: the projects lib/domain/figures.ts PROJECT_FIGURES counts in the
 * figure whose value in it is not zero (a zero adds nothing), by county, town, year and code;
 * `total` is their sum rounded half-up, equal to the key figure. One statement.
 * @throws NOT_FOUND | FORBIDDEN
 */
export async function listFigureProjects(
  actor: Actor,
  area: Area | ResolvedArea,
  year: number,
  figure: ProjectFigureKey,
): Promise<{ rows: FigureProjectRow[]; total: string }> {
  const { ids } = await areaCounties(actor, area);
  const value = projectFigureValueSql(raw("p"), figure);
  const rows = await db().$queryRaw<
    {
      code: string;
      name: string;
      dimension: Dimension | null;
      status: ProjectStatus;
      year: number;
      town_code: string;
      town_name: string;
      town_name_en: string | null;
      county_name: string;
      county_name_en: string;
      planned: unknown;
      completed: unknown;
      land: unknown;
      value: unknown;
    }[]
  >(
    toPrismaSql(sql`
    SELECT p.code, p.name, p.dimension, p.status, ct.year,
           tw."divisionCode" AS town_code, tw.name AS town_name, tw."nameEn" AS town_name_en,
           c.name AS county_name, c."nameEn" AS county_name_en,
           p."plannedInvestmentWan" AS planned, p."completedInvestmentWan" AS completed,
           p."landSuppliedMu" AS land, ${value} AS value
    FROM "Project" p
    JOIN "CreationTask" ct ON ct.id = p."taskId"
    JOIN "Town" tw ON tw.id = ct."townId"
    JOIN "County" c ON c.id = tw."countyId"
    WHERE ${projectFigureTaskSql(raw("ct"), year, figure)} AND tw."countyId" = ANY(${ids})
      AND ${value} <> 0
    ORDER BY c."divisionCode", tw."divisionCode", ct.year DESC, p.code`),
  );
  const two = (v: unknown) => roundHalfUp(String(v ?? 0));
  return {
    rows: rows.map((r) => ({
      code: r.code,
      name: r.name,
      dimension: r.dimension,
      status: r.status,
      year: r.year,
      townCode: r.town_code,
      townName: r.town_name,
      townNameEn: r.town_name_en,
      countyName: r.county_name,
      countyNameEn: r.county_name_en,
      plannedInvestmentWan: two(r.planned),
      completedInvestmentWan: two(r.completed),
      landSuppliedMu: two(r.land),
      value: two(r.value),
    })),
    total: roundHalfUp(rows.reduce((sum, r) => sum.plus(String(r.value)), new Decimal(0))),
  };
}
