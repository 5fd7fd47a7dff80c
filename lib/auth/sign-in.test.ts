/**
 * Sign-in against a real database: outcomes, audit rows, and the PostgreSQL-backed limiter
 * (shared by all app servers) counting and locking.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "@/lib/prisma-client";
import { createScratchDatabase, type ScratchDatabase } from "@/lib/testing/database";
import { hashPassword } from "./password";
import { signInWithPassword } from "./sign-in";
import { createSignInLimiter, signInPolicy } from "./sign-in-limiter";

let database: ScratchDatabase;
let prisma: PrismaClient;

beforeAll(async () => {
  database = await createScratchDatabase("signin");
  process.env.DATABASE_URL = database.url;
  prisma = createPrismaClient(database.url, { max: 2 });
  const passwordHash = await hashPassword("Leader#2026");
  await prisma.user.createMany({
    data: [
      { username: "leader", displayName: "市领导", role: "CITY_LEADER", passwordHash },
      {
        username: "gone",
        displayName: "已停用",
        role: "CITY_LEADER",
        passwordHash,
        isActive: false,
      },
    ],
  });
});

afterAll(async () => {
  await prisma?.$disconnect();
  await database?.drop();
});

describe("signInWithPassword", () => {
  it("accepts the right password (user names are case-insensitive) and audits it", async () => {
    const user = await signInWithPassword(
      { username: " Leader ", password: "Leader#2026" },
      "10.1.1.1",
    );
    expect(user).toMatchObject({ name: "市领导", pwdAt: 0 });
    const row = await prisma.auditLog.findFirstOrThrow({ where: { action: "auth.signIn" } });
    expect(row).toMatchObject({ actorName: "leader", ip: "10.1.1.1" });
    expect(
      (await prisma.user.findUniqueOrThrow({ where: { username: "leader" } })).lastSignInAt,
    ).not.toBeNull();
  });

  it("refuses a wrong password, an unknown user and a disabled account alike", async () => {
    expect(
      await signInWithPassword({ username: "leader", password: "nope" }, "10.1.1.2"),
    ).toBeNull();
    expect(
      await signInWithPassword({ username: "nobody", password: "nope" }, "10.1.1.2"),
    ).toBeNull();
    expect(
      await signInWithPassword({ username: "gone", password: "Leader#2026" }, "10.1.1.2"),
    ).toBeNull();
    const reasons = await prisma.auditLog.findMany({
      where: { action: "auth.signInFailed" },
      orderBy: { id: "asc" },
      select: { after: true },
    });
    expect(reasons.map((r) => (r.after as { reason: string }).reason)).toEqual([
      "wrongPassword",
      "unknownUser",
      "disabled",
    ]);
    // Failures were counted in PostgreSQL, per account+address and per address.
    expect(await prisma.rateLimit.count()).toBeGreaterThanOrEqual(3);
  });
});

describe("the PostgreSQL-backed limiter", () => {
  it("locks an account from an address after the limit, across limiter instances", async () => {
    const policy = { ...signInPolicy, accountFailures: 3, addressFailures: 100 };
    // Two instances stand for two app servers sharing the database.
    const serverA = createSignInLimiter(prisma, policy);
    const serverB = createSignInLimiter(prisma, policy);
    await serverA.recordFailure("target", "10.2.2.2");
    await serverB.recordFailure("target", "10.2.2.2");
    expect((await serverA.check("target", "10.2.2.2")).allowed).toBe(true);
    await serverA.recordFailure("target", "10.2.2.2");
    const verdict = await serverB.check("target", "10.2.2.2");
    expect(verdict.allowed).toBe(false);
    if (!verdict.allowed)
      expect(verdict.retryAfterSeconds).toBeGreaterThan(policy.accountBlockSeconds - 5);
  });
});
