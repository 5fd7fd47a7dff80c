import { apiRoute } from "@/lib/api/route";
import { getTownForActor, townToJson } from "@/lib/towns/queries";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/towns/{code} → one town in the caller's scope with its events and attainment
 * today (lib/towns/queries.ts townToJson), else 404 (a former code too).
 */
export const GET = apiRoute<{ code: string }>(async (actor, _request, { params }) => {
  const { code } = await params;
  return { town: townToJson(await getTownForActor(actor, code)) };
});
