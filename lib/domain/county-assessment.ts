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
 *
 * Beyond the single rules, this module owns the whole computation of a year
 * ({@link computeAssessment}: scheme + each county's inputs → item scores, subtotals, total,
 * rank with the scheme's tie rule, grade) and the registry of computed metrics
 * ({@link ASSESSMENT_METRICS}): each a pure function of a county's plain inputs (towns with their
 * task and attainment, reports owed, approved star ratings, projects, indicator targets), which
 * also returns the rows behind its number so every computed value can be opened.
 */
import { Decimal } from "@prisma/client-runtime-utils";
import type {
  AssessmentCategory,
  AssessmentResultBasis,
  AssessmentScoring,
  AssessmentTieBreaker,
  Attainment,
  CreationTarget,
  Grade,
  ReportStatus,
} from "@/lib/generated/prisma/enums";
import { holdsTitle, type Title } from "./attainment";
import { fromIsoDate } from "./calendar";
import { meetsTarget } from "./indicator-value";
import { percent, roundHalfUp } from "./numbers";
import { isPastDue, isSubmittedOnTime } from "./reporting";

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

// ───────────────────────── scoring an item of a scheme ─────────────────────────

/** What an item is for the computation: its rule, where it sits and how it scores. */
export type SchemeItemRule = ItemRule & {
  code: string;
  category: AssessmentCategory;
  kind: "COMPUTED" | "ENTERED";
  scoring: AssessmentScoring;
  /** COMPUTED items: a key of {@link ASSESSMENT_METRICS}. */
  metric: string | null;
  /** County division code → target in the item's unit (TARGET scoring). */
  targets: Record<string, Decimal.Value>;
};

/** One item's result for one county: the value measured, the target, and the points. */
export type ItemResult = ItemScore & {
  code: string;
  basis: AssessmentResultBasis;
  /** The value scored (item's unit, as a decimal string), or null when nothing was measured. */
  actual: string | null;
  target: string | null;
};

const plain = (value: Decimal.Value) => new Decimal(value).toFixed();

/**
 * Scores one item from its value: TARGET against `target`, OCCURRENCES as a count, POINTS as
 * entered points. Without a value, an ENTERED item the city left empty is NOT_ENTERED (no
 * occurrences; base points otherwise: nothing was found wanting) and a COMPUTED item with
 * nothing to measure (e.g. no approved rating) is NO_DATA: base points, no bonus, no deduction.
 * @throws RangeError when a TARGET item has no target, or a count is not a whole number ≥ 0.
 */
export function scoreItem(
  item: SchemeItemRule,
  value: Decimal.Value | null,
  target: Decimal.Value | null,
): Omit<ItemResult, "code"> {
  const targetText = target === null ? null : plain(target);
  if (item.scoring === "TARGET" && targetText === null) {
    throw new RangeError(`no target for item ${item.code}`);
  }
  if (value === null) {
    const basis = item.kind === "ENTERED" ? "NOT_ENTERED" : "NO_DATA";
    const score =
      item.scoring === "OCCURRENCES"
        ? scoreOccurrences(item, item.category === "DEDUCTION" ? "DEDUCTION" : "BONUS", 0)
        : result(d(item.basePoints), d(0), d(0));
    return { basis, actual: null, target: targetText, ...score };
  }
  const basis = item.kind === "ENTERED" ? "ENTERED" : "COMPUTED";
  const actual = plain(value);
  switch (item.scoring) {
    case "TARGET":
      return { basis, actual, target: targetText, ...scoreAgainstTarget(item, value, target!) };
    case "OCCURRENCES":
      return {
        basis,
        actual,
        target: targetText,
        ...scoreOccurrences(item, item.category === "DEDUCTION" ? "DEDUCTION" : "BONUS", value),
      };
    case "POINTS":
      return { basis, actual, target: targetText, ...scoreEntered(item, value) };
  }
}

// ───────────────────────── the computed metrics ─────────────────────────

/** A town of the county as the metrics read it (all towns of the county, in the programme or not). */
export type MetricTown = {
  code: string;
  name: string;
  nameEn: string | null;
  /** True when its task of the year puts it in the programme (lib/domain/programme.ts). */
  inProgramme: boolean;
  /** The target of that task (null when not in the programme). */
  target: CreationTarget | null;
  /** Its attainment on the year's figure date (lib/domain/attainment.ts). */
  attainment: Attainment;
};

/** A report a town in the programme owes for one period of the year (missing or not). */
export type MetricReport = {
  townCode: string;
  periodIndex: number;
  /** The period's due date, "YYYY-MM-DD". */
  dueOn: string;
  reportId: number | null;
  status: ReportStatus | null;
  /** The first submission, as an ISO instant (null = never submitted). */
  firstSubmittedAt: string | null;
};

/** An APPROVED star rating of the year (stars null: the rating was voided, counted as 0). */
export type MetricRating = { townCode: string; ratingId: number; stars: number | null };

/** A project of a task in the programme of the year (万元, 亩 as decimal strings). */
export type MetricProject = {
  townCode: string;
  projectId: number;
  code: string;
  name: string;
  plannedWan: string;
  completedWan: string;
  landMu: string;
};

/**
 * An indicator target of a task in the programme, with the value of the task's latest accepted
 * report (lib/domain/figures.ts; null: no accepted report, or the value not filled).
 */
export type MetricIndicatorTarget = {
  townCode: string;
  indicatorCode: string;
  target: string;
  value: string | null;
  reportId: number | null;
};

/** Everything the metrics read about one county, as plain data (what a run's snapshot keeps). */
export type CountyInputs = {
  towns: MetricTown[];
  reports: MetricReport[];
  ratings: MetricRating[];
  projects: MetricProject[];
  indicatorTargets: MetricIndicatorTarget[];
  /** The names of the indicators the targets name (code → zh-CN and English name). */
  indicatorNames: Record<string, { name: string; nameEn: string }>;
};

/** The dates a computation judges on ("YYYY-MM-DD", Asia/Shanghai). */
export type MetricContext = {
  /** Titles are read on this date (lib/domain/attainment.ts figureDate). */
  figureDate: string;
  /** The day of the computation: reports count once their due date is before it. */
  judgedOn: string;
};

/** One row behind a metric's number: a town, report, rating, project or indicator target. */
export type MetricRow = {
  kind: "town" | "report" | "rating" | "project" | "indicatorTarget";
  townCode: string;
  /** The report / rating / project id (null for a town or a missing report). */
  id: number | null;
  /** True when the row counts towards the numerator (for sums: is part of the sum). */
  counts: boolean;
  /** What the row shows (names, values, dates), all strings or numbers. */
  detail: Record<string, string | number | null>;
};

/** A metric's value (decimal string in its unit; null = nothing to measure) and its basis. */
export type MetricResult = {
  value: string | null;
  numerator: string | null;
  denominator: string | null;
  rows: MetricRow[];
};

/** The unit a metric's value is in. */
export type MetricUnit = "PERCENT" | "TOWNS" | "STARS" | "MU";

type MetricDefinition = {
  unit: MetricUnit;
  /** Which inputs the metric reads (for the drill-down's heading). */
  reads: readonly (keyof CountyInputs)[];
  compute: (inputs: CountyInputs, context: MetricContext) => MetricResult;
};

/** The title a creation target aims at (DEEPENING aims at none: the town holds its title). */
const TARGET_TITLE: Record<CreationTarget, Title | null> = {
  BASIC_COMPLIANCE: "BASIC_COMPLIANCE",
  PROVINCIAL_SAMPLE: "PROVINCIAL_SAMPLE",
  SAMPLE_RENEWAL: "PROVINCIAL_SAMPLE",
  DEEPENING: null,
};

function share(rows: MetricRow[]): MetricResult {
  const counted = rows.filter((r) => r.counts).length;
  return {
    value: rows.length === 0 ? null : percent(counted, rows.length),
    numerator: String(counted),
    denominator: String(rows.length),
    rows,
  };
}

function townRow(town: MetricTown, counts: boolean): MetricRow {
  return {
    kind: "town",
    townCode: town.code,
    id: null,
    counts,
    detail: { target: town.target, attainment: town.attainment },
  };
}

function titleCount(title: Title) {
  return (inputs: CountyInputs): MetricResult => {
    const rows = inputs.towns
      .filter((t) => t.attainment !== "NONE")
      .map((t) => townRow(t, holdsTitle(t.attainment, title)));
    const counted = rows.filter((r) => r.counts).length;
    return { value: String(counted), numerator: String(counted), denominator: null, rows };
  };
}

function sumOf(values: readonly string[]): Decimal {
  return values.reduce((sum, v) => sum.plus(v), new Decimal(0));
}

/**
 * The registry of computed metrics: name → unit and formula. The formulas in words are the
 * `assessments.metrics.<name>` messages (both languages); sources: the list of
 * computed items (issue 11) and the rules of lib/domain each one calls.
 */
export const ASSESSMENT_METRICS = {
  /**
   * Share of planned towns reaching their target (%): towns in the programme whose task aims
   * at a title (BASIC_COMPLIANCE; PROVINCIAL_SAMPLE and SAMPLE_RENEWAL aim at the sample title)
   * and hold it on the figure date, of all such towns. DEEPENING tasks aim at no title.
   */
  plannedTownsReachingTarget: {
    unit: "PERCENT",
    reads: ["towns"],
    compute: (inputs) =>
      share(
        inputs.towns
          .filter((t) => t.inProgramme && t.target !== null && TARGET_TITLE[t.target] !== null)
          .map((t) => townRow(t, holdsTitle(t.attainment, TARGET_TITLE[t.target!]!))),
      ),
  },
  /** Towns holding basic compliance (samples included) on the figure date (cumulative). */
  basicComplianceTowns: {
    unit: "TOWNS",
    reads: ["towns"],
    compute: titleCount("BASIC_COMPLIANCE"),
  },
  /** Towns holding the provincial sample title on the figure date (cumulative). */
  provincialSampleTowns: {
    unit: "TOWNS",
    reads: ["towns"],
    compute: titleCount("PROVINCIAL_SAMPLE"),
  },
  /**
   * Mean stars of the county's APPROVED star ratings of the year, half-up to 2 places; a voided
   * rating (no stars) counts as 0. No approved rating: nothing to measure.
   */
  meanSampleStars: {
    unit: "STARS",
    reads: ["ratings"],
    compute: (inputs) => {
      const rows: MetricRow[] = inputs.ratings.map((r) => ({
        kind: "rating",
        townCode: r.townCode,
        id: r.ratingId,
        counts: true,
        detail: { stars: r.stars ?? 0 },
      }));
      const stars = sumOf(inputs.ratings.map((r) => String(r.stars ?? 0)));
      return {
        value: rows.length === 0 ? null : roundHalfUp(stars.div(rows.length)),
        numerator: stars.toFixed(),
        denominator: String(rows.length),
        rows,
      };
    },
  },
  /**
   * Share of reports submitted by their due date (%): of the reports owed by towns in the
   * programme for the year's periods due before the day of the computation, those first
   * submitted on or before the due date (lib/domain/reporting.ts isSubmittedOnTime).
   */
  onTimeReportRate: {
    unit: "PERCENT",
    reads: ["reports"],
    compute: (inputs, context) =>
      share(
        inputs.reports
          .filter((r) => isPastDue(fromIsoDate(r.dueOn), fromIsoDate(context.judgedOn)))
          .map((r) => ({
            kind: "report" as const,
            townCode: r.townCode,
            id: r.reportId,
            counts: isSubmittedOnTime(
              r.firstSubmittedAt === null ? null : new Date(r.firstSubmittedAt),
              fromIsoDate(r.dueOn),
            ),
            detail: {
              periodIndex: r.periodIndex,
              dueOn: r.dueOn,
              firstSubmittedAt: r.firstSubmittedAt,
              status: r.status,
            },
          })),
      ),
  },
  /**
   * Completed vs planned investment (%) of the projects of tasks in the programme of the year:
   * Σ completed ÷ Σ planned (万元). No planned investment: nothing to measure.
   */
  investmentCompletionRate: {
    unit: "PERCENT",
    reads: ["projects"],
    compute: (inputs) => {
      const planned = sumOf(inputs.projects.map((p) => p.plannedWan));
      const completed = sumOf(inputs.projects.map((p) => p.completedWan));
      return {
        value: planned.isZero() ? null : percent(completed, planned),
        numerator: completed.toFixed(2),
        denominator: planned.toFixed(2),
        rows: inputs.projects.map((p) => ({
          kind: "project",
          townCode: p.townCode,
          id: p.projectId,
          counts: true,
          detail: {
            code: p.code,
            name: p.name,
            plannedWan: p.plannedWan,
            completedWan: p.completedWan,
          },
        })),
      };
    },
  },
  /** Land supplied (亩) by the projects of tasks in the programme of the year: Σ landSuppliedMu. */
  landSuppliedMu: {
    unit: "MU",
    reads: ["projects"],
    compute: (inputs) => {
      const rows: MetricRow[] = inputs.projects
        .filter((p) => !new Decimal(p.landMu).isZero())
        .map((p) => ({
          kind: "project",
          townCode: p.townCode,
          id: p.projectId,
          counts: true,
          detail: { code: p.code, name: p.name, landMu: p.landMu },
        }));
      const total = roundHalfUp(sumOf(inputs.projects.map((p) => p.landMu)));
      return { value: total, numerator: total, denominator: null, rows };
    },
  },
  /**
   * Share of indicator targets met (%): of the indicator targets of tasks in the programme,
   * those whose value in the task's latest accepted report reaches the target (≥).
   */
  indicatorTargetRate: {
    unit: "PERCENT",
    reads: ["indicatorTargets"],
    compute: (inputs) =>
      share(
        inputs.indicatorTargets.map((t) => ({
          kind: "indicatorTarget" as const,
          townCode: t.townCode,
          id: t.reportId,
          counts: meetsTarget(t.value, t.target),
          detail: {
            indicator: t.indicatorCode,
            target: t.target,
            value: t.value,
          },
        })),
      ),
  },
} as const satisfies Record<string, MetricDefinition>;

/** The name of a computed metric. */
export type MetricName = keyof typeof ASSESSMENT_METRICS;

/** The metric names, in registry order. */
export const METRIC_NAMES = Object.keys(ASSESSMENT_METRICS) as MetricName[];

/** True when `name` is a metric of the registry. */
export function isMetricName(name: string | null | undefined): name is MetricName {
  return typeof name === "string" && Object.hasOwn(ASSESSMENT_METRICS, name);
}

/**
 * A metric over one county's inputs.
 * @throws RangeError for a name outside the registry.
 */
export function computeMetric(
  name: string,
  inputs: CountyInputs,
  context: MetricContext,
): MetricResult {
  if (!isMetricName(name)) throw new RangeError(`unknown assessment metric ${name}`);
  return ASSESSMENT_METRICS[name].compute(inputs, context);
}

// ───────────────────────── the computation of a year ─────────────────────────

/** A scheme as the computation reads it. */
export type SchemeRule = GradeRule & {
  items: readonly SchemeItemRule[];
  tieBreakers: readonly AssessmentTieBreaker[];
};

/** One county going into the computation. */
export type CountyAssessmentInput = {
  code: string;
  /** The metrics' inputs (needed when the scheme has COMPUTED items). */
  inputs: CountyInputs | null;
  /** Item code → the city's entered value (points, count or measurement by the item's scoring). */
  entries: Record<string, Decimal.Value>;
};

/** One county's result: items, subtotals by category, total, rank and grade (2-place strings). */
export type CountyResult = {
  code: string;
  items: ItemResult[];
  outcome: string;
  process: string;
  bonus: string;
  deduction: string;
  total: string;
  rank: number;
  grade: Grade;
};

/**
 * Items whose TARGET scoring lacks a target for one of `countyCodes`: "item|county" pairs (empty
 * when every target is set). A scheme with missing targets cannot be computed.
 */
export function missingTargets(
  items: readonly Pick<SchemeItemRule, "code" | "scoring" | "targets">[],
  countyCodes: readonly string[],
): string[] {
  return items
    .filter((item) => item.scoring === "TARGET")
    .flatMap((item) =>
      countyCodes.filter((c) => item.targets[c] === undefined).map((c) => `${item.code}|${c}`),
    );
}

function subtotal(items: readonly ItemResult[], rules: readonly SchemeItemRule[], of: string) {
  return totalPoints(
    items.filter((item) => rules.find((r) => r.code === item.code)?.category === of),
  );
}

/** The value each tie-breaker compares (higher wins): subtotals, or minus all deductions. */
function tieBreakerValue(
  breaker: AssessmentTieBreaker,
  county: Pick<CountyResult, "outcome" | "process" | "items">,
): string {
  switch (breaker) {
    case "OUTCOME_POINTS":
      return county.outcome;
    case "PROCESS_POINTS":
      return county.process;
    case "FEWER_DEDUCTIONS":
      return new Decimal(totalPoints(county.items.map((i) => ({ points: i.deduction }))))
        .negated()
        .toFixed(2);
  }
}

/**
 * Computes a year's assessment: each county's items (COMPUTED by the registry from its inputs,
 * ENTERED from the city's values), subtotals by category, total (Σ item points), rank by total
 * (equal totals share a rank unless the scheme's tie-breakers, in order, separate them), and
 * grade (the top excellentShare of counties by rank, rounded as the scheme says, are EXCELLENT;
 * then GOOD / PASS by minimum totals; else FAIL). Results come back in rank order, then by
 * county code.
 * @throws RangeError when a TARGET item lacks a county's target, a COMPUTED item names an
 *   unknown metric or a county lacks inputs, or an occurrence count is not a whole number ≥ 0.
 */
export function computeAssessment(
  scheme: SchemeRule,
  counties: readonly CountyAssessmentInput[],
  context: MetricContext,
): CountyResult[] {
  const scored = counties.map((county) => {
    const items = scheme.items.map((item): ItemResult => {
      const target = item.targets[county.code] ?? null;
      let value: Decimal.Value | null;
      if (item.kind === "COMPUTED") {
        if (!county.inputs) throw new RangeError(`no inputs for county ${county.code}`);
        value = computeMetric(item.metric ?? "", county.inputs, context).value;
      } else {
        value = county.entries[item.code] ?? null;
      }
      return { code: item.code, ...scoreItem(item, value, target) };
    });
    const sums = {
      outcome: subtotal(items, scheme.items, "OUTCOME"),
      process: subtotal(items, scheme.items, "PROCESS"),
      bonus: subtotal(items, scheme.items, "BONUS"),
      deduction: subtotal(items, scheme.items, "DEDUCTION"),
    };
    return { code: county.code, items, ...sums, total: totalPoints(items) };
  });
  const ranks = rankByTotal(
    scored.map((c) => ({
      key: c,
      total: c.total,
      tieBreakers: scheme.tieBreakers.map((b) => tieBreakerValue(b, c)),
    })),
  );
  const excellent = excellentCount(scheme, scored.length);
  return ranks
    .map(({ key, rank }) => ({ ...key, rank, grade: gradeFor(rank, key.total, excellent, scheme) }))
    .sort((a, b) => a.rank - b.rank || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/**
 * The points a county lacks to draw level with the next better rank: the lowest total among
 * the counties ranked above it, minus its own (2-place string), with that county's rank; null
 * for a county ranked first. With tie-breakers in the scheme, drawing level may not be enough
 * (the tie then decides; 0.00 means it already did).
 * @throws RangeError when `code` has no result.
 */
export function pointsToNextRank(
  results: readonly Pick<CountyResult, "code" | "total" | "rank">[],
  code: string,
): { points: string; rank: number } | null {
  const own = results.find((r) => r.code === code);
  if (!own) throw new RangeError(`no result for county ${code}`);
  const above = results.filter((r) => r.rank < own.rank);
  if (above.length === 0) return null;
  const next = above.reduce((low, r) =>
    new Decimal(r.total).lessThan(low.total) ||
    (new Decimal(r.total).equals(low.total) && r.rank > low.rank)
      ? r
      : low,
  );
  return { points: two(new Decimal(next.total).minus(own.total)), rank: next.rank };
}
