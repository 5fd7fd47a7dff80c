/**
 * County performance assessments (demo). Each programme year has a scheme (the demo's, below:
 * 70 outcome points from the programme's data, 30 process points, a bonus and a deduction
 * item) with each county's targets, and the city's entered values with reasons; the closed
 * years' assessments are computed on 25 January of the next year and published on 8 February,
 * once those days came; the last closed year has a second version published in March after an
 * inspection notice changed one county's deductions. Nothing here scores anything: the runs are
 * computed by lib/assessments (compute.internal.ts) over the demo data as written to the
 * database, with the one arithmetic of lib/domain/county-assessment.ts. Targets are the demo's
 * choice, set near each county's actual value so that some counties beat them and some miss.
 */
import { Decimal } from "@prisma/client-runtime-utils";
import {
  computeRunInternal,
  judgedDates,
  loadCountyInputs,
  publishRunInternal,
  startRunInternal,
} from "@/lib/assessments/compute.internal";
import type { ItemSnapshot } from "@/lib/assessments/snapshot";
import { ASSESSMENT_METRICS, computeMetric, isMetricName } from "@/lib/domain/county-assessment";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AssessmentCategory, AssessmentTieBreaker } from "@/lib/generated/prisma/enums";
import { FIRST_YEAR } from "./clock";
import { COUNTIES } from "./divisions";
import { calendarDate, shanghaiTime } from "./format";
import type { ProgrammePlan } from "./programme";
import { pick } from "./random";

type Tx = Prisma.TransactionClient;

export const ASSESSMENT_SOURCE_NOTE =
  "演示方案：参照公开计分表“约70%结果+30%过程、完成得基本分、超额加分封顶、未完成扣分扣完为止、前30%为优秀”的模式拟定；分值、目标与分档均为演示值，按年度配置";

/**
 * One item of the demo scheme, as a snapshot keeps items (points and steps as decimal strings;
 * null = no such rule; a metric makes it COMPUTED, none ENTERED).
 */
export type AssessmentItemSeed = Omit<
  ItemSnapshot,
  "id" | "kind" | "direction" | "sourceNote" | "sortOrder" | "targets"
>;

const NO_STEPS = {
  maxBonusPoints: "0",
  bonusStep: null,
  bonusPerStep: null,
  deductionStep: null,
  deductionPerStep: null,
  floorPoints: "0",
} as const;

/** A computed outcome or process item scored against the county's target. */
function computed(
  code: string,
  name: string,
  nameEn: string,
  category: AssessmentCategory,
  unit: [string, string],
  basePoints: string,
  rule: Partial<AssessmentItemSeed>,
): AssessmentItemSeed {
  return {
    code,
    name,
    nameEn,
    category,
    metric: code,
    scoring: "TARGET",
    unit: unit[0],
    unitEn: unit[1],
    basePoints,
    ...NO_STEPS,
    ...rule,
  };
}

/** A process item whose points the city enters. */
function entered(
  code: string,
  name: string,
  nameEn: string,
  basePoints: string,
): AssessmentItemSeed {
  return {
    code,
    name,
    nameEn,
    category: "PROCESS",
    metric: null,
    scoring: "POINTS",
    unit: null,
    unitEn: null,
    basePoints,
    ...NO_STEPS,
  };
}

const PERCENT: [string, string] = ["%", "%"];
const TOWNS: [string, string] = ["个", "towns"];

/** The demo scheme: outcome items carry 70 base points, process items 30. */
export const ASSESSMENT_ITEMS: readonly AssessmentItemSeed[] = [
  computed(
    "plannedTownsReachingTarget",
    "年度创建乡镇达标率",
    "Planned towns reaching their target",
    "OUTCOME",
    PERCENT,
    "20",
    {
      maxBonusPoints: "1",
      bonusStep: "5",
      bonusPerStep: "0.5",
      deductionStep: "5",
      deductionPerStep: "2",
    },
  ),
  computed(
    "basicComplianceTowns",
    "累计基本达标乡镇数",
    "Towns with basic compliance (cumulative)",
    "OUTCOME",
    TOWNS,
    "15",
    {
      maxBonusPoints: "2",
      bonusStep: "1",
      bonusPerStep: "1",
      deductionStep: "1",
      deductionPerStep: "3",
    },
  ),
  computed(
    "provincialSampleTowns",
    "累计省级样板数",
    "Provincial samples (cumulative)",
    "OUTCOME",
    TOWNS,
    "10",
    {
      maxBonusPoints: "3",
      bonusStep: "1",
      bonusPerStep: "1.5",
      deductionStep: "1",
      deductionPerStep: "4",
    },
  ),
  computed(
    "meanSampleStars",
    "省级样板平均星级",
    "Mean stars of provincial samples",
    "OUTCOME",
    ["星", "stars"],
    "5",
    {
      maxBonusPoints: "1",
      bonusStep: "0.5",
      bonusPerStep: "0.5",
      deductionStep: "0.5",
      deductionPerStep: "1",
    },
  ),
  computed(
    "investmentCompletionRate",
    "年度项目投资完成率",
    "Annual project investment completion",
    "OUTCOME",
    PERCENT,
    "10",
    {
      maxBonusPoints: "1",
      bonusStep: "5",
      bonusPerStep: "0.5",
      deductionStep: "5",
      deductionPerStep: "1.5",
    },
  ),
  computed("landSuppliedMu", "用地保障面积", "Land supplied", "OUTCOME", ["亩", "mu"], "5", {
    maxBonusPoints: "1",
    bonusStep: "20",
    bonusPerStep: "0.5",
    deductionStep: "20",
    deductionPerStep: "1",
  }),
  computed(
    "indicatorTargetRate",
    "年度指标目标达成率",
    "Annual indicator targets met",
    "OUTCOME",
    PERCENT,
    "5",
    {
      deductionStep: "5",
      deductionPerStep: "1",
    },
  ),
  entered("organisation", "组织领导与工作机制", "Leadership and working mechanisms", "6"),
  entered("actionPlans", "行动方案编制与实施", "Action plans written and carried out", "6"),
  entered("funding", "资金与要素保障", "Funding and land guarantees", "6"),
  computed(
    "onTimeReportRate",
    "进度填报及时率",
    "Progress reports submitted on time",
    "PROCESS",
    PERCENT,
    "8",
    {
      deductionStep: "5",
      deductionPerStep: "1",
    },
  ),
  entered("publicity", "宣传与信息报送", "Publicity and information reporting", "4"),
  {
    code: "provincialHonours",
    name: "省级表彰与经验推广",
    nameEn: "Provincial honours and practices promoted",
    category: "BONUS",
    metric: null,
    scoring: "OCCURRENCES",
    unit: "项",
    unitEn: "items",
    basePoints: "0",
    ...NO_STEPS,
    maxBonusPoints: "3",
    bonusPerStep: "1",
  },
  {
    code: "inspectionIssues",
    name: "督查通报与抽查问题",
    nameEn: "Issues found by inspections and spot checks",
    category: "DEDUCTION",
    metric: null,
    scoring: "OCCURRENCES",
    unit: "项",
    unitEn: "items",
    basePoints: "0",
    ...NO_STEPS,
    deductionPerStep: "1",
    floorPoints: "-5",
  },
];

/** Grade bands and tie rule of the demo scheme: top 30% (rounded half-up) excellent. */
export const ASSESSMENT_GRADING = {
  excellentShare: "0.3000",
  excellentRounding: "HALF_UP",
  goodMinPoints: "85.00",
  passMinPoints: "60.00",
  tieBreakers: ["OUTCOME_POINTS", "PROCESS_POINTS"] as AssessmentTieBreaker[],
} as const;

/** A value the city entered: item, county, value, reason, evidence, and when. */
export type PlanEntry = {
  year: number;
  itemCode: string;
  countyCode: string;
  value: string;
  reason: string;
  evidence: string | null;
  at: Date;
};

/** A run of a year: computed at `computedAt` (after the entries dated before it), published or not. */
export type PlanRun = {
  year: number;
  version: number;
  reason: string | null;
  startedAt: Date;
  computedAt: Date;
  publishedAt: Date | null;
};

/** The demo's assessment plan: the years with a scheme, the entered values and the runs. */
export type AssessmentPlan = {
  years: number[];
  openYear: number;
  /** When the open year's targets are set (its values as of the demo's now). */
  now: Date;
  entries: PlanEntry[];
  runs: PlanRun[];
};

const LOSSES: Record<string, string[]> = {
  organisation: ["领导小组例会未按季度召开", "工作专班人员调整后未及时备案"],
  actionPlans: ["行动方案部分项目推进滞后", "年度计划调整未按程序报备"],
  funding: ["县级配套资金到位不及时", "要素保障清单落实不到位"],
  publicity: ["信息报送数量未达要求", "典型经验宣传不足"],
};

/** The city's entered values of a closed year, as entered on 20 January of the next year. */
function closedYearEntries(year: number): PlanEntry[] {
  const at = shanghaiTime(calendarDate(year + 1, 1, 20), 10);
  const out: PlanEntry[] = [];
  let notice = 3;
  for (const county of COUNTIES) {
    const code = county.divisionCode;
    for (const item of ASSESSMENT_ITEMS.filter((i) => i.scoring === "POINTS")) {
      const k = `${code}|${year}|${item.code}`;
      const lost = pick(`${k}|d`, ["0", "0", "0", "0.5", "0.5", "1"]);
      out.push({
        year,
        itemCode: item.code,
        countyCode: code,
        value: new Decimal(item.basePoints).minus(lost).toFixed(),
        reason:
          lost === "0"
            ? "市美镇办评定：工作扎实，无扣分情形"
            : `市美镇办评定：${pick(`${k}|r`, LOSSES[item.code]!)}，扣${lost}分`,
        evidence: `衢美镇办〔${year + 1}〕${notice++}号考核评分意见`,
        at,
      });
    }
    const honours = pick(`${code}|${year}|provincialHonours|n`, [0, 0, 1, 1, 2, 3]);
    out.push({
      year,
      itemCode: "provincialHonours",
      countyCode: code,
      value: String(honours),
      reason: honours ? `获省级表彰或经验推广${honours}项` : "无省级表彰",
      evidence: honours ? `浙江省美丽城镇建设工作专班〔${year}〕通报` : null,
      at,
    });
    const issues = pick(`${code}|${year}|inspectionIssues|n`, [0, 0, 0, 1, 1, 2]);
    out.push({
      year,
      itemCode: "inspectionIssues",
      countyCode: code,
      value: String(issues),
      reason: issues ? `督查通报或抽查发现问题${issues}项` : "无督查通报",
      evidence: issues ? `衢美镇办督查通报〔${year}〕${issues + 1}号` : null,
      at,
    });
  }
  return out;
}

/**
 * The plan of the demo's assessments as of the clock: every year's entered values and runs
 * that happened by its now (pure).
 */
export function buildAssessmentPlan(plan: ProgrammePlan): AssessmentPlan {
  const { clock } = plan;
  const entries: PlanEntry[] = [];
  const runs: PlanRun[] = [];
  const years: number[] = [];
  for (let year = FIRST_YEAR; year <= clock.year; year++) {
    years.push(year);
    if (year === clock.year) {
      // The open year: the city has scored organisation and action plans in November.
      const at = shanghaiTime(calendarDate(year, 11, 20), 15);
      if (at <= clock.now) {
        entries.push(
          ...closedYearEntries(year)
            .filter((e) => e.itemCode === "organisation" || e.itemCode === "actionPlans")
            .map((e) => ({ ...e, at, evidence: `衢美镇办〔${year}〕考核预评意见` })),
        );
      }
      continue;
    }
    const computedAt = shanghaiTime(calendarDate(year + 1, 1, 25), 10);
    if (computedAt > clock.now) continue;
    entries.push(...closedYearEntries(year));
    const publishedAt = shanghaiTime(calendarDate(year + 1, 2, 8), 15);
    runs.push({
      year,
      version: 1,
      reason: null,
      startedAt: shanghaiTime(calendarDate(year + 1, 1, 25), 9),
      computedAt,
      publishedAt: publishedAt <= clock.now ? publishedAt : null,
    });
    // The last closed year: a provincial spot check's notice in March adds an issue to one
    // county; the city recomputes with that reason and publishes the second version.
    const republished = shanghaiTime(calendarDate(year + 1, 3, 20), 15);
    if (year === clock.year - 1 && republished <= clock.now) {
      const countyCode = pick(`${year}|recheck`, COUNTIES).divisionCode;
      const before = entries.find(
        (e) => e.year === year && e.itemCode === "inspectionIssues" && e.countyCode === countyCode,
      )!;
      const issues = Number(before.value) + 1;
      entries.push({
        ...before,
        value: String(issues),
        reason: `督查通报或抽查发现问题${issues}项（含省级抽查通报1项）`,
        evidence: `浙美镇办〔${year + 1}〕7号抽查通报`,
        at: shanghaiTime(calendarDate(year + 1, 3, 12), 16),
      });
      runs.push({
        year,
        version: 2,
        reason: "根据省级抽查通报（浙美镇办〔" + (year + 1) + "〕7号）更正督查扣分",
        startedAt: shanghaiTime(calendarDate(year + 1, 3, 16), 9),
        computedAt: shanghaiTime(calendarDate(year + 1, 3, 16), 10),
        publishedAt: republished,
      });
    }
  }
  return { years, openYear: clock.year, now: clock.now, entries, runs };
}

/**
 * The demo's target for a computed item: near the county's value, by a deterministic draw (some
 * counties beat it, some miss); a fixed value when there is nothing to measure.
 */
function demoTarget(metric: string, value: string | null, key: string, open: boolean): string {
  if (!isMetricName(metric)) throw new Error(`unknown metric ${metric}`);
  const unit = ASSESSMENT_METRICS[metric].unit;
  if (unit === "PERCENT" && open) return String(pick(key, [80, 85, 90]));
  if (value === null) return unit === "STARS" ? "3" : unit === "PERCENT" ? "90" : "0";
  const v = new Decimal(value);
  switch (unit) {
    case "PERCENT": {
      const target = v
        .div(5)
        .floor()
        .times(5)
        .plus(pick(key, [-5, 0, 0, 5]));
      return Decimal.min(100, Decimal.max(50, target)).toFixed();
    }
    case "TOWNS":
      return Decimal.max(0, v.plus(pick(key, [-1, 0, 0, 1]))).toFixed();
    case "STARS":
      return pick(key, ["2.5", "3", "3.5"]);
    case "MU":
      return Decimal.max(
        0,
        v
          .div(10)
          .floor()
          .times(10)
          .plus(pick(key, [-20, 0, 10])),
      ).toFixed();
  }
}

/** Every county's target of every computed item of a year's scheme, from its value at `at`. */
async function demoTargets(
  tx: Tx,
  year: number,
  items: readonly { id: number; code: string; metric: string | null }[],
  at: Date,
  open: boolean,
): Promise<{ itemId: number; countyCode: string; value: string }[]> {
  const context = judgedDates(year, at);
  const inputs = await loadCountyInputs(tx, year, context);
  return items.flatMap((item) =>
    item.metric === null
      ? []
      : COUNTIES.map((county) => {
          const code = county.divisionCode;
          const value = computeMetric(item.metric!, inputs.get(code)!, context).value;
          return {
            itemId: item.id,
            countyCode: code,
            value: demoTarget(item.metric!, value, `${code}|${year}|${item.code}|target`, open),
          };
        }),
  );
}

async function writeEntries(
  tx: Tx,
  entries: readonly PlanEntry[],
  itemId: Map<string, number>,
  countyId: Map<string, number>,
  adminId: number,
): Promise<void> {
  for (const e of entries) {
    const key = {
      itemId: itemId.get(`${e.year}|${e.itemCode}`)!,
      countyId: countyId.get(e.countyCode)!,
    };
    const fields = { value: e.value, reason: e.reason, evidence: e.evidence, updatedAt: e.at };
    await tx.assessmentEntry.upsert({
      where: { itemId_countyId: key },
      create: { ...key, ...fields, enteredById: adminId, createdAt: e.at },
      update: { ...fields, revision: { increment: 1 } },
    });
  }
}

/**
 * Writes the assessments of the plan through the seed's transaction: each year's scheme and
 * items, the targets (the demo's draw near each county's value as computed when the year is
 * assessed, or as of now for the open year), the scheme activated, then the entered values and
 * runs in date order, each run started, computed and published by lib/assessments.
 */
export async function writeAssessments(
  tx: Tx,
  plan: AssessmentPlan,
  ids: { countyId: Map<string, number>; adminId: number },
): Promise<void> {
  const itemId = new Map<string, number>();
  for (const year of plan.years) {
    const scheme = await tx.assessmentScheme.create({
      data: {
        year,
        name: `${year}年度县（市、区）美丽城镇建设绩效考核方案`,
        nameEn: `${year} county performance assessment scheme`,
        tieBreakers: ASSESSMENT_GRADING.tieBreakers,
        excellentShare: ASSESSMENT_GRADING.excellentShare,
        excellentRounding: ASSESSMENT_GRADING.excellentRounding,
        goodMinPoints: ASSESSMENT_GRADING.goodMinPoints,
        passMinPoints: ASSESSMENT_GRADING.passMinPoints,
        sourceNote: ASSESSMENT_SOURCE_NOTE,
        createdAt: shanghaiTime(calendarDate(year, 3, 1), 10),
        updatedAt: shanghaiTime(calendarDate(year, 3, 1), 10),
        items: {
          createMany: {
            data: ASSESSMENT_ITEMS.map((item, i) => ({
              ...item,
              kind: item.metric ? ("COMPUTED" as const) : ("ENTERED" as const),
              sourceNote: ASSESSMENT_SOURCE_NOTE,
              sortOrder: (i + 1) * 10,
            })),
          },
        },
      },
      include: { items: { select: { id: true, code: true, metric: true } } },
    });
    for (const item of scheme.items) itemId.set(`${year}|${item.code}`, item.id);

    // Targets: the draw near each county's value on the day the year is (first) assessed; the
    // open year's percentages are year-end plans (its titles are only awarded in late December).
    const firstRun = plan.runs.find((r) => r.year === year);
    const targets = await demoTargets(
      tx,
      year,
      scheme.items,
      firstRun?.computedAt ?? plan.now,
      year === plan.openYear,
    );
    await tx.assessmentTarget.createMany({
      data: targets.map((t) => ({
        itemId: t.itemId,
        countyId: ids.countyId.get(t.countyCode)!,
        targetValue: t.value,
      })),
    });
    await tx.assessmentScheme.update({ where: { id: scheme.id }, data: { status: "ACTIVE" } });
  }

  // Entered values and runs in date order.
  const events = [
    ...plan.entries.map((e) => ({ at: e.at, entry: e })),
    ...plan.runs.map((r) => ({ at: r.startedAt, run: r })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const event of events) {
    if ("entry" in event && event.entry) {
      await writeEntries(tx, [event.entry], itemId, ids.countyId, ids.adminId);
      continue;
    }
    const r = (event as { run: PlanRun }).run;
    const started = await startRunInternal(tx, r.year, { reason: r.reason, now: r.startedAt });
    const { revision } = await computeRunInternal(tx, started, {
      now: r.computedAt,
      actorId: ids.adminId,
    });
    if (r.publishedAt) {
      await publishRunInternal(
        tx,
        { ...started, status: "COMPUTED", revision },
        { now: r.publishedAt, actorId: ids.adminId },
      );
    }
  }
}
