/**
 * Brute-force protection for sign-in (OWASP Authentication Cheat Sheet: throttle, then lock
 * for a while; count per account and per source address). Counting is rate-limiter-flexible's;
 * the store is PostgreSQL (RateLimiterPrisma on the RateLimit table) so every app server behind
 * the load balancer sees the same counts. Only failures are counted.
 *
 * Policy (the numbers live in `signInPolicy`):
 * - per account: after `slowAfter` failures each further attempt is delayed (1 s, 2 s, 4 s …
 *   up to `maxDelayMs`); `accountFailures` failures within `accountWindowSeconds` lock the
 *   account for `accountBlockSeconds` (per address, so an attacker elsewhere cannot lock out
 *   the real user's office; see the address limit below for spraying many accounts);
 * - per address: `addressFailures` failures within `addressWindowSeconds` lock that address
 *   for `addressBlockSeconds`, whichever accounts it tried;
 * - per account from anywhere: `accountTotalFailures` within `accountTotalWindowSeconds` lock
 *   the account for `accountTotalBlockSeconds` whatever the address. The address comes from
 *   X-Forwarded-For, which a client can forge when no proxy rewrites it, so the per-address
 *   counts alone could be dodged by inventing a new address for every guess; this ceiling
 *   cannot (at the price that a determined attacker can lock an account for a while).
 * A successful sign-in clears the account's counter for that address.
 */
import {
  RateLimiterMemory,
  RateLimiterPrisma,
  type RateLimiterAbstract,
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

/** What to do with a sign-in attempt before checking the password. */
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

/** Counts failed sign-ins and decides whether the next attempt may proceed. */
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

  /** Whether an attempt for `username` from `address` may be checked now, and after what delay. */
  async check(username: string, address: string): Promise<Verdict> {
    const [account, source, total] = await Promise.all([
      this.byAccount.get(SignInLimiter.accountKey(username, address)),
      this.byAddress.get(SignInLimiter.addressKey(address)),
      this.byAccountTotal.get(SignInLimiter.accountTotalKey(username)),
    ]);
    const blocked = [
      [account, this.policy.accountFailures],
      [source, this.policy.addressFailures],
      [total, this.policy.accountTotalFailures],
    ] as const;
    let retryAfterMs = 0;
    for (const [res, limit] of blocked) {
      if (res && res.consumedPoints >= limit)
        retryAfterMs = Math.max(retryAfterMs, res.msBeforeNext);
    }
    if (retryAfterMs > 0)
      return { allowed: false, retryAfterSeconds: Math.ceil(retryAfterMs / 1000) };
    return { allowed: true, delayMs: delayFor(account?.consumedPoints ?? 0, this.policy) };
  }

  /**
   * Records a failed attempt (wrong password, unknown or disabled account). The failure that
   * reaches a limit starts that key's full block period from now.
   */
  async recordFailure(username: string, address: string): Promise<void> {
    const p = this.policy;
    await Promise.all([
      this.countFailure(
        this.byAccount,
        SignInLimiter.accountKey(username, address),
        p.accountFailures,
        p.accountBlockSeconds,
      ),
      this.countFailure(
        this.byAccountTotal,
        SignInLimiter.accountTotalKey(username),
        p.accountTotalFailures,
        p.accountTotalBlockSeconds,
      ),
      this.countFailure(
        this.byAddress,
        SignInLimiter.addressKey(address),
        p.addressFailures,
        p.addressBlockSeconds,
      ),
    ]);
  }

  private async countFailure(
    limiter: RateLimiterAbstract,
    key: string,
    limit: number,
    blockSeconds: number,
  ): Promise<void> {
    let consumed: number;
    try {
      consumed = (await limiter.consume(key)).consumedPoints;
    } catch (rejection) {
      // consume() rejects with the counter once it is past the limit: already blocked.
      if (rejection instanceof Error) throw rejection;
      return;
    }
    if (consumed >= limit) await limiter.block(key, blockSeconds);
  }

  /** Clears the account's failures from this address after a successful sign-in. */
  async recordSuccess(username: string, address: string): Promise<void> {
    await this.byAccount.delete(SignInLimiter.accountKey(username, address));
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
