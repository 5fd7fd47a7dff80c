import { apiRoute } from "@/lib/api/route";
import { summaryToJson } from "@/lib/dashboard/json";
import { getSummaries, resolveYear } from "@/lib/dashboard/queries";

export const dynamic = "force-dynamic";

/** GET /api/v1/counties/{code}/summary?year= → one county's key figures (city roles, its reviewer). */
export const GET = apiRoute<{ code: string }>(async (actor, request, { params }) => {
  const { code } = await params;
  const { year } = await resolveYear(new URL(request.url).searchParams.get("year") ?? undefined);
  const { current } = await getSummaries(actor, { kind: "county", code }, year);
  return summaryToJson(current);
});
