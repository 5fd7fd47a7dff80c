/**
 * Star-rating arithmetic (省级样板星级评价), as Chinese score sheets lay it out: an item's
 * 评分标准 is made of criteria — FIXED points when a condition is met ("实施雨污分流改造得0.5分"),
 * TIERED where one tier applies ("15分钟内得0.5分，15—30分钟得0.3分"), DISCRETIONARY points up to a
 * cap in steps ("视情况酌情给分，最高1分"), DEDUCTION per occurrence ("发现一处扣2分，扣完为止") —
 * and sometimes a VETO (一票否决) that voids the rating or caps its stars. Every number is data of
 * the year's scheme, edited by the city administrator; nothing here is a constant of the rubric.
 *
 * Rules:
 * - An item is scored when every criterion but the vetoes has a choice; until then its points
 *   are null ("not scored", never 0). Its points are the criteria's sum, kept within
 *   [floorPoints, maxPoints]. A comment is required when an item scores below its maximum.
 * - A sheet can be submitted when every item is scored; its total is the sum of its items.
 * - A panel's result comes from submitted sheets only: the mean of the sheets, or with
 *   TRIMMED_MEAN and at least `trimMinSheets` sheets, the mean after dropping the sheet with
 *   the highest and the one with the lowest total. Means are rounded half-up to 2 places
 *   (lib/domain/numbers.ts); item means are shown as rounded, the total is the rounded mean of
 *   the counted sheets' totals.
 * - Stars follow the bands (lib/domain/star-rating.ts); a veto chosen on any counted sheet
 *   applies: VOID → no stars, CAP → at most its stars.
 * - Flags: an item whose counted points spread (max − min) beyond the scheme's itemSpreadLimit,
 *   a reviewer whose total deviates from the panel's mean beyond reviewerDeviationLimit.
 * All arithmetic is decimal.
 */
import { Decimal } from "@prisma/client-runtime-utils";
import { normalizeNumberText } from "./indicator-value";
import { roundHalfUp } from "./numbers";
import { starsFor, type StarBand } from "./star-rating";

/** One tier of a TIERED criterion. */
export type Tier = { label: string; labelEn: string; points: Decimal.Value };

/** One criterion of an item (the fields each kind reads). */
export type Criterion =
  | { code: string; kind: "FIXED"; points: Decimal.Value }
  | { code: string; kind: "TIERED"; tiers: readonly Tier[] }
  | { code: string; kind: "DISCRETIONARY"; points: Decimal.Value; step: Decimal.Value | null }
  | { code: string; kind: "DEDUCTION"; points: Decimal.Value }
  | { code: string; kind: "VETO"; effect: "VOID" | "CAP"; capStars: number | null };

/** An item of a scheme with its criteria (points in 分). */
export type RatingItemRule = {
  code: string;
  maxPoints: Decimal.Value;
  floorPoints: Decimal.Value;
  criteria: readonly Criterion[];
};

/**
 * What a reviewer chose per criterion code: FIXED yes/no; TIERED the tier's index; DISCRETIONARY
 * the typed points (text); DEDUCTION the number of occurrences (text); VETO yes/no. A missing or
 * blank entry is "not chosen".
 */
export type Choices = Record<string, boolean | number | string | null | undefined>;

/**
 * A scheme's items as rules by item id, from items that carry their criteria in the
 * arithmetic's form (`criteria[].rule`, as lib/ratings/queries.ts toSchemeView gives them).
 */
export function itemRulesById(
  items: readonly {
    id: number;
    code: string;
    maxPoints: Decimal.Value;
    floorPoints: Decimal.Value;
    criteria: readonly { rule: Criterion }[];
  }[],
): Map<number, RatingItemRule> {
  return new Map(
    items.map((i) => [
      i.id,
      {
        code: i.code,
        maxPoints: i.maxPoints,
        floorPoints: i.floorPoints,
        criteria: i.criteria.map((c) => c.rule),
      },
    ]),
  );
}

/** Why a choice is refused: a message key of the `ratings` catalogue and its values. */
export type ChoiceError = { criterion: string; key: string; values?: Record<string, string> };

/** An item's score: points (null = not scored), the vetoes chosen, and refused choices. */
export type ItemResult = {
  points: string | null;
  vetoes: { code: string; effect: "VOID" | "CAP"; capStars: number | null }[];
  errors: ChoiceError[];
};

const blank = (v: unknown) =>
  v === undefined || v === null || (typeof v === "string" && v.trim() === "");

/** A typed decimal (full-width digits and separators folded), or null when not a number. */
export function typedNumber(raw: string | number): Decimal | null {
  const text = normalizeNumberText(String(raw));
  return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text) ? new Decimal(text) : null;
}

/** Scores one item from a reviewer's choices (see the module rules). */
export function scoreItem(item: RatingItemRule, choices: Choices | null | undefined): ItemResult {
  const errors: ChoiceError[] = [];
  const vetoes: ItemResult["vetoes"] = [];
  let sum = new Decimal(0);
  let complete = true;
  for (const c of item.criteria) {
    const choice = choices?.[c.code];
    if (c.kind === "VETO") {
      if (choice === true) vetoes.push({ code: c.code, effect: c.effect, capStars: c.capStars });
      else if (!blank(choice) && choice !== false) {
        errors.push({ criterion: c.code, key: "ratings.badChoice" });
      }
      continue;
    }
    if (blank(choice)) {
      complete = false;
      continue;
    }
    switch (c.kind) {
      case "FIXED":
        if (typeof choice !== "boolean")
          errors.push({ criterion: c.code, key: "ratings.badChoice" });
        else if (choice) sum = sum.plus(c.points);
        break;
      case "TIERED": {
        const tier = typeof choice === "number" ? c.tiers[choice] : undefined;
        if (!tier || !Number.isInteger(choice)) {
          errors.push({ criterion: c.code, key: "ratings.badChoice" });
        } else sum = sum.plus(tier.points);
        break;
      }
      case "DISCRETIONARY": {
        const value = typeof choice === "boolean" ? null : typedNumber(choice as string | number);
        const cap = new Decimal(c.points);
        if (value === null) errors.push({ criterion: c.code, key: "ratings.notNumber" });
        else if (value.isNegative() || value.greaterThan(cap)) {
          errors.push({
            criterion: c.code,
            key: "ratings.outOfRange",
            values: { max: cap.toFixed() },
          });
        } else if (c.step !== null && !value.dividedBy(c.step).isInteger()) {
          errors.push({
            criterion: c.code,
            key: "ratings.notStep",
            values: { step: new Decimal(c.step).toFixed() },
          });
        } else sum = sum.plus(value);
        break;
      }
      case "DEDUCTION": {
        const count = typeof choice === "boolean" ? null : typedNumber(choice as string | number);
        if (count === null || !count.isInteger() || count.isNegative()) {
          errors.push({ criterion: c.code, key: "ratings.notCount" });
        } else sum = sum.minus(count.times(c.points));
        break;
      }
    }
  }
  // A choice for a criterion the item does not have is refused, not stored beside the others
  // (the attack pass saved sheets with made-up criterion codes).
  const known = new Set(item.criteria.map((c) => c.code));
  for (const code of Object.keys(choices ?? {})) {
    if (!known.has(code)) errors.push({ criterion: code, key: "ratings.unknownCriterion" });
  }
  if (!complete || errors.length > 0) return { points: null, vetoes, errors };
  const points = Decimal.min(item.maxPoints, Decimal.max(item.floorPoints, sum));
  return { points: roundHalfUp(points), vetoes, errors };
}

/** True when an item's points are below its maximum, so its comment is required. */
export function needsComment(
  item: Pick<RatingItemRule, "maxPoints">,
  points: string | null,
): boolean {
  return points !== null && new Decimal(points).lessThan(item.maxPoints);
}

/**
 * What keeps a score sheet from being submitted, by form field: `item.<id>` → "ratings.notScored"
 * for an item without points, `comment.<id>` → "ratings.commentRequired" for one below full
 * points without a comment (`needsComment`). Empty: the sheet can be submitted. The one rule of
 * lib/ratings/sheets.ts submitSheet (which refuses with these) and the form's confirmation.
 * @param score an item's points (2-place string, null: not scored) and comment.
 */
export function sheetProblems(
  rules: ReadonlyMap<number, Pick<RatingItemRule, "maxPoints">>,
  score: (itemId: number) => { points: string | null; comment: string | null | undefined },
): Record<string, "ratings.notScored" | "ratings.commentRequired"> {
  const problems: Record<string, "ratings.notScored" | "ratings.commentRequired"> = {};
  for (const [itemId, rule] of rules) {
    const { points, comment } = score(itemId);
    if (points === null) problems[`item.${itemId}`] = "ratings.notScored";
    else if (needsComment(rule, points) && !comment?.trim()) {
      problems[`comment.${itemId}`] = "ratings.commentRequired";
    }
  }
  return problems;
}

/** The sum of item points (2-place string), or null while an item is not scored. */
export function sheetTotal(points: readonly (string | null)[]): string | null {
  if (points.some((p) => p === null)) return null;
  return roundHalfUp(points.reduce((sum, p) => sum.plus(p!), new Decimal(0)));
}

/** The total (points) and star level band of a running total, with points to the next band. */
export { nextBand, starsFor } from "./star-rating";

/** A submitted sheet as the panel result reads it. */
export type SubmittedSheet = {
  reviewerId: number;
  total: Decimal.Value;
  /** item code → points */
  items: Record<string, Decimal.Value>;
  vetoes: { effect: "VOID" | "CAP"; capStars: number | null }[];
};

/**
 * A submitted sheet as the panel result reads it, from its stored item scores: points per item
 * code, and the vetoes its choices trigger (scoreItem).
 * @param rules the scheme's items by item id; a score of an unknown item is ignored.
 */
export function toSubmittedSheet(
  rules: ReadonlyMap<number, RatingItemRule>,
  sheet: {
    reviewerId: number;
    total: Decimal.Value | null;
    scores: readonly { itemId: number; points: Decimal.Value | null; choices: unknown }[];
  },
): SubmittedSheet {
  const items: Record<string, Decimal.Value> = {};
  const vetoes: SubmittedSheet["vetoes"] = [];
  for (const score of sheet.scores) {
    const rule = rules.get(score.itemId);
    if (!rule) continue;
    items[rule.code] = score.points ?? 0;
    vetoes.push(...scoreItem(rule, (score.choices ?? {}) as Choices).vetoes);
  }
  return { reviewerId: sheet.reviewerId, total: sheet.total ?? 0, items, vetoes };
}

/** How sheets combine and what is flagged (the scheme's settings). */
export type PanelRule = {
  combination: "MEAN" | "TRIMMED_MEAN";
  trimMinSheets: number;
  itemSpreadLimit: Decimal.Value | null;
  reviewerDeviationLimit: Decimal.Value | null;
  bands: readonly StarBand[];
};

/** A panel's combined result. */
export type PanelResult = {
  /** Sheets counted (after trimming), by reviewer id. */
  counted: number[];
  /** Sheets dropped by the trimmed mean. */
  dropped: number[];
  total: string | null;
  /** item code → rounded mean of the counted sheets */
  items: Record<string, string>;
  stars: number | null;
  veto: "VOID" | "CAP" | null;
  /** Items whose counted points spread beyond the limit, with the spread. */
  spreadItems: { code: string; spread: string }[];
  /** Reviewers whose total deviates from the mean beyond the limit, with the deviation. */
  deviatingReviewers: { reviewerId: number; deviation: string }[];
};

/**
 * Combines the submitted sheets of a panel (drafts never count; see the module rules).
 * @returns a result with null total and stars when no sheet was submitted.
 */
export function combineSheets(sheets: readonly SubmittedSheet[], rule: PanelRule): PanelResult {
  const empty: PanelResult = {
    counted: [],
    dropped: [],
    total: null,
    items: {},
    stars: null,
    veto: null,
    spreadItems: [],
    deviatingReviewers: [],
  };
  if (sheets.length === 0) return empty;
  let counted = [...sheets];
  const dropped: number[] = [];
  if (rule.combination === "TRIMMED_MEAN" && sheets.length >= Math.max(3, rule.trimMinSheets)) {
    // Ties: the earliest-listed highest and lowest are dropped (the order the caller gives).
    const byTotal = counted
      .map((sheet, i) => ({ sheet, i }))
      .sort((a, b) => new Decimal(a.sheet.total).comparedTo(b.sheet.total) || a.i - b.i);
    const low = byTotal[0]!.sheet;
    const high = byTotal.at(-1)!.sheet;
    dropped.push(high.reviewerId, low.reviewerId);
    counted = counted.filter((s) => s !== low && s !== high);
  }
  const n = counted.length;
  const meanTotal = counted.reduce((sum, s) => sum.plus(s.total), new Decimal(0)).dividedBy(n);
  const codes = [...new Set(counted.flatMap((s) => Object.keys(s.items)))].sort();
  const items: Record<string, string> = {};
  const spreadItems: PanelResult["spreadItems"] = [];
  for (const code of codes) {
    const values = counted.map((s) => new Decimal(s.items[code] ?? 0));
    items[code] = roundHalfUp(values.reduce((a, b) => a.plus(b), new Decimal(0)).dividedBy(n));
    const spread = Decimal.max(...values).minus(Decimal.min(...values));
    if (rule.itemSpreadLimit !== null && spread.greaterThan(rule.itemSpreadLimit)) {
      spreadItems.push({ code, spread: roundHalfUp(spread) });
    }
  }
  const deviatingReviewers: PanelResult["deviatingReviewers"] = [];
  if (rule.reviewerDeviationLimit !== null) {
    for (const sheet of sheets) {
      const deviation = new Decimal(sheet.total).minus(meanTotal).abs();
      if (deviation.greaterThan(rule.reviewerDeviationLimit)) {
        deviatingReviewers.push({
          reviewerId: sheet.reviewerId,
          deviation: roundHalfUp(deviation),
        });
      }
    }
  }
  const total = roundHalfUp(meanTotal);
  const vetoes = counted.flatMap((s) => s.vetoes);
  const veto = vetoes.some((v) => v.effect === "VOID")
    ? "VOID"
    : vetoes.some((v) => v.effect === "CAP")
      ? "CAP"
      : null;
  let stars = veto === "VOID" ? null : starsFor(total, rule.bands);
  if (veto === "CAP" && stars !== null) {
    const cap = Math.min(
      ...vetoes.flatMap((v) => (v.effect === "CAP" && v.capStars !== null ? [v.capStars] : [])),
    );
    if (Number.isFinite(cap)) stars = Math.min(stars, cap);
  }
  return {
    counted: counted.map((s) => s.reviewerId),
    dropped,
    total,
    items,
    stars,
    veto,
    spreadItems,
    deviatingReviewers,
  };
}

/**
 * Checks a self-assessment's points for an item: blank = not filled (null); else a number within
 * [floorPoints, maxPoints] with at most 2 decimals.
 * @returns the points as a 2-place string, null for blank, or the error key.
 */
export function parseSelfPoints(
  item: Pick<RatingItemRule, "maxPoints" | "floorPoints">,
  raw: string | number | null | undefined,
):
  | { ok: true; points: string | null }
  | { ok: false; key: string; values?: Record<string, string> } {
  if (blank(raw)) return { ok: true, points: null };
  const value = typedNumber(raw as string | number);
  if (value === null) return { ok: false, key: "ratings.notNumber" };
  if (value.decimalPlaces() > 2) return { ok: false, key: "ratings.tooPrecise" };
  if (value.lessThan(item.floorPoints) || value.greaterThan(item.maxPoints)) {
    return {
      ok: false,
      key: "ratings.outOfRange",
      values: { max: new Decimal(item.maxPoints).toFixed() },
    };
  }
  return { ok: true, points: roundHalfUp(value) };
}
