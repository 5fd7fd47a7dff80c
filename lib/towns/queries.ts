/**
 * Reads of towns (乡镇（街道）), always through the actor's scope (lib/access.ts): a town
 * outside it is reported as not found, never as forbidden.
 */
import "server-only";
import { decide, enforce, townScope, type Action, type Actor } from "@/lib/access";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

const townSelect = {
  id: true,
  divisionCode: true,
  name: true,
  nameEn: true,
  kind: true,
  townType: true,
  inProgramme: true,
  isCountySeat: true,
  isLocalUnit: true,
  attainment: true,
  attainmentYear: true,
  county: { select: { id: true, divisionCode: true, name: true, nameEn: true } },
  circles: {
    select: {
      isLead: true,
      circle: { select: { code: true, name: true, nameEn: true, isModel: true } },
    },
    orderBy: { circle: { code: "asc" } },
  },
} as const satisfies Prisma.TownSelect;

/** A town with its county and circles, as pages and the API show it. */
export type TownProfile = Prisma.TownGetPayload<{ select: typeof townSelect }>;

/**
 * The town with this 9-digit code, if the actor may take `action` on it.
 * @throws AppError NOT_FOUND (out of scope, unknown, or a read the role lacks) | FORBIDDEN
 */
export async function getTownForActor(
  actor: Actor,
  divisionCode: string,
  action: Action = "town.view",
): Promise<TownProfile> {
  enforce(decide(actor, action, true));
  const town = /^\d{9}$/.test(divisionCode)
    ? await db().town.findFirst({
        where: { AND: [{ divisionCode }, townScope(actor)] },
        select: townSelect,
      })
    : null;
  enforce(decide(actor, action, town !== null), { divisionCode });
  return town!;
}

/** Filters for town lists (all optional). */
export type TownFilter = { countyCode?: string; inProgramme?: boolean; q?: string };

/** The towns the actor may see, by county then division code. */
export async function listTownsForActor(
  actor: Actor,
  filter: TownFilter = {},
): Promise<TownProfile[]> {
  enforce(decide(actor, "town.view", true));
  const where: Prisma.TownWhereInput[] = [townScope(actor)];
  if (filter.countyCode) where.push({ county: { divisionCode: filter.countyCode } });
  if (filter.inProgramme !== undefined) where.push({ inProgramme: filter.inProgramme });
  if (filter.q) {
    where.push({
      OR: [
        { name: { contains: filter.q } },
        { nameEn: { contains: filter.q, mode: "insensitive" } },
        { divisionCode: { startsWith: filter.q } },
      ],
    });
  }
  return db().town.findMany({
    where: { AND: where },
    select: townSelect,
    orderBy: [{ county: { divisionCode: "asc" } }, { divisionCode: "asc" }],
  });
}

/** The JSON form of a town for /api/v1 (stable keys, codes instead of ids). */
export function townToJson(town: TownProfile) {
  return {
    code: town.divisionCode,
    name: town.name,
    nameEn: town.nameEn,
    kind: town.kind,
    townType: town.townType,
    county: { code: town.county.divisionCode, name: town.county.name, nameEn: town.county.nameEn },
    inProgramme: town.inProgramme,
    isCountySeat: town.isCountySeat,
    isLocalUnit: town.isLocalUnit,
    attainment: town.attainment,
    attainmentYear: town.attainmentYear,
    circles: town.circles.map((c) => ({
      code: c.circle.code,
      name: c.circle.name,
      nameEn: c.circle.nameEn,
      isModel: c.circle.isModel,
      isLead: c.isLead,
    })),
  };
}
