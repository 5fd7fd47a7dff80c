/**
 * The signed-in user on the server, re-read from the database on every request (once per
 * request thanks to React's cache). The ladder the rest of the app uses:
 *   getActor()            → SessionActor | null            (public pages)
 *   requirePageActor(p)   → SessionActor, else redirect to /login?callbackUrl=p (pages)
 *   requireActor()        → SessionActor, else AppError UNAUTHENTICATED (actions, handlers)
 */
import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Actor } from "@/lib/access";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { authOptions } from "./options";
import { noteRequestUser } from "@/lib/server/request-context";
import { requestAddress } from "./request-address";

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

/** The client of a request, as the audit log records it: its address and user agent. */
export function clientOf(requestHeaders: Headers): NonNullable<Actor["client"]> {
  const address = requestAddress(requestHeaders);
  return {
    ip: address === "unknown" ? null : address,
    userAgent: requestHeaders.get("user-agent"),
  };
}

/**
 * The current user with the client of the current request, or null when signed out (or the
 * session is no longer valid).
 */
export const getActor = cache(async (): Promise<SessionActor | null> => {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) return null;
  const actor = await loadActor(Number(session.user.id), session.user.pwdAt, session.user.sat);
  return actor && { ...actor, client: clientOf(await headers()) };
});

/** A page's search params as Next passes them. */
export type PageSearchParams = Record<string, string | string[] | undefined>;

/** `path` with the page's query string (so a shared, filtered link survives signing in). */
export function withQuery(path: string, searchParams: PageSearchParams = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      query.append(key, v);
    }
  }
  const qs = query.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * For pages: the current user, or a redirect to sign-in that comes back to `path` with the
 * page's query (`searchParams`); a user who must change a temporary password is sent to
 * /account whatever the page.
 */
export async function requirePageActor(
  path: string,
  searchParams?: PageSearchParams,
): Promise<SessionActor> {
  const actor = await getActor();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(withQuery(path, searchParams))}`);
  // A temporary password must be changed before anything else (lib/access.ts enforces it too).
  if (actor.mustChangePassword && path !== "/account") redirect("/account");
  return actor;
}

/** For server actions: the current user. @throws AppError UNAUTHENTICATED */
export async function requireActor(): Promise<SessionActor> {
  const actor = await getActor();
  if (!actor) throw new AppError("UNAUTHENTICATED");
  return actor;
}
