import { addEvidence } from "@/lib/reports/evidence";
import { sessionWrite, uploadedFile } from "@/lib/http/handlers";

export const dynamic = "force-dynamic";

/**
 * POST /api/reports/{id}/evidence (multipart: `file`, optional `indicatorId`): attaches an
 * evidence file to an editable report. → `{ id }`. Limits: lib/domain/evidence-file.ts.
 */
export const POST = sessionWrite<{ id: string }>(
  "evidence.create",
  async (actor, request, { id }) => {
    const { form, fileName, bytes } = await uploadedFile(request, "evidence");
    const indicatorId = Number(form.get("indicatorId") ?? "");
    return addEvidence(actor, {
      reportId: Number(id),
      indicatorId: Number.isInteger(indicatorId) && indicatorId > 0 ? indicatorId : null,
      fileName,
      bytes,
    });
  },
);
