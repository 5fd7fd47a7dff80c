/**
 * User administration and own-account changes. Each use case: validate (zod) → authorize
 * (lib/access.ts, role re-read from the database) → one transaction → audit row.
 * Password hashes never reach the audit log.
 */
import "server-only";
import { randomInt } from "node:crypto";
import { authorize, type Actor } from "@/lib/access";
import { changes, writeAudit } from "@/lib/audit/write";
import { revokeAllApiTokens } from "@/lib/auth/api-tokens";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { endSessionsIn } from "@/lib/auth/sessions";
import { signInLimiter } from "@/lib/auth/sign-in";
import type { SignInLimiter } from "@/lib/auth/sign-in-limiter";
import { db } from "@/lib/db";
import { AppError, fieldError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { changePasswordSchema, createUserSchema, updateUserSchema } from "@/lib/validation/user";

type Tx = Prisma.TransactionClient;

/** Resolves scope codes to ids. @throws AppError VALIDATION when a code is unknown. */
async function resolveScope(
  tx: Tx,
  role: string,
  countyCode: string | undefined,
  townCode: string | undefined,
): Promise<{ countyId: number | null; townId: number | null }> {
  if (role === "COUNTY_REVIEWER") {
    const county = await tx.county.findUnique({ where: { divisionCode: countyCode ?? "" } });
    if (!county) throw fieldError("countyCode", "validation.unknownCounty");
    return { countyId: county.id, townId: null };
  }
  if (role === "TOWNSHIP_STAFF") {
    const town = await tx.town.findUnique({ where: { divisionCode: townCode ?? "" } });
    if (!town) throw fieldError("townCode", "validation.unknownTown");
    return { countyId: null, townId: town.id };
  }
  return { countyId: null, townId: null };
}

const audited = (u: {
  username: string;
  displayName: string;
  role: string;
  countyId: number | null;
  townId: number | null;
  isActive: boolean;
}) => ({
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  countyId: u.countyId,
  townId: u.townId,
  isActive: u.isActive,
});

/**
 * Creates a user with an initial password they must change at first sign-in.
 * @throws ZodError on bad input; AppError FORBIDDEN | VALIDATION (unknown scope) | CONFLICT (name taken)
 */
export async function createUser(actor: Actor, input: unknown): Promise<{ id: number }> {
  authorize(actor, "user.manage");
  const data = createUserSchema.parse(input);
  const passwordHash = await hashPassword(data.password);
  return db().$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { username: data.username } })) {
      throw fieldError("username", "validation.usernameTaken", undefined, "CONFLICT");
    }
    const scope = await resolveScope(tx, data.role, data.countyCode, data.townCode);
    const user = await tx.user.create({
      data: {
        username: data.username,
        displayName: data.displayName,
        role: data.role,
        ...scope,
        passwordHash,
        mustChangePassword: true,
        passwordChangedAt: new Date(),
      },
    });
    await writeAudit(tx, actor, "user.create", user.id, { after: audited(user) });
    return { id: user.id };
  });
}

/** Active city administrators other than `exceptId` (to keep at least one). */
function otherActiveAdmins(tx: Tx, exceptId: number) {
  return tx.user.count({ where: { role: "CITY_ADMIN", isActive: true, id: { not: exceptId } } });
}

/**
 * Updates a user's name, role, scope and active flag. Refused when someone saved the user
 * since the editor loaded it, and when it would leave the city without an active administrator.
 * Disabling ends the user's sessions and revokes their API tokens; re-enabling revives neither.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | VALIDATION | CONFLICT
 */
export async function updateUser(actor: Actor, input: unknown): Promise<void> {
  authorize(actor, "user.manage");
  const data = updateUserSchema.parse(input);
  await db().$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: data.id } });
    if (!before) throw new AppError("NOT_FOUND", {}, { userId: data.id });
    if (before.updatedAt.toISOString() !== new Date(data.expectedUpdatedAt).toISOString()) {
      throw new AppError("CONFLICT", "users.staleEdit", { userId: before.id });
    }
    const losesAdmin =
      before.role === "CITY_ADMIN" && (data.role !== "CITY_ADMIN" || !data.isActive);
    if (losesAdmin && (await otherActiveAdmins(tx, before.id)) === 0) {
      throw new AppError("CONFLICT", "users.lastAdmin", { userId: before.id });
    }
    const scope = await resolveScope(tx, data.role, data.countyCode, data.townCode);
    // The conditional update makes the version check atomic with the write.
    const { count } = await tx.user.updateMany({
      where: { id: before.id, updatedAt: before.updatedAt },
      data: { displayName: data.displayName, role: data.role, isActive: data.isActive, ...scope },
    });
    if (count === 0) throw new AppError("CONFLICT", "users.staleEdit", { userId: before.id });
    if (before.isActive !== data.isActive) {
      // Disabling ends the sessions and revokes the tokens; re-enabling revives neither (the
      // epoch moves again, so a session from before the disable stays over).
      await endSessionsIn(tx, before.id);
      if (!data.isActive) await revokeAllApiTokens(tx, before.id);
    }
    const after = await tx.user.findUniqueOrThrow({ where: { id: before.id } });
    await writeAudit(
      tx,
      actor,
      "user.update",
      before.id,
      changes(audited(before), audited(after), undefined, ["username"]),
    );
  });
}

/** A readable temporary password: 12 characters, letters and digits, no look-alikes. */
function temporaryPassword(): string {
  const letters = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
  const digits = "23456789";
  const all = letters + digits;
  const chars = [letters[randomInt(letters.length)]!, digits[randomInt(digits.length)]!];
  while (chars.length < 12) chars.push(all[randomInt(all.length)]!);
  return chars.join("");
}

/**
 * Sets a new temporary password for a user (shown once to the administrator); the user must
 * change it at next sign-in, their open sessions end and their API tokens are revoked.
 * @throws AppError FORBIDDEN | NOT_FOUND
 */
export async function resetPassword(
  actor: Actor,
  userId: number,
): Promise<{ temporaryPassword: string }> {
  authorize(actor, "user.manage");
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  await db().$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: userId },
      data: { passwordHash, mustChangePassword: true, passwordChangedAt: new Date() },
    });
    if (count === 0) throw new AppError("NOT_FOUND", {}, { userId });
    const tokensRevoked = await revokeAllApiTokens(tx, userId);
    await writeAudit(tx, actor, "user.resetPassword", userId, { after: { tokensRevoked } });
  });
  return { temporaryPassword: password };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Changes the actor's own password after checking the current one; every session of the user
 * (this one included) ends, so they sign in again with the new password, and their API tokens
 * are revoked. The current-password check is limited like a sign-in (lib/auth/sign-in-limiter.ts,
 * the same counters: a guess here is a guess at the sign-in): the attempt takes its point
 * before the check, a wrong one keeps it.
 * @param checks the limiter (tests pass an in-memory one).
 * @throws ZodError (the password policy: lib/validation/user.ts); AppError VALIDATION (wrong
 *   current password) | RATE_LIMITED (auth.passwordChecksLimited, with Retry-After)
 */
export async function changeOwnPassword(
  actor: Actor,
  input: unknown,
  checks: SignInLimiter = signInLimiter(),
): Promise<void> {
  authorize(actor, "account.manage");
  const data = changePasswordSchema(actor.username).parse(input);
  const address = actor.client?.ip ?? "unknown";
  const verdict = await checks.begin(actor.username, address);
  if (!verdict.allowed) {
    throw new AppError(
      "RATE_LIMITED",
      {
        message: {
          key: "auth.passwordChecksLimited",
          values: { minutes: Math.ceil(verdict.retryAfterSeconds / 60) },
        },
      },
      { actor: actor.id },
      { retryAfterSeconds: verdict.retryAfterSeconds },
    );
  }
  if (verdict.delayMs > 0) await sleep(verdict.delayMs);
  const user = await db().user.findUniqueOrThrow({ where: { id: actor.id } });
  if (!(await verifyPassword(user.passwordHash, data.currentPassword))) {
    await checks.failed(actor.username, address);
    throw fieldError("currentPassword", "validation.wrongPassword");
  }
  await checks.succeeded(actor.username, address);
  const passwordHash = await hashPassword(data.newPassword);
  await db().$transaction(async (tx) => {
    await tx.user.update({
      where: { id: actor.id },
      data: { passwordHash, mustChangePassword: false, passwordChangedAt: new Date() },
    });
    const tokensRevoked = await revokeAllApiTokens(tx, actor.id);
    await writeAudit(tx, actor, "user.changePassword", actor.id, { after: { tokensRevoked } });
  });
}
