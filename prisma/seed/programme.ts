/**
 * Builds the demo programme in memory (no I/O) from 2020 to the demo's today: creation tasks,
 * indicator targets, projects, progress reports with indicator values and project progress,
 * reviews, and a few placeholder evidence files. Rows are keyed by stable codes; seed/write.ts
 * turns the keys into ids. Every value comes from seed/random.ts and the clock's date, so the
 * same date gives the same data.
 *
 * Rules the data keeps (and prisma/seed.test.ts checks): the published figures hold for 2022;
 * percentages 0–100; stock values never fall; project investment completed ≤ planned and in
 * step with percent and status; a report's status and history follow its timeline
 * (seed/lifecycle.ts) up to the demo's now; closed years are fully confirmed.
 */
import type {
  CreationTarget,
  Dimension,
  ProjectStatus,
  ReportStatus,
  ReviewDecision,
  TaskStatus,
  Track,
} from "@/lib/generated/prisma/enums";
import { indicatorApplies } from "@/lib/domain/indicators";
import { ADMIN_USERNAME, reviewerUsername, staffUsername } from "./accounts";
import { INDICATORS, quarterPeriods, type IndicatorSeed, type PeriodSeed } from "./catalogue";
import type { DemoClock } from "./clock";
import { RENEWING_2022, type TownProfile } from "./divisions";
import { PUBLISHED_FIGURES } from "./figures";
import { addDays, calendarDate, hundredths, shanghaiTime, tenths } from "./format";
import { reportTimeline, statusAt } from "./lifecycle";
import { allocate, pick, rand, randInt } from "./random";
import { planTowns, type PlanTown } from "./trajectories";
import {
  ANCHOR_YEAR,
  allocateFigures,
  isTenths,
  modelFor,
  valueAt,
  type ValueModel,
} from "./values";

export type { PlanTown } from "./trajectories";

// ───────────────────────────── plan row types ─────────────────────────────

export type PlanTask = {
  key: string;
  townCode: string;
  year: number;
  target: CreationTarget;
  track: Track;
  status: TaskStatus;
  deadline: Date;
  developmentIndex: string | null;
  beautyIndex: string | null;
  createdAt: Date;
  /** Closed years: when the task was closed at year end. */
  updatedAt: Date;
};

export type PlanProject = {
  key: string;
  taskKey: string;
  code: string;
  name: string;
  dimension: Dimension;
  status: ProjectStatus;
  plannedCents: number;
  completedCents: number;
  bondsCents: number;
  landHundredths: number;
  startsOn: Date;
  endsOn: Date;
  /** Progress per period (index 0 = Q1): percent (integer) and cents completed. */
  quarters: { percent: number; completedCents: number; status: ProjectStatus }[];
  landEligible: boolean;
};

export type PlanReport = {
  key: string;
  taskKey: string;
  townCode: string;
  year: number;
  periodIndex: number;
  status: ReportStatus;
  narrative: string | null;
  selfScore: string | null;
  version: number;
  submissionCount: number;
  submittedAt: Date | null;
  approvedAt: Date | null;
  confirmedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** The first submission (ProgressReport.firstSubmittedAt; on time by the due date). */
  firstSubmittedAt: Date | null;
};

export type PlanValue = {
  reportKey: string;
  indicatorCode: string;
  value: string | null;
  note: string | null;
};
export type PlanProjectProgress = {
  reportKey: string;
  projectKey: string;
  completedCents: number;
  percent: number;
  status: ProjectStatus;
  note: string | null;
};
export type PlanReview = {
  key: string;
  reportKey: string;
  reviewer: string;
  decision: ReviewDecision;
  comment: string;
  reportVersion: number;
  createdAt: Date;
  comments: { indicatorCode: string | null; projectKey: string | null; comment: string }[];
};
export type PlanEvidence = {
  reportKey: string;
  indicatorCode: string | null;
  projectKey: string | null;
  fileName: string;
  text: string;
  uploadedBy: string;
  createdAt: Date;
};
export type PlanTarget = { taskKey: string; indicatorCode: string; value: string; met: boolean };
export type PlanActionPlan = {
  townCode: string;
  title: string;
  startYear: number;
  endYear: number;
  approvedOn: Date;
  summary: string;
};

export type ProgrammePlan = {
  clock: DemoClock;
  towns: PlanTown[];
  actionPlans: PlanActionPlan[];
  tasks: PlanTask[];
  targets: PlanTarget[];
  projects: PlanProject[];
  reports: PlanReport[];
  values: PlanValue[];
  progress: PlanProjectProgress[];
  reviews: PlanReview[];
  evidence: PlanEvidence[];
};

const XIAKOU_WORKSHOP_NOTE = "含峡口镇湖羊养殖共富工坊（带动周边农户养殖湖羊、就近务工）";

const format = (model: ValueModel, value: number) =>
  isTenths(model) ? tenths(value) : String(value);

/** No demo moment is later than the clock's now (a step due later has not happened). */
const notAfter = (date: Date, now: Date) =>
  date > now ? new Date(now.getTime() - 3_600_000) : date;

// ───────────────────────────── targets, projects ─────────────────────────────

/**
 * The creation target of a town in a year, from its path: basic compliance until reached (or
 * the sample directly), the sample in the year it is earned (and the year before), renewal for
 * a sample two, five, … years after its award (the 7 published renewals in 2022), continued
 * deepening otherwise; a town whose title was stripped aims at the sample again.
 */
function targetFor(town: PlanTown, year: number): CreationTarget {
  const { basicYear: b, sampleYear: s } = town;
  if (town.strippedOn && Number(town.strippedOn.slice(0, 4)) <= year) return "PROVINCIAL_SAMPLE";
  if (s !== null && year > s) {
    if (year === ANCHOR_YEAR)
      return RENEWING_2022.includes(town.name) ? "SAMPLE_RENEWAL" : "DEEPENING";
    return year > ANCHOR_YEAR && (year - s) % 3 === 2 ? "SAMPLE_RENEWAL" : "DEEPENING";
  }
  if (s !== null && year >= s - 1 && (b === null || year >= b || s === b))
    return "PROVINCIAL_SAMPLE";
  if (b !== null && year >= b) return "DEEPENING";
  return s !== null && s === b ? "PROVINCIAL_SAMPLE" : "BASIC_COMPLIANCE";
}

type ProjectTemplate = { name: string; dimension: Dimension; land?: boolean };

const PROJECT_TEMPLATES: readonly ProjectTemplate[] = [
  { name: "集镇污水零直排区提升工程", dimension: "ENVIRONMENT" },
  { name: "主街立面改造及管线上改下工程", dimension: "ENVIRONMENT" },
  { name: "生态绿道建设工程", dimension: "ENVIRONMENT" },
  { name: "夜间景观亮化工程", dimension: "ENVIRONMENT" },
  { name: "城镇公共停车场建设工程", dimension: "ENVIRONMENT" },
  { name: "垃圾分类收运体系提升工程", dimension: "ENVIRONMENT" },
  { name: "南孔书屋建设项目", dimension: "LIVING" },
  { name: "集成式邻里中心建设项目", dimension: "LIVING" },
  { name: "示范型居家养老服务中心改造项目", dimension: "LIVING" },
  { name: "百姓健身房建设项目", dimension: "LIVING" },
  { name: "卫生院提升改造工程", dimension: "LIVING" },
  { name: "老旧小区改造工程", dimension: "LIVING" },
  { name: "共富工坊建设项目", dimension: "INDUSTRY" },
  { name: "农产品加工产业园建设项目", dimension: "INDUSTRY", land: true },
  { name: "特色农业园区提升工程", dimension: "INDUSTRY", land: true },
  { name: "小微企业园建设项目", dimension: "INDUSTRY", land: true },
  { name: "乡村旅游服务中心建设项目", dimension: "INDUSTRY" },
  { name: "历史文化街区保护修缮工程", dimension: "CULTURE" },
  { name: "农村文化礼堂提升工程", dimension: "CULTURE" },
  { name: "小镇客厅建设项目", dimension: "CULTURE" },
  { name: "传统村落保护利用工程", dimension: "CULTURE" },
  { name: "基层治理四平台数字化提升项目", dimension: "GOVERNANCE" },
  { name: "智慧城管视频监控系统建设项目", dimension: "GOVERNANCE" },
  { name: "便民服务中心改造项目", dimension: "GOVERNANCE" },
  { name: "全域土地综合整治与生态修复工程", dimension: "INTEGRATION", land: true },
  { name: "城乡公交一体化站点建设项目", dimension: "INTEGRATION" },
  { name: "闲置农房盘活利用项目", dimension: "INTEGRATION", land: true },
  { name: "城乡供水一体化工程", dimension: "INTEGRATION" },
];

/** Projects that the press names (or the demo wants visible), by town and year. */
const SIGNATURE_PROJECTS: Record<string, ProjectTemplate & { fullName: string }> = {
  "峡口镇|2022": {
    fullName: "峡口镇湖羊养殖共富工坊",
    name: "湖羊养殖共富工坊",
    dimension: "INDUSTRY",
  },
  "峡口镇|2023": {
    fullName: "峡口镇湖羊养殖共富工坊二期（湖羊肉深加工）",
    name: "湖羊养殖共富工坊二期",
    dimension: "INDUSTRY",
  },
  "全旺镇|2021": {
    fullName: "全旺镇无人机巡检系统",
    name: "无人机巡检系统",
    dimension: "GOVERNANCE",
  },
  "全旺镇|2023": {
    fullName: "全旺镇无人机巡检系统扩面提升项目",
    name: "无人机巡检系统扩面",
    dimension: "GOVERNANCE",
  },
  "溪口镇|2020": { fullName: "溪口老街有机更新工程", name: "老街有机更新", dimension: "CULTURE" },
};

const PHASES = ["", "（二期）", "（三期）", "（四期）"];
const LN80 = Math.log(80);
const LN9000 = Math.log(9000);
const PROJECT_QUARTERS_CLOSED = [0.15, 0.4, 0.7, 1];
const PROJECT_QUARTERS_OPEN = [0.2, 0.45, 0.75, 1];

function projectStatus(percent: number, suspended: boolean): ProjectStatus {
  if (suspended) return "SUSPENDED";
  if (percent <= 0) return "PLANNED";
  return percent >= 100 ? "COMPLETED" : "IN_PROGRESS";
}

function buildProjects(
  town: PlanTown,
  task: PlanTask,
  used: Map<string, number>,
  open: boolean,
): PlanProject[] {
  const k = `${town.code}|${task.year}`;
  const strong = town.sampleYear !== null || town.isCountySeat;
  const count =
    town.basicYear === null ? 2 : strong ? randInt(`${k}|n`, 3, 5) : randInt(`${k}|n`, 2, 4);
  const chosen: (ProjectTemplate & { fullName?: string })[] = [];
  const signature = SIGNATURE_PROJECTS[`${town.name}|${task.year}`];
  if (signature) chosen.push(signature);
  for (let attempt = 0; chosen.length < count; attempt++) {
    const template = pick(`${k}|t${attempt}`, PROJECT_TEMPLATES);
    if (!chosen.some((c) => c.name === template.name)) chosen.push(template);
  }
  return chosen.map((template, i) => {
    const pk = `${k}|P${i + 1}`;
    const phase = used.get(template.name) ?? 0;
    used.set(template.name, phase + 1);
    const name =
      template.fullName ??
      `${town.name}${template.name}${PHASES[Math.min(phase, PHASES.length - 1)]}`;
    const size = Math.min(
      1,
      Math.max(
        0,
        0.85 * rand(`${pk}|size`) + 0.3 * town.quality - 0.12 + (town.isCountySeat ? 0.12 : 0),
      ),
    );
    const plannedWan = Math.min(
      9000,
      Math.max(80, Math.round(Math.exp(LN80 + (LN9000 - LN80) * size) / 10) * 10),
    );
    const plannedCents = plannedWan * 100;
    const r = rand(`${pk}|progress`);
    const suspended = r > (open ? 0.97 : 0.96);
    let final: number;
    if (suspended) final = randInt(`${pk}|pct`, 15, 45);
    else if (r < (open ? 0.45 : 0.72)) final = 100;
    else final = randInt(`${pk}|pct`, open ? 55 : 60, 95);
    const curve = open ? PROJECT_QUARTERS_OPEN : PROJECT_QUARTERS_CLOSED;
    const quarters = curve.map((fraction, qi) => {
      // A suspended project stops at the end of Q2 and reports SUSPENDED from Q3.
      const percent = suspended
        ? qi === 0
          ? Math.floor(final * 0.5)
          : final
        : Math.floor(final * fraction + 1e-9);
      return {
        percent,
        completedCents: Math.floor((plannedCents * percent) / 100),
        status: projectStatus(percent, suspended && qi >= 2),
      };
    });
    const bonds =
      plannedWan >= 1500 && rand(`${pk}|bond`) < 0.35
        ? Math.floor((plannedWan * (0.3 + 0.3 * rand(`${pk}|bondShare`))) / 10) * 10 * 100
        : 0;
    const startsOn = calendarDate(task.year, randInt(`${pk}|sm`, 1, 4), randInt(`${pk}|sd`, 1, 28));
    const endsOn =
      final >= 100
        ? calendarDate(task.year, randInt(`${pk}|em`, 10, 12), randInt(`${pk}|ed`, 1, 28))
        : calendarDate(task.year + 1, randInt(`${pk}|em`, 3, 9), 28);
    return {
      key: `${task.key}|P${String(i + 1).padStart(2, "0")}`,
      taskKey: task.key,
      code: `P${String(i + 1).padStart(2, "0")}`,
      name,
      dimension: template.dimension,
      status: "PLANNED",
      plannedCents,
      completedCents: 0,
      bondsCents: bonds,
      landHundredths: 0,
      startsOn,
      endsOn,
      quarters,
      landEligible: template.land === true,
    } satisfies PlanProject;
  });
}

// ───────────────────────────── reports and reviews ─────────────────────────────

const TARGET_ZH: Record<CreationTarget, string> = {
  BASIC_COMPLIANCE: "基本达标",
  PROVINCIAL_SAMPLE: "省级样板",
  SAMPLE_RENEWAL: "省级样板续创",
  DEEPENING: "持续深化",
};

const RETURN_REASONS = [
  (name: string) => `${name}数值与台账不一致，请核实后重新填报`,
  (name: string) => `${name}缺少佐证材料（现场照片或验收文件），请补充上传`,
  (name: string) => `${name}较上期变化较大，请在说明中写明原因`,
];

const wan = (cents: number) => hundredths(cents);

function narrativeFor(
  town: PlanTown,
  task: PlanTask,
  periodName: string,
  projects: PlanProject[],
  quarter: number,
): string {
  const done = projects.reduce((sum, p) => sum + p.quarters[quarter - 1]!.completedCents, 0);
  const planned = projects.reduce((sum, p) => sum + p.plannedCents, 0);
  const share = planned > 0 ? Math.floor((done * 100) / planned) : 0;
  const finished = projects.filter((p) => p.quarters[quarter - 1]!.status === "COMPLETED");
  const lead = [...projects].sort((a, b) => b.plannedCents - a.plannedCents)[0]!;
  const highlight =
    finished.length > 0
      ? `${finished.map((p) => p.name).join("、")}已完工。`
      : `重点推进${lead.name}，形象进度${lead.quarters[quarter - 1]!.percent}%。`;
  return `${periodName}，${town.name}围绕“${TARGET_ZH[task.target]}”年度目标，推进建设项目${projects.length}个，累计完成投资${wan(done)}万元，占年度计划投资的${share}%。${highlight}`;
}

// ───────────────────────────── the builder ─────────────────────────────

/** Builds the whole programme from 2020 to the clock's today. Pure and deterministic. */
export function buildProgramme(profiles: TownProfile[], clock: DemoClock): ProgrammePlan {
  const towns = planTowns(profiles, clock);
  const figures = allocateFigures(towns);
  const plan: ProgrammePlan = {
    clock,
    towns,
    actionPlans: [],
    tasks: [],
    targets: [],
    projects: [],
    reports: [],
    values: [],
    progress: [],
    reviews: [],
    evidence: [],
  };
  const now = clock.now;
  const periodsOf = new Map<number, PeriodSeed[]>();
  for (let year = 2020; year <= clock.year; year++) periodsOf.set(year, quarterPeriods(year));

  for (const town of towns) {
    if (town.joinYear === null) continue;
    const models = new Map<string, { indicator: IndicatorSeed; model: ValueModel }>();
    for (const indicator of INDICATORS) {
      if (indicatorApplies(indicator, town.townType)) {
        models.set(indicator.code, { indicator, model: modelFor(town, indicator.code, figures) });
      }
    }
    const usedTemplates = new Map<string, number>();
    const reviewer = reviewerUsername(town.countyCode);

    for (let year = town.joinYear; year <= clock.year; year++) {
      const open = year === clock.year;
      const tk = `${town.code}|${year}`;
      const ri = (suffix: string) => rand(`${tk}|${suffix}`);
      const taskCreatedAt = notAfter(
        shanghaiTime(calendarDate(year, 1, randInt(`${tk}|created`, 5, 20)), 10),
        now,
      );
      const task: PlanTask = {
        key: tk,
        townCode: town.code,
        year,
        target: targetFor(town, year),
        track: town.isCountySeat && year >= 2022 ? "COUNTY_SEAT" : "STANDARD",
        status: open ? "PUBLISHED" : "CLOSED",
        deadline: calendarDate(year, 12, 31),
        developmentIndex: open
          ? null
          : hundredths(
              Math.round(
                (55 + 30 * town.quality + 3 * Math.min(6, year - 2020) + 4 * ri("dev")) * 100,
              ),
            ),
        beautyIndex: open
          ? null
          : hundredths(
              Math.round(
                (58 + 28 * town.quality + 2.5 * Math.min(6, year - 2020) + 4 * ri("beauty")) * 100,
              ),
            ),
        createdAt: taskCreatedAt,
        updatedAt: open
          ? taskCreatedAt
          : notAfter(shanghaiTime(calendarDate(year + 1, 1, 20), 10), now),
      };
      plan.tasks.push(task);

      // Indicator targets: the year-end value, now and then a notch above it (not met).
      for (const [code, { indicator, model }] of models) {
        const yearEnd = valueAt(model, year, 4);
        const r = ri(`target|${code}`);
        let target: number;
        if (indicator.kind === "SATISFACTION") target = 900;
        else if (model.kind === "flow") target = Math.floor(yearEnd * (0.9 + 0.15 * r));
        else if (model.kind === "flag") target = yearEnd === 0 && r < 0.1 ? 1 : yearEnd;
        else if (indicator.valueType === "PERCENT")
          target = r < 0.15 ? Math.min(1000, yearEnd + 15) : yearEnd - (yearEnd % 10);
        else target = yearEnd + (r < 0.12 ? (model.tenths ? 10 : 1) : 0);
        plan.targets.push({
          taskKey: tk,
          indicatorCode: code,
          value: format(model, target),
          met: yearEnd >= target,
        });
      }

      const projects = buildProjects(town, task, usedTemplates, open);
      plan.projects.push(...projects);

      for (const period of periodsOf.get(year)!) {
        const quarter = period.index;
        const rk = `${tk}|Q${quarter}`;
        const timeline = reportTimeline(rk, period, open ? 0.3 : 0.04);
        const current = statusAt(timeline, now);
        // A closed year's reports are all confirmed (its last steps may fall in early January).
        const status: ReportStatus | null = open ? current : "CITY_CONFIRMED";
        if (status === null) continue;
        const at = (date: Date) => notAfter(date, now);
        const report: PlanReport = {
          key: rk,
          taskKey: tk,
          townCode: town.code,
          year,
          periodIndex: quarter,
          status,
          narrative: narrativeFor(town, task, period.name, projects, quarter),
          selfScore: tenths(
            600 +
              Math.floor(350 * town.quality * (0.8 + 0.05 * quarter)) +
              randInt(`${rk}|self`, 0, 20),
          ),
          version: 1,
          submissionCount: 0,
          submittedAt: null,
          approvedAt: null,
          confirmedAt: null,
          createdAt: at(timeline.createdAt),
          updatedAt: at(timeline.createdAt),
          firstSubmittedAt: null,
        };
        const reviews: PlanReview[] = [];
        const review = (
          decision: ReviewDecision,
          reviewerName: string,
          version: number,
          moment: Date,
          comment: string,
        ) => {
          const rv: PlanReview = {
            key: `${rk}|R${reviews.length + 1}`,
            reportKey: rk,
            reviewer: reviewerName,
            decision,
            comment,
            reportVersion: version,
            createdAt: at(moment),
            comments: [],
          };
          reviews.push(rv);
          return rv;
        };
        const returnComments = (rv: PlanReview, n: number) => {
          const codes = [...models.keys()].sort(
            (a, b) => rand(`${rk}|rc|${a}`) - rand(`${rk}|rc|${b}`),
          );
          for (let i = 0; i < n; i++) {
            const { indicator } = models.get(codes[i]!)!;
            rv.comments.push({
              indicatorCode: indicator.code,
              projectKey: null,
              comment: pick(`${rk}|reason|${i}`, RETURN_REASONS)(indicator.name),
            });
          }
          if (rand(`${rk}|projectComment`) < 0.5 && projects.length > 0) {
            const project = pick(`${rk}|rp`, projects);
            rv.comments.push({
              indicatorCode: null,
              projectKey: project.key,
              comment: `${project.name}完成投资与形象进度不匹配，请核实`,
            });
          }
        };

        if (status === "DRAFT") {
          report.version = 1 + randInt(`${rk}|edits`, 0, 2);
          report.updatedAt = at(addDays(timeline.createdAt, randInt(`${rk}|du`, 1, 6)));
          if (rand(`${rk}|narrative`) < 0.5) report.narrative = null;
        } else {
          let version = 2; // saved (1), then submitted (2)
          report.submissionCount = 1;
          report.submittedAt = at(timeline.firstSubmitAt);
          report.firstSubmittedAt = report.submittedAt;
          let last = timeline.firstSubmitAt;
          const returned = timeline.returnedAt && timeline.resubmitAt && timeline.returnedAt <= now;
          if (returned) {
            returnComments(
              review(
                "RETURN",
                reviewer,
                version,
                timeline.returnedAt!,
                "部分指标需核实或补充佐证材料，请修改后重新提交。",
              ),
              1 + randInt(`${rk}|nc`, 0, 2),
            );
            version += 1;
            last = timeline.returnedAt!;
            if (status !== "RETURNED") {
              version += 2; // saved, resubmitted
              report.submissionCount = 2;
              report.submittedAt = at(timeline.resubmitAt!);
              last = timeline.resubmitAt!;
            }
          }
          if (status === "COUNTY_APPROVED" || status === "CITY_CONFIRMED") {
            review(
              "APPROVE",
              reviewer,
              version,
              timeline.approvedAt,
              "经县美镇办初审，数据与台账相符，同意报市级审核。",
            );
            version += 1;
            report.approvedAt = at(timeline.approvedAt);
            last = timeline.approvedAt;
          }
          if (status === "CITY_CONFIRMED") {
            review("CONFIRM", ADMIN_USERNAME, version, timeline.confirmedAt, "市美镇办审核通过。");
            version += 1;
            report.confirmedAt = at(timeline.confirmedAt);
            last = timeline.confirmedAt;
          }
          report.version = version;
          report.updatedAt = at(last);
        }
        plan.reports.push(report);
        plan.reviews.push(...reviews);

        // Indicator values; a draft still misses a few (NULL = not filled, never 0).
        const missing = new Set<string>();
        if (status === "DRAFT") {
          const candidates = [...models.keys()].sort(
            (a, b) => rand(`${rk}|miss|${a}`) - rand(`${rk}|miss|${b}`),
          );
          for (const code of candidates.slice(0, randInt(`${rk}|nmiss`, 2, 4))) missing.add(code);
        }
        for (const [code, { model }] of models) {
          const value = valueAt(model, year, quarter);
          plan.values.push({
            reportKey: rk,
            indicatorCode: code,
            value: missing.has(code) ? null : format(model, value),
            note:
              code === "commonProsperityWorkshops" && town.name === "峡口镇" && value >= 1
                ? XIAKOU_WORKSHOP_NOTE
                : null,
          });
        }
        for (const project of projects) {
          const q = project.quarters[quarter - 1]!;
          plan.progress.push({
            reportKey: rk,
            projectKey: project.key,
            completedCents: q.completedCents,
            percent: q.percent,
            status: q.status,
            note: q.status === "SUSPENDED" ? "受用地报批影响暂缓实施" : null,
          });
        }
      }

      // A project's own completed figures are those of its latest city-confirmed report.
      const confirmed = plan.reports.filter(
        (r) => r.taskKey === tk && r.status === "CITY_CONFIRMED",
      );
      const latest = Math.max(0, ...confirmed.map((r) => r.periodIndex));
      for (const project of projects) {
        const q = latest > 0 ? project.quarters[latest - 1]! : null;
        project.completedCents = q?.completedCents ?? 0;
        project.status = q?.status ?? "PLANNED";
      }
    }
  }

  assignLand(plan);
  plan.actionPlans = buildActionPlans(plan);
  plan.evidence = buildEvidence(plan);
  return plan;
}

/**
 * Land supplied (亩): the published total split over the land-consolidation, park and idle-housing
 * projects of 2020–2022, then about 400 亩 a year over those of later years.
 */
function assignLand(plan: ProgrammePlan): void {
  const eligible = plan.projects.filter((p) => p.landEligible);
  const yearOf = new Map(plan.tasks.map((t) => [t.key, t.year]));
  const weight = (p: PlanProject) =>
    (0.5 + rand(`${p.key}|land`)) * Math.sqrt(p.plannedCents / 100_000);
  const byYear = new Map<number, PlanProject[]>();
  for (const project of eligible) {
    const year = Math.max(ANCHOR_YEAR, yearOf.get(project.taskKey)!);
    byYear.set(year, [...(byYear.get(year) ?? []), project]);
  }
  for (const [year, projects] of byYear) {
    const total =
      year === ANCHOR_YEAR
        ? Math.round(Number(PUBLISHED_FIGURES.landSuppliedMu) * 100)
        : 30_000 + Math.floor(20_000 * rand(`land|${year}`));
    const shares = allocate(
      total,
      projects.map((p) => ({ weight: weight(p) })),
    );
    projects.forEach((project, i) => {
      project.landHundredths = shares[i]!;
    });
  }
}

function buildActionPlans(plan: ProgrammePlan): PlanActionPlan[] {
  return plan.towns
    .filter((t) => t.joinYear !== null)
    .map((town) => {
      const startYear = town.joinYear!;
      const endYear = startYear + 2;
      const tasks = new Set(
        plan.tasks
          .filter((t) => t.townCode === town.code && t.year >= startYear && t.year <= endYear)
          .map((t) => t.key),
      );
      const projects = plan.projects.filter((p) => tasks.has(p.taskKey));
      const total = projects.reduce((sum, p) => sum + p.plannedCents, 0);
      const approvedOn = calendarDate(
        startYear,
        startYear === 2020 ? 9 : 4,
        randInt(`${town.code}|plan`, 8, 25),
      );
      return {
        townCode: town.code,
        title: `${town.name}美丽城镇建设行动方案（${startYear}—${endYear}年）`,
        startYear,
        endYear,
        approvedOn,
        summary: `围绕“五美”和城乡融合目标，谋划建设项目${projects.length}个，计划总投资${wan(total)}万元（演示数据）。`,
      };
    });
}

/** A handful of tiny placeholder evidence files on the named towns' latest submitted reports. */
function buildEvidence(plan: ProgrammePlan): PlanEvidence[] {
  const townByName = new Map(plan.towns.map((t) => [t.name, t]));
  const items: { town: string; indicator?: string; project?: string; file: string }[] = [
    { town: "溪口镇", indicator: "nankongReadingRooms", file: "溪口镇南孔书屋现场照片说明.txt" },
    { town: "白石镇", indicator: "fifteenMinuteCircle", file: "白石镇15分钟生活圈设施清单.txt" },
    {
      town: "峡口镇",
      indicator: "commonProsperityWorkshops",
      file: "峡口镇湖羊养殖共富工坊台账.txt",
    },
    { town: "全旺镇", project: "无人机巡检系统", file: "全旺镇无人机巡检系统验收报告.txt" },
    { town: "府山街道", indicator: "neighbourhoodCentres", file: "府山街道邻里中心运营情况.txt" },
    {
      town: "龙洲街道",
      indicator: "elderlyCareCentres",
      file: "龙洲街道居家养老服务中心照片说明.txt",
    },
  ];
  return items.flatMap((item) => {
    const town = townByName.get(item.town)!;
    const projectTask = item.project
      ? plan.projects.find(
          (p) => p.taskKey.startsWith(`${town.code}|`) && p.name.includes(item.project!),
        )?.taskKey
      : undefined;
    const report = plan.reports
      .filter(
        (r) =>
          r.townCode === town.code &&
          r.submittedAt !== null &&
          (projectTask === undefined || r.taskKey === projectTask),
      )
      .sort((a, b) => b.year - a.year || b.periodIndex - a.periodIndex)[0];
    if (!report) throw new Error(`evidence: no submitted report of ${item.town}`);
    const project = item.project
      ? plan.projects.find((p) => p.taskKey === report.taskKey && p.name.includes(item.project!))
      : undefined;
    if (item.project && !project) throw new Error(`evidence: no project ${item.project}`);
    return [
      {
        reportKey: report.key,
        indicatorCode: item.indicator ?? null,
        projectKey: project?.key ?? null,
        fileName: item.file,
        text: `演示佐证材料（占位文件）：${item.file.replace(/\.txt$/, "")}。本文件仅用于演示，不含真实内容。\n`,
        uploadedBy: staffUsername(town.code),
        createdAt: new Date(report.submittedAt!.getTime() - 3_600_000),
      },
    ];
  });
}
