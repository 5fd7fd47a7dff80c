import { apiRoute } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { getReportForActor, reportDetailToJson } from "@/lib/reports/queries";

export const dynamic = "force-dynamic";

/** GET /api/v1/reports/{id} → one report with values, projects, evidence and reviews; else 404. */
export const GET = apiRoute<{ id: string }>(async (actor, _request, { params }) => {
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) throw new AppError("NOT_FOUND", {}, { reportId: id });
  return { report: reportDetailToJson(await getReportForActor(actor, Number(id))) };
});
