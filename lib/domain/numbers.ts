/**
 * The project's decimal arithmetic and its one rounding rule (STYLE.md): half-up, 2 places, on
 * screen and in exports alike, never JS floats. Arithmetic is big.js (small enough for the rules
 * the report form runs in the browser); the values Prisma returns (its Decimal, decimal.js) are
 * read through `decimal`, so server and browser compute with the same code.
 */
import Big from "big.js";
import type { Decimal as PrismaDecimal } from "@prisma/client-runtime-utils";

/** A decimal as Prisma returns it, a big.js value, its text ("12.5") or a number. */
export type DecimalLike = Big | PrismaDecimal | string | number;

/**
 * The exact decimal of `value` (Prisma's Decimal through its plain notation, so no precision is
 * lost on the way).
 * @throws Error "[big.js] Invalid number" for text that is not a number (callers check first).
 */
export function decimal(value: DecimalLike): Big {
  if (value instanceof Big) return value;
  return new Big(typeof value === "object" ? value.toFixed() : value);
}

/** Rounds half-up to `places` decimals (a value, not text). */
export function roundDecimal(value: DecimalLike, places: number): Big {
  const rounded = decimal(value).round(places, Big.roundHalfUp);
  return rounded.eq(0) ? new Big(0) : rounded; // "-0" is 0
}

/** Rounds half-up to `places` decimals and formats with exactly that many digits. */
export function roundHalfUp(value: DecimalLike, places = 2): string {
  return roundDecimal(value, places).toFixed(places);
}

/**
 * `part` as a percentage of `whole`, rounded half-up to 2 places ("66.67" for 2 of 3);
 * "0.00" when `whole` is 0 (nothing was due, so nothing is missing).
 */
export function percent(part: DecimalLike, whole: DecimalLike): string {
  const denominator = decimal(whole);
  if (denominator.eq(0)) return "0.00";
  return roundHalfUp(decimal(part).times(100).div(denominator));
}

/** `current − previous` as a signed string with 2 places ("+12.50", "-3.00", "0.00"). */
export function difference(current: DecimalLike, previous: DecimalLike): string {
  const diff = roundHalfUp(decimal(current).minus(decimal(previous)));
  return new Big(diff).gt(0) ? `+${diff}` : diff;
}
