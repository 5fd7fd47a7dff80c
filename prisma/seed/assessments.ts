/**
 * County performance assessments (demo) for the closed years: the demo invents each county's
 * actual values and targets from the demo programme, and the one arithmetic of
 * lib/domain/county-assessment.ts scores, ranks and grades them (base points when the target is
 * met, capped bonus, deductions to a floor; manual items entered by the city; BONUS and
 * DEDUCTION items per occurrence; the top share EXCELLENT, then GOOD / PASS / FAIL).
 */
import { Decimal } from "@prisma/client-runtime-utils";
import {
  excellentCount,
  gradeFor,
  rankByTotal,
  scoreAgainstTarget,
  scoreEntered,
  scoreOccurrences,
  totalPoints,
  type ItemRule,
} from "@/lib/domain/county-assessment";
import type { AssessmentStatus, Grade } from "@/lib/generated/prisma/enums";
import { ASSESSMENT_GRADING, ASSESSMENT_ITEMS, type AssessmentItemSeed } from "./catalogue";
import { COUNTIES } from "./divisions";
import { calendarDate, hundredths, shanghaiTime } from "./format";
import type { ProgrammePlan } from "./programme";
import { holdsSample, type PlanTown } from "./trajectories";
import { pick } from "./random";

export type PlanAssessmentTarget = {
  year: number;
  itemCode: string;
  countyCode: string;
  value: string;
};
export type PlanItemResult = {
  itemCode: string;
  actualValue: string | null;
  /** Points as 2-place decimal strings (lib/domain/county-assessment.ts). */
  base: string;
  bonus: string;
  deduction: string;
  points: string;
  note: string | null;
};
export type PlanAssessment = {
  year: number;
  countyCode: string;
  total: string;
  rank: number;
  grade: Grade;
  status: AssessmentStatus;
  computedAt: Date;
  publishedAt: Date | null;
  results: PlanItemResult[];
};

/** Percent metrics are kept in hundredths of a percentage point; counts as plain integers. */
const PERCENT_METRICS = new Set([
  "investmentCompletionRate",
  "indicatorTargetRate",
  "onTimeReportRate",
]);
const ratio = (part: number, whole: number) =>
  whole === 0 ? 10_000 : Math.floor((part * 10_000) / whole);

type Metrics = {
  basicComplianceTowns: number;
  provincialSampleTowns: number;
  investmentCompletionRate: number;
  indicatorTargetRate: number;
  onTimeReportRate: number;
};

const inProgramme = (t: PlanTown, year: number) => t.joinYear !== null && t.joinYear <= year;

function metricValues(plan: ProgrammePlan, countyCode: string, year: number): Metrics {
  const towns = plan.towns.filter((t) => t.countyCode === countyCode && inProgramme(t, year));
  const codes = new Set(towns.map((t) => t.code));
  const tasks = new Set(
    plan.tasks.filter((t) => t.year === year && codes.has(t.townCode)).map((t) => t.key),
  );
  const projects = plan.projects.filter((p) => tasks.has(p.taskKey));
  const targets = plan.targets.filter((t) => tasks.has(t.taskKey));
  const reports = plan.reports.filter((r) => tasks.has(r.taskKey) && r.status !== "DRAFT");
  return {
    basicComplianceTowns: towns.filter((t) => t.basicYear !== null && t.basicYear <= year).length,
    provincialSampleTowns: towns.filter((t) => holdsSample(t, `${year}-12-31`)).length,
    investmentCompletionRate: ratio(
      projects.reduce((sum, p) => sum + p.quarters[3]!.completedCents, 0),
      projects.reduce((sum, p) => sum + p.plannedCents, 0),
    ),
    indicatorTargetRate: ratio(targets.filter((t) => t.met).length, targets.length),
    onTimeReportRate: ratio(reports.filter((r) => r.onTime).length, reports.length),
  };
}

/** Each county's target per metric item; for the open year, the plan for year end. */
function targetValue(
  plan: ProgrammePlan,
  item: AssessmentItemSeed,
  countyCode: string,
  year: number,
): number {
  const k = `${countyCode}|${year}|${item.code}`;
  const towns = plan.towns.filter((t) => t.countyCode === countyCode && inProgramme(t, year));
  const open = year === plan.clock.year;
  switch (item.metric) {
    case "basicComplianceTowns":
      if (open) return towns.length;
      return Math.max(
        0,
        metricValues(plan, countyCode, year).basicComplianceTowns + pick(`${k}|off`, [-1, 0, 0, 1]),
      );
    case "provincialSampleTowns": {
      if (open) {
        const creating = plan.tasks.filter(
          (t) =>
            t.year === year &&
            t.target === "PROVINCIAL_SAMPLE" &&
            towns.some((town) => town.code === t.townCode),
        ).length;
        return (
          metricValues(plan, countyCode, year - 1).provincialSampleTowns + Math.ceil(creating / 2)
        );
      }
      return Math.max(
        0,
        metricValues(plan, countyCode, year).provincialSampleTowns +
          pick(`${k}|off`, [-1, 0, 0, 1]),
      );
    }
    case "investmentCompletionRate":
      return pick(k, [8_800, 9_000, 9_200]);
    case "indicatorTargetRate":
      return pick(k, [8_000, 8_500]);
    case "onTimeReportRate":
      return 9_500;
    default:
      throw new Error(`no target rule for ${item.metric}`);
  }
}

const formatMetric = (metric: string, value: number) =>
  PERCENT_METRICS.has(metric) ? hundredths(value) : String(value);

/** The item's rule for the domain arithmetic (numbers of the demo catalogue, exact in decimal). */
function ruleOf(item: AssessmentItemSeed): ItemRule {
  const dec = (v: number | null) => (v === null ? null : String(v));
  return {
    basePoints: String(item.basePoints),
    maxBonusPoints: String(item.maxBonusPoints),
    bonusStep: dec(item.bonusStep),
    bonusPerStep: dec(item.bonusPerStep),
    deductionStep: dec(item.deductionStep),
    deductionPerStep: dec(item.deductionPerStep),
    // Deduction items may take up to 5 points (demo choice); other items stop at 0.
    floorPoints: item.category === "DEDUCTION" ? "-5" : "0",
  };
}

function scoreItem(
  plan: ProgrammePlan,
  item: AssessmentItemSeed,
  countyCode: string,
  year: number,
): PlanItemResult {
  const k = `${countyCode}|${year}|${item.code}`;
  const rule = ruleOf(item);
  if (item.category === "BONUS") {
    const count = pick(`${k}|n`, [0, 0, 1, 1, 2, 3]);
    return {
      itemCode: item.code,
      actualValue: String(count),
      ...scoreOccurrences(rule, "BONUS", count),
      note: count ? `省级表彰或经验推广${count}项` : null,
    };
  }
  if (item.category === "DEDUCTION") {
    const count = pick(`${k}|n`, [0, 0, 0, 1, 1, 2]);
    return {
      itemCode: item.code,
      actualValue: String(count),
      ...scoreOccurrences(rule, "DEDUCTION", count),
      note: count ? `被督查通报或抽查发现问题${count}项` : null,
    };
  }
  if (item.metric === "MANUAL") {
    const lost = pick(`${k}|d`, ["0", "0", "0", "0.5", "0.5", "1"]);
    const score = scoreEntered(rule, new Decimal(item.basePoints).minus(lost));
    return {
      itemCode: item.code,
      actualValue: null,
      ...score,
      note: score.deduction !== "0.00" ? "市美镇办评定扣分" : null,
    };
  }
  const actual = metricValues(plan, countyCode, year)[item.metric as keyof Metrics];
  if (actual === undefined) throw new Error(`unknown assessment metric ${item.metric}`);
  const target = targetValue(plan, item, countyCode, year);
  const score = scoreAgainstTarget(
    rule,
    formatMetric(item.metric, actual),
    formatMetric(item.metric, target),
  );
  const unit = item.unit ?? "";
  return {
    itemCode: item.code,
    actualValue: formatMetric(item.metric, actual),
    ...score,
    note:
      score.deduction !== "0.00"
        ? `未达到目标${formatMetric(item.metric, target)}${unit}，扣${score.deduction}分`
        : score.bonus !== "0.00"
          ? `超出目标${formatMetric(item.metric, target)}${unit}，加${score.bonus}分`
          : null,
  };
}

/**
 * The demo wants distinct totals (ranks 1–6 without ties): while two counties tie, the later
 * one (in the city's county order) loses another 0.1 point on the manual publicity item.
 */
function separateTies(scored: { results: PlanItemResult[]; total: string }[]): void {
  for (let guard = 0; guard < 100; guard++) {
    const tied = scored.find((county, i) =>
      scored.some((other, j) => j < i && new Decimal(other.total).equals(county.total)),
    );
    if (!tied) return;
    const publicity = tied.results.find((r) => r.itemCode === "publicity");
    if (!publicity || new Decimal(publicity.points).lessThan("0.1")) {
      throw new Error("cannot separate tied assessment totals");
    }
    const item = ASSESSMENT_ITEMS.find((i) => i.code === "publicity")!;
    Object.assign(
      publicity,
      scoreEntered(ruleOf(item), new Decimal(publicity.points).minus("0.1")),
      { note: "市美镇办评定扣分" },
    );
    tied.total = totalPoints(tied.results);
  }
  throw new Error("cannot separate tied assessment totals");
}

/**
 * Per-county targets of every scheme year and the assessments of the years before the clock's:
 * computed on 25 January of the next year and published on 8 February, once those days came.
 */
export function buildAssessments(plan: ProgrammePlan): {
  targets: PlanAssessmentTarget[];
  assessments: PlanAssessment[];
} {
  const targets: PlanAssessmentTarget[] = [];
  const assessments: PlanAssessment[] = [];
  for (let year = 2020; year <= plan.clock.year; year++) {
    for (const item of ASSESSMENT_ITEMS) {
      if (item.metric === "MANUAL") continue;
      for (const county of COUNTIES) {
        targets.push({
          year,
          itemCode: item.code,
          countyCode: county.divisionCode,
          value: formatMetric(item.metric, targetValue(plan, item, county.divisionCode, year)),
        });
      }
    }
    const computedAt = shanghaiTime(calendarDate(year + 1, 1, 25), 10);
    const publishedAt = shanghaiTime(calendarDate(year + 1, 2, 8), 15);
    if (year === plan.clock.year || computedAt > plan.clock.now) continue;

    const scored = COUNTIES.map((county) => {
      const results = ASSESSMENT_ITEMS.map((item) =>
        scoreItem(plan, item, county.divisionCode, year),
      );
      return { countyCode: county.divisionCode, results, total: totalPoints(results) };
    });
    separateTies(scored);
    const grading = {
      excellentShare: ASSESSMENT_GRADING.excellentShare,
      excellentRounding: "HALF_UP" as const,
      goodMinPoints: String(ASSESSMENT_GRADING.goodMinPoints),
      passMinPoints: String(ASSESSMENT_GRADING.passMinPoints),
    };
    const excellent = excellentCount(grading, scored.length);
    const ranks = rankByTotal(scored.map((c) => ({ key: c, total: c.total })));
    ranks.forEach(({ key: county, rank }) => {
      assessments.push({
        year,
        countyCode: county.countyCode,
        total: county.total,
        rank,
        grade: gradeFor(rank, county.total, excellent, grading),
        status: publishedAt <= plan.clock.now ? "PUBLISHED" : "DRAFT",
        computedAt,
        publishedAt: publishedAt <= plan.clock.now ? publishedAt : null,
        results: county.results,
      });
    });
  }
  return { targets, assessments };
}
