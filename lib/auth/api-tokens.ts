/**
 * Per-user API tokens for the read-only JSON API (`Authorization: Bearer mz_…`). The token is
 * shown once at creation; only its SHA-256 is stored (a random 256-bit token needs no slow
 * hash). A token acts with its owner's current role and scope, and stops working when it is
 * revoked or the owner is disabled.
 */
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { authorize, type Actor } from "@/lib/access";
import { writeAudit } from "@/lib/audit/write";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { loadActor, type SessionActor } from "./session";

const TOKEN_PREFIX = "mz_";
const MAX_ACTIVE_TOKENS = 10;

/** Lower-case hex SHA-256 of a token. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export const createTokenInput = z.object({
  name: z.string().trim().min(1, "validation.required").max(60, "validation.tooLong"),
});

/** A token as listed to its owner (never the secret). */
export type ApiTokenSummary = {
  id: number;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
};

/** The actor's active tokens, newest first. */
export async function listApiTokens(actor: Actor): Promise<ApiTokenSummary[]> {
  return db().apiToken.findMany({
    where: { userId: actor.id, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true },
  });
}

/**
 * Creates a token for the actor's own account.
 * @returns the plain token, to be shown once.
 * @throws AppError VALIDATION on a bad name, CONFLICT past 10 active tokens.
 */
export async function createApiToken(
  actor: Actor,
  input: unknown,
): Promise<{ token: string; id: number }> {
  authorize(actor, "account.manage");
  if (actor.mustChangePassword) {
    throw new AppError("FORBIDDEN", "auth.changePasswordFirst", { actor: actor.id });
  }
  const { name } = createTokenInput.parse(input);
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return db().$transaction(async (tx) => {
    const active = await tx.apiToken.count({ where: { userId: actor.id, revokedAt: null } });
    if (active >= MAX_ACTIVE_TOKENS) {
      throw new AppError("CONFLICT", "account.tooManyTokens", { active });
    }
    const row = await tx.apiToken.create({
      data: { userId: actor.id, name, prefix: token.slice(0, 10), tokenHash: hashToken(token) },
    });
    await writeAudit(tx, actor, "apiToken.create", row.id, { after: { name, prefix: row.prefix } });
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

/** The actor a bearer token stands for, or null when unknown, revoked or its owner disabled. */
export async function actorFromToken(token: string): Promise<SessionActor | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
  const row = await db().apiToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.revokedAt) return null;
  const actor = await loadActor(row.userId);
  if (!actor) return null;
  // Record use at most once a minute per token: cheap enough, precise enough for an audit.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return actor;
}
