import { AppError } from "@/lib/errors";
import { pathId, sessionWrite } from "@/lib/http/handlers";
import { withSpooledUpload } from "@/lib/http/multipart";
import { addEvidence } from "@/lib/reports/evidence";

export const dynamic = "force-dynamic";

/**
 * POST /api/reports/{id}/evidence (multipart: `file`, optional `indicatorId`): attaches an
 * evidence file to an editable report. → `{ id }`. Limits: lib/limits.ts and
 * lib/domain/evidence-file.ts. The file is streamed to a temporary file and on to the evidence
 * store, never held whole in memory (lib/http/multipart.ts). Without `indicatorId` (or empty)
 * the file belongs to the whole report (the form lists it under other evidence); an
 * `indicatorId` that is not an indicator of the report is refused (400), never filed somewhere
 * the township would not look.
 */
export const POST = sessionWrite<{ id: string }>(
  "evidence.create",
  async (actor, request, { id }) =>
    withSpooledUpload(request, "evidence", "evidence.empty", ({ fields, file }) => {
      const raw = fields.get("indicatorId");
      const given = raw !== undefined && raw.trim() !== "";
      const indicatorId = given ? Number(raw) : null;
      if (indicatorId !== null && !(Number.isSafeInteger(indicatorId) && indicatorId > 0)) {
        throw new AppError("VALIDATION", "reports.unknownIndicator", { indicatorId: raw });
      }
      return addEvidence(actor, { reportId: pathId(id), indicatorId, file });
    }),
);
