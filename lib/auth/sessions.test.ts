/**
 * Tokens and sessions against a real database (issue 14, part 5): token expiry, revocation by
 * a password change or reset and by disabling, the administrator's view and revocation of
 * another user's tokens, re-enabling reviving nothing, sign-out ending the session on the
 * server (the actor re-read with the old cookie's claims), the limit on current-password
 * checks; and two small ones of part 10 on the audit log: `%`/`_` searched literally, a page
 * past the last showing the last.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { Actor } from "@/lib/access";
import { listAuditLog } from "@/lib/audit/queries";
import { AppError } from "@/lib/errors";
import { createPrismaClient, type PrismaClient } from "@/lib/prisma-client";
import { createScratchDatabase, type ScratchDatabase } from "@/lib/testing/database";
import { changeOwnPassword, resetPassword, updateUser } from "@/lib/users/mutations";
import {
  actorFromToken,
  createApiToken,
  listUserApiTokens,
  revokeUserApiToken,
} from "./api-tokens";
import { hashPassword } from "./password";
import { loadActor } from "./session";
import { endSessions } from "./sessions";
import { createMemorySignInLimiter, signInPolicy } from "./sign-in-limiter";

let database: ScratchDatabase;
let prisma: PrismaClient;
let admin: Actor;

beforeAll(async () => {
  database = await createScratchDatabase("sessions");
  process.env.DATABASE_URL = database.url;
  prisma = createPrismaClient(database.url, { max: 2 });
  const a = await prisma.user.create({
    data: {
      username: "admin",
      displayName: "管理员",
      role: "CITY_ADMIN",
      passwordHash: await hashPassword("Admin#2026x"),
    },
  });
  admin = (await loadActor(a.id))!;
});

afterAll(async () => {
  await prisma?.$disconnect();
  await database?.drop();
});

let serial = 0;
/** A city leader with a known password, as an actor. */
async function leader(password = "Leader#2026x"): Promise<Actor> {
  const user = await prisma.user.create({
    data: {
      username: `leader-${++serial}`,
      displayName: "领导",
      role: "CITY_LEADER",
      passwordHash: await hashPassword(password),
      passwordChangedAt: new Date(),
    },
  });
  return { ...(await loadActor(user.id))!, client: { ip: "10.0.0.8", userAgent: null } };
}

/** The claims a signed-in browser's cookie carries (lib/auth/options.ts). */
async function cookieOf(actor: Actor) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: actor.id } });
  return { pwdAt: user.passwordChangedAt?.getTime() ?? 0, sat: Date.now() };
}

const stillSignedIn = async (actor: Actor, cookie: { pwdAt: number; sat: number }) =>
  (await loadActor(actor.id, cookie.pwdAt, cookie.sat)) !== null;

async function codeOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.user.message };
    if (error instanceof ZodError) return `ZOD:${error.issues.map((i) => i.message).join(",")}`;
    throw error;
  }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("API tokens", () => {
  it("expire after the lifetime chosen at creation (90 days unless chosen), with a clear 401", async () => {
    const user = await leader();
    const { token, id } = await createApiToken(user, { name: "大屏" });
    const row = await prisma.apiToken.findUniqueOrThrow({ where: { id } });
    const days = (row.expiresAt.getTime() - row.createdAt.getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(90);
    expect((await actorFromToken(token))?.id).toBe(user.id);

    const year = await createApiToken(user, { name: "一年", days: "365" });
    const yearRow = await prisma.apiToken.findUniqueOrThrow({ where: { id: year.id } });
    expect(
      Math.round((yearRow.expiresAt.getTime() - yearRow.createdAt.getTime()) / 86_400_000),
    ).toBe(365);
    expect(await codeOf(createApiToken(user, { name: "太久", days: "400" }))).toBe(
      "ZOD:validation.invalidChoice",
    );

    await prisma.apiToken.update({
      where: { id },
      data: { expiresAt: new Date("2026-01-31T16:00:00Z") },
    });
    expect(await codeOf(actorFromToken(token))).toEqual({
      code: "UNAUTHENTICATED",
      message: { key: "auth.tokenExpired", values: { at: "2026-01-31" } },
    });
  });

  it("are revoked by a password reset; the administrator sees and revokes another user's", async () => {
    const user = await leader();
    const first = await createApiToken(user, { name: "一" });
    const second = await createApiToken(user, { name: "二" });
    expect((await listUserApiTokens(admin, user.id)).map((t) => t.name).sort()).toEqual([
      "一",
      "二",
    ]);
    expect(await codeOf(listUserApiTokens(user, admin.id))).toMatchObject({ code: "FORBIDDEN" });
    expect(await codeOf(revokeUserApiToken(user, user.id, first.id))).toMatchObject({
      code: "FORBIDDEN",
    });

    await revokeUserApiToken(admin, user.id, first.id);
    expect(await actorFromToken(first.token)).toBeNull();
    expect((await actorFromToken(second.token))?.id).toBe(user.id);
    expect(await codeOf(revokeUserApiToken(admin, user.id, first.id))).toMatchObject({
      code: "NOT_FOUND",
    });
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "apiToken.revoke", entityId: String(first.id) },
    });
    expect(audit).toMatchObject({ actorName: "admin", after: { userId: user.id } });

    await resetPassword(admin, user.id);
    expect(await actorFromToken(second.token)).toBeNull();
    expect(await listUserApiTokens(admin, user.id)).toEqual([]);
  });

  it("are revoked by the user's own password change, which also ends their sessions", async () => {
    const user = await leader("Before#2026x");
    const { token } = await createApiToken(user, { name: "接口" });
    const cookie = await cookieOf(user);
    await changeOwnPassword(
      user,
      {
        currentPassword: "Before#2026x",
        newPassword: "After#2026xy",
        confirmPassword: "After#2026xy",
      },
      createMemorySignInLimiter(),
    );
    expect(await actorFromToken(token)).toBeNull();
    expect(await stillSignedIn(user, cookie)).toBe(false);
  });
});

describe("sessions", () => {
  it("sign-out ends the session on the server: the old cookie's claims no longer load an actor", async () => {
    const user = await leader();
    const cookie = await cookieOf(user);
    expect(await stillSignedIn(user, cookie)).toBe(true);
    await tick();
    await endSessions(user.id);
    expect(await stillSignedIn(user, cookie)).toBe(false);
    await tick();
    // Signing in again starts a session after the sign-out.
    expect(await stillSignedIn(user, await cookieOf(user))).toBe(true);
    expect(
      await prisma.auditLog.count({ where: { action: "auth.signOut", actorId: user.id } }),
    ).toBe(1);
  });

  it("disabling ends sessions and revokes tokens; re-enabling revives neither", async () => {
    const user = await leader();
    const cookie = await cookieOf(user);
    const { token } = await createApiToken(user, { name: "大屏" });
    const save = async (isActive: boolean) => {
      const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
      await updateUser(admin, {
        id: user.id,
        displayName: row.displayName,
        role: row.role,
        isActive,
        expectedUpdatedAt: row.updatedAt.toISOString(),
      });
    };
    await tick();
    await save(false);
    expect(await stillSignedIn(user, cookie)).toBe(false);
    expect(await actorFromToken(token)).toBeNull();
    await tick();
    await save(true);
    expect(await stillSignedIn(user, cookie)).toBe(false);
    expect(await actorFromToken(token)).toBeNull();
    await tick();
    expect(await stillSignedIn(user, await cookieOf(user))).toBe(true);
  });
});

describe("the current-password check", () => {
  it("is limited like a sign-in: past the account's failures even the right password waits", async () => {
    const user = await leader("Right#2026xy");
    const limiter = createMemorySignInLimiter({
      ...signInPolicy,
      accountFailures: 3,
      slowAfter: 10,
    });
    const attempt = (currentPassword: string) =>
      codeOf(
        changeOwnPassword(
          user,
          { currentPassword, newPassword: "Next#2026xyz", confirmPassword: "Next#2026xyz" },
          limiter,
        ),
      );
    for (let i = 0; i < 3; i++) {
      expect(await attempt(`Wrong#${i}2026`)).toMatchObject({ code: "VALIDATION" });
    }
    expect(await attempt("Right#2026xy")).toEqual({
      code: "RATE_LIMITED",
      message: { key: "auth.passwordChecksLimited", values: { minutes: 15 } },
    });
    const stored = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.mustChangePassword).toBe(false);
    expect(
      await prisma.auditLog.count({ where: { action: "user.changePassword", actorId: user.id } }),
    ).toBe(0);
    // Another user is not held up by this user's failures.
    const other = await leader("Other#2026xy");
    expect(
      await codeOf(
        changeOwnPassword(
          other,
          {
            currentPassword: "Other#2026xy",
            newPassword: "Next#2026xyz",
            confirmPassword: "Next#2026xyz",
          },
          limiter,
        ),
      ),
    ).toBe("OK");
  });
});

describe("audit log search and paging", () => {
  it("takes % and _ literally and shows the last page for a page past it", async () => {
    for (const actorName of ["ad_min", "adxmin", "50%off", "500ff"]) {
      await prisma.auditLog.create({
        data: { actorName, action: "auth.signIn", entityType: "User", entityId: "1" },
      });
    }
    const names = async (actor: string) =>
      (await listAuditLog(admin, { actor, page: 1 })).rows.map((r) => r.actorName).sort();
    expect(await names("ad_m")).toEqual(["ad_min"]);
    expect(await names("50%")).toEqual(["50%off"]);
    const all = await listAuditLog(admin, { page: 1 });
    const past = await listAuditLog(admin, { page: 999 });
    expect(past.page).toBe(all.pages);
    expect(past.rows.length).toBeGreaterThan(0);
  });
});
