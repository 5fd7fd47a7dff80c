import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { countyQuery } from "@/lib/validation/api-query";
import { listTownsForActor, townToJson } from "@/lib/towns/queries";
import { queryParams } from "@/lib/http/query";

export const dynamic = "force-dynamic";

const query = countyQuery.extend({
  inProgramme: z.enum(["true", "false"]).optional(),
  q: z.string().trim().max(50).optional(),
});

/** GET /api/v1/towns?county=&inProgramme=&q= → the towns in the caller's scope. */
export const GET = apiRoute(async (actor, request) => {
  const params = query.parse(queryParams(new URL(request.url).searchParams));
  const towns = await listTownsForActor(actor, {
    countyCode: params.county,
    inProgramme: params.inProgramme === undefined ? undefined : params.inProgramme === "true",
    q: params.q || undefined,
  });
  return { towns: towns.map(townToJson), count: towns.length };
});
