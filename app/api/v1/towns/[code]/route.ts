import { apiRoute } from "@/lib/api/route";
import { getTownForActor, townToJson } from "@/lib/towns/queries";

export const dynamic = "force-dynamic";

/** GET /api/v1/towns/{code} → one town in the caller's scope, else 404. */
export const GET = apiRoute<{ code: string }>(async (actor, _request, { params }) => {
  const { code } = await params;
  return { town: townToJson(await getTownForActor(actor, code)) };
});
