/**
 * Per-user API tokens for the read-only JSON API (`Authorization: Bearer mz_…`). The token is
 * shown once at creation; only its SHA-256 is stored (a random 256-bit token needs no slow
 * hash). A token acts with its owner's current role and scope, and stops working when it
 * expires (a lifetime chosen at creation, at most a year), is revoked (by its owner, or by an
 * administrator on the user's page), or its owner's password is changed or reset or the owner
 * is disabled (all tokens revoked; re-enabling revives none).
 */
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { storableString } from "@/lib/validation/text";
import { authorize, type Actor } from "@/lib/access";
import type { Prisma } from "@/lib/generated/prisma/client";
import { writeAudit } from "@/lib/audit/write";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { loadActor, type SessionActor } from "./session";
import { DEFAULT_TOKEN_LIFETIME_DAYS, TOKEN_LIFETIME_DAYS } from "./token-lifetime";

const TOKEN_PREFIX = "mz_";
const MAX_ACTIVE_TOKENS = 10;

/** Lower-case hex SHA-256 of a token. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export { DEFAULT_TOKEN_LIFETIME_DAYS, TOKEN_LIFETIME_DAYS };

const DAY_MS = 24 * 60 * 60 * 1000;

export const createTokenInput = z.object({
  name: storableString().trim().min(1, "validation.required").max(60, "validation.tooLong"),
  days: z.coerce
    .number()
    .refine(
      (d) => (TOKEN_LIFETIME_DAYS as readonly number[]).includes(d),
      "validation.invalidChoice",
    )
    .default(DEFAULT_TOKEN_LIFETIME_DAYS),
});

/** A token as listed (never the secret). */
export type ApiTokenSummary = {
  id: number;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date;
};

const summarySelect = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
} as const;

/** Tokens of a user that still work at `now`: neither revoked nor expired. */
const activeWhere = (userId: number, now = new Date()) => ({
  userId,
  revokedAt: null,
  expiresAt: { gt: now },
});

/** The actor's working tokens, newest first. */
export async function listApiTokens(actor: Actor): Promise<ApiTokenSummary[]> {
  return db().apiToken.findMany({
    where: activeWhere(actor.id),
    orderBy: { createdAt: "desc" },
    select: summarySelect,
  });
}

/**
 * Another user's working tokens, for the administrator's page of that user.
 * @throws AppError FORBIDDEN (not an administrator)
 */
export async function listUserApiTokens(actor: Actor, userId: number): Promise<ApiTokenSummary[]> {
  authorize(actor, "user.manage");
  return db().apiToken.findMany({
    where: activeWhere(userId),
    orderBy: { createdAt: "desc" },
    select: summarySelect,
  });
}

/**
 * Revokes every token of a user still working, in the caller's transaction (password change
 * or reset, disabling the account). @returns how many were revoked.
 */
export async function revokeAllApiTokens(
  tx: Prisma.TransactionClient,
  userId: number,
): Promise<number> {
  const { count } = await tx.apiToken.updateMany({
    where: { userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count;
}

/**
 * Creates a token for the actor's own account.
 * @returns the plain token, to be shown once.
 * @param input `{ name, days }`: days one of TOKEN_LIFETIME_DAYS (default 90).
 * @throws AppError VALIDATION on a bad name or lifetime, CONFLICT past 10 active tokens.
 */
export async function createApiToken(
  actor: Actor,
  input: unknown,
): Promise<{ token: string; id: number }> {
  authorize(actor, "account.manage");
  if (actor.mustChangePassword) {
    throw new AppError("FORBIDDEN", "auth.changePasswordFirst", { actor: actor.id });
  }
  const { name, days } = createTokenInput.parse(input);
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const expiresAt = new Date(Date.now() + days * DAY_MS);
  return db().$transaction(async (tx) => {
    const active = await tx.apiToken.count({ where: activeWhere(actor.id) });
    if (active >= MAX_ACTIVE_TOKENS) {
      throw new AppError("CONFLICT", "account.tooManyTokens", { active });
    }
    const row = await tx.apiToken.create({
      data: {
        userId: actor.id,
        name,
        prefix: token.slice(0, 10),
        tokenHash: hashToken(token),
        expiresAt,
      },
    });
    await writeAudit(tx, actor, "apiToken.create", row.id, {
      after: { name, prefix: row.prefix, expiresAt: expiresAt.toISOString() },
    });
    return { token, id: row.id };
  });
}

/**
 * Revokes one of the actor's own tokens.
 * @throws AppError NOT_FOUND when it is not theirs or already revoked.
 */
export async function revokeApiToken(actor: Actor, tokenId: number): Promise<void> {
  authorize(actor, "account.manage");
  await db().$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({
      where: { id: tokenId, userId: actor.id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw new AppError("NOT_FOUND", {}, { tokenId });
    await writeAudit(tx, actor, "apiToken.revoke", tokenId, {});
  });
}

/**
 * Revokes another user's token (administrators, from the user's page).
 * @throws AppError FORBIDDEN | NOT_FOUND when it is not that user's, or already revoked.
 */
export async function revokeUserApiToken(
  actor: Actor,
  userId: number,
  tokenId: number,
): Promise<void> {
  authorize(actor, "user.manage");
  await db().$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({
      where: { id: tokenId, userId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw new AppError("NOT_FOUND", {}, { tokenId, userId });
    await writeAudit(tx, actor, "apiToken.revoke", tokenId, { after: { userId } });
  });
}

/**
 * The actor a bearer token stands for, or null when unknown, revoked or its owner disabled.
 * @throws AppError UNAUTHENTICATED (auth.tokenExpired, with the day it expired) for an expired
 *   token, so the caller is told why rather than only "sign in".
 */
export async function actorFromToken(token: string): Promise<SessionActor | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
  const row = await db().apiToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.revokedAt) return null;
  if (row.expiresAt.getTime() <= Date.now()) {
    throw new AppError(
      "UNAUTHENTICATED",
      {
        message: {
          key: "auth.tokenExpired",
          values: { at: row.expiresAt.toISOString().slice(0, 10) },
        },
      },
      { tokenId: row.id },
    );
  }
  const actor = await loadActor(row.userId);
  if (!actor) return null;
  // Record use at most once a minute per token: cheap enough, precise enough for an audit.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return actor;
}
