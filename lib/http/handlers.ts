/**
 * Wrappers for the route handlers that browsers call with their session: writes that cannot
 * be server actions (auto-save with keepalive, uploads, imports) and file downloads. They give
 * what apiRoute (lib/api/route.ts) gives /api/v1: the actor of the session with its client
 * (lib/auth/session.ts), and failures translated by the one presenter (lib/errors/present.ts)
 * into `{ "error": { code, message, fields?, rows? } }` with the matching status — never an
 * empty body. Writes must also come from this site (Origin, else Referer, matches the Host):
 * cookies alone must not authorise a cross-site write.
 */
import "server-only";
import { NextResponse } from "next/server";
import { clientOf, getActor, type SessionActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { presentError, type ErrorContext, type PresentedError } from "@/lib/errors/present";
import { bodyLimit, fileLimit, megabytes } from "@/lib/limits";
import { metrics } from "@/lib/server/metrics";
import { sameOrigin } from "./same-origin";

/** The JSON body of a failed request. */
export type ErrorBody = {
  error: {
    code: string;
    message: string;
    fields?: Record<string, string>;
    rows?: string[];
  };
};

/** The response for a presented error: its status, a JSON body, Retry-After when limited. */
export function errorResponse(presented: PresentedError): NextResponse<ErrorBody> {
  const { status, code, message, fields, rows, retryAfterSeconds } = presented;
  return NextResponse.json(
    { error: { code, message, ...(fields && { fields }), ...(rows && { rows }) } },
    {
      status,
      headers: {
        "Cache-Control": "no-store",
        ...(retryAfterSeconds !== undefined && { "Retry-After": String(retryAfterSeconds) }),
      },
    },
  );
}

/** A Content-Disposition attachment header that keeps non-ASCII file names (RFC 6266/5987). */
export function attachment(fileName: string): string {
  return `attachment; filename="${fileName.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Presents `error` and answers with it. */
export async function failWith(error: unknown, context: ErrorContext): Promise<NextResponse> {
  return errorResponse(await presentError(error, context));
}

type Handler<P, R> = (actor: SessionActor, request: Request, params: P) => Promise<R>;

/** A session-authenticated JSON answer; writes must also come from this site. */
function sessionJson<P>(where: string, write: boolean, handler: Handler<P, unknown>) {
  return async (request: Request, context: { params: Promise<P> }) => {
    let actor: SessionActor | null = null;
    try {
      actor = await getActor();
      if (write && !sameOrigin(request)) {
        throw new AppError("FORBIDDEN", "security.crossSite", { reason: "cross-origin" });
      }
      if (!actor) throw new AppError("UNAUTHENTICATED");
      const data = await handler(actor, request, await context.params);
      return NextResponse.json(data, { headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      return failWith(error, {
        actor,
        where,
        write,
        signal: request.signal,
        client: clientOf(request.headers),
      });
    }
  };
}

/**
 * A session-authenticated write returning JSON-able data.
 * @param where the name the log and the audit log know it by (e.g. "report.saveDraft").
 */
export function sessionWrite<P>(where: string, handler: Handler<P, unknown>) {
  return sessionJson(where, true, handler);
}

/**
 * A session-authenticated read returning JSON-able data (e.g. a form's current server version):
 * 401 UNAUTHENTICATED as JSON when signed out, like the writes.
 * @param where the name the log knows it by (e.g. "report.readDraft").
 */
export function sessionRead<P>(where: string, handler: Handler<P, unknown>) {
  return sessionJson(where, false, handler);
}

/**
 * A session-authenticated download: the handler returns the file's Response. Signed out, the
 * answer is 401 (or, with `signInRedirect`, a redirect to sign-in that comes back here).
 */
export function sessionFile<P>(
  where: string,
  handler: Handler<P, Response>,
  options: { signInRedirect?: boolean } = {},
) {
  return async (request: Request, context: { params: Promise<P> }) => {
    let actor: SessionActor | null = null;
    try {
      actor = await getActor();
      if (!actor) {
        if (options.signInRedirect) {
          const url = new URL(request.url);
          const back = encodeURIComponent(`${url.pathname}${url.search}`);
          // A relative Location: the browser resolves it against the address it used, which
          // behind a proxy is the site's public one (request.url is the app server's own).
          return new NextResponse(null, {
            status: 303,
            headers: { Location: `/login?callbackUrl=${back}` },
          });
        }
        throw new AppError("UNAUTHENTICATED");
      }
      return await handler(actor, request, await context.params);
    } catch (error) {
      return failWith(error, {
        actor,
        where,
        signal: request.signal,
        client: clientOf(request.headers),
      });
    }
  };
}

/**
 * A request body read with a cap (bytes): refused by its Content-Length before any byte is
 * read, else counted while reading and refused the moment it passes the cap (a chunked body
 * without a length cannot make the server hold more than `maxBytes`).
 * @param shownBytes the limit the message names (a file's, when the body is a multipart upload).
 * @throws AppError TOO_LARGE (upload.tooLarge, with the limit in MB) | VALIDATION
 *   (upload.interrupted when the client stops sending mid-body)
 */
export async function readBody(
  request: Request,
  maxBytes: number,
  shownBytes: number = maxBytes,
): Promise<Uint8Array<ArrayBuffer>> {
  const tooLarge = (detail: Record<string, unknown>) =>
    new AppError(
      "TOO_LARGE",
      { message: { key: "upload.tooLarge", values: { mb: megabytes(shownBytes) } } },
      { maxBytes, ...detail },
    );
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) {
    throw tooLarge({ contentLength: Number(declared) });
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge({ read: total });
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("VALIDATION", "upload.interrupted", { read: total, error: String(error) });
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * The uploaded `file` field of an import's multipart body (a table read whole: an .xlsx is a
 * zip that needs random access), with the other fields. The body is read with the import cap
 * (lib/limits.ts), then the file is checked against the file limit. Evidence files do not come
 * this way: they are streamed (lib/http/multipart.ts withSpooledUpload).
 * @param kind the limit that applies ("import").
 * @param missingKey the message key when there is no file (import.badType by default).
 * @throws AppError TOO_LARGE (body or file over the limit) | VALIDATION (no file, a body that
 *   is not multipart, an interrupted upload).
 */
export async function uploadedFile(
  request: Request,
  kind: "import",
  missingKey = "import.badType",
): Promise<{ form: FormData; fileName: string; bytes: Uint8Array }> {
  const max = fileLimit(kind);
  const body = await readBody(request, bodyLimit(kind), max);
  let form: FormData;
  try {
    form = await new Response(body, {
      headers: { "content-type": request.headers.get("content-type") ?? "" },
    }).formData();
  } catch {
    throw new AppError("VALIDATION", "validation.badBody", { reason: "not multipart" });
  }
  const file = form.get("file");
  if (!(file instanceof File)) throw new AppError("VALIDATION", missingKey);
  if (file.size > max) {
    throw new AppError(
      "TOO_LARGE",
      { message: { key: "upload.tooLarge", values: { mb: megabytes(max) } } },
      { size: file.size, max },
    );
  }
  metrics().uploadBytes.observe({ kind }, file.size);
  return { form, fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/**
 * A record id from a route's path (`/api/reports/{id}/…`): a whole number from 1 to
 * 2,147,483,647 (PostgreSQL's integer) written without sign or leading zero.
 * @throws AppError NOT_FOUND for anything else (a path naming no record is not found, as an
 *   id out of scope is; the attack pass had `/api/reports/99999999999/draft` answer 400)
 */
export function pathId(id: string): number {
  const n = /^[1-9]\d{0,9}$/.test(id) ? Number(id) : NaN;
  if (!(n <= 2_147_483_647)) throw new AppError("NOT_FOUND", {}, { id: id.slice(0, 40) });
  return n;
}

/**
 * The JSON object of a request body (a browser write's payload), read with the JSON cap.
 * @throws AppError TOO_LARGE over the cap | VALIDATION (validation.badBody) when the body is
 *   not a JSON object.
 */
export async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  const bytes = await readBody(request, bodyLimit("json"));
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new AppError("VALIDATION", "validation.badBody", { reason: "not JSON" });
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new AppError("VALIDATION", "validation.badBody", { reason: "not an object" });
  }
  return body as Record<string, unknown>;
}
