/**
 * Proof (issue 14, parts 1–2): the password-guessing attacks run in parallel against the real
 * sign-in (argon2 checks, limits counted in PostgreSQL, audit rows), each on its own account:
 *  1. 40 wrong passwords at once from one address;
 *  2. 40 at once, each with a forged X-Forwarded-For in front of the address our proxy appends
 *     (read by requestAddress, as the server reads it): all resolve to that one address;
 *  3. 40 at once from 40 ever-new addresses (as if forging worked): the account's own total
 *     limit holds.
 * Every attempt is accounted for: failures audited (auth.signInFailed) + attempts refused
 * unchecked (RATE_LIMITED) = 40, no more checked than the limit, and the right password is
 * refused afterwards while the account is locked.
 */
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { requestAddress } from "@/lib/auth/request-address";
import { RATE_LIMITED_PREFIX, signInWithPassword } from "@/lib/auth/sign-in";
import { signInPolicy } from "@/lib/auth/sign-in-limiter";
import type { PrismaClient } from "@/lib/prisma-client";
import { scratchApp } from "@/lib/testing/builders";

let prisma: PrismaClient;
let drop: () => Promise<void>;
const PASSWORD = "Brute#2026x";

beforeAll(async () => {
  const app = await scratchApp("prove_brute");
  ({ prisma, drop } = app);
  const passwordHash = await hashPassword(PASSWORD);
  await prisma.user.createMany({
    data: ["one-address", "forged-header", "new-addresses"].map((username) => ({
      username,
      displayName: username,
      role: "CITY_LEADER" as const,
      passwordHash,
    })),
  });
});

afterAll(async () => {
  await drop?.();
});

/** Fires 40 wrong passwords at once; returns what happened to each, and the time taken. */
async function attack(username: string, address: (i: number) => string) {
  const started = performance.now();
  const outcomes = await Promise.allSettled(
    Array.from({ length: 40 }, (_, i) =>
      signInWithPassword({ username, password: `guess-${i}` }, address(i)),
    ),
  );
  const ms = performance.now() - started;
  const checked = outcomes.filter((o) => o.status === "fulfilled");
  const refused = outcomes.filter(
    (o) => o.status === "rejected" && String(o.reason.message).startsWith(RATE_LIMITED_PREFIX),
  );
  const audited = await prisma.auditLog.count({
    where: { action: "auth.signInFailed", actorName: username },
  });
  console.log(
    `${username}: 40 at once → ${checked.length} checked (all wrong), ${refused.length} refused, ` +
      `${audited} failures audited; ${ms.toFixed(0)} ms (load ${os.loadavg()[0]!.toFixed(2)})`,
  );
  expect(checked.every((o) => o.status === "fulfilled" && o.value === null)).toBe(true);
  expect(checked.length + refused.length).toBe(40);
  expect(audited).toBe(checked.length);
  // Locked: the right password is refused unchecked.
  await expect(signInWithPassword({ username, password: PASSWORD }, address(99))).rejects.toThrow(
    new RegExp(`^${RATE_LIMITED_PREFIX}\\d+$`),
  );
  return checked.length;
}

describe("40 wrong passwords at once", () => {
  it("from one address: only the account's limit is checked", async () => {
    expect(await attack("one-address", () => "10.20.0.1")).toBe(signInPolicy.accountFailures);
  }, 120_000);

  it("with forged X-Forwarded-For entries: the proxy's address is used, the limit holds", async () => {
    const address = (i: number) =>
      requestAddress(new Headers({ "x-forwarded-for": `203.0.113.${i}, 10.${i}.0.1, 10.20.0.2` }));
    expect(address(7)).toBe("10.20.0.2");
    expect(await attack("forged-header", address)).toBe(signInPolicy.accountFailures);
  }, 120_000);

  it("from 40 new addresses: the account's total limit holds", async () => {
    const checked = await attack("new-addresses", (i) => `10.30.${i}.1`);
    expect(checked).toBe(signInPolicy.accountTotalFailures);
  }, 120_000);
});
