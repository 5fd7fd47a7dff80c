/**
 * The one reading of a URL query, for pages (Next's search params) and routes (URLSearchParams)
 * alike: one value per key — the first, when a key is repeated (as URLSearchParams.get reads
 * it) — with NUL characters removed (PostgreSQL cannot store them, so no stored text holds one
 * and a filter that carried one would fail instead of matching nothing). Found by the attack
 * pass: the audit page read the first of a repeated filter and its export the last, and
 * `action=%00` sent the page to "page does not exist" and the export to "cannot save".
 */

/** Next's search params of a page. */
type PageQuery = Record<string, string | string[] | undefined>;

/** One query value as the pages read it: the first of a repeated key, without NUL. */
export function queryValue(value: string | string[] | undefined | null): string | undefined {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  // Only text: a page's params are not always plain (Next hands `?__proto__=1` through as an
  // inherited member, not a string; the attack test met it).
  return typeof first === "string" ? first.replaceAll("\u0000", "") : undefined;
}

/**
 * A query as a plain record of one string per key (see the module note).
 * @param source a route's `URLSearchParams` or a page's search params.
 */
export function queryParams(source: URLSearchParams | PageQuery): Record<string, string> {
  const out: Record<string, string> = {};
  const entries: Iterable<[string, string | string[] | undefined]> =
    source instanceof URLSearchParams ? source.entries() : Object.entries(source);
  for (const [key, value] of entries) {
    const v = queryValue(value);
    // defineProperty, not assignment: `out["__proto__"] = v` would set the prototype.
    if (v !== undefined && !Object.hasOwn(out, key)) {
      Object.defineProperty(out, key, {
        value: v,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return out;
}
