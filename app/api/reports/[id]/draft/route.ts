import { jsonBody, sessionWrite } from "@/lib/http/handlers";
import { saveReport } from "@/lib/reports/mutations";

export const dynamic = "force-dynamic";

/**
 * POST /api/reports/{id}/draft: the report form's auto-save (also sent with keepalive when
 * the tab is hidden or closed). Body: the save input without reportId (lib/validation/report.ts).
 * → `{ version }`, or 409 when someone saved since `expectedVersion`.
 */
export const POST = sessionWrite<{ id: string }>(
  "report.saveDraft",
  async (actor, request, { id }) => {
    const body = await jsonBody(request);
    return saveReport(actor, { ...body, reportId: Number(id) });
  },
);
