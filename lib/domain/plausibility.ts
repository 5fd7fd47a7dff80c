/**
 * Plausibility of an indicator value (issue 13, item 2): a value far above what this town, or
 * failing that any town, has had accepted before asks the township to confirm it with a note,
 * and the county reviewer sees the flag.
 *
 * The rule (inferred: no programme document gives a plausibility bound, so it is stated here
 * and kept as data in `PLAUSIBILITY_RULE`):
 * - the reference is the largest value of the same indicator code in the town's earlier
 *   accepted reports (any earlier period, any year); when the town has none above 0, the
 *   largest of every town's earlier accepted values (the indicator's usual range);
 * - a value above `factor` × reference (10×: an order of magnitude) is implausible;
 * - only the high side is judged: progress values accumulate through the year, so an early
 *   period's value well below last year's is normal;
 * - yes/no indicators and indicators without a reference above 0 are never flagged; the
 *   indicator's configured maximum is a hard limit already (lib/domain/indicator-value.ts).
 * Arithmetic is decimal (lib/domain/numbers.ts), never floats.
 */
import type { ValueType } from "@/lib/generated/prisma/enums";
import { decimal, type DecimalLike } from "./numbers";

/** The numbers of the rule, with their source. */
export const PLAUSIBILITY_RULE = {
  /** A value above factor × the reference is implausible. */
  factor: 10,
  source:
    "Inferred for issue 13 (no published bound): an order of magnitude above the town's, or else any town's, largest earlier accepted value.",
} as const;

/** Whose values the bound was taken from: the town's own history, or every town's. */
export type PlausibilityBasis = "TOWN" | "PEERS";

/** The earlier accepted values of one indicator code (null: none). */
export type PlausibilityReference = {
  /** The largest value in the town's earlier accepted reports. */
  townMax: DecimalLike | null;
  /** The largest value in any town's earlier accepted reports. */
  peerMax: DecimalLike | null;
};

/** Above `limit` a value is implausible; `reference` is the value the limit was taken from. */
export type PlausibilityBound = { limit: string; reference: string; basis: PlausibilityBasis };

/**
 * The bound of an indicator from its reference values (see the module header).
 * @returns null when the indicator is yes/no or there is no reference above 0.
 */
export function plausibilityBound(
  valueType: ValueType,
  reference: PlausibilityReference,
  factor: number = PLAUSIBILITY_RULE.factor,
): PlausibilityBound | null {
  if (valueType === "BOOLEAN") return null;
  const positive = (v: DecimalLike | null) => (v !== null && decimal(v).gt(0) ? decimal(v) : null);
  const town = positive(reference.townMax);
  const peers = positive(reference.peerMax);
  const [basis, base] = town ? (["TOWN", town] as const) : (["PEERS", peers] as const);
  if (!base) return null;
  return { limit: base.times(factor).toFixed(), reference: base.toFixed(), basis };
}

/** True when `value` lies above the bound (null value or bound: nothing to judge). */
export function isImplausible(value: DecimalLike | null, bound: PlausibilityBound | null): boolean {
  return value !== null && bound !== null && decimal(value).gt(bound.limit);
}

/**
 * True when an implausible value still needs the township's confirmation: the value confirmed
 * (stored with the note) is not this value, or there is no note. A changed value needs a new
 * confirmation.
 */
export function needsConfirmation(
  value: DecimalLike | null,
  bound: PlausibilityBound | null,
  confirmation: { value: DecimalLike | null; note: string | null } | null,
): boolean {
  if (!isImplausible(value, bound)) return false;
  return !(
    confirmation !== null &&
    confirmation.value !== null &&
    (confirmation.note ?? "").trim() !== "" &&
    decimal(confirmation.value).eq(decimal(value!))
  );
}
