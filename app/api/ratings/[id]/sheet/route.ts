import { jsonBody, pathId, sessionWrite } from "@/lib/http/handlers";
import { saveSheet } from "@/lib/ratings/sheets";

export const dynamic = "force-dynamic";

/**
 * POST /api/ratings/{id}/sheet: the reviewer's score-sheet auto-save (also sent with keepalive
 * when the tab is hidden). Body: `{ expectedVersion, items: { [itemId]: { choices, comment } } }`
 * (lib/validation/rating.ts). → `{ version, points, total }`, or 409 when stale.
 */
export const POST = sessionWrite<{ id: string }>(
  "rating.sheetSave",
  async (actor, request, { id }) => {
    const body = await jsonBody(request);
    return saveSheet(actor, { ...body, ratingId: pathId(id) });
  },
);
