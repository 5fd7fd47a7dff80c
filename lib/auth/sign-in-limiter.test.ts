import { describe, expect, it } from "vitest";
import { createMemorySignInLimiter, delayFor, signInPolicy } from "./sign-in-limiter";

const policy = {
  ...signInPolicy,
  accountFailures: 4,
  addressFailures: 6,
  accountTotalFailures: 8,
  slowAfter: 2,
};

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
    for (let i = 0; i < 4; i++) {
      seen.push(await limiter.check("staff-330825109", "10.0.0.1"));
      await limiter.recordFailure("staff-330825109", "10.0.0.1");
    }
    expect(seen).toEqual([
      { allowed: true, delayMs: 0 },
      { allowed: true, delayMs: 0 },
      { allowed: true, delayMs: 0 },
      { allowed: true, delayMs: 1000 },
    ]);
    const refused = await limiter.check("staff-330825109", "10.0.0.1");
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) {
      expect(refused.retryAfterSeconds).toBeGreaterThan(policy.accountBlockSeconds - 5);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(policy.accountBlockSeconds);
    }
    // The same account from the real user's office is not locked out.
    expect(await limiter.check("staff-330825109", "10.0.0.2")).toEqual({
      allowed: true,
      delayMs: 0,
    });
  });

  it("treats user names case-insensitively", async () => {
    const limiter = createMemorySignInLimiter(policy);
    for (let i = 0; i < 4; i++) await limiter.recordFailure(i % 2 ? "Admin" : "admin ", "10.0.0.3");
    expect((await limiter.check("ADMIN", "10.0.0.3")).allowed).toBe(false);
  });

  it("refuses an address that sprays many accounts", async () => {
    const limiter = createMemorySignInLimiter(policy);
    for (let i = 0; i < 6; i++) await limiter.recordFailure(`staff-${i}`, "10.0.0.9");
    const verdict = await limiter.check("someone-else", "10.0.0.9");
    expect(verdict.allowed).toBe(false);
    if (!verdict.allowed)
      expect(verdict.retryAfterSeconds).toBeGreaterThan(policy.addressBlockSeconds - 5);
    expect((await limiter.check("someone-else", "10.0.0.10")).allowed).toBe(true);
  });

  it("locks an account guessed from ever-new (forged) addresses", async () => {
    const limiter = createMemorySignInLimiter(policy);
    for (let i = 0; i < 7; i++) await limiter.recordFailure("staff-330802006", `10.1.${i}.1`);
    expect((await limiter.check("staff-330802006", "10.1.99.1")).allowed).toBe(true);
    await limiter.recordFailure("staff-330802006", "10.1.7.1");
    const verdict = await limiter.check("staff-330802006", "10.1.100.1");
    expect(verdict.allowed).toBe(false);
    if (!verdict.allowed) {
      expect(verdict.retryAfterSeconds).toBeGreaterThan(policy.accountTotalBlockSeconds - 5);
    }
  });

  it("clears the account's failures after a success", async () => {
    const limiter = createMemorySignInLimiter(policy);
    for (let i = 0; i < 3; i++) await limiter.recordFailure("leader", "10.0.0.4");
    expect(await limiter.check("leader", "10.0.0.4")).toEqual({ allowed: true, delayMs: 1000 });
    await limiter.recordSuccess("leader", "10.0.0.4");
    expect(await limiter.check("leader", "10.0.0.4")).toEqual({ allowed: true, delayMs: 0 });
  });
});
