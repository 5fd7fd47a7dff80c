/**
 * SQL fragments shared by the dashboard's queries, so every figure uses one definition:
 * - attainmentLevels(year): per town, the highest attainment awarded for the year or before
 *   (0 none, 1 basic compliance, 2 provincial sample) — columns "townId", level;
 * - latestAcceptedReports(year): per task of the year, its accepted report (COUNTY_APPROVED or
 *   CITY_CONFIRMED) with the highest period index — columns id, "taskId", "townId".
 */
import { Prisma } from "@/lib/generated/prisma/client";

/** Report statuses whose values the dashboard counts. */
export const acceptedStatuses = Prisma.sql`('COUNTY_APPROVED', 'CITY_CONFIRMED')`;

/** Subquery: "townId", level (0–2) of each town with a task in `year` or before. */
export function attainmentLevels(year: number): Prisma.Sql {
  return Prisma.sql`(
    SELECT "townId",
           MAX(CASE "attainmentAwarded" WHEN 'PROVINCIAL_SAMPLE' THEN 2
                                        WHEN 'BASIC_COMPLIANCE' THEN 1 ELSE 0 END) AS level
    FROM "CreationTask" WHERE year <= ${year} GROUP BY "townId"
  )`;
}

/** Subquery: id, "taskId", "townId" of each task's latest accepted report of `year`. */
export function latestAcceptedReports(year: number): Prisma.Sql {
  return Prisma.sql`(
    SELECT DISTINCT ON (pr."taskId") pr.id, pr."taskId", ct."townId"
    FROM "ProgressReport" pr
    JOIN "CreationTask" ct ON ct.id = pr."taskId"
    JOIN "ReportingPeriod" rp ON rp.id = pr."periodId"
    WHERE ct.year = ${year} AND pr.status IN ${acceptedStatuses}
    ORDER BY pr."taskId", rp.index DESC
  )`;
}
