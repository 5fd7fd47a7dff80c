/**
 * Password sign-in: the credentials check behind next-auth's Credentials provider.
 * Order: validate input → take the attempt's point and get the verdict (refuse or slow down;
 * lib/auth/sign-in-limiter.ts) → look up the account → verify the Argon2id hash (also for
 * unknown accounts, so timing does not reveal which names exist) → settle the attempt
 * (limiter, last sign-in time, audit row).
 */
import "server-only";
import { z } from "zod";
import { writeAudit } from "@/lib/audit/write";
import { db } from "@/lib/db";
import { metrics } from "@/lib/server/metrics";
import { verifyPassword, hashPassword } from "./password";
import { createSignInLimiter, type SignInLimiter } from "./sign-in-limiter";

/** What next-auth keeps in the JWT for a signed-in user. */
export type SignedInUser = { id: string; name: string; pwdAt: number };

/** Thrown message prefix for a refused attempt: `RATE_LIMITED:<seconds>` (read by the form). */
export const RATE_LIMITED_PREFIX = "RATE_LIMITED:";

const credentials = z.object({
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(256),
});

let limiter: SignInLimiter | undefined;
/** The app's sign-in limiter (PostgreSQL-backed), also counting current-password checks. */
export function signInLimiter(): SignInLimiter {
  limiter ??= createSignInLimiter(db());
  return limiter;
}

let dummyHash: Promise<string> | undefined;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Checks a user name and password from `address` (the audit rows record it and `userAgent`).
 * @returns the user for the session, or null for wrong credentials or a disabled account.
 * @throws Error(`RATE_LIMITED:<seconds>`) while the account or address is locked.
 */
export async function signInWithPassword(
  raw: unknown,
  address: string,
  userAgent: string | null = null,
): Promise<SignedInUser | null> {
  const client = { ip: address === "unknown" ? null : address, userAgent };
  const parsed = credentials.safeParse(raw);
  if (!parsed.success) return null;
  const { username, password } = parsed.data;

  const verdict = await signInLimiter().begin(username, address);
  if (!verdict.allowed) {
    metrics().signInRefused.inc();
    throw new Error(`${RATE_LIMITED_PREFIX}${verdict.retryAfterSeconds}`);
  }
  if (verdict.delayMs > 0) await sleep(verdict.delayMs);

  const user = await db().user.findUnique({ where: { username } });
  dummyHash ??= hashPassword("not-a-real-password");
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);

  if (!user || !ok || !user.isActive) {
    metrics().signInFailures.inc();
    await signInLimiter().failed(username, address);
    await db().$transaction((tx) =>
      writeAudit(
        tx,
        user ? { id: user.id, username: user.username, client } : { id: null, username, client },
        "auth.signInFailed",
        user?.id ?? username,
        { after: { username, reason: !user ? "unknownUser" : !ok ? "wrongPassword" : "disabled" } },
      ),
    );
    return null;
  }

  await signInLimiter().succeeded(username, address);
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
    await writeAudit(
      tx,
      { id: user.id, username: user.username, client },
      "auth.signIn",
      user.id,
      {},
    );
  });
  return {
    id: String(user.id),
    name: user.displayName,
    pwdAt: user.passwordChangedAt?.getTime() ?? 0,
  };
}
