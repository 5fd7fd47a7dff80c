/**
 * Next.js Proxy (the successor of middleware): a Content Security Policy with a fresh nonce
 * per request for every page (Next puts the nonce on its own scripts, read from the request's
 * policy header), so an injected <script> cannot run; no framing (clickjacking). The static
 * security headers that need no nonce are set in next.config.js.
 *
 * Styles keep 'unsafe-inline': React style attributes and the charts' inline styles need it,
 * and style injection is not script execution. Development adds 'unsafe-eval' (React's dev
 * tooling) and the hot-reload socket.
 */
import { NextResponse, type NextRequest } from "next/server";
import { guardServerAction } from "@/lib/http/action-guard";

/** The policy of a page given its nonce (one line, as the header needs it). */
export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * Refuses a server-action call that is cross-site or undecodable (lib/http/action-guard.ts);
 * otherwise adds the nonce and the policy to the request (for Next) and the policy to the
 * response.
 */
export async function proxy(request: NextRequest) {
  const refused = await guardServerAction(request);
  if (refused) return refused;
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Pages only: not the API, exports, static files or images (they run no scripts). A server
  // action call is always seen, whatever other headers it carries (the guard must not be
  // skipped by adding a prefetch header).
  matcher: [
    {
      source:
        "/((?!api/|export/|_next/static|_next/image|favicon\\.ico|.*\\.(?:png|svg|ico|txt)$).*)",
      missing: [{ type: "header", key: "next-router-prefetch" }],
    },
    {
      source:
        "/((?!api/|export/|_next/static|_next/image|favicon\\.ico|.*\\.(?:png|svg|ico|txt)$).*)",
      has: [{ type: "header", key: "next-action" }],
    },
  ],
};
