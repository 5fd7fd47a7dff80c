import { apiRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";

/** GET /api/v1/me → the caller: user name, display name, role and scope codes. */
export const GET = apiRoute(async (actor) => ({
  username: actor.username,
  displayName: actor.displayName,
  role: actor.role,
  county: actor.county ? { code: actor.county.divisionCode, name: actor.county.name } : null,
  town: actor.town ? { code: actor.town.divisionCode, name: actor.town.name } : null,
}));
