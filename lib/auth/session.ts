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
import { AppError } from "@/lib/errors";
import { authOptions } from "./options";
import { loadActor, type SessionActor } from "./actor";
import { requestAddress } from "./request-address";

export { loadActor, type SessionActor };

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
