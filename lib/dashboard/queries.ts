/**
 * The dashboard's reads, scoped through lib/access.ts: the city dashboard for city roles, a
 * county's dashboard for the city and that county's reviewer. Charts' data come from aggregate
 * queries here; the key figures from ./summary.ts; town lists from ./town-rows.ts.
 */
import "server-only";
import { assertCan, countyScope, type Actor } from "@/lib/access";
import { getCountyForActor } from "@/lib/counties/queries";
import { db } from "@/lib/db";
import type { Attainment, Dimension, TownType } from "@/lib/generated/prisma/enums";
import { roundHalfUp } from "@/lib/domain/numbers";
import { attainmentLevels } from "./sql";
import { computeSummary, type Summary } from "./summary";
import { listTownRows, type TownRow } from "./town-rows";

/** The programme years, newest first, and the default one (the newest OPEN year, else newest). */
export async function listYears(): Promise<{ years: number[]; current: number }> {
  const years = await db().year.findMany({
    orderBy: { year: "desc" },
    select: { year: true, status: true },
  });
  const current =
    years.find((y) => y.status === "OPEN")?.year ?? years[0]?.year ?? new Date().getFullYear();
  return { years: years.map((y) => y.year), current };
}

/** Parses a `?year=` value against the known years, falling back to the current year. */
export async function resolveYear(
  raw: string | string[] | undefined,
): Promise<{ year: number; years: number[] }> {
  const { years, current } = await listYears();
  const wanted = Number(Array.isArray(raw) ? raw[0] : raw);
  return { year: years.includes(wanted) ? wanted : current, years };
}

/** The area a dashboard covers: the whole city, or one county. */
export type Area = { kind: "city" } | { kind: "county"; code: string };

async function countyIdsFor(
  actor: Actor,
  area: Area,
): Promise<{ ids: number[]; county?: { code: string; name: string; nameEn: string } }> {
  if (area.kind === "city") {
    assertCan(actor, "dashboard.city.view");
    const counties = await db().county.findMany({
      where: countyScope(actor),
      select: { id: true },
    });
    return { ids: counties.map((c) => c.id) };
  }
  const county = await getCountyForActor(actor, area.code);
  return {
    ids: [county.id],
    county: { code: county.divisionCode, name: county.name, nameEn: county.nameEn },
  };
}

/** The year's summary and last year's (for changes), for an area. @throws NOT_FOUND | FORBIDDEN */
export async function getSummaries(actor: Actor, area: Area, year: number) {
  const { ids, county } = await countyIdsFor(actor, area);
  const [current, previous] = await Promise.all([
    computeSummary(ids, year),
    computeSummary(ids, year - 1),
  ]);
  return { current, previous, county };
}

/** The towns of an area with their figures for the year. @throws NOT_FOUND | FORBIDDEN */
export async function getTownRows(
  actor: Actor,
  area: Area,
  year: number,
  summary?: Summary,
): Promise<TownRow[]> {
  const { ids } = await countyIdsFor(actor, area);
  const current = summary ?? (await computeSummary(ids, year));
  return listTownRows(ids, year, current.period?.id ?? null);
}

/** Per year: towns in the programme, basic compliance (cumulative), provincial samples (cumulative). */
export type TrendPoint = {
  year: number;
  townsInProgramme: number;
  basicCompliance: number;
  provincialSamples: number;
};

/** The trend over all years for an area. */
export async function getTrend(actor: Actor, area: Area): Promise<TrendPoint[]> {
  const { ids } = await countyIdsFor(actor, area);
  const rows = await db().$queryRaw<
    { year: number; in_programme: bigint; basic: bigint; samples: bigint }[]
  >`
    SELECT y.year,
           (SELECT COUNT(*) FROM "CreationTask" ct JOIN "Town" tw ON tw.id = ct."townId"
             WHERE ct.year = y.year AND tw."countyId" = ANY(${ids})) AS in_programme,
           (SELECT COUNT(DISTINCT ct."townId") FROM "CreationTask" ct JOIN "Town" tw ON tw.id = ct."townId"
             WHERE ct.year <= y.year AND ct."attainmentAwarded" IN ('BASIC_COMPLIANCE', 'PROVINCIAL_SAMPLE')
               AND tw."countyId" = ANY(${ids})) AS basic,
           (SELECT COUNT(DISTINCT ct."townId") FROM "CreationTask" ct JOIN "Town" tw ON tw.id = ct."townId"
             WHERE ct.year <= y.year AND ct."attainmentAwarded" = 'PROVINCIAL_SAMPLE'
               AND tw."countyId" = ANY(${ids})) AS samples
    FROM "Year" y ORDER BY y.year`;
  return rows.map((r) => ({
    year: r.year,
    townsInProgramme: Number(r.in_programme),
    basicCompliance: Number(r.basic),
    provincialSamples: Number(r.samples),
  }));
}

/** Towns by town type and attainment at the year. */
export type TownTypeRow = { townType: TownType; attainment: Attainment; towns: number };

/** Attainment by town type for an area and year. */
export async function getByTownType(
  actor: Actor,
  area: Area,
  year: number,
): Promise<TownTypeRow[]> {
  const { ids } = await countyIdsFor(actor, area);
  const rows = await db().$queryRaw<{ town_type: TownType; level: number; towns: bigint }[]>`
    SELECT tw."townType" AS town_type, COALESCE(att.level, 0) AS level, COUNT(*) AS towns
    FROM "Town" tw
    LEFT JOIN ${attainmentLevels(year, ids)} att ON att."townId" = tw.id
    WHERE tw."countyId" = ANY(${ids}) AND tw."inProgramme"
    GROUP BY tw."townType", COALESCE(att.level, 0)
    ORDER BY 1, 2`;
  const levels: Attainment[] = ["NONE", "BASIC_COMPLIANCE", "PROVINCIAL_SAMPLE"];
  return rows.map((r) => ({
    townType: r.town_type,
    attainment: levels[Number(r.level)] ?? "NONE",
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

/** Investment by dimension for an area and year. */
export async function getByDimension(
  actor: Actor,
  area: Area,
  year: number,
): Promise<DimensionRow[]> {
  const { ids } = await countyIdsFor(actor, area);
  const rows = await db().$queryRaw<
    { dimension: Dimension | null; projects: bigint; planned: unknown; completed: unknown }[]
  >`
    SELECT p.dimension, COUNT(*) AS projects,
           SUM(p."plannedInvestmentWan") AS planned, SUM(p."completedInvestmentWan") AS completed
    FROM "Project" p
    JOIN "CreationTask" ct ON ct.id = p."taskId"
    JOIN "Town" tw ON tw.id = ct."townId"
    WHERE ct.year = ${year} AND tw."countyId" = ANY(${ids})
    GROUP BY p.dimension
    ORDER BY p.dimension`;
  return rows.map((r) => ({
    dimension: r.dimension,
    projects: Number(r.projects),
    plannedInvestmentWan: roundHalfUp(String(r.planned ?? 0)),
    completedInvestmentWan: roundHalfUp(String(r.completed ?? 0)),
  }));
}

/**
 * The time of the latest change the figures include (the newest update of a town, task,
 * report or star rating), shown as "as of" on the dashboard.
 */
export async function getAsOf(): Promise<Date | null> {
  const [row] = await db().$queryRaw<{ at: Date | null }[]>`
    SELECT GREATEST(
      (SELECT MAX("updatedAt") FROM "ProgressReport"),
      (SELECT MAX("updatedAt") FROM "CreationTask"),
      (SELECT MAX("updatedAt") FROM "Town"),
      (SELECT MAX("updatedAt") FROM "StarRating")) AS at`;
  return row?.at ?? null;
}
