/**
 * Whether a rating scheme (评分细则) is whole and consistent enough to score with: the one
 * definition, used before a scheme is activated, when an .xlsx file is imported into a draft
 * (problems are then reported on the file's rows) and when a draft's bands are edited. Every
 * number is data of the year's scheme; this module holds only the consistency rules.
 *
 * Rules (points in 分, decimal arithmetic, never floats):
 * - Structure: at least one category (考核内容), each with at least one item (考核要点), each
 *   item with at least one criterion (评分标准). Category and item codes are unique in the
 *   scheme (letters, digits, `.`, `_`, `-`; at most 40), criterion codes unique in their item
 *   (letters, digits, `_`, `-`: they are the keys of a reviewer's choices, lib/validation/rating.ts).
 * - Sums: a category's subtotal equals the sum of its items' maxima; the scheme's maximum equals
 *   the sum of the categories' subtotals.
 * - Points: every value fits the database (at most 2 decimals, below 100000); an item's maximum
 *   is ≥ 0 and its floor at most its maximum (a floor below 0 lets deductions go beyond the item).
 * - Reach: an item's criteria must be able to reach its maximum. What counts: FIXED points, the
 *   best tier of each TIERED criterion and the cap of each DISCRETIONARY one, summed. More than
 *   the maximum is fine (the item caps at its maximum, as sheets say "最高不超过X分"); deductions
 *   and vetoes never add points.
 * - Criteria: FIXED, DISCRETIONARY (its cap) and DEDUCTION (per occurrence) points are > 0;
 *   TIERED has 2 to 10 tiers with points ≥ 0; a DISCRETIONARY step, when given, is > 0 and divides
 *   the cap a whole number of times; a VETO that CAPs names the star level it caps at, from 1 to
 *   the highest band (5 without bands).
 * - Bands: at least one; lib/domain/star-rating.ts `checkStarBands` (stars 1..n, more stars need
 *   strictly more points, none negative), and no band above the scheme's maximum (unreachable).
 */
import { Decimal } from "@prisma/client-runtime-utils";
import type { Criterion } from "./rating";
import { checkStarBands, type StarBand } from "./star-rating";

/** An item as the check reads it (points as decimal text or numbers). */
export type SchemeItemRules = {
  code: string;
  maxPoints: Decimal.Value;
  floorPoints: Decimal.Value;
  criteria: readonly Criterion[];
};

/** A category (考核内容) with its subtotal and items, in order. */
export type SchemeCategoryRules = {
  code: string;
  maxPoints: Decimal.Value;
  items: readonly SchemeItemRules[];
};

/** A whole scheme as the check reads it. */
export type SchemeRules = {
  maxPoints: Decimal.Value;
  bands: readonly StarBand[];
  categories: readonly SchemeCategoryRules[];
};

/** Where a problem is: the scheme, a band, a category, an item, or one criterion of an item. */
export type ProblemPlace =
  | { kind: "scheme" }
  | { kind: "bands"; stars: number | null }
  | { kind: "category"; category: string }
  | { kind: "item"; item: string }
  | { kind: "criterion"; item: string; criterion: string };

/** One problem: where, and why as a message key (catalogues `ratingSchemes`, `starBands`). */
export type SchemeProblem = { at: ProblemPlace; key: string; values?: Record<string, string> };

/** Category and item codes; criterion codes also exclude "." (lib/validation/rating.ts choices). */
export const CODE_PATTERN = /^[A-Za-z0-9_.-]{1,40}$/;
export const CRITERION_CODE_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

/** Most tiers a TIERED criterion may have (lib/ratings/internal.ts tiersSchema). */
export const MAX_TIERS = 10;

const LIMIT = new Decimal(100_000);
const text = (d: Decimal) => d.toFixed(2);

/** True when `value` is points the database stores: at most 2 decimals, |value| < 100000. */
export function isStorablePoints(value: Decimal.Value): boolean {
  const d = new Decimal(value);
  return d.isFinite() && d.decimalPlaces() <= 2 && d.abs().lessThan(LIMIT);
}

/**
 * The most an item's criteria can give (see the module rule "Reach"): FIXED points, the best
 * tier of each TIERED criterion, and each DISCRETIONARY cap.
 */
export function reachablePoints(criteria: readonly Criterion[]): Decimal {
  let sum = new Decimal(0);
  for (const c of criteria) {
    if (c.kind === "FIXED" || c.kind === "DISCRETIONARY") sum = sum.plus(c.points);
    if (c.kind === "TIERED" && c.tiers.length > 0) {
      sum = sum.plus(Decimal.max(...c.tiers.map((t) => new Decimal(t.points))));
    }
  }
  return sum;
}

/**
 * Checks a scheme's star bands against its maximum (see the module rule "Bands").
 * @returns the problems found, all placed on the bands (a band's stars where one is at fault).
 */
export function checkSchemeBands(
  bands: readonly StarBand[],
  maxPoints: Decimal.Value,
): SchemeProblem[] {
  if (bands.length === 0) {
    return [{ at: { kind: "bands", stars: null }, key: "ratings.bandsRequired" }];
  }
  const problems: SchemeProblem[] = checkStarBands(bands).map((key) => ({
    at: { kind: "bands", stars: null },
    key,
  }));
  for (const band of bands) {
    if (!isStorablePoints(band.minPoints)) {
      problems.push({
        at: { kind: "bands", stars: band.stars },
        key: "ratings.pointsFormat",
      });
    } else if (new Decimal(band.minPoints).greaterThan(maxPoints)) {
      problems.push({
        at: { kind: "bands", stars: band.stars },
        key: "ratingSchemes.check.bandAboveMax",
        values: {
          stars: String(band.stars),
          min: text(new Decimal(band.minPoints)),
          max: text(new Decimal(maxPoints)),
        },
      });
    }
  }
  return problems;
}

/** The problems of one criterion of an item (see the module rule "Criteria"). */
function checkCriterion(item: string, c: Criterion, topStars: number): SchemeProblem[] {
  const at: ProblemPlace = { kind: "criterion", item, criterion: c.code };
  const problem = (key: string, values?: Record<string, string>): SchemeProblem[] => [
    { at, key, values },
  ];
  if (!CRITERION_CODE_PATTERN.test(c.code)) {
    return problem("ratingSchemes.check.criterionCodeFormat", { code: c.code });
  }
  switch (c.kind) {
    case "FIXED":
    case "DEDUCTION":
    case "DISCRETIONARY": {
      if (!isStorablePoints(c.points)) return problem("ratings.pointsFormat");
      if (!new Decimal(c.points).greaterThan(0)) return problem("ratingSchemes.check.positive");
      if (c.kind !== "DISCRETIONARY" || c.step === null) return [];
      if (!isStorablePoints(c.step)) return problem("ratings.pointsFormat");
      const step = new Decimal(c.step);
      if (!step.greaterThan(0) || !new Decimal(c.points).dividedBy(step).isInteger()) {
        return problem("ratingSchemes.check.stepDivides", {
          step: text(step),
          cap: text(new Decimal(c.points)),
        });
      }
      return [];
    }
    case "TIERED":
      if (c.tiers.length < 2 || c.tiers.length > MAX_TIERS) {
        return problem("ratingSchemes.check.tierCount", { max: String(MAX_TIERS) });
      }
      if (c.tiers.some((t) => !isStorablePoints(t.points) || new Decimal(t.points).isNegative())) {
        return problem("ratingSchemes.check.tierPoints");
      }
      return [];
    case "VETO": {
      const cap = c.capStars;
      const capOk = cap !== null && Number.isInteger(cap) && cap >= 1 && cap <= topStars;
      return c.effect === "CAP" && !capOk
        ? problem("ratingSchemes.check.capStars", { top: String(topStars) })
        : [];
    }
  }
}

/** The problems of one item and its criteria (structure, points, reach). */
function checkItem(item: SchemeItemRules, topStars: number): SchemeProblem[] {
  const at: ProblemPlace = { kind: "item", item: item.code };
  const problems: SchemeProblem[] = [];
  if (!isStorablePoints(item.maxPoints) || !isStorablePoints(item.floorPoints)) {
    return [{ at, key: "ratings.pointsFormat" }];
  }
  const max = new Decimal(item.maxPoints);
  if (max.isNegative()) problems.push({ at, key: "ratingSchemes.check.negativeMax" });
  if (new Decimal(item.floorPoints).greaterThan(max)) {
    problems.push({
      at,
      key: "ratingSchemes.check.floorAboveMax",
      values: { floor: text(new Decimal(item.floorPoints)), max: text(max) },
    });
  }
  if (item.criteria.length === 0) {
    problems.push({ at, key: "ratingSchemes.check.noCriteria", values: { code: item.code } });
    return problems;
  }
  const seen = new Set<string>();
  let criteriaOk = true;
  for (const c of item.criteria) {
    if (seen.has(c.code)) {
      problems.push({
        at: { kind: "criterion", item: item.code, criterion: c.code },
        key: "ratingSchemes.check.duplicateCriterion",
        values: { code: c.code },
      });
      criteriaOk = false;
      continue;
    }
    seen.add(c.code);
    const found = checkCriterion(item.code, c, topStars);
    if (found.length > 0) criteriaOk = false;
    problems.push(...found);
  }
  // Reach is only meaningful once every criterion's own numbers are sound.
  if (criteriaOk) {
    const reach = reachablePoints(item.criteria);
    if (reach.lessThan(max)) {
      problems.push({
        at,
        key: "ratingSchemes.check.unreachable",
        values: { code: item.code, reach: text(reach), max: text(max) },
      });
    }
  }
  return problems;
}

/**
 * Checks a whole scheme against every rule of the module comment.
 * @returns the problems found in scheme order (bands, then categories, items, criteria); an
 *   empty list means the scheme may be activated.
 */
export function checkScheme(scheme: SchemeRules): SchemeProblem[] {
  const problems: SchemeProblem[] = [];
  const schemeAt: ProblemPlace = { kind: "scheme" };
  if (!isStorablePoints(scheme.maxPoints)) {
    return [{ at: schemeAt, key: "ratings.pointsFormat" }];
  }
  problems.push(...checkSchemeBands(scheme.bands, scheme.maxPoints));
  const stars = scheme.bands.map((b) => b.stars).filter((s) => Number.isInteger(s));
  const topStars = stars.length > 0 ? Math.min(5, Math.max(...stars)) : 5;
  if (scheme.categories.length === 0) {
    problems.push({ at: schemeAt, key: "ratingSchemes.check.noCategories" });
  }
  const categoryCodes = new Set<string>();
  const itemCodes = new Set<string>();
  let total = new Decimal(0);
  let sumsKnown = true;
  for (const category of scheme.categories) {
    const at: ProblemPlace = { kind: "category", category: category.code };
    if (!CODE_PATTERN.test(category.code)) {
      problems.push({
        at,
        key: "ratingSchemes.check.codeFormat",
        values: { code: category.code },
      });
    } else if (categoryCodes.has(category.code)) {
      problems.push({
        at,
        key: "ratingSchemes.check.duplicateCategory",
        values: { code: category.code },
      });
    }
    categoryCodes.add(category.code);
    if (!isStorablePoints(category.maxPoints)) {
      problems.push({ at, key: "ratings.pointsFormat" });
      sumsKnown = false;
    } else {
      total = total.plus(category.maxPoints);
    }
    if (category.items.length === 0) {
      problems.push({
        at,
        key: "ratingSchemes.check.categoryEmpty",
        values: { code: category.code },
      });
    }
    let subtotal = new Decimal(0);
    let itemsKnown = true;
    for (const item of category.items) {
      const itemAt: ProblemPlace = { kind: "item", item: item.code };
      if (!CODE_PATTERN.test(item.code)) {
        problems.push({
          at: itemAt,
          key: "ratingSchemes.check.codeFormat",
          values: { code: item.code },
        });
      } else if (itemCodes.has(item.code)) {
        problems.push({
          at: itemAt,
          key: "ratingSchemes.check.duplicateItem",
          values: { code: item.code },
        });
      }
      itemCodes.add(item.code);
      problems.push(...checkItem(item, topStars));
      if (isStorablePoints(item.maxPoints)) subtotal = subtotal.plus(item.maxPoints);
      else itemsKnown = false;
    }
    if (
      itemsKnown &&
      category.items.length > 0 &&
      isStorablePoints(category.maxPoints) &&
      !subtotal.equals(category.maxPoints)
    ) {
      problems.push({
        at,
        key: "ratingSchemes.check.categorySum",
        values: {
          code: category.code,
          max: text(new Decimal(category.maxPoints)),
          sum: text(subtotal),
        },
      });
    }
  }
  if (sumsKnown && scheme.categories.length > 0 && !total.equals(scheme.maxPoints)) {
    problems.push({
      at: schemeAt,
      key: "ratingSchemes.check.schemeSum",
      values: { max: text(new Decimal(scheme.maxPoints)), sum: text(total) },
    });
  }
  return problems;
}
