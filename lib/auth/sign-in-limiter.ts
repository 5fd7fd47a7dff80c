/**
 * Brute-force protection for sign-in (OWASP Authentication Cheat Sheet: throttle, then lock
 * for a while; count per account and per source address). Counting is rate-limiter-flexible's;
 * the store is PostgreSQL (RateLimiterPrisma on the RateLimit table: the increment happens in
 * the database) so every app server behind the load balancer sees the same counts.
 *
 * Every attempt takes its point BEFORE the password is verified (`begin`), so attempts sent at
 * the same moment are counted one by one and only those within the limits are checked at all;
 * a successful sign-in gives its points back (`succeeded`), a failed one keeps them (`failed`).
 *
 * Policy (the numbers live in `signInPolicy`):
 * - per account from one address: after `slowAfter` failed attempts each further attempt is
 *   delayed (1 s, 2 s, 4 s … up to `maxDelayMs`); `accountFailures` within
 *   `accountWindowSeconds` lock the account from that address for `accountBlockSeconds`;
 * - per account from anywhere: `accountTotalFailures` within `accountTotalWindowSeconds` lock
 *   the account for `accountTotalBlockSeconds` whatever the address (an attacker who forges a
 *   new address per guess cannot dodge it; at the price that they can lock an account a while);
 * - per address: past `addressFailures` within `addressWindowSeconds` attempts from that
 *   address are slowed down like an account's, never refused: a government office or a county
 *   network sits behind one address, and one person's (or one attacker's) failures must not
 *   lock the whole office out.
 */
import {
  RateLimiterMemory,
  RateLimiterPrisma,
  type RateLimiterAbstract,
  type RateLimiterRes,
} from "rate-limiter-flexible";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** Thresholds of the sign-in limiter (counts of failures; seconds; milliseconds). */
export type SignInPolicy = {
  slowAfter: number;
  maxDelayMs: number;
  accountFailures: number;
  accountWindowSeconds: number;
  accountBlockSeconds: number;
  addressFailures: number;
  addressWindowSeconds: number;
  addressBlockSeconds: number;
  accountTotalFailures: number;
  accountTotalWindowSeconds: number;
  accountTotalBlockSeconds: number;
};

export const signInPolicy: SignInPolicy = {
  slowAfter: 3,
  maxDelayMs: 8_000,
  accountFailures: 10,
  accountWindowSeconds: 15 * 60,
  accountBlockSeconds: 15 * 60,
  addressFailures: 50,
  addressWindowSeconds: 60 * 60,
  addressBlockSeconds: 60 * 60,
  accountTotalFailures: 30,
  accountTotalWindowSeconds: 60 * 60,
  accountTotalBlockSeconds: 15 * 60,
};

/** What to do with a sign-in attempt before checking the password (its point is taken). */
export type Verdict =
  { allowed: true; delayMs: number } | { allowed: false; retryAfterSeconds: number };

/**
 * Delay (ms) before answering an attempt, given the failures already counted for the
 * account+address: 0 up to `slowAfter`, then 1 s doubling per failure, capped at `maxDelayMs`.
 * Hand-worked: 3 → 0, 4 → 1000, 5 → 2000, 6 → 4000, 7 → 8000, 9 → 8000.
 */
export function delayFor(failures: number, policy: SignInPolicy = signInPolicy): number {
  if (failures <= policy.slowAfter) return 0;
  return Math.min(1000 * 2 ** (failures - policy.slowAfter - 1), policy.maxDelayMs);
}

/** A limiter's count after taking a point (a refusal is a count past the limit, or a block). */
async function take(
  limiter: RateLimiterAbstract,
  key: string,
): Promise<{ consumed: number; msBeforeNext: number; refused: boolean }> {
  try {
    const res = await limiter.consume(key);
    return { consumed: res.consumedPoints, msBeforeNext: res.msBeforeNext, refused: false };
  } catch (rejection) {
    // consume() rejects with the counter once it is past the limit (or blocked).
    if (rejection instanceof Error) throw rejection;
    const res = rejection as RateLimiterRes;
    return { consumed: res.consumedPoints, msBeforeNext: res.msBeforeNext, refused: true };
  }
}

/** Counts sign-in attempts and decides whether each may be checked, and after what delay. */
export class SignInLimiter {
  constructor(
    private readonly byAccount: RateLimiterAbstract,
    private readonly byAddress: RateLimiterAbstract,
    private readonly byAccountTotal: RateLimiterAbstract,
    private readonly policy: SignInPolicy = signInPolicy,
  ) {}

  private static accountKey(username: string, address: string): string {
    return `signin:account:${username.trim().toLowerCase()}|${address}`;
  }

  private static addressKey(address: string): string {
    return `signin:address:${address}`;
  }

  private static accountTotalKey(username: string): string {
    return `signin:total:${username.trim().toLowerCase()}`;
  }

  /**
   * Takes this attempt's point on every counter, then decides: refused while the account is
   * locked (from this address, or from anywhere), else allowed after a delay that grows with
   * the earlier failures of the account from this address and of the address.
   */
  async begin(username: string, address: string): Promise<Verdict> {
    const [account, source, total] = await Promise.all([
      take(this.byAccount, SignInLimiter.accountKey(username, address)),
      take(this.byAddress, SignInLimiter.addressKey(address)),
      take(this.byAccountTotal, SignInLimiter.accountTotalKey(username)),
    ]);
    const locked = [account, total].filter((c) => c.refused);
    if (locked.length > 0) {
      const ms = Math.max(...locked.map((c) => c.msBeforeNext));
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)) };
    }
    const p = this.policy;
    // Failures counted before this attempt (successes gave their points back).
    const addressFailures = source.consumed - 1;
    const addressDelay =
      addressFailures >= p.addressFailures
        ? delayFor(p.slowAfter + 1 + addressFailures - p.addressFailures, p)
        : 0;
    return {
      allowed: true,
      delayMs: Math.max(delayFor(account.consumed - 1, p), addressDelay),
    };
  }

  /**
   * Settles an admitted attempt that failed (wrong password, unknown or disabled account): its
   * points stay; the failure that reaches an account limit starts that lock's full period.
   */
  async failed(username: string, address: string): Promise<void> {
    const p = this.policy;
    const lockIfReached = async (
      limiter: RateLimiterAbstract,
      key: string,
      limit: number,
      blockSeconds: number,
    ) => {
      const res = await limiter.get(key);
      if (res && res.consumedPoints >= limit) await limiter.block(key, blockSeconds);
    };
    await Promise.all([
      lockIfReached(
        this.byAccount,
        SignInLimiter.accountKey(username, address),
        p.accountFailures,
        p.accountBlockSeconds,
      ),
      lockIfReached(
        this.byAccountTotal,
        SignInLimiter.accountTotalKey(username),
        p.accountTotalFailures,
        p.accountTotalBlockSeconds,
      ),
    ]);
  }

  /**
   * Settles an admitted attempt that succeeded: its points are given back and the account's
   * failures from this address are forgotten.
   */
  async succeeded(username: string, address: string): Promise<void> {
    await Promise.all([
      this.byAccount.delete(SignInLimiter.accountKey(username, address)),
      this.byAddress.reward(SignInLimiter.addressKey(address), 1),
      this.byAccountTotal.reward(SignInLimiter.accountTotalKey(username), 1),
    ]);
  }
}

function limiterOptions(points: number, duration: number) {
  return { points, duration };
}

/** A limiter backed by PostgreSQL (shared by all app servers). */
export function createSignInLimiter(
  prisma: PrismaClient,
  policy: SignInPolicy = signInPolicy,
): SignInLimiter {
  const store = { storeClient: prisma, tableName: "rateLimit", clearExpiredByTimeout: false };
  return new SignInLimiter(
    new RateLimiterPrisma({
      ...store,
      keyPrefix: "a",
      ...limiterOptions(policy.accountFailures, policy.accountWindowSeconds),
    }),
    new RateLimiterPrisma({
      ...store,
      keyPrefix: "i",
      ...limiterOptions(policy.addressFailures, policy.addressWindowSeconds),
    }),
    new RateLimiterPrisma({
      ...store,
      keyPrefix: "t",
      ...limiterOptions(policy.accountTotalFailures, policy.accountTotalWindowSeconds),
    }),
    policy,
  );
}

/** An in-process limiter (tests, single-process tools). */
export function createMemorySignInLimiter(policy: SignInPolicy = signInPolicy): SignInLimiter {
  return new SignInLimiter(
    new RateLimiterMemory(limiterOptions(policy.accountFailures, policy.accountWindowSeconds)),
    new RateLimiterMemory(limiterOptions(policy.addressFailures, policy.addressWindowSeconds)),
    new RateLimiterMemory(
      limiterOptions(policy.accountTotalFailures, policy.accountTotalWindowSeconds),
    ),
    policy,
  );
}
