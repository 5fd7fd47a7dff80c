/**
 * The guard in front of every server action (run by proxy.ts before Next decodes the call).
 * Next refuses a cross-site action call and a body it cannot decode by throwing, which answers
 * 500 with an error digest and no message; issue 14 wants a 4xx with a message in the user's
 * language, and the data untouched. So a POST to a page (that is, a server action: pages take
 * no other POST) is refused here when
 * - it does not come from this site (lib/http/same-origin.ts, the rule of the write endpoints):
 *   403 FORBIDDEN, security.crossSite, answered by app/api/security/cross-site/route.ts (the
 *   call is rewritten there, with the page it targeted in CROSS_SITE_PAGE_HEADER) so that the
 *   refusal is recorded in the audit log, which proxy code cannot reach;
 * - its arguments cannot be decoded: a JSON call (Next-Action header, text/plain body) whose
 *   body is not a JSON array, or a form post whose multipart body does not parse: 400
 *   VALIDATION, validation.badBody.
 * The answer has the body of every refused write (`{ error: { code, message } }`, as
 * lib/http/handlers.ts errorResponse). Bodies over the server actions' 1 MB limit
 * (next.config.js) are not read here: Next refuses them itself.
 */
import { NextResponse } from "next/server";
import { localeCookie, toLocale, type Locale } from "@/lib/i18n/config";
import enCore from "@/lib/i18n/messages/en/core.json";
import zhCore from "@/lib/i18n/messages/zh-CN/core.json";
import { sameOrigin } from "./same-origin";

/** The request header naming the page a cross-site call targeted (for its audit row). */
export const CROSS_SITE_PAGE_HEADER = "x-meizhen-refused-page";
/** The route that answers and records a cross-site server-action call. */
const CROSS_SITE_ROUTE = "/api/security/cross-site";

/** The largest body the guard reads to check it (bytes): the server actions' limit. */
const GUARD_MAX_BYTES = 1024 * 1024;

const messages = {
  "zh-CN": { badBody: zhCore.validation.badBody },
  en: { badBody: enCore.validation.badBody },
} satisfies Record<Locale, Record<string, string>>;

/** The locale of the request's NEXT_LOCALE cookie (the default without one). */
function requestLocale(request: Request): Locale {
  const cookie = request.headers.get("cookie") ?? "";
  const value = cookie
    .split(";")
    .map((part) => part.trim().split("="))
    .find(([name]) => name === localeCookie)?.[1];
  return toLocale(value);
}

/** A refusal as every write endpoint answers it. */
function refusal(status: 400, code: string, message: string): Response {
  return Response.json(
    { error: { code, message } },
    { status, headers: { "Cache-Control": "no-store" } },
  );
}

/** True when the body of a server-action call can be decoded into its arguments. */
async function decodable(request: Request): Promise<boolean> {
  const length = Number(request.headers.get("content-length") ?? NaN);
  if (length > GUARD_MAX_BYTES) return true; // Next's own limit answers
  const type = request.headers.get("content-type") ?? "";
  try {
    if (type.startsWith("multipart/form-data")) {
      await request.clone().formData();
      return true;
    }
    if (request.headers.has("next-action") && !type.startsWith("application/x-www-form")) {
      return Array.isArray(JSON.parse(await request.clone().text()));
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks a POST to a page before Next runs the server action it calls.
 * @returns the refusal to answer with, or null to let the call through.
 */
export async function guardServerAction(request: Request): Promise<Response | null> {
  if (request.method !== "POST") return null;
  const say = messages[requestLocale(request)];
  if (!sameOrigin(request)) {
    const headers = new Headers(request.headers);
    headers.set(CROSS_SITE_PAGE_HEADER, new URL(request.url).pathname);
    return NextResponse.rewrite(new URL(CROSS_SITE_ROUTE, request.url), { request: { headers } });
  }
  if (!(await decodable(request))) return refusal(400, "VALIDATION", say.badBody);
  return null;
}
