/**
 * Builds the demo programme in memory (no I/O): creation tasks 2020–2023, indicator targets,
 * projects, quarterly progress reports with indicator values and project progress, reviews,
 * and a few placeholder evidence files. Rows are keyed by stable codes; seed/write.ts turns
 * the keys into ids. Every value comes from seed/random.ts, so the result never changes.
 *
 * Rules the data keeps (and prisma/seed.test.ts checks): percentages 0–100; stock values
 * (facilities, workshops, jobs) never fall and are equal in 2023 Q3 and Q4; project
 * investment completed ≤ planned and in step with percent and status. Titles are awarded
 * (seed/titles.ts) at the end of the year the town first reached the level.
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
import {
  INDICATORS,
  OPEN_YEAR,
  YEARS,
  quarterPeriods,
  type IndicatorSeed,
  type PeriodSeed,
} from "./catalogue";
import { RENEWING_2023, type TownProfile } from "./divisions";
import { PUBLISHED_FIGURES } from "./figures";
import { addDays, calendarDate, hundredths, shanghaiTime, tenths } from "./format";
import { allocate, pick, rand, randInt } from "./random";

// ───────────────────────────── plan row types ─────────────────────────────

export type PlanTown = TownProfile & {
  inProgramme: boolean;
  /** 0–1: how strong the town is; drives sizes and scores. */
  quality: number;
};

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
  /** Closed years: when the designation was set at year end. */
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
  /** Progress per quarter (index 0 = Q1): percent (integer) and cents completed. */
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
  /** First submission no later than the period's due date (for the on-time assessment item). */
  onTime: boolean;
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

// ───────────────────────────── who is where (demo choices) ─────────────────────────────

/** Towns with a Nankong reading room by 2023: the samples and county seats, with swaps. */
function hasReadingRoom(town: PlanTown): boolean {
  if (["大陈乡", "沐尘畲族乡"].includes(town.name)) return false;
  if (["小南海镇", "招贤镇"].includes(town.name)) return true;
  return town.sampleYear !== null || town.isCountySeat;
}

/** Towns with a 15-minute living circle by 2023 Q3: the county seats and five large samples. */
const FIFTEEN_MINUTE_EXTRA = ["湖镇镇", "华埠镇", "杜泽镇", "溪口镇", "白石镇"];
const XIAKOU_WORKSHOP_NOTE = "含峡口镇湖羊养殖共富工坊（带动周边农户养殖湖羊、就近务工）";

/** Share of each stock's 2020→2023 growth reached at the end of each year (2020..2023). */
type YearFractions = readonly [number, number, number, number];
/** Share of a year's change reached at the end of each quarter; 2023 has Q3 = Q4 for stocks. */
const STOCK_QUARTERS_CLOSED = [0.25, 0.5, 0.75, 1];
const STOCK_QUARTERS_OPEN = [0.4, 0.75, 1, 1];
const FLOW_QUARTERS = [0.22, 0.47, 0.73, 1];
const PERCENT_YEARS: YearFractions = [0.45, 0.7, 0.88, 1];

/**
 * How an indicator's value moves over time for one town. Values are integers in the
 * indicator's smallest unit: counts as is, DECIMAL and PERCENT in tenths.
 * stock: grows from `base` (before 2020) to `final` (2023 Q3), never falls.
 * flow: a year-to-date figure that restarts each year. flag: 0 until `from`, then 1.
 */
type ValueModel =
  | { kind: "stock"; base: number; final: number; years: YearFractions; tenths: boolean }
  | { kind: "flow"; annual: (year: number) => number; tenths: boolean }
  | { kind: "flag"; from: { year: number; quarter: number } | null };

function stockAt(
  model: { base: number; final: number; years: YearFractions },
  year: number,
  quarter: number,
): number {
  const yearEnd = (y: number) =>
    y < 2020 ? model.base : model.base + (model.final - model.base) * model.years[y - 2020]!;
  const start = yearEnd(year - 1);
  const end = yearEnd(year);
  const fraction = (year === OPEN_YEAR ? STOCK_QUARTERS_OPEN : STOCK_QUARTERS_CLOSED)[quarter - 1]!;
  return Math.floor(start + (end - start) * fraction + 1e-9);
}

/** The value (integer in the model's unit) of a model at the end of a quarter. */
function valueAt(model: ValueModel, year: number, quarter: number): number {
  if (model.kind === "stock") return stockAt(model, year, quarter);
  if (model.kind === "flow")
    return Math.floor(model.annual(year) * FLOW_QUARTERS[quarter - 1]! + 1e-9);
  if (!model.from) return 0;
  return year > model.from.year || (year === model.from.year && quarter >= model.from.quarter)
    ? 1
    : 0;
}

const GROWTH = [1, 1.08, 1.18, 1.26];
const growth = (year: number) => GROWTH[year - 2020]!;

type Figures = {
  readingRooms: Map<string, number>;
  workshops: Map<string, number>;
  jobs: Map<string, number>;
};

/** Allocates the figure indicators so the city totals equal the published figures exactly. */
function allocateFigures(towns: PlanTown[]): Figures {
  const members = towns.filter((t) => t.inProgramme);
  const readingRooms = new Map<string, number>();
  for (const town of members) {
    if (!hasReadingRoom(town)) continue;
    readingRooms.set(
      town.code,
      1 + (rand(`${town.code}|nankong`) < 0.35 ? 1 : 0) + (town.isCountySeat ? 1 : 0),
    );
  }
  const tier = (t: PlanTown) =>
    t.sampleYear ? 0 : t.isCountySeat ? 1 : t.basicYear === 2020 ? 2 : t.basicYear ? 3 : 4;
  const workshopWeights = [3.2, 3, 2.6, 2.2, 1];
  const jobWeights = [520, 480, 300, 260, 120];
  const workshops = allocate(
    PUBLISHED_FIGURES.commonProsperityWorkshops,
    members.map((t) => ({
      weight: workshopWeights[tier(t)]! * (0.7 + 0.6 * rand(`${t.code}|workshops`)),
      min: t.name === "峡口镇" ? 3 : 1,
    })),
  );
  const jobs = allocate(
    PUBLISHED_FIGURES.localJobsCreated,
    members.map((t) => ({
      weight: jobWeights[tier(t)]! * (0.6 + 0.8 * rand(`${t.code}|jobs`)),
      min: 30,
    })),
  );
  return {
    readingRooms,
    workshops: new Map(members.map((t, i) => [t.code, workshops[i]!])),
    jobs: new Map(members.map((t, i) => [t.code, jobs[i]!])),
  };
}

const FLAG_FROM = [
  { year: 2020, quarter: 3 },
  { year: 2021, quarter: 2 },
  { year: 2021, quarter: 4 },
  { year: 2022, quarter: 2 },
  { year: 2022, quarter: 4 },
  { year: 2023, quarter: 1 },
  { year: 2023, quarter: 3 },
];

/** The value model of one indicator for one town. */
function modelFor(town: PlanTown, code: string, figures: Figures): ValueModel {
  const k = `${town.code}|${code}`;
  const r1 = rand(`${k}|a`);
  const r2 = rand(`${k}|b`);
  const q = town.quality;
  const mix = 0.5 * q + 0.5 * r1;
  const seat = town.isCountySeat;
  const percent = (final: number, drop: number): ValueModel => ({
    kind: "stock",
    final,
    base: Math.max(0, final - drop),
    years: PERCENT_YEARS,
    tenths: true,
  });
  const count = (
    final: number,
    base: number,
    years: YearFractions,
    inTenths = false,
  ): ValueModel => ({
    kind: "stock",
    final,
    base,
    years,
    tenths: inTenths,
  });
  const flow = (
    annual: number,
    isTenths: boolean,
    curve: (year: number) => number = growth,
  ): ValueModel => ({
    kind: "flow",
    annual: (year) => annual * curve(year),
    tenths: isTenths,
  });
  switch (code) {
    case "sewageTreatmentRate":
      return percent(920 + Math.floor(75 * mix), 150 + Math.floor(100 * r2));
    case "garbageSortingCoverage":
      return percent(900 + Math.floor(100 * mix), 300 + Math.floor(150 * r2));
    case "greenwayKm": {
      const final = Math.round((2 + 16 * (0.4 * q + 0.6 * r1)) * (seat ? 1.5 : 1) * 10);
      return count(final, Math.floor(final * 0.3), [0.4, 0.65, 0.85, 1], true);
    }
    case "publicParkingSpaces": {
      const final = (60 + Math.floor(380 * mix)) * (seat ? 2 : 1);
      return count(final, Math.floor(final * 0.55), [0.3, 0.55, 0.8, 1]);
    }
    case "nightLandscape":
      return { kind: "flag", from: r1 < 0.45 + 0.5 * q ? pick(`${k}|from`, FLAG_FROM) : null };
    case "nankongReadingRooms":
      return count(figures.readingRooms.get(town.code) ?? 0, 0, [0, 0.4, 0.7, 1]);
    case "communityGyms":
      return count(
        r1 < 0.35 + 0.5 * q ? 1 + Math.floor(r2 * (1 + 2 * q)) : 0,
        0,
        [0.2, 0.5, 0.8, 1],
      );
    case "elderlyCareCentres":
      return count(seat ? 2 : r1 < 0.3 + 0.6 * q ? 1 : 0, 0, [0.3, 0.6, 0.9, 1]);
    case "neighbourhoodCentres":
      return count(seat ? 1 + (r1 < 0.5 ? 1 : 0) : r1 < q - 0.35 ? 1 : 0, 0, [0, 0.35, 0.7, 1]);
    case "fifteenMinuteCircle": {
      const has = seat || FIFTEEN_MINUTE_EXTRA.includes(town.name);
      const from = seat
        ? pick(`${k}|from`, [
            { year: 2022, quarter: 3 },
            { year: 2022, quarter: 4 },
            { year: 2023, quarter: 1 },
          ])
        : pick(`${k}|from`, [
            { year: 2023, quarter: 1 },
            { year: 2023, quarter: 2 },
            { year: 2023, quarter: 3 },
          ]);
      return { kind: "flag", from: has ? from : null };
    }
    case "familyDoctorCoverage":
      return percent(800 + Math.floor(180 * mix), 200 + Math.floor(80 * r2));
    case "commonProsperityWorkshops":
      return count(figures.workshops.get(town.code) ?? 0, 0, [0.15, 0.4, 0.7, 1]);
    case "localJobsCreated":
      return count(figures.jobs.get(town.code) ?? 0, 0, [0.2, 0.45, 0.72, 1]);
    case "industryInvestmentWan":
      return flow((600 + 5400 * r1 * (0.5 + q)) * 10, true);
    case "villageIncomeShare":
      return percent(500 + Math.floor(450 * mix), 350 + Math.floor(100 * r2));
    case "historicBuildingsRestored": {
      const final = 2 + Math.floor(10 * r1 * (town.townType === "TOURISM" ? 1.6 : 1));
      return count(final, Math.floor(final * 0.2), [0.35, 0.6, 0.85, 1]);
    }
    case "culturalAuditoriums": {
      const final = 4 + Math.floor(14 * r1);
      return count(final, Math.floor(final * 0.6), [0.4, 0.7, 0.9, 1]);
    }
    case "culturalEvents":
      return flow(12 + Math.floor(40 * r1 * (0.5 + q)), false);
    case "gridMembers": {
      const final = 20 + Math.floor(90 * r1) + (seat ? 60 : 0);
      return count(final, Math.floor(final * 0.85), [0.3, 0.6, 0.85, 1]);
    }
    case "onlineServiceRate":
      return percent(900 + Math.floor(95 * mix), 250 + Math.floor(100 * r2));
    case "disputeResolutionRate":
      return percent(950 + Math.floor(50 * mix), 60 + Math.floor(40 * r2));
    case "newArableLandMu":
      return flow((5 + 75 * r1) * 10, true);
    case "ruralTransitCoverage":
      return percent(850 + Math.floor(150 * mix), 200 + Math.floor(100 * r2));
    case "homesteadReformVillages":
      return count(Math.floor(6 * r1), 0, [0.2, 0.5, 0.8, 1]);
    case "touristVisitsWan":
      return flow((10 + 110 * r1 * (0.5 + q)) * 10, true, (y) => [0.8, 0.95, 1, 1.35][y - 2020]!);
    case "aScenicVillages": {
      const final = 2 + Math.floor(7 * r1);
      return count(final, Math.floor(final * 0.3), [0.4, 0.65, 0.85, 1]);
    }
    case "industrialOutputWan":
      return flow((30000 + 250000 * r1) * 10, true);
    case "marketTurnoverWan":
      return flow((6000 + 70000 * r1) * (seat ? 2 : 1) * 10, true);
    case "premiumFarmlandMu": {
      const final = Math.round((300 + 2500 * r1) * 10);
      return count(final, Math.floor(final * 0.5), [0.4, 0.65, 0.85, 1], true);
    }
    case "satisfactionEnvironment":
    case "satisfactionServices":
    case "satisfactionGovernance":
      return percent(880 + Math.floor(95 * (0.6 * q + 0.4 * r1)), 50 + Math.floor(40 * r2));
    default:
      throw new Error(`no value model for indicator ${code}`);
  }
}

const isTenths = (model: ValueModel) => model.kind !== "flag" && model.tenths;
const format = (model: ValueModel, value: number) =>
  isTenths(model) ? tenths(value) : String(value);

// ───────────────────────────── targets, projects ─────────────────────────────

/** The creation target of a town in a year, from its path through the programme. */
function targetFor(town: PlanTown, year: number): CreationTarget {
  const { basicYear: b, sampleYear: s } = town;
  if (s !== null && year > s) {
    return year === OPEN_YEAR && RENEWING_2023.includes(town.name) ? "SAMPLE_RENEWAL" : "DEEPENING";
  }
  if (s !== null && year === s) return "PROVINCIAL_SAMPLE";
  if (b !== null && year === b) return "BASIC_COMPLIANCE";
  if (b !== null && year > b) {
    if (s !== null) return "PROVINCIAL_SAMPLE";
    return year === OPEN_YEAR && (b === 2020 || town.isCountySeat)
      ? "PROVINCIAL_SAMPLE"
      : "DEEPENING";
  }
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

function buildProjects(town: PlanTown, task: PlanTask, used: Map<string, number>): PlanProject[] {
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
    const open = task.year === OPEN_YEAR;
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

/** 2023 Q4 status mix (the rest of the 81 reports are CITY_CONFIRMED). */
const Q4_MIX: readonly [ReportStatus, number][] = [
  ["DRAFT", 8],
  ["SUBMITTED", 9],
  ["RETURNED", 4],
  ["COUNTY_APPROVED", 12],
];

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

function planTowns(profiles: TownProfile[]): PlanTown[] {
  return profiles.map((t) => {
    const r = rand(`${t.code}|quality`);
    const quality = t.sampleYear
      ? 0.78 + 0.17 * r
      : t.isCountySeat
        ? 0.72 + 0.18 * r
        : t.basicYear
          ? 0.5 + 0.25 * r
          : t.joinYear
            ? 0.3
            : 0.4 + 0.2 * r;
    return {
      ...t,
      inProgramme: t.joinYear !== null,
      quality,
    };
  });
}

/** Builds the whole programme (2020–2023) for the given towns. Pure and deterministic. */
export function buildProgramme(profiles: TownProfile[]): ProgrammePlan {
  const towns = planTowns(profiles);
  const figures = allocateFigures(towns);
  const plan: ProgrammePlan = {
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
  const periods = new Map<string, PeriodSeed>(
    YEARS.flatMap(({ year }) =>
      quarterPeriods(year).map((p) => [`${year}|${p.index}`, p] as const),
    ),
  );
  const members = towns.filter((t) => t.inProgramme);

  // Which 2023 Q4 report gets which status: a fixed shuffle of the towns.
  const q4Order = [...members].sort(
    (a, b) => rand(`${a.code}|q4`) - rand(`${b.code}|q4`) || a.code.localeCompare(b.code),
  );
  const q4Status = new Map<string, ReportStatus>();
  let cursor = 0;
  for (const [status, n] of Q4_MIX)
    for (let i = 0; i < n; i++) q4Status.set(q4Order[cursor++]!.code, status);

  for (const town of members) {
    const models = new Map<string, { indicator: IndicatorSeed; model: ValueModel }>();
    for (const indicator of INDICATORS) {
      if (indicatorApplies(indicator, town.townType)) {
        models.set(indicator.code, { indicator, model: modelFor(town, indicator.code, figures) });
      }
    }
    const usedTemplates = new Map<string, number>();
    const reviewer = reviewerUsername(town.countyCode);

    for (const { year } of YEARS) {
      if (year < town.joinYear!) continue;
      const open = year === OPEN_YEAR;
      const tk = `${town.code}|${year}`;
      const ri = (suffix: string) => rand(`${tk}|${suffix}`);
      const taskCreatedAt = shanghaiTime(
        calendarDate(year, 3, randInt(`${tk}|created`, 1, 20)),
        10,
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
              Math.round((55 + 30 * town.quality + 3 * (year - 2020) + 4 * ri("dev")) * 100),
            ),
        beautyIndex: open
          ? null
          : hundredths(
              Math.round((58 + 28 * town.quality + 2.5 * (year - 2020) + 4 * ri("beauty")) * 100),
            ),
        createdAt: taskCreatedAt,
        updatedAt: open ? taskCreatedAt : shanghaiTime(calendarDate(year + 1, 1, 20), 10),
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

      const projects = buildProjects(town, task, usedTemplates);
      plan.projects.push(...projects);

      for (let quarter = 1; quarter <= 4; quarter++) {
        const period = periods.get(`${year}|${quarter}`)!;
        const rk = `${tk}|Q${quarter}`;
        const rr = (suffix: string) => rand(`${rk}|${suffix}`);
        const status: ReportStatus =
          open && quarter === 4 ? (q4Status.get(town.code) ?? "CITY_CONFIRMED") : "CITY_CONFIRMED";
        const maxSubmitDay = open && quarter === 4 ? 7 : 9;
        const late = !(open && quarter === 4) && rr("late") < 0.05;
        const submitDay = late
          ? randInt(`${rk}|lateDay`, 11, 16)
          : randInt(`${rk}|day`, 2, maxSubmitDay);
        const firstSubmit = shanghaiTime(
          addDays(period.endsOn, submitDay),
          randInt(`${rk}|h`, 9, 17),
          randInt(`${rk}|m`, 0, 59),
        );
        const createdAt = shanghaiTime(addDays(period.startsOn, randInt(`${rk}|c`, 3, 20)), 9, 30);
        const wasReturned =
          status === "CITY_CONFIRMED" && !(open && quarter === 4) && rr("returned") < 0.04;
        const shortSteps = open && quarter === 4;
        const step = (key: string) => (shortSteps ? 1 : randInt(`${rk}|${key}`, 1, 3));

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
          createdAt,
          updatedAt: createdAt,
          onTime: status !== "DRAFT" && submitDay <= 10,
        };
        const reviews: PlanReview[] = [];
        const review = (
          decision: ReviewDecision,
          reviewerName: string,
          version: number,
          at: Date,
          comment: string,
        ) => {
          const rv: PlanReview = {
            key: `${rk}|R${reviews.length + 1}`,
            reportKey: rk,
            reviewer: reviewerName,
            decision,
            comment,
            reportVersion: version,
            createdAt: at,
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
          if (rr("projectComment") < 0.5) {
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
          report.updatedAt = shanghaiTime(calendarDate(2024, 1, randInt(`${rk}|du`, 3, 11)), 16);
          if (rr("narrative") < 0.5) report.narrative = null;
        } else {
          let version = 2; // saved (1), then submitted (2)
          let at = firstSubmit;
          report.submissionCount = 1;
          if (wasReturned) {
            const returnedAt = shanghaiTime(addDays(at, 2), 10, 15);
            returnComments(
              review(
                "RETURN",
                reviewer,
                version,
                returnedAt,
                "部分指标佐证材料不全，请补充后重新提交。",
              ),
              1,
            );
            at = shanghaiTime(addDays(returnedAt, step("resubmit")), 15, 40);
            version += 3; // returned, saved, resubmitted
            report.submissionCount = 2;
          }
          report.submittedAt = at;
          if (status === "RETURNED") {
            const returnedAt = shanghaiTime(addDays(at, 1), 11, 5);
            returnComments(
              review(
                "RETURN",
                reviewer,
                version,
                returnedAt,
                "部分指标需核实或补充佐证材料，请修改后重新提交。",
              ),
              1 + randInt(`${rk}|nc`, 0, 2),
            );
            version += 1;
            at = returnedAt;
          } else if (status !== "SUBMITTED") {
            const approvedAt = shanghaiTime(addDays(at, step("approve")), 14, 20);
            review(
              "APPROVE",
              reviewer,
              version,
              approvedAt,
              "经县美镇办初审，数据与台账相符，同意报市级审核。",
            );
            version += 1;
            report.approvedAt = approvedAt;
            at = approvedAt;
            if (status === "CITY_CONFIRMED") {
              const confirmedAt = shanghaiTime(addDays(at, step("confirm")), 10, 45);
              review("CONFIRM", ADMIN_USERNAME, version, confirmedAt, "市美镇办审核通过。");
              version += 1;
              report.confirmedAt = confirmedAt;
              at = confirmedAt;
            }
          }
          report.version = version;
          report.updatedAt = at;
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

/** Land supplied (亩): split the published total over the land-consolidation and park projects. */
function assignLand(plan: ProgrammePlan): void {
  const eligible = plan.projects.filter((p) => p.landEligible);
  const shares = allocate(
    Math.round(Number(PUBLISHED_FIGURES.landSuppliedMu) * 100),
    eligible.map((p) => ({
      weight: (0.5 + rand(`${p.key}|land`)) * Math.sqrt(p.plannedCents / 100_000),
    })),
  );
  eligible.forEach((project, i) => {
    project.landHundredths = shares[i]!;
  });
}

function buildActionPlans(plan: ProgrammePlan): PlanActionPlan[] {
  return plan.towns
    .filter((t) => t.inProgramme)
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
      const approvedOn =
        startYear === 2020
          ? calendarDate(2020, 9, randInt(`${town.code}|plan`, 8, 25))
          : calendarDate(2022, 4, randInt(`${town.code}|plan`, 8, 25));
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

/** A handful of tiny placeholder evidence files on the named towns' reports. */
function buildEvidence(plan: ProgrammePlan): PlanEvidence[] {
  const townByName = new Map(plan.towns.map((t) => [t.name, t]));
  const items: {
    town: string;
    year: number;
    quarter: number;
    indicator?: string;
    project?: string;
    file: string;
  }[] = [
    {
      town: "溪口镇",
      year: 2023,
      quarter: 3,
      indicator: "nankongReadingRooms",
      file: "溪口镇南孔书屋现场照片说明.txt",
    },
    {
      town: "白石镇",
      year: 2023,
      quarter: 3,
      indicator: "fifteenMinuteCircle",
      file: "白石镇15分钟生活圈设施清单.txt",
    },
    {
      town: "峡口镇",
      year: 2023,
      quarter: 3,
      indicator: "commonProsperityWorkshops",
      file: "峡口镇湖羊养殖共富工坊台账.txt",
    },
    {
      town: "全旺镇",
      year: 2021,
      quarter: 4,
      project: "无人机巡检系统",
      file: "全旺镇无人机巡检系统验收报告.txt",
    },
    {
      town: "府山街道",
      year: 2023,
      quarter: 3,
      indicator: "neighbourhoodCentres",
      file: "府山街道邻里中心运营情况.txt",
    },
    {
      town: "龙洲街道",
      year: 2023,
      quarter: 3,
      indicator: "elderlyCareCentres",
      file: "龙洲街道居家养老服务中心照片说明.txt",
    },
  ];
  return items.map((item) => {
    const town = townByName.get(item.town)!;
    const reportKey = `${town.code}|${item.year}|Q${item.quarter}`;
    const report = plan.reports.find((r) => r.key === reportKey);
    if (!report?.submittedAt) throw new Error(`evidence: no submitted report ${reportKey}`);
    const project = item.project
      ? plan.projects.find((p) => p.taskKey === report.taskKey && p.name.includes(item.project!))
      : undefined;
    if (item.project && !project)
      throw new Error(`evidence: no project ${item.project} in ${reportKey}`);
    return {
      reportKey,
      indicatorCode: item.indicator ?? null,
      projectKey: project?.key ?? null,
      fileName: item.file,
      text: `演示佐证材料（占位文件）：${item.file.replace(/\.txt$/, "")}。本文件仅用于演示，不含真实内容。\n`,
      uploadedBy: staffUsername(town.code),
      createdAt: new Date(report.submittedAt.getTime() - 3_600_000),
    };
  });
}
