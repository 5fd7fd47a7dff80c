import { jsonBody, pathId, sessionRead, sessionWrite } from "@/lib/http/handlers";
import { saveReport } from "@/lib/reports/mutations";
import { getReportDraft } from "@/lib/reports/queries";

export const dynamic = "force-dynamic";

/**
 * GET /api/reports/{id}/draft: the draft as saved now, for a form whose save was refused as
 * stale → `{ version, editable, draft, savedBy, savedAt }` (lib/reports/queries.ts
 * getReportDraft); 401 when signed out, 404 out of scope.
 */
export const GET = sessionRead<{ id: string }>("report.readDraft", (actor, _request, { id }) =>
  getReportDraft(actor, pathId(id)),
);

/**
 * POST /api/reports/{id}/draft: the report form's auto-save (also sent with keepalive when
 * the tab is hidden or closed). Body: the save input without reportId (lib/validation/report.ts).
 * → `{ version }`, or 409 when someone saved since `expectedVersion`.
 */
export const POST = sessionWrite<{ id: string }>(
  "report.saveDraft",
  async (actor, request, { id }) => {
    const body = await jsonBody(request);
    return saveReport(actor, { ...body, reportId: pathId(id) });
  },
);
