/**
 * What GET /api/metrics answers: the Prometheus text of lib/server/metrics.ts for a caller with
 * the METRICS_TOKEN bearer token (compared in constant time); 404 when no token is configured
 * (the endpoint does not exist), 401 for a missing or wrong token. On each scrape the overdue
 * reports of the open year per county are read with the one late rule (lib/domain/reporting.ts).
 */
import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { db, toPrismaSql } from "@/lib/db";
import { isoDate, shanghaiToday } from "@/lib/domain/calendar";
import { lateReportsSql } from "@/lib/domain/reporting";
import { sql } from "@/lib/domain/sql";
import { env } from "@/lib/env";
import { metrics, setOverdueSource } from "@/lib/server/metrics";

const digest = (text: string) => createHash("sha256").update(text).digest();

/** True when `authorization` is "Bearer <METRICS_TOKEN>". */
export function metricsTokenMatches(authorization: string | null, token: string): boolean {
  const given = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1] ?? "";
  return timingSafeEqual(digest(given), digest(token));
}

/** Overdue reports of the newest open year, by county division code (0 rows when none open). */
async function overdueByCounty(): Promise<{ county: string; count: number }[]> {
  const open = await db().year.findFirst({
    where: { status: "OPEN" },
    orderBy: { year: "desc" },
    select: { year: true },
  });
  if (!open) return [];
  const counties = await db().county.findMany({ select: { id: true, divisionCode: true } });
  const rows = await db().$queryRaw<{ county: string; count: bigint }[]>(
    toPrismaSql(sql`
      SELECT c."divisionCode" AS county, COUNT(lr."taskId") AS count
      FROM "County" c
      LEFT JOIN "Town" t ON t."countyId" = c.id
      LEFT JOIN ${lateReportsSql(
        open.year,
        isoDate(shanghaiToday()),
        counties.map((c) => c.id),
      )} lr ON lr."townId" = t.id
      GROUP BY c."divisionCode"
      ORDER BY c."divisionCode"`),
  );
  return rows.map((r) => ({ county: r.county, count: Number(r.count) }));
}

/** The response to a scrape. */
export async function metricsResponse(request: Request): Promise<Response> {
  const token = env().METRICS_TOKEN;
  if (!token) return new Response("Not found\n", { status: 404 });
  if (!metricsTokenMatches(request.headers.get("authorization"), token)) {
    return new Response("Unauthorized\n", {
      status: 401,
      headers: { "WWW-Authenticate": "Bearer" },
    });
  }
  setOverdueSource(overdueByCounty);
  const { registry } = metrics();
  return new Response(await registry.metrics(), {
    headers: { "Content-Type": registry.contentType, "Cache-Control": "no-store" },
  });
}
