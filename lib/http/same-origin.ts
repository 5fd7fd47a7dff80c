/**
 * The one rule for "this write comes from this site", shared by the browser write endpoints
 * (lib/http/handlers.ts sessionWrite) and the server-action guard (./action-guard.ts, run by
 * proxy.ts): the request's Origin, else its Referer, names the host the request was sent to
 * (the Host header, or X-Forwarded-Host, which lib/server/http-server.ts keeps only from a
 * trusted proxy). A request without either header is not from this site: browsers send Origin
 * on every cross-origin and every same-origin POST.
 */

/** True when the request comes from this site (Origin, else Referer, matches the Host). */
export function sameOrigin(request: Request): boolean {
  const source = request.headers.get("origin") ?? request.headers.get("referer");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!source || !host) return false;
  try {
    return new URL(source).host === host;
  } catch {
    return false;
  }
}
