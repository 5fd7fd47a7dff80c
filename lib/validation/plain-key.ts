/**
 * The one test of a client-supplied key against the names every object inherits; zod-free, so
 * that client code (the table view in the URL, lib/table/view.ts) can use it without loading
 * zod (≈ 30 kB gzip on the county page). lib/validation/keys.ts builds its key schemas on it.
 */

/**
 * False for the name of a property every object inherits ("__proto__", "constructor",
 * "toString"…): such a key from the client, looked up in a plain object map, finds the
 * prototype's member instead of nothing (a table sorted by `?sort=constructor` crashed
 * @tanstack/react-table's column lookup).
 */
export function isPlainKey(key: string): boolean {
  return !(key in Object.prototype);
}
