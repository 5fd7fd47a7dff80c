import { apiRoute } from "@/lib/api/route";
import { pathId } from "@/lib/http/handlers";
import { getRatingView, ratingViewToJson } from "@/lib/ratings/queries";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/ratings/{town code}/{year} → one town's star rating: scheme items, the panel's
 * sheets (points as decimal strings, only where the caller may see them on screen), the
 * self-assessment, the result and the city's decisions. Out of scope or unknown → 404 (a year
 * segment that is not a whole number in PostgreSQL's integer range names nothing: 404 too).
 */
export const GET = apiRoute<{ town: string; year: string }>(async (actor, _request, { params }) => {
  const { town, year } = await params;
  return { rating: ratingViewToJson(await getRatingView(actor, town, pathId(year))) };
});
