/**
 * Ending a user's sessions on the server. Sessions are JWTs (lib/auth/options.ts) that the
 * server cannot delete; instead each user has a `sessionsValidAfter` time, and the actor
 * re-read on every request (lib/auth/session.ts `loadActor`) refuses a session that began at or
 * before it. Bumped on sign-out (here, from next-auth's signOut event), and by the user
 * administration when an account is disabled or re-enabled (lib/users/mutations.ts), so
 * re-enabling revives no old session.
 */
import "server-only";
import { writeAudit } from "@/lib/audit/write";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Ends every session of the user that began before now, in the caller's transaction. */
export async function endSessionsIn(tx: Prisma.TransactionClient, userId: number): Promise<void> {
  await tx.user.updateMany({ where: { id: userId }, data: { sessionsValidAfter: new Date() } });
}

/** Signs the user out everywhere (their sign-out): ends their sessions and audits it. */
export async function endSessions(userId: number): Promise<void> {
  await db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { username: true } });
    if (!user) return;
    await endSessionsIn(tx, userId);
    await writeAudit(tx, { id: userId, username: user.username }, "auth.signOut", userId, {});
  });
}
