/**
 * Reads for user administration (city administrators only).
 */
import "server-only";
import { authorize, type Actor } from "@/lib/access";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { countyNameSelect, townWithCountySelect } from "@/lib/towns/select";

/** One row of the user list. */
export type UserRow = {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  countyCode: string | null;
  countyName: string | null;
  countyNameEn: string | null;
  townCode: string | null;
  townName: string | null;
  townNameEn: string | null;
  isActive: boolean;
  mustChangePassword: boolean;
  lastSignInAt: string | null;
  updatedAt: string;
};

const include = {
  county: { select: countyNameSelect },
  town: { select: townWithCountySelect },
} as const;

type UserWithScope = Awaited<ReturnType<typeof findUser>>;
function findUser(id: number) {
  return db().user.findUnique({ where: { id }, include });
}

function toRow(u: NonNullable<UserWithScope>): UserRow {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    countyCode: u.county?.divisionCode ?? u.town?.county.divisionCode ?? null,
    countyName: u.county?.name ?? u.town?.county.name ?? null,
    countyNameEn: u.county?.nameEn ?? u.town?.county.nameEn ?? null,
    townCode: u.town?.divisionCode ?? null,
    townName: u.town?.name ?? null,
    townNameEn: u.town?.nameEn ?? null,
    isActive: u.isActive,
    mustChangePassword: u.mustChangePassword,
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
    updatedAt: u.updatedAt.toISOString(),
  };
}

/** Every user (a city has a few hundred at most), by user name. @throws FORBIDDEN */
export async function listUsers(actor: Actor): Promise<UserRow[]> {
  authorize(actor, "user.manage");
  const users = await db().user.findMany({ include, orderBy: { username: "asc" } });
  return users.map(toRow);
}

/** One user for the edit page. @throws FORBIDDEN | NOT_FOUND */
export async function getUser(actor: Actor, id: number): Promise<UserRow> {
  authorize(actor, "user.manage");
  const user = Number.isInteger(id) ? await findUser(id) : null;
  if (!user) throw new AppError("NOT_FOUND", {}, { userId: id });
  return toRow(user);
}

/**
 * Counties and towns to pick a scope from (code, Chinese and English name — a town's may be
 * null — and the county code for towns).
 */
export async function listScopeOptions(actor: Actor) {
  authorize(actor, "user.manage");
  const [counties, towns] = await Promise.all([
    db().county.findMany({
      select: { divisionCode: true, name: true, nameEn: true },
      orderBy: { divisionCode: "asc" },
    }),
    db().town.findMany({
      select: {
        divisionCode: true,
        name: true,
        nameEn: true,
        county: { select: { divisionCode: true } },
      },
      orderBy: { divisionCode: "asc" },
    }),
  ]);
  return {
    counties,
    towns: towns.map((t) => ({
      divisionCode: t.divisionCode,
      name: t.name,
      nameEn: t.nameEn,
      countyCode: t.county.divisionCode,
    })),
  };
}
