/**
 * Loading a user as an actor, apart from the session (./session.ts re-exports it): no Next or
 * next-auth import, so the test builders and the crash proofs' worker process
 * (lib/prove/crash-worker.ts) can load actors outside a request.
 */
import "server-only";
import type { Actor } from "@/lib/access";
import { db } from "@/lib/db";
import { noteRequestUser } from "@/lib/server/request-context";

/** An Actor plus the names and codes of its scope, for the shell and landing pages. */
export type SessionActor = Actor & {
  county: { divisionCode: string; name: string; nameEn: string } | null;
  town: { divisionCode: string; name: string; nameEn: string | null } | null;
};

const scopeSelect = { select: { divisionCode: true, name: true, nameEn: true } } as const;

/**
 * Loads the active user with this id as an actor; null when missing or disabled, when the
 * password changed after the session began (`pwdAt` differs), or when the session began
 * (`startedAt`, ms) at or before the user's `sessionsValidAfter` (signed out, disabled or
 * re-enabled since).
 */
export async function loadActor(
  userId: number,
  pwdAt?: number,
  startedAt?: number,
): Promise<SessionActor | null> {
  if (!Number.isInteger(userId) || userId <= 0) return null;
  const user = await db().user.findUnique({
    where: { id: userId },
    include: { county: scopeSelect, town: scopeSelect },
  });
  if (!user || !user.isActive) return null;
  if (pwdAt !== undefined && (user.passwordChangedAt?.getTime() ?? 0) !== pwdAt) return null;
  if (
    startedAt !== undefined &&
    user.sessionsValidAfter &&
    startedAt <= user.sessionsValidAfter.getTime()
  ) {
    return null;
  }
  noteRequestUser(user.id);
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    countyId: user.countyId,
    townId: user.townId,
    mustChangePassword: user.mustChangePassword,
    county: user.county,
    town: user.town,
  };
}
