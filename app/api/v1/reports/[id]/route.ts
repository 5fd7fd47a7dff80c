import { apiRoute } from "@/lib/api/route";
import { pathId } from "@/lib/http/handlers";
import { getReportForActor, reportDetailToJson } from "@/lib/reports/queries";

export const dynamic = "force-dynamic";

/** GET /api/v1/reports/{id} → one report with values, projects, evidence and reviews; else 404. */
export const GET = apiRoute<{ id: string }>(async (actor, _request, { params }) => {
  const { id } = await params;
  return { report: reportDetailToJson(await getReportForActor(actor, pathId(id))) };
});
