import { pathId, sessionWrite } from "@/lib/http/handlers";
import { withSpooledUpload } from "@/lib/http/multipart";
import { addSelfEvidence } from "@/lib/ratings/self-assessment";

export const dynamic = "force-dynamic";

/**
 * POST /api/ratings/{id}/evidence (multipart: `file`, `itemId`): attaches a file to one item
 * of the town's draft self-assessment. → `{ id }`. Limits: lib/domain/evidence-file.ts. The
 * file is streamed to a temporary file and on to the evidence store (lib/http/multipart.ts).
 */
export const POST = sessionWrite<{ id: string }>(
  "evidence.create",
  async (actor, request, { id }) =>
    withSpooledUpload(request, "evidence", "evidence.empty", ({ fields, file }) =>
      addSelfEvidence(actor, {
        ratingId: pathId(id),
        itemId: Number(fields.get("itemId") ?? ""),
        file,
      }),
    ),
);
