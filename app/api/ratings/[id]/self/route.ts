import { jsonBody, pathId, sessionWrite } from "@/lib/http/handlers";
import { saveSelfAssessment } from "@/lib/ratings/self-assessment";

export const dynamic = "force-dynamic";

/**
 * POST /api/ratings/{id}/self: the township's self-assessment auto-save. Body:
 * `{ expectedVersion, items: { [itemId]: { points, note } } }` (lib/validation/rating.ts).
 * → `{ version }`, or 409 when stale.
 */
export const POST = sessionWrite<{ id: string }>(
  "rating.selfSave",
  async (actor, request, { id }) => {
    const body = await jsonBody(request);
    return saveSelfAssessment(actor, { ...body, ratingId: pathId(id) });
  },
);
