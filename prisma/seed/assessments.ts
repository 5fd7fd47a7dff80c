/**
 * County performance assessments (demo) for the closed years, computed from the demo
 * programme with the scheme's rule: meeting the county's target earns the base points; each
 * bonus step above it adds points up to the cap; each deduction step below it takes points,
 * never below zero. Manual process items get small demo deductions; BONUS items add capped
 * points; DEDUCTION items subtract from the total (their points are ≤ 0). Rank by total;
 * the top round(excellentShare × 6) are EXCELLENT, then GOOD / PASS / FAIL by the floors.
 */
import type { Grade } from "@/lib/generated/prisma/enums";
import {
  ASSESSMENT_GRADING,
  ASSESSMENT_ITEMS,
  OPEN_YEAR,
  YEARS,
  type AssessmentItemSeed,
} from "./catalogue";
import { COUNTIES } from "./divisions";
import { calendarDate, hundredths, shanghaiTime } from "./format";
import type { ProgrammePlan } from "./programme";
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
  base: number;
  bonus: number;
  deduction: number;
  points: number;
  note: string | null;
};
export type PlanAssessment = {
  year: number;
  countyCode: string;
  totalHundredths: number;
  rank: number;
  grade: Grade;
  computedAt: Date;
  publishedAt: Date;
  results: PlanItemResult[];
};

/** Percent metrics are kept in hundredths of a percentage point; counts as plain integers. */
const PERCENT_METRICS = new Set([
  "investmentCompletionRate",
  "indicatorTargetRate",
  "onTimeReportRate",
]);
const cents = (points: number | null) => Math.round((points ?? 0) * 100);
const ratio = (part: number, whole: number) =>
  whole === 0 ? 10_000 : Math.floor((part * 10_000) / whole);

type Metrics = {
  basicComplianceTowns: number;
  provincialSampleTowns: number;
  investmentCompletionRate: number;
  indicatorTargetRate: number;
  onTimeReportRate: number;
};

function metricValues(plan: ProgrammePlan, countyCode: string, year: number): Metrics {
  const towns = plan.towns.filter((t) => t.countyCode === countyCode && t.inProgramme);
  const codes = new Set(towns.map((t) => t.code));
  const tasks = new Set(
    plan.tasks.filter((t) => t.year === year && codes.has(t.townCode)).map((t) => t.key),
  );
  const projects = plan.projects.filter((p) => tasks.has(p.taskKey));
  const targets = plan.targets.filter((t) => tasks.has(t.taskKey));
  const reports = plan.reports.filter((r) => tasks.has(r.taskKey) && r.status !== "DRAFT");
  return {
    basicComplianceTowns: towns.filter((t) => t.basicYear !== null && t.basicYear <= year).length,
    provincialSampleTowns: towns.filter((t) => t.sampleYear !== null && t.sampleYear <= year)
      .length,
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
  const towns = plan.towns.filter((t) => t.countyCode === countyCode && t.inProgramme);
  switch (item.metric) {
    case "basicComplianceTowns":
      if (year === OPEN_YEAR) return towns.length;
      return Math.max(
        0,
        metricValues(plan, countyCode, year).basicComplianceTowns + pick(`${k}|off`, [-1, 0, 0, 1]),
      );
    case "provincialSampleTowns": {
      if (year === OPEN_YEAR) {
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

function scoreItem(
  plan: ProgrammePlan,
  item: AssessmentItemSeed,
  countyCode: string,
  year: number,
): PlanItemResult {
  const k = `${countyCode}|${year}|${item.code}`;
  const base = cents(item.basePoints);
  if (item.category === "BONUS") {
    const count = pick(`${k}|n`, [0, 0, 1, 1, 2, 3]);
    const bonus = Math.min(cents(item.maxBonusPoints), count * cents(item.bonusPerStep));
    return {
      itemCode: item.code,
      actualValue: String(count),
      base,
      bonus,
      deduction: 0,
      points: base + bonus,
      note: count ? `省级表彰或经验推广${count}项` : null,
    };
  }
  if (item.category === "DEDUCTION") {
    const count = pick(`${k}|n`, [0, 0, 0, 1, 1, 2]);
    const deduction = count * cents(item.deductionPerStep);
    return {
      itemCode: item.code,
      actualValue: String(count),
      base,
      bonus: 0,
      deduction,
      points: base - deduction,
      note: count ? `被督查通报或抽查发现问题${count}项` : null,
    };
  }
  if (item.metric === "MANUAL") {
    const deduction = pick(`${k}|d`, [0, 0, 0, 50, 50, 100]);
    return {
      itemCode: item.code,
      actualValue: null,
      base,
      bonus: 0,
      deduction,
      points: base - deduction,
      note: deduction ? "市美镇办评定扣分" : null,
    };
  }
  const scale = PERCENT_METRICS.has(item.metric) ? 100 : 1;
  const actual = metricValues(plan, countyCode, year)[item.metric as keyof Metrics];
  if (actual === undefined) throw new Error(`unknown assessment metric ${item.metric}`);
  const target = targetValue(plan, item, countyCode, year);
  let bonus = 0;
  let deduction = 0;
  if (actual >= target && item.bonusStep && item.bonusPerStep) {
    const steps = Math.floor((actual - target) / (item.bonusStep * scale));
    bonus = Math.min(cents(item.maxBonusPoints), steps * cents(item.bonusPerStep));
  } else if (actual < target && item.deductionStep && item.deductionPerStep) {
    const steps = Math.ceil((target - actual) / (item.deductionStep * scale));
    deduction = Math.min(base, steps * cents(item.deductionPerStep));
  }
  const unit = item.unit ?? "";
  return {
    itemCode: item.code,
    actualValue: formatMetric(item.metric, actual),
    base,
    bonus,
    deduction,
    points: base + bonus - deduction,
    note:
      deduction > 0
        ? `未达到目标${formatMetric(item.metric, target)}${unit}，扣${hundredths(deduction)}分`
        : bonus > 0
          ? `超出目标${formatMetric(item.metric, target)}${unit}，加${hundredths(bonus)}分`
          : null,
  };
}

/**
 * The demo wants distinct totals (ranks 1–6 without ties): while two counties tie, the later
 * one (in the city's county order) loses another 0.1 point on the manual publicity item.
 */
function separateTies(scored: { results: PlanItemResult[]; total: number }[]): void {
  for (let guard = 0; guard < 100; guard++) {
    const tied = scored.find((county, i) =>
      scored.some((other, j) => j < i && other.total === county.total),
    );
    if (!tied) return;
    const publicity = tied.results.find((r) => r.itemCode === "publicity");
    if (!publicity || publicity.points < 10)
      throw new Error("cannot separate tied assessment totals");
    publicity.deduction += 10;
    publicity.points -= 10;
    publicity.note = "市美镇办评定扣分";
    tied.total -= 10;
  }
  throw new Error("cannot separate tied assessment totals");
}

/** Per-county targets of every scheme year (2020–2023) and the published assessments 2020–2022. */
export function buildAssessments(plan: ProgrammePlan): {
  targets: PlanAssessmentTarget[];
  assessments: PlanAssessment[];
} {
  const targets: PlanAssessmentTarget[] = [];
  const assessments: PlanAssessment[] = [];
  for (const { year } of YEARS) {
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
    if (year === OPEN_YEAR) continue;

    const scored = COUNTIES.map((county) => {
      const results = ASSESSMENT_ITEMS.map((item) =>
        scoreItem(plan, item, county.divisionCode, year),
      );
      return {
        countyCode: county.divisionCode,
        results,
        total: results.reduce((sum, r) => sum + r.points, 0),
      };
    });
    separateTies(scored);
    const ranked = [...scored].sort((a, b) => b.total - a.total);
    const excellent = Math.round(Number(ASSESSMENT_GRADING.excellentShare) * ranked.length);
    ranked.forEach((county, i) => {
      const rank = i + 1;
      const grade: Grade =
        rank <= excellent
          ? "EXCELLENT"
          : county.total >= cents(ASSESSMENT_GRADING.goodMinPoints)
            ? "GOOD"
            : county.total >= cents(ASSESSMENT_GRADING.passMinPoints)
              ? "PASS"
              : "FAIL";
      assessments.push({
        year,
        countyCode: county.countyCode,
        totalHundredths: county.total,
        rank,
        grade,
        computedAt: shanghaiTime(calendarDate(year + 1, 1, 25), 10),
        publishedAt: shanghaiTime(calendarDate(year + 1, 2, 8), 15),
        results: county.results,
      });
    });
  }
  return { targets, assessments };
}
