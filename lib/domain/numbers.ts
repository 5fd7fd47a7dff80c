/**
 * The project's one rounding rule (STYLE.md): decimal arithmetic, half-up, 2 places, used on
 * screen and in exports alike. Decimal is the class Prisma returns (decimal.js, from
 * @prisma/client-runtime-utils, pinned to the client's version), never JS floats.
 */
import { Decimal } from "@prisma/client-runtime-utils";

/** Rounds half-up to `places` decimals and formats with exactly that many digits. */
export function roundHalfUp(value: Decimal.Value, places = 2): string {
  return new Decimal(value).toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places);
}

/**
 * `part` as a percentage of `whole`, rounded half-up to 2 places ("66.67" for 2 of 3);
 * "0.00" when `whole` is 0 (nothing was due, so nothing is missing).
 */
export function percent(part: Decimal.Value, whole: Decimal.Value): string {
  const denominator = new Decimal(whole);
  if (denominator.isZero()) return "0.00";
  return roundHalfUp(new Decimal(part).times(100).div(denominator));
}

/** `current − previous` as a signed string with 2 places ("+12.50", "-3.00", "0.00"). */
export function difference(current: Decimal.Value, previous: Decimal.Value): string {
  const diff = roundHalfUp(new Decimal(current).minus(previous));
  return new Decimal(diff).greaterThan(0) ? `+${diff}` : diff;
}
