/**
 * The sign-in page follows a `callbackUrl` only when it is a same-site relative path. Anything
 * else — absolute URLs, protocol-relative `//host`, backslash tricks (`/\host`), `https:/x`,
 * `javascript:`, control characters — falls back to the home page, which sends the user to
 * their landing page. (OWASP "Unvalidated Redirects and Forwards".)
 */

const fallback = "/";
// Any base works: it only lets URL() resolve the path so its origin can be compared.
const base = "http://meizhen.invalid";

/** Returns `raw` normalised when it is a safe relative path on this site, else "/". */
export function safeCallbackUrl(raw: string | null | undefined): string {
  if (!raw || raw.length > 2048) return fallback;
  // Control characters and backslashes are how browsers get talked into other hosts.
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return fallback;
  if (!raw.startsWith("/") || raw.startsWith("//")) return fallback;
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  // Dot segments can normalise into a protocol-relative path: "/..//evil.example/x".
  if (url.pathname.startsWith("//")) return fallback;
  // Never bounce back to the sign-in page itself (that would loop).
  if (url.pathname === "/login") return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
