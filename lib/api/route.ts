/**
 * The wrapper every JSON endpoint under /api/v1 goes through: it resolves the caller (bearer
 * token, else the browser session), runs the handler, and turns failures into
 * `{ "error": { "code", "message" } }` with the matching status (401 signed out, 403, 404, …).
 * Messages follow the caller's language cookie (zh-CN by default).
 */
import "server-only";
import { NextResponse } from "next/server";
import { getTranslations } from "next-intl/server";
import { ZodError } from "zod";
import { actorFromToken } from "@/lib/auth/api-tokens";
import { getActor, type SessionActor } from "@/lib/auth/session";
import { AppError, errorStatus, type ErrorCode } from "@/lib/errors";

async function errorResponse(code: ErrorCode, extra: Record<string, string> = {}) {
  const t = await getTranslations("errors.codes");
  return NextResponse.json(
    { error: { code, message: t(code) } },
    { status: errorStatus[code], headers: { "Cache-Control": "no-store", ...extra } },
  );
}

/** Resolves the caller of an API request. Bearer tokens win over cookies. */
async function apiActor(request: Request): Promise<SessionActor | null> {
  const header = request.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match?.[1] ? actorFromToken(match[1]) : null;
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
    try {
      const actor = await apiActor(request);
      if (!actor) return errorResponse("UNAUTHENTICATED", { "WWW-Authenticate": "Bearer" });
      const data = await handler(actor, request, context);
      return NextResponse.json(data, { headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      if (error instanceof AppError) return errorResponse(error.code);
      if (error instanceof ZodError) return errorResponse("VALIDATION");
      console.error("API error", error);
      return errorResponse("INTERNAL");
    }
  };
}
