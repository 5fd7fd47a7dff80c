import { sessionWrite, uploadedFile } from "@/lib/http/handlers";
import { addSelfEvidence } from "@/lib/ratings/self-assessment";

export const dynamic = "force-dynamic";

/**
 * POST /api/ratings/{id}/evidence (multipart: `file`, `itemId`): attaches a file to one item
 * of the town's draft self-assessment. → `{ id }`. Limits: lib/domain/evidence-file.ts.
 */
export const POST = sessionWrite<{ id: string }>(
  "evidence.create",
  async (actor, request, { id }) => {
    const { form, fileName, bytes } = await uploadedFile(request, "evidence");
    return addSelfEvidence(actor, {
      ratingId: Number(id),
      itemId: Number(form.get("itemId") ?? ""),
      fileName,
      bytes,
    });
  },
);
