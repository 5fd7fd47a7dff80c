/**
 * Reads of counties (县（市、区）) through the actor's scope.
 */
import "server-only";
import { countyScope, decide, enforce, type Action, type Actor } from "@/lib/access";
import { db } from "@/lib/db";

/** A county with its town counts (all towns / in the programme). */
export type CountyOverview = {
  id: number;
  divisionCode: string;
  name: string;
  nameEn: string;
  kind: string;
  towns: number;
  townsInProgramme: number;
};

/**
 * The county with this 6-digit code, if the actor may take `action` on it.
 * @throws AppError NOT_FOUND | FORBIDDEN
 */
export async function getCountyForActor(
  actor: Actor,
  divisionCode: string,
  action: Action = "county.view",
) {
  enforce(decide(actor, action, true));
  const county = /^\d{6}$/.test(divisionCode)
    ? await db().county.findFirst({ where: { AND: [{ divisionCode }, countyScope(actor)] } })
    : null;
  enforce(decide(actor, action, county !== null), { divisionCode });
  return county!;
}

/** The counties the actor may see with their town counts, by division code. */
export async function listCountiesForActor(actor: Actor): Promise<CountyOverview[]> {
  enforce(decide(actor, "county.view", true));
  const counties = await db().county.findMany({
    where: countyScope(actor),
    orderBy: { divisionCode: "asc" },
    include: { _count: { select: { towns: true } } },
  });
  const inProgramme = await db().town.groupBy({
    by: ["countyId"],
    where: { inProgramme: true, countyId: { in: counties.map((c) => c.id) } },
    _count: { _all: true },
  });
  const byCounty = new Map(inProgramme.map((g) => [g.countyId, g._count._all]));
  return counties.map((c) => ({
    id: c.id,
    divisionCode: c.divisionCode,
    name: c.name,
    nameEn: c.nameEn,
    kind: c.kind,
    towns: c._count.towns,
    townsInProgramme: byCounty.get(c.id) ?? 0,
  }));
}
