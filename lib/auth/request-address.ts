/**
 * The client address for rate limiting and the audit log. Behind the load balancer the
 * address is the right-most X-Forwarded-For entry (the one our own proxy appended; entries to
 * its left are client-supplied and spoofable), else X-Real-IP, else "unknown".
 */

/** Reads the client address from request headers (a Headers or a plain header record). */
export function requestAddress(
  headers: Headers | Record<string, string | string[] | undefined> | undefined,
): string {
  const get = (name: string): string | undefined => {
    if (!headers) return undefined;
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const value = headers[name];
    return Array.isArray(value) ? value.join(",") : value;
  };
  const forwarded = get("x-forwarded-for")
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const address = forwarded?.at(-1) ?? get("x-real-ip")?.trim();
  return address && address.length <= 64 ? address : "unknown";
}
