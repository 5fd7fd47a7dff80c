import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { yearCountyQuery } from "@/lib/validation/api-query";
import { ReportStatus } from "@/lib/generated/prisma/enums";
import { listReportsForActor, reportRowToJson } from "@/lib/reports/queries";
import { queryParams } from "@/lib/http/query";

export const dynamic = "force-dynamic";

const query = yearCountyQuery.extend({ status: z.enum(ReportStatus).optional() });

/** GET /api/v1/reports?year=&county=&status= → progress reports in the caller's scope. */
export const GET = apiRoute(async (actor, request) => {
  const params = query.parse(queryParams(new URL(request.url).searchParams));
  const rows = await listReportsForActor(actor, {
    year: params.year,
    countyCode: params.county,
    status: params.status,
  });
  return { reports: rows.map(reportRowToJson), count: rows.length };
});
