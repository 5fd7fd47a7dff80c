/**
 * The access matrix: every role × every action × a target inside and outside the actor's
 * scope, decided through the real scoped queries against PostgreSQL. The expectations below
 * are written out by hand (not derived from lib/access.ts), so a change to the role map or to
 * a scope filter shows up here as a failing cell.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allActions, assertCan, type Action, type Actor } from "@/lib/access";
import { hashPassword } from "@/lib/auth/password";
import { loadActor } from "@/lib/auth/session";
import { getCountyForActor } from "@/lib/counties/queries";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { createPrismaClient, type PrismaClient } from "@/lib/prisma-client";
import { createScratchDatabase, type ScratchDatabase } from "@/lib/testing/database";
import { getTownForActor, listTownsForActor } from "@/lib/towns/queries";

// What each role may do at all (hand-written; the source of truth is the role list).
const allowed: Record<Role, Action[]> = {
  CITY_ADMIN: [
    "dashboard.city.view",
    "county.view",
    "town.view",
    "report.confirm",
    "rating.approve",
    "task.publish",
    "catalogue.manage",
    "town.manage",
    "assessment.run",
    "user.manage",
    "audit.view",
    "account.manage",
  ],
  CITY_LEADER: ["dashboard.city.view", "county.view", "town.view", "account.manage"],
  COUNTY_REVIEWER: ["county.view", "town.view", "report.review", "rating.score", "account.manage"],
  TOWNSHIP_STAFF: ["town.view", "report.edit", "report.submit", "account.manage"],
};
const readActions: Action[] = ["dashboard.city.view", "county.view", "town.view", "audit.view"];
const townActions: Action[] = [
  "town.view",
  "report.edit",
  "report.submit",
  "report.review",
  "report.confirm",
  "rating.score",
  "rating.approve",
];
const countyActions: Action[] = ["county.view"];

let database: ScratchDatabase;
let prisma: PrismaClient;
const actors = {} as Record<Role, Actor>;

beforeAll(async () => {
  database = await createScratchDatabase("access");
  process.env.DATABASE_URL = database.url;
  prisma = createPrismaClient(database.url, { max: 2 });
  const city = await prisma.city.create({
    data: { divisionCode: "3308", name: "衢州市", nameEn: "Quzhou" },
  });
  const county = (code: string, name: string) =>
    prisma.county.create({
      data: { cityId: city.id, divisionCode: code, name, nameEn: name, kind: "COUNTY" },
    });
  const a = await county("330825", "龙游县");
  const b = await county("330822", "常山县");
  const town = (countyId: number, code: string, name: string) =>
    prisma.town.create({ data: { countyId, divisionCode: code, name, kind: "TOWN" } });
  const a1 = await town(a.id, "330825109", "溪口镇");
  await town(a.id, "330825101", "湖镇镇");
  await town(b.id, "330822101", "白石镇");
  const passwordHash = await hashPassword("Access#2026");
  const scopes: Record<Role, { countyId?: number; townId?: number }> = {
    CITY_ADMIN: {},
    CITY_LEADER: {},
    COUNTY_REVIEWER: { countyId: a.id },
    TOWNSHIP_STAFF: { townId: a1.id },
  };
  for (const role of Object.keys(scopes) as Role[]) {
    const user = await prisma.user.create({
      data: {
        username: role.toLowerCase(),
        displayName: role,
        passwordHash,
        role,
        ...scopes[role],
      },
    });
    actors[role] = (await loadActor(user.id))!;
  }
});

afterAll(async () => {
  await prisma?.$disconnect();
  await database?.drop();
});

/** Runs the real check for `action` on the in-scope or out-of-scope target. */
async function outcome(actor: Actor, action: Action, target: "in" | "out"): Promise<string> {
  try {
    if (townActions.includes(action)) {
      await getTownForActor(actor, target === "in" ? "330825109" : "330822101", action);
    } else if (countyActions.includes(action)) {
      await getCountyForActor(actor, target === "in" ? "330825" : "330822", action);
    } else {
      assertCan(actor, action);
    }
    return "ALLOW";
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

/** Whether the target is inside the role's scope (hand-worked for the fixture above). */
function inScope(role: Role, action: Action, target: "in" | "out"): boolean {
  if (role === "CITY_ADMIN" || role === "CITY_LEADER") return true;
  if (!townActions.includes(action) && !countyActions.includes(action)) return true;
  return target === "in";
}

function expected(role: Role, action: Action, target: "in" | "out"): string {
  if (!allowed[role].includes(action))
    return readActions.includes(action) ? "NOT_FOUND" : "FORBIDDEN";
  return inScope(role, action, target) ? "ALLOW" : "NOT_FOUND";
}

describe("access matrix", () => {
  it("covers every action of the catalogue", () => {
    const classified = new Set([
      ...townActions,
      ...countyActions,
      ...Object.values(allowed).flat(),
    ]);
    expect([...classified].sort()).toEqual([...allActions].sort());
  });

  const roles: Role[] = ["CITY_ADMIN", "CITY_LEADER", "COUNTY_REVIEWER", "TOWNSHIP_STAFF"];
  for (const role of roles) {
    for (const action of allActions) {
      for (const target of ["in", "out"] as const) {
        it(`${role} · ${action} · ${target}-of-scope target → ${expected(role, action, target)}`, async () => {
          expect(await outcome(actors[role], action, target)).toBe(expected(role, action, target));
        });
      }
    }
  }
});

describe("scoped lists", () => {
  it("lists exactly the towns in scope", async () => {
    const codes = async (role: Role) =>
      (await listTownsForActor(actors[role])).map((t) => t.divisionCode);
    expect(await codes("CITY_LEADER")).toEqual(["330822101", "330825101", "330825109"]);
    expect(await codes("COUNTY_REVIEWER")).toEqual(["330825101", "330825109"]);
    expect(await codes("TOWNSHIP_STAFF")).toEqual(["330825109"]);
  });
});

describe("role and scope are re-read from the database", () => {
  it("a disabled user has no actor, a demoted one gets the new role at once", async () => {
    const user = await prisma.user.create({
      data: { username: "temp-admin", displayName: "临时", passwordHash: "x", role: "CITY_ADMIN" },
    });
    expect((await loadActor(user.id))?.role).toBe("CITY_ADMIN");
    await prisma.user.update({ where: { id: user.id }, data: { role: "CITY_LEADER" } });
    const demoted = (await loadActor(user.id))!;
    expect(await outcome(demoted, "user.manage", "in")).toBe("FORBIDDEN");
    await prisma.user.update({ where: { id: user.id }, data: { isActive: false } });
    expect(await loadActor(user.id)).toBeNull();
  });

  it("a session from before a password change is no longer valid", async () => {
    const changedAt = new Date("2026-11-01T08:00:00Z");
    const user = await prisma.user.create({
      data: {
        username: "pw-user",
        displayName: "改密",
        passwordHash: "x",
        role: "CITY_LEADER",
        passwordChangedAt: changedAt,
      },
    });
    expect(await loadActor(user.id, changedAt.getTime())).not.toBeNull();
    expect(await loadActor(user.id, 0)).toBeNull();
  });

  it("the database refuses a scope that does not match the role", async () => {
    await expect(
      prisma.user.create({
        data: {
          username: "bad-scope",
          displayName: "x",
          passwordHash: "x",
          role: "COUNTY_REVIEWER",
        },
      }),
    ).rejects.toThrow(/User_scope_matches_role/);
  });
});
