/**
 * SQL fragments shared by the dashboard's queries, so every figure uses one definition:
 * - attainmentLevels(year, countyIds): per town of the counties, the highest attainment awarded for the year or before
 *   (0 none, 1 basic compliance, 2 provincial sample) — columns "townId", level;
 * - latestAcceptedReports(year, countyIds): per task of the year in the counties, its accepted report (COUNTY_APPROVED or
 *   CITY_CONFIRMED) with the highest period index — columns id, "taskId", "townId".
 */
import { Prisma } from "@/lib/generated/prisma/client";

/** Report statuses whose values the dashboard counts. */
export const acceptedStatuses = Prisma.sql`('COUNTY_APPROVED', 'CITY_CONFIRMED')`;

// Both subqueries filter by county inside themselves: filtering only in the outer query made
// PostgreSQL pick the latest report of every task in the province first (docs/BENCHMARKS.md).

/** Subquery: "townId", level (0–2) of each town of `countyIds` with a task in `year` or before. */
export function attainmentLevels(year: number, countyIds: number[]): Prisma.Sql {
  return Prisma.sql`(
    SELECT "townId",
           MAX(CASE "attainmentAwarded" WHEN 'PROVINCIAL_SAMPLE' THEN 2
                                        WHEN 'BASIC_COMPLIANCE' THEN 1 ELSE 0 END) AS level
    FROM "CreationTask"
    WHERE year <= ${year} AND "townId" IN (SELECT id FROM "Town" WHERE "countyId" = ANY(${countyIds}))
    GROUP BY "townId"
  )`;
}

/** Subquery: id, "taskId", "townId" of the latest accepted report of each task of `year` in `countyIds`. */
export function latestAcceptedReports(year: number, countyIds: number[]): Prisma.Sql {
  return Prisma.sql`(
    SELECT DISTINCT ON (pr."taskId") pr.id, pr."taskId", ct."townId"
    FROM "ProgressReport" pr
    JOIN "CreationTask" ct ON ct.id = pr."taskId"
    JOIN "Town" t0 ON t0.id = ct."townId"
    JOIN "ReportingPeriod" rp ON rp.id = pr."periodId"
    WHERE ct.year = ${year} AND t0."countyId" = ANY(${countyIds}) AND pr.status IN ${acceptedStatuses}
    ORDER BY pr."taskId", rp.index DESC
  )`;
}
