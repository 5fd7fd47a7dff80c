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
    for (const server of [serverA, serverB]) {
      expect((await server.begin("target", "10.2.2.2")).allowed).toBe(true);
      await server.failed("target", "10.2.2.2");
    }
    expect((await serverA.begin("target", "10.2.2.2")).allowed).toBe(true);
    await serverA.failed("target", "10.2.2.2");
    const verdict = await serverB.begin("target", "10.2.2.2");
    expect(verdict.allowed).toBe(false);
    if (!verdict.allowed)
      expect(verdict.retryAfterSeconds).toBeGreaterThan(policy.accountBlockSeconds - 5);
  });

  it("admits only the limit's worth of 40 attempts sent at once, across two servers", async () => {
    const policy = { ...signInPolicy, accountFailures: 5, addressFailures: 1000 };
    const servers = [createSignInLimiter(prisma, policy), createSignInLimiter(prisma, policy)];
    const verdicts = await Promise.all(
      Array.from({ length: 40 }, (_, i) => servers[i % 2]!.begin("burst", "10.3.3.3")),
    );
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(5);
  });
});

describe("a burst of wrong passwords", () => {
  it("checks at most the account's limit, counts every failure, and then refuses the right one", async () => {
    const passwordHash = await hashPassword("Burst#2026x");
    await prisma.user.create({
      data: { username: "burst-target", displayName: "目标", role: "CITY_LEADER", passwordHash },
    });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        signInWithPassword({ username: "burst-target", password: `guess-${i}` }, "10.4.4.4"),
      ),
    );
    const refused = outcomes.filter((o) => o.status === "rejected");
    const checked = outcomes.filter((o) => o.status === "fulfilled");
    expect(checked).toHaveLength(signInPolicy.accountFailures);
    expect(refused).toHaveLength(40 - signInPolicy.accountFailures);
    expect(
      await prisma.auditLog.count({
        where: { action: "auth.signInFailed", actorName: "burst-target" },
      }),
    ).toBe(signInPolicy.accountFailures);
    await expect(
      signInWithPassword({ username: "burst-target", password: "Burst#2026x" }, "10.4.4.4"),
    ).rejects.toThrow(/^RATE_LIMITED:/);
  }, 30_000);
});
