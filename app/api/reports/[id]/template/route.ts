import { getLocale } from "next-intl/server";
import { getActor } from "@/lib/auth/session";
import { contentDisposition } from "@/lib/domain/evidence-file";
import { isAppError } from "@/lib/errors";
import { buildReportTemplate } from "@/lib/reports/import";
import { getReportForActor } from "@/lib/reports/queries";

export const dynamic = "force-dynamic";

/**
 * GET /api/reports/{id}/template: the report's .xlsx template (indicator codes, names, units,
 * targets, current values) in the caller's language; scoped like the report page.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return new Response(null, { status: 401 });
  try {
    const report = await getReportForActor(actor, Number((await params).id));
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
  } catch (error) {
    if (isAppError(error)) return new Response(null, { status: error.status });
    throw error;
  }
}
