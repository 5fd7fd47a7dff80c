/**
 * One row per town with the year's figures that concern it: the rows behind the dashboard's
 * figures and the county page's table (attainment, target, current report status, late
 * reports, stars, missing items). The same lib/domain rules as ./summary.internal.ts, in one
 * SQL query. A town merged by the figure date is no row of its own: its indicator values,
 * projects and late reports count in its survivor's row (lib/domain/town-register.ts).
 * Unscoped (it takes county ids): only lib/dashboard/queries.ts calls it.
 */
import "server-only";
import { attainmentOnSql } from "@/lib/domain/attainment";
import { membershipCountsSql } from "@/lib/domain/circles";
import {
  FIGURE_INPUTS,
  figureIndicatorValuesSql,
  latestAcceptedReportsSql,
  projectFigureColumnsSql,
  projectFiguresTaskSql,
  type FigureIndicatorCode,
} from "@/lib/domain/figures";
import { indicatorAppliesSql } from "@/lib/domain/indicators";
import { roundHalfUp } from "@/lib/domain/numbers";
import { inProgrammeSql } from "@/lib/domain/programme";
import { lateReportsSql, periodReportsSql } from "@/lib/domain/reporting";
import { starLevelSql } from "@/lib/domain/rating-status";
import { separateTownSql, survivingTownSql } from "@/lib/domain/town-register";
import { join, raw, sql, type Sql } from "@/lib/domain/sql";
import { db, toPrismaSql } from "@/lib/db";
import type {
  Attainment,
  CreationTarget,
  ReportStatus,
  TownKind,
  TownType,
  Track,
} from "@/lib/generated/prisma/enums";
import type { TownRow } from "./types";

type Raw = Record<string, unknown>;
const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * The rows of the given counties' towns for `year`, by county then division code.
 * @param periodId the year's current period (from the summary), or null.
 * @param date the year's figure date "YYYY-MM-DD" (from the summary).
 * @param today today "YYYY-MM-DD" (from the summary), which decides what is late.
 */
export async function listTownRows(
  countyIds: number[],
  year: number,
  periodId: number | null,
  date: string,
  today: string,
): Promise<TownRow[]> {
  const rows = await db().$queryRaw<Raw[]>(
    toPrismaSql(townRowsStatement(countyIds, year, periodId, date, today)),
  );
  return rows.map(toTownRow);
}

/** The statement behind listTownRows (also run as it is by the benchmark's baseline). */
export function townRowsStatement(
  countyIds: number[],
  year: number,
  periodId: number | null,
  date: string,
  today: string,
): Sql {
  const ct = raw("ct");
  return sql`
    WITH latest AS ${latestAcceptedReportsSql(year, countyIds)},
    sv AS ${survivingTownSql(date)},
    report_vals AS (
      SELECT l."townId", ${figureIndicatorValuesSql(raw("iv"), raw("i"))}
      FROM latest l
      JOIN "IndicatorValue" iv ON iv."reportId" = l.id
      JOIN "Indicator" i ON i.id = iv."indicatorId"
      GROUP BY l."taskId", l."townId"
    ),
    -- A merged town's values count under its survivor (lib/domain/town-register.ts).
    vals AS (
      SELECT sv."survivorId" AS "townId",
             ${join(FIGURE_INPUTS.map((code) => raw(`SUM(rv."${code}") AS "${code}"`)))}
      FROM report_vals rv JOIN sv ON sv."townId" = rv."townId"
      GROUP BY sv."survivorId"
    ),
    late AS (
      SELECT sv."survivorId" AS "townId", COUNT(*) AS n
      FROM ${lateReportsSql(year, today, countyIds)} lr JOIN sv ON sv."townId" = lr."townId"
      GROUP BY sv."survivorId"
    ),
    group_projects AS (
      SELECT sv."survivorId" AS "townId",
             ${projectFigureColumnsSql(raw("p"), raw("t2"), year)}
      FROM "Project" p
      JOIN "CreationTask" t2 ON t2.id = p."taskId"
      JOIN sv ON sv."townId" = t2."townId"
      WHERE ${projectFiguresTaskSql(raw("t2"), year)}
      GROUP BY sv."survivorId"
    )
    SELECT tw."divisionCode" AS code, tw.name, tw."nameEn" AS name_en, tw.kind, tw."townType" AS town_type,
           tw."isCountySeat" AS is_county_seat,
           c."divisionCode" AS county_code, c.name AS county_name, c."nameEn" AS county_name_en,
           ct.id AS task_id, ct.target, ct.track,
           COALESCE(att.attainment, 'NONE') AS attainment,
           cur.status AS report_status,
           COALESCE(late.n, 0) AS late_reports,
           CASE WHEN ct.id IS NULL THEN NULL ELSE (
             SELECT COUNT(*) FROM "Indicator" i
             WHERE i.year = ${year} AND i."isRequired"
               AND ${indicatorAppliesSql(raw("i"), raw('tw."townType"'), raw("ct.id"))}
               AND NOT EXISTS (
                 SELECT 1 FROM "IndicatorValue" iv
                 WHERE iv."reportId" = cur."reportId" AND iv."indicatorId" = i.id AND iv.value IS NOT NULL)
           ) END AS missing,
           sr.stars,
           (SELECT COUNT(*) FROM "TownCircleTown" ctt JOIN "TownCircle" tc ON tc.id = ctt."circleId"
             WHERE ctt."townId" = tw.id AND ${membershipCountsSql(raw("ctt"), raw("tc"), year)}) AS circles,
           ${join(FIGURE_INPUTS.map((code) => raw(`v."${code}"`)))},
           gp."plannedInvestmentWan" AS planned, gp."completedInvestmentWan" AS completed,
           gp."landSuppliedMu" AS land
    FROM "Town" tw
    JOIN "County" c ON c.id = tw."countyId"
    LEFT JOIN "CreationTask" ct ON ct."townId" = tw.id AND ct.year = ${year} AND ${inProgrammeSql(ct)}
    LEFT JOIN ${attainmentOnSql(date, countyIds)} att ON att."townId" = tw.id
    LEFT JOIN ${periodReportsSql(year, periodId ?? -1, countyIds)} cur ON cur."taskId" = ct.id
    LEFT JOIN "StarRating" sr ON sr."townId" = tw.id AND sr.year = ${year} AND ${starLevelSql(raw("sr"))}
    LEFT JOIN vals v ON v."townId" = tw.id
    LEFT JOIN late ON late."townId" = tw.id
    LEFT JOIN group_projects gp ON gp."townId" = tw.id
    WHERE tw."countyId" = ANY(${countyIds}) AND ${separateTownSql(raw("tw"), date)}
    ORDER BY c."divisionCode", tw."divisionCode"`;
}

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
    attainment: r.attainment as Attainment,
    reportStatus: (r.report_status as ReportStatus | null) ?? null,
    lateReports: Number(r.late_reports),
    missingItems: n(r.missing),
    stars: n(r.stars),
    circles: Number(r.circles),
    values: Object.fromEntries(FIGURE_INPUTS.map((code) => [code, n(r[code])])) as Record<
      FigureIndicatorCode,
      number | null
    >,
    plannedInvestmentWan: roundHalfUp(String(r.planned ?? 0)),
    completedInvestmentWan: roundHalfUp(String(r.completed ?? 0)),
    landSuppliedMu: roundHalfUp(String(r.land ?? 0)),
  };
}
