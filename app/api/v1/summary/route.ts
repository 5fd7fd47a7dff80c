import { apiRoute } from "@/lib/api/route";
import { summaryToJson } from "@/lib/dashboard/json";
import { getSummaries, resolveYear } from "@/lib/dashboard/queries";

export const dynamic = "force-dynamic";

/** GET /api/v1/summary?year= → the city's key figures and `byCounty` (city roles). */
export const GET = apiRoute(async (actor, request) => {
  const { year } = await resolveYear(new URL(request.url).searchParams.get("year") ?? undefined);
  const { current } = await getSummaries(actor, { kind: "city" }, year);
  return summaryToJson(current);
});
