/**
 * Helpers for the SQL fragments that domain modules build from their own constants (so SQL
 * and TypeScript read one definition). `sql`, `join`, `raw` and `Sql` are Prisma's own
 * (`Prisma.sql` is the same function), from the small runtime package that is safe to bundle
 * for the browser as well.
 */
import { join, raw, sql, type Sql } from "@prisma/client-runtime-utils";

export { join, raw, sql, type Sql };

/**
 * A parenthesised list of enum literals for `IN (…)`, e.g. `('COUNTY_APPROVED', 'CITY_CONFIRMED')`.
 * Literals, not bind parameters, so PostgreSQL compares them with the enum column directly.
 * @throws Error when a value is not an enum identifier (only constants may be passed here).
 */
export function enumList(values: readonly string[]): Sql {
  if (values.length === 0) throw new Error("enumList: empty list");
  for (const value of values) {
    if (!/^[A-Z][A-Z0-9_]*$/.test(value)) throw new Error(`enumList: not an enum value: ${value}`);
  }
  return raw(`(${values.map((v) => `'${v}'`).join(", ")})`);
}

/** A quoted SQL identifier for a table alias or column given as a constant ("tw", "iv"). */
export function ident(name: string): Sql {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`ident: bad identifier: ${name}`);
  return raw(`"${name}"`);
}

/**
 * A user's search text for Prisma's `contains` / `startsWith` (which become LIKE / ILIKE and
 * do not escape): `%`, `_` and the escape character `\` itself are escaped with `\`
 * (PostgreSQL's default LIKE escape), so "50%" finds "50%", not every "50…".
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
