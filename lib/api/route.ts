/**
 * The wrapper every JSON endpoint under /api/v1 goes through: it resolves the caller (bearer
 * token, else the browser session), runs the handler, and turns failures into
 * `{ "error": { "code", "message" } }` with the matching status (401 signed out, 403, 404, …)
 * through the one presenter (lib/errors/present.ts). Messages follow the caller's language
 * cookie (zh-CN by default).
 */
import "server-only";
import { headers } from "next/headers";
import { NextResponse } from "next/server";
import { actorFromToken } from "@/lib/auth/api-tokens";
import { clientOf, getActor, type SessionActor } from "@/lib/auth/session";
import { AppError, isAppError } from "@/lib/errors";
import { failWith } from "@/lib/http/handlers";

/** Resolves the caller of an API request. Bearer tokens win over cookies. */
async function apiActor(request: Request): Promise<SessionActor | null> {
  const header = request.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const actor = match?.[1] ? await actorFromToken(match[1]) : null;
    return actor && { ...actor, client: clientOf(await headers()) };
  }
  return getActor();
}

/**
 * Wraps a read-only API handler.
 * @param handler gets the caller and the request (and route params); returns JSON-able data.
 */
export function apiRoute<P>(
  handler: (
    actor: SessionActor,
    request: Request,
    context: { params: Promise<P> },
  ) => Promise<unknown>,
) {
  return async (request: Request, context: { params: Promise<P> }) => {
    let actor: SessionActor | null = null;
    try {
      actor = await apiActor(request);
      if (!actor) {
        const response = await failWith(new AppError("UNAUTHENTICATED"), {
          where: `GET ${new URL(request.url).pathname}`,
        });
        response.headers.set("WWW-Authenticate", "Bearer");
        return response;
      }
      const data = await handler(actor, request, context);
      return NextResponse.json(data, { headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      const response = await failWith(error, {
        actor,
        where: `GET ${new URL(request.url).pathname}`,
        signal: request.signal,
      });
      if (isAppError(error, "UNAUTHENTICATED")) response.headers.set("WWW-Authenticate", "Bearer");
      return response;
    }
  };
}
