import { getLocale } from "next-intl/server";
import { contentDisposition } from "@/lib/domain/evidence-file";
import { pathId, sessionFile } from "@/lib/http/handlers";
import { buildReportTemplate } from "@/lib/reports/import";
import { getReportForActor } from "@/lib/reports/queries";

export const dynamic = "force-dynamic";

/**
 * GET /api/reports/{id}/template: the report's .xlsx template (indicator codes, names, units,
 * targets, current values) in the caller's language; scoped like the report page.
 */
export const GET = sessionFile<{ id: string }>(
  "report.template",
  async (actor, _request, { id }) => {
    const report = await getReportForActor(actor, pathId(id));
    const en = (await getLocale()) === "en";
    const bytes = await buildReportTemplate(report, en);
    const name = `${report.task.town.name}-${report.period.name}.xlsx`;
    return new Response(new Uint8Array(bytes), {
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": contentDisposition(name),
        "Cache-Control": "private, no-store",
      },
    });
  },
);
