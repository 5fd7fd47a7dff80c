import { addEvidence } from "@/lib/reports/evidence";
import { AppError } from "@/lib/errors";
import { sessionWrite, uploadedFile } from "@/lib/http/handlers";

export const dynamic = "force-dynamic";

/**
 * POST /api/reports/{id}/evidence (multipart: `file`, optional `indicatorId`): attaches an
 * evidence file to an editable report. → `{ id }`. Limits: lib/limits.ts and
 * lib/domain/evidence-file.ts. Without `indicatorId` (or empty) the file belongs to the whole
 * report (the form lists it under other evidence); an `indicatorId` that is not an indicator of
 * the report is refused (400), never filed somewhere the township would not look.
 */
export const POST = sessionWrite<{ id: string }>(
  "evidence.create",
  async (actor, request, { id }) => {
    const { form, fileName, bytes } = await uploadedFile(request, "evidence");
    const raw = form.get("indicatorId");
    const given = typeof raw === "string" && raw.trim() !== "";
    const indicatorId = given ? Number(raw) : null;
    if (indicatorId !== null && !(Number.isSafeInteger(indicatorId) && indicatorId > 0)) {
      throw new AppError("VALIDATION", "reports.unknownIndicator", { indicatorId: raw });
    }
    return addEvidence(actor, {
      reportId: Number(id),
      indicatorId,
      fileName,
      bytes,
    });
  },
);
