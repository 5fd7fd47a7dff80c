import { describe, expect, it } from "vitest";
import {
  createMemorySignInLimiter,
  delayFor,
  signInPolicy,
  type SignInLimiter,
} from "./sign-in-limiter";

const policy = {
  ...signInPolicy,
  accountFailures: 4,
  addressFailures: 6,
  accountTotalFailures: 8,
  slowAfter: 2,
};

/** One failed attempt: its verdict (the password check is not run when refused). */
async function fail(limiter: SignInLimiter, username: string, address: string) {
  const verdict = await limiter.begin(username, address);
  if (verdict.allowed) await limiter.failed(username, address);
  return verdict;
}

describe("delayFor", () => {
  it.each([
    [0, 0],
    [3, 0],
    [4, 1000],
    [5, 2000],
    [6, 4000],
    [7, 8000],
    [9, 8000],
  ])("after %i failures waits %i ms (default policy)", (failures, ms) => {
    expect(delayFor(failures)).toBe(ms);
  });
});

describe("SignInLimiter", () => {
  it("slows, then refuses an account from one address for the block period", async () => {
    const limiter = createMemorySignInLimiter(policy);
    const seen: unknown[] = [];
    for (let i = 0; i < 4; i++) seen.push(await fail(limiter, "staff-330825109", "10.0.0.1"));
    // slowAfter 2: the 4th attempt follows 3 failures → 1 s.
    expect(seen).toEqual([
      { allowed: true, delayMs: 0 },
      { allowed: true, delayMs: 0 },
      { allowed: true, delayMs: 0 },
      { allowed: true, delayMs: 1000 },
    ]);
    const refused = await limiter.begin("staff-330825109", "10.0.0.1");
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) {
      expect(refused.retryAfterSeconds).toBeGreaterThan(policy.accountBlockSeconds - 5);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(policy.accountBlockSeconds);
    }
    // The same account from the real user's office is not locked out.
    expect(await limiter.begin("staff-330825109", "10.0.0.2")).toEqual({
      allowed: true,
      delayMs: 0,
    });
  });

  it("counts attempts sent at the same moment one by one: only the limit's worth are checked", async () => {
    const limiter = createMemorySignInLimiter(policy);
    const verdicts = await Promise.all(
      Array.from({ length: 40 }, () => limiter.begin("admin", "10.0.0.7")),
    );
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(policy.accountFailures);
  });

  it("treats user names case-insensitively", async () => {
    const limiter = createMemorySignInLimiter(policy);
    for (let i = 0; i < 4; i++) await fail(limiter, i % 2 ? "Admin" : "admin ", "10.0.0.3");
    expect((await limiter.begin("ADMIN", "10.0.0.3")).allowed).toBe(false);
  });

  it("slows an address that sprays many accounts, but never locks it out (shared offices)", async () => {
    const limiter = createMemorySignInLimiter(policy);
    for (let i = 0; i < 6; i++) await fail(limiter, `staff-${i}`, "10.0.0.9");
    // 6 failures = addressFailures: the next attempt waits as the 3rd past slowAfter → 1 s.
    expect(await limiter.begin("someone-else", "10.0.0.9")).toEqual({
      allowed: true,
      delayMs: 1000,
    });
    await limiter.failed("someone-else", "10.0.0.9");
    for (let i = 0; i < 20; i++) await fail(limiter, `more-${i}`, "10.0.0.9");
    expect(await limiter.begin("colleague", "10.0.0.9")).toEqual({
      allowed: true,
      delayMs: policy.maxDelayMs,
    });
    expect(await limiter.begin("someone-else", "10.0.0.10")).toEqual({
      allowed: true,
      delayMs: 0,
    });
  });

  it("locks an account guessed from ever-new (forged) addresses", async () => {
    const limiter = createMemorySignInLimiter(policy);
    for (let i = 0; i < 7; i++) await fail(limiter, "staff-330802006", `10.1.${i}.1`);
    expect((await fail(limiter, "staff-330802006", "10.1.99.1")).allowed).toBe(true);
    const verdict = await limiter.begin("staff-330802006", "10.1.100.1");
    expect(verdict.allowed).toBe(false);
    if (!verdict.allowed) {
      expect(verdict.retryAfterSeconds).toBeGreaterThan(policy.accountTotalBlockSeconds - 5);
    }
  });

  it("gives a successful attempt's points back and forgets the account's failures", async () => {
    const limiter = createMemorySignInLimiter(policy);
    for (let i = 0; i < 3; i++) await fail(limiter, "leader", "10.0.0.4");
    expect(await limiter.begin("leader", "10.0.0.4")).toEqual({ allowed: true, delayMs: 1000 });
    await limiter.succeeded("leader", "10.0.0.4");
    expect(await limiter.begin("leader", "10.0.0.4")).toEqual({ allowed: true, delayMs: 0 });
    await limiter.succeeded("leader", "10.0.0.4");
    // Many colleagues signing in successfully from one office never slow it down.
    for (let i = 0; i < 20; i++) {
      await limiter.begin(`colleague-${i}`, "10.0.0.5");
      await limiter.succeeded(`colleague-${i}`, "10.0.0.5");
    }
    expect(await limiter.begin("colleague-x", "10.0.0.5")).toEqual({ allowed: true, delayMs: 0 });
  });
});
