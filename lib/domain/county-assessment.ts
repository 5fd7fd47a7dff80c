/**
 * The arithmetic of the county performance assessment (县（市、区）绩效考核), as public score
 * sheets of this kind lay it out (../shared/DOMAIN.md): an item measured against the county's
 * own target earns its base points when the target is met, a bonus per step beyond it up to a
 * cap, and loses points per step short of it down to a floor; bonus items add points per
 * occurrence up to a cap, deduction items take points per occurrence down to a floor. Counties
 * are ranked by total; the top share is graded EXCELLENT, then GOOD / PASS / FAIL by minimum
 * totals. Every number here (points, steps, caps, floors, shares) is data of the year's
 * assessment scheme, never a constant in code. Arithmetic is decimal; results are rounded
 * half-up to 2 places (STYLE.md).
 */
import { Decimal } from "@prisma/client-runtime-utils";
import type { Grade } from "@/lib/generated/prisma/enums";

/** A rule's numbers: points, and steps in the item's unit (null = no such rule). */
export type ItemRule = {
  basePoints: Decimal.Value;
  /** Cap on the bonus (points); 0 = no bonus. */
  maxBonusPoints: Decimal.Value;
  bonusStep: Decimal.Value | null;
  bonusPerStep: Decimal.Value | null;
  deductionStep: Decimal.Value | null;
  deductionPerStep: Decimal.Value | null;
  /** The lowest points the item can reach (default 0; negative for deduction items). */
  floorPoints?: Decimal.Value;
  /** HIGHER: beating the target means a larger value (default); LOWER: a smaller one. */
  direction?: "HIGHER" | "LOWER";
};

/** One item's result in points (2-place strings); points = base + bonus − deduction. */
export type ItemScore = { base: string; bonus: string; deduction: string; points: string };

const two = (value: Decimal) => value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
const d = (value: Decimal.Value | null | undefined) => new Decimal(value ?? 0);

function result(base: Decimal, bonus: Decimal, deduction: Decimal): ItemScore {
  return {
    base: two(base),
    bonus: two(bonus),
    deduction: two(deduction),
    points: two(base.plus(bonus).minus(deduction)),
  };
}

/** The deduction allowed before the item reaches its floor. */
function deductionRoom(rule: ItemRule, base: Decimal): Decimal {
  return Decimal.max(0, base.minus(d(rule.floorPoints)));
}

/** Whole steps of `size` in `amount`, rounded down (bonus) or up (deduction); 0 without a rule. */
function steps(amount: Decimal, size: Decimal.Value | null, round: "down" | "up"): Decimal {
  if (size === null || new Decimal(size).lessThanOrEqualTo(0)) return new Decimal(0);
  const ratio = amount.dividedBy(size);
  return round === "down" ? ratio.floor() : ratio.ceil();
}

/**
 * Scores an item measured against a target (both in the item's unit).
 * Met or beaten: base + min(cap, ⌊gap ÷ bonusStep⌋ × bonusPerStep).
 * Short: base − min(base − floor, ⌈shortfall ÷ deductionStep⌉ × deductionPerStep).
 * Without a bonus (deduction) rule the bonus (deduction) is 0.
 */
export function scoreAgainstTarget(
  rule: ItemRule,
  actual: Decimal.Value,
  target: Decimal.Value,
): ItemScore {
  const base = d(rule.basePoints);
  const gap =
    rule.direction === "LOWER" ? d(target).minus(actual) : new Decimal(actual).minus(target);
  if (gap.greaterThanOrEqualTo(0)) {
    const earned = steps(gap, rule.bonusStep, "down").times(d(rule.bonusPerStep));
    return result(base, Decimal.min(d(rule.maxBonusPoints), earned), new Decimal(0));
  }
  const lost = steps(gap.negated(), rule.deductionStep, "up").times(d(rule.deductionPerStep));
  return result(base, new Decimal(0), Decimal.min(deductionRoom(rule, base), lost));
}

/**
 * Scores a bonus item (加分项) or a deduction item (扣分项) from a count of occurrences
 * (awards, notices): bonus = min(cap, count × bonusPerStep); deduction = min(base − floor,
 * count × deductionPerStep).
 * @throws RangeError when count is negative or not whole.
 */
export function scoreOccurrences(
  rule: ItemRule,
  category: "BONUS" | "DEDUCTION",
  count: Decimal.Value,
): ItemScore {
  const n = new Decimal(count);
  if (n.isNegative() || !n.isInteger()) throw new RangeError(`bad occurrence count ${n}`);
  const base = d(rule.basePoints);
  if (category === "BONUS") {
    return result(base, Decimal.min(d(rule.maxBonusPoints), n.times(d(rule.bonusPerStep))), d(0));
  }
  return result(
    base,
    d(0),
    Decimal.min(deductionRoom(rule, base), n.times(d(rule.deductionPerStep))),
  );
}

/**
 * Scores an item whose points the city enters directly (e.g. organisation and leadership),
 * kept between the floor and base + cap.
 */
export function scoreEntered(rule: ItemRule, points: Decimal.Value): ItemScore {
  const base = d(rule.basePoints);
  const entered = Decimal.min(
    base.plus(d(rule.maxBonusPoints)),
    Decimal.max(d(rule.floorPoints), new Decimal(points)),
  );
  const diff = entered.minus(base);
  return diff.isNegative() ? result(base, d(0), diff.negated()) : result(base, diff, d(0));
}

/** The sum of item points (2-place string). */
export function totalPoints(items: readonly { points: Decimal.Value }[]): string {
  return two(items.reduce((sum, item) => sum.plus(item.points), new Decimal(0)));
}

/** A county's total and the values that break ties, compared in order (higher wins). */
export type RankEntry<K> = { key: K; total: Decimal.Value; tieBreakers?: Decimal.Value[] };

/**
 * Ranks by total, highest first. Equal totals share a rank (1, 2, 2, 4) unless their
 * tie-breakers (the scheme's tie rule, e.g. outcome points first) differ; entries equal on every
 * value share the rank.
 */
export function rankByTotal<K>(entries: readonly RankEntry<K>[]): { key: K; rank: number }[] {
  const compare = (a: RankEntry<K>, b: RankEntry<K>): number => {
    const byTotal = new Decimal(b.total).comparedTo(a.total);
    if (byTotal !== 0) return byTotal;
    const length = Math.max(a.tieBreakers?.length ?? 0, b.tieBreakers?.length ?? 0);
    for (let i = 0; i < length; i++) {
      const byValue = d(b.tieBreakers?.[i]).comparedTo(d(a.tieBreakers?.[i]));
      if (byValue !== 0) return byValue;
    }
    return 0;
  };
  const sorted = [...entries].sort(compare);
  return sorted.map((entry, i) => {
    let first = i;
    while (first > 0 && compare(sorted[first - 1]!, entry) === 0) first--;
    return { key: entry.key, rank: first + 1 };
  });
}

/** How the number of EXCELLENT counties is rounded from share × counties. */
export type ExcellentRounding = "HALF_UP" | "DOWN" | "UP";

/** The grade rule of a scheme. */
export type GradeRule = {
  /** Share of counties graded EXCELLENT by rank (0–1, e.g. 0.3). */
  excellentShare: Decimal.Value;
  excellentRounding: ExcellentRounding;
  /** Lowest total graded GOOD / PASS (points); below PASS is FAIL. */
  goodMinPoints: Decimal.Value;
  passMinPoints: Decimal.Value;
};

/** How many counties are graded EXCELLENT out of `counties` (e.g. 30% of 6 = 1.8 → 2 half-up). */
export function excellentCount(
  rule: Pick<GradeRule, "excellentShare" | "excellentRounding">,
  counties: number,
): number {
  const exact = new Decimal(rule.excellentShare).times(counties);
  const mode =
    rule.excellentRounding === "DOWN"
      ? Decimal.ROUND_DOWN
      : rule.excellentRounding === "UP"
        ? Decimal.ROUND_UP
        : Decimal.ROUND_HALF_UP;
  return exact.toDecimalPlaces(0, mode).toNumber();
}

/**
 * A county's grade: EXCELLENT when its rank is within the excellent count (counties sharing
 * that rank all qualify), else GOOD / PASS by the minimum totals, else FAIL.
 */
export function gradeFor(
  rank: number,
  total: Decimal.Value,
  excellent: number,
  rule: Pick<GradeRule, "goodMinPoints" | "passMinPoints">,
): Grade {
  if (rank <= excellent) return "EXCELLENT";
  if (new Decimal(total).greaterThanOrEqualTo(rule.goodMinPoints)) return "GOOD";
  if (new Decimal(total).greaterThanOrEqualTo(rule.passMinPoints)) return "PASS";
  return "FAIL";
}
