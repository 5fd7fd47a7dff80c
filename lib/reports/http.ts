/**
 * The browser-facing write endpoints of reports (auto-save, evidence upload/removal) are route
 * handlers, not server actions, because a page being closed can only reach them with a
 * keepalive fetch. This wrapper gives them what apiRoute gives /api/v1: the session actor,
 * a same-origin check (cookies alone must not authorise a cross-site write), and failures as
 * `{ error: { code, message, fields? } }` translated into the user's language.
 */
import "server-only";
import { NextResponse } from "next/server";
import { getTranslations } from "next-intl/server";
import { ZodError } from "zod";
import { getActor, type SessionActor } from "@/lib/auth/session";
import { AppError, errorStatus } from "@/lib/errors";
import type { ImportErrorDetail } from "@/lib/import/table";
import type { ValueErrorsDetail } from "./mutations";

/** Translated field errors of a refused save: field name → message. */
export type FieldMessages = Record<string, string>;

/** The JSON body of a failed write. */
export type WriteErrorBody = { error: { code: string; message: string; fields?: FieldMessages } };

/** Turns a thrown error into a translated body and status (unexpected errors are logged). */
export async function writeErrorBody(
  error: unknown,
): Promise<{ body: WriteErrorBody; status: number }> {
  const t = await getTranslations();
  if (error instanceof ZodError) {
    return {
      body: { error: { code: "VALIDATION", message: t("errors.codes.VALIDATION") } },
      status: 400,
    };
  }
  if (error instanceof AppError) {
    const detail = (error.detail ?? {}) as Partial<ValueErrorsDetail & ImportErrorDetail>;
    // Field errors of a save; row errors of an import become fields `row.<n>`.
    const fields = detail.fields
      ? Object.fromEntries(
          Object.entries(detail.fields).map(([name, e]) => [name, t(e.key, e.values ?? {})]),
        )
      : detail.rows
        ? Object.fromEntries(
            detail.rows.map((r) => [
              `row.${r.row}`,
              t("import.rowError", { row: r.row, message: t(r.key, r.values ?? {}) }),
            ]),
          )
        : undefined;
    const message = detail.message ? t(detail.message) : t(`errors.codes.${error.code}`);
    return { body: { error: { code: error.code, message, fields } }, status: error.status };
  }
  console.error("Unexpected error in a report endpoint", error);
  return {
    body: { error: { code: "INTERNAL", message: t("errors.codes.INTERNAL") } },
    status: errorStatus.INTERNAL,
  };
}

/** True when the request comes from this site (Origin, else Referer, matches the Host). */
function sameOrigin(request: Request): boolean {
  const source = request.headers.get("origin") ?? request.headers.get("referer");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!source || !host) return false;
  try {
    return new URL(source).host === host;
  } catch {
    return false;
  }
}

/** Wraps a session-authenticated write handler returning JSON-able data. */
export function sessionWrite<P>(
  handler: (actor: SessionActor, request: Request, params: P) => Promise<unknown>,
) {
  return async (request: Request, context: { params: Promise<P> }) => {
    const headers = { "Cache-Control": "no-store" };
    try {
      if (!sameOrigin(request)) throw new AppError("FORBIDDEN", { reason: "cross-origin" });
      const actor = await getActor();
      if (!actor) throw new AppError("UNAUTHENTICATED");
      return NextResponse.json(await handler(actor, request, await context.params), { headers });
    } catch (error) {
      const { body, status } = await writeErrorBody(error);
      return NextResponse.json(body, { status, headers });
    }
  };
}
