/**
 * One row per town with the year's figures that concern it: the rows behind the dashboard's
 * figures and the county page's table (attainment, target, current report status, stars,
 * missing items). Same definitions as lib/dashboard/summary.ts; one SQL query.
 */
import "server-only";
import type {
  Attainment,
  CreationTarget,
  ReportStatus,
  TownKind,
  TownType,
  Track,
} from "@/lib/generated/prisma/enums";
import { roundHalfUp } from "@/lib/domain/numbers";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { attainmentLevels, latestAcceptedReports } from "./sql";

/** A town's row for a year. Money in 万元 and land in 亩 as 2-decimal strings. */
export type TownRow = {
  code: string;
  name: string;
  nameEn: string | null;
  kind: TownKind;
  townType: TownType;
  countyCode: string;
  countyName: string;
  countyNameEn: string;
  inProgramme: boolean;
  isCountySeat: boolean;
  target: CreationTarget | null;
  track: Track | null;
  attainment: Attainment;
  /** Status of the report for the year's current period (null: not started). */
  reportStatus: ReportStatus | null;
  /** Required indicators without a value in the current period's report (null: no task). */
  missingItems: number | null;
  stars: number | null;
  circles: number;
  nankongReadingRooms: number | null;
  communityGyms: number | null;
  elderlyCareCentres: number | null;
  neighbourhoodCentres: number | null;
  fifteenMinuteCircle: boolean;
  nightLandscape: boolean;
  commonProsperityWorkshops: number | null;
  localJobsCreated: number | null;
  plannedInvestmentWan: string;
  completedInvestmentWan: string;
  landSuppliedMu: string;
};

type Raw = Record<string, unknown>;
const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * The rows of the given counties' towns for `year`, by county then division code.
 * @param periodId the year's current period (from the summary), or null.
 */
export async function listTownRows(
  countyIds: number[],
  year: number,
  periodId: number | null,
): Promise<TownRow[]> {
  const rows = await db().$queryRaw<Raw[]>(townRowsStatement(countyIds, year, periodId));
  return rows.map(toTownRow);
}

/** The statement behind listTownRows (also run as it is by the benchmark's baseline). */
export function townRowsStatement(
  countyIds: number[],
  year: number,
  periodId: number | null,
): Prisma.Sql {
  return Prisma.sql`
    WITH latest AS ${latestAcceptedReports(year, countyIds)},
    vals AS (
      SELECT l."taskId",
             MAX(iv.value) FILTER (WHERE i.code = 'nankongReadingRooms') AS nankong,
             MAX(iv.value) FILTER (WHERE i.code = 'communityGyms') AS gyms,
             MAX(iv.value) FILTER (WHERE i.code = 'elderlyCareCentres') AS elderly,
             MAX(iv.value) FILTER (WHERE i.code = 'neighbourhoodCentres') AS neighbourhood,
             MAX(iv.value) FILTER (WHERE i.code = 'fifteenMinuteCircle') AS fifteen,
             MAX(iv.value) FILTER (WHERE i.code = 'nightLandscape') AS night,
             MAX(iv.value) FILTER (WHERE i.code = 'commonProsperityWorkshops') AS workshops,
             MAX(iv.value) FILTER (WHERE i.code = 'localJobsCreated') AS jobs
      FROM latest l
      JOIN "IndicatorValue" iv ON iv."reportId" = l.id
      JOIN "Indicator" i ON i.id = iv."indicatorId"
      GROUP BY l."taskId"
    )
    SELECT tw."divisionCode" AS code, tw.name, tw."nameEn" AS name_en, tw.kind, tw."townType" AS town_type,
           tw."isCountySeat" AS is_county_seat,
           c."divisionCode" AS county_code, c.name AS county_name, c."nameEn" AS county_name_en,
           ct.id AS task_id, ct.target, ct.track,
           COALESCE(att.level, 0) AS level,
           cur.status AS report_status,
           CASE WHEN ct.id IS NULL THEN NULL ELSE (
             SELECT COUNT(*) FROM "Indicator" i
             WHERE i.year = ${year} AND i."isRequired"
               AND (i.kind <> 'DISTINCTIVE' OR cardinality(i."townTypes") = 0 OR tw."townType" = ANY(i."townTypes"))
               AND NOT EXISTS (
                 SELECT 1 FROM "IndicatorValue" iv
                 WHERE iv."reportId" = cur.id AND iv."indicatorId" = i.id AND iv.value IS NOT NULL)
           ) END AS missing,
           sr.stars,
           (SELECT COUNT(*) FROM "TownCircleTown" ctt WHERE ctt."townId" = tw.id) AS circles,
           v.nankong, v.gyms, v.elderly, v.neighbourhood, v.fifteen, v.night, v.workshops, v.jobs,
           (SELECT SUM(p."plannedInvestmentWan") FROM "Project" p WHERE p."taskId" = ct.id) AS planned,
           (SELECT SUM(p."completedInvestmentWan") FROM "Project" p WHERE p."taskId" = ct.id) AS completed,
           (SELECT SUM(p."landSuppliedMu") FROM "Project" p JOIN "CreationTask" t2 ON t2.id = p."taskId"
             WHERE t2."townId" = tw.id AND t2.year <= ${year}) AS land
    FROM "Town" tw
    JOIN "County" c ON c.id = tw."countyId"
    LEFT JOIN "CreationTask" ct ON ct."townId" = tw.id AND ct.year = ${year}
    LEFT JOIN ${attainmentLevels(year, countyIds)} att ON att."townId" = tw.id
    LEFT JOIN "ProgressReport" cur ON cur."taskId" = ct.id AND cur."periodId" = ${periodId ?? -1}
    LEFT JOIN "StarRating" sr ON sr."townId" = tw.id AND sr.year = ${year} AND sr.status = 'APPROVED'
    LEFT JOIN vals v ON v."taskId" = ct.id
    WHERE tw."countyId" = ANY(${countyIds})
    ORDER BY c."divisionCode", tw."divisionCode"`;
}

const levels: Attainment[] = ["NONE", "BASIC_COMPLIANCE", "PROVINCIAL_SAMPLE"];

function toTownRow(r: Raw): TownRow {
  return {
    code: String(r.code),
    name: String(r.name),
    nameEn: (r.name_en as string | null) ?? null,
    kind: r.kind as TownKind,
    townType: r.town_type as TownType,
    countyCode: String(r.county_code),
    countyName: String(r.county_name),
    countyNameEn: String(r.county_name_en),
    inProgramme: r.task_id !== null,
    isCountySeat: Boolean(r.is_county_seat),
    target: (r.target as CreationTarget | null) ?? null,
    track: (r.track as Track | null) ?? null,
    attainment: levels[Number(r.level)] ?? "NONE",
    reportStatus: (r.report_status as ReportStatus | null) ?? null,
    missingItems: n(r.missing),
    stars: n(r.stars),
    circles: Number(r.circles),
    nankongReadingRooms: n(r.nankong),
    communityGyms: n(r.gyms),
    elderlyCareCentres: n(r.elderly),
    neighbourhoodCentres: n(r.neighbourhood),
    fifteenMinuteCircle: n(r.fifteen) === 1,
    nightLandscape: n(r.night) === 1,
    commonProsperityWorkshops: n(r.workshops),
    localJobsCreated: n(r.jobs),
    plannedInvestmentWan: roundHalfUp(String(r.planned ?? 0)),
    completedInvestmentWan: roundHalfUp(String(r.completed ?? 0)),
    landSuppliedMu: roundHalfUp(String(r.land ?? 0)),
  };
}

/** The town-count figures a dashboard card can drill into, with the rule that selects towns. */
export const figureFilters = {
  townsInProgramme: (r: TownRow) => r.inProgramme,
  basicCompliance: (r: TownRow) => r.attainment !== "NONE",
  provincialSamples: (r: TownRow) => r.attainment === "PROVINCIAL_SAMPLE",
  countySeatTowns: (r: TownRow) => r.track === "COUNTY_SEAT",
  sampleRenewals: (r: TownRow) => r.target === "SAMPLE_RENEWAL",
  townsInCircles: (r: TownRow) => r.circles > 0,
  townsWithNankongReadingRoom: (r: TownRow) => (r.nankongReadingRooms ?? 0) >= 1,
  townsWithFifteenMinuteCircle: (r: TownRow) => r.fifteenMinuteCircle,
  townsWithNightLandscape: (r: TownRow) => r.nightLandscape,
  commonProsperityWorkshops: (r: TownRow) => (r.commonProsperityWorkshops ?? 0) > 0,
  localJobsCreated: (r: TownRow) => (r.localJobsCreated ?? 0) > 0,
  reportsSubmitted: (r: TownRow) => r.reportStatus !== null && r.reportStatus !== "DRAFT",
  reportsLate: (r: TownRow) =>
    r.inProgramme && (r.reportStatus === null || r.reportStatus === "DRAFT"),
} as const;

/** A figure that has a list of towns behind it. */
export type FigureKey = keyof typeof figureFilters;
