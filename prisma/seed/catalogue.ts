/**
 * The demo configuration of each programme year: years and quarterly reporting periods, the
 * indicator catalogue, the "ten ones", the star-rating rubric and bands (the county assessment
 * scheme is in ./assessments.ts). All of it is demo data modelled on the public framework (五美 + 城乡融合,
 * DOMAIN-RESEARCH.md §1 and §4); none of the weights, bounds or bands is official.
 */
import type {
  Dimension,
  IndicatorKind,
  TownType,
  ValueType,
  YearStatus,
} from "@/lib/generated/prisma/enums";
import { fromIsoDate } from "@/lib/domain/calendar";
import { quarterPeriods as suggestedQuarters } from "@/lib/domain/periods";
import { FIRST_YEAR, type DemoClock } from "./clock";

/** Programme years of the demo: 2020 to the clock's year; earlier years CLOSED, that one OPEN. */
export function programmeYears(clock: DemoClock): { year: number; status: YearStatus }[] {
  const years = [];
  for (let year = FIRST_YEAR; year <= clock.year; year++) {
    years.push({ year, status: (year === clock.year ? "OPEN" : "CLOSED") as YearStatus });
  }
  return years;
}

export type PeriodSeed = {
  year: number;
  index: number;
  name: string;
  nameEn: string;
  startsOn: Date;
  endsOn: Date;
  dueOn: Date;
};

/**
 * The 4 reporting periods of a year: the quarters an administrator starts from
 * (lib/domain/periods.ts `quarterPeriods`, the one owner of their names and dates), as rows.
 */
export function quarterPeriods(year: number): PeriodSeed[] {
  return suggestedQuarters(year).map((p, i) => ({
    year,
    index: i + 1,
    name: p.name,
    nameEn: p.nameEn,
    startsOn: fromIsoDate(p.startsOn),
    endsOn: fromIsoDate(p.endsOn),
    dueOn: fromIsoDate(p.dueOn),
  }));
}

export const INDICATOR_SOURCE_NOTE =
  "演示指标：参照《浙江省美丽城镇建设评价办法（试行）》五美框架拟定，非官方指标";

export type IndicatorSeed = {
  code: string;
  name: string;
  nameEn: string;
  dimension: Dimension;
  kind: IndicatorKind;
  unit: string;
  unitEn: string;
  valueType: ValueType;
  townTypes: TownType[];
};

const C = "COMMON" as const;
const D = "DISTINCTIVE" as const;
const S = "SATISFACTION" as const;
const PCT = { unit: "%", unitEn: "%", valueType: "PERCENT" as const };
const YESNO = { unit: "是/否", unitEn: "yes/no", valueType: "BOOLEAN" as const };
const COUNT = { unit: "个", unitEn: "units", valueType: "INTEGER" as const };

/** The 32 indicators of every demo year (same codes each year; rows per year). */
export const INDICATORS: readonly IndicatorSeed[] = [
  {
    code: "sewageTreatmentRate",
    name: "建成区生活污水处理率",
    nameEn: "Sewage treatment rate in the built-up area",
    dimension: "ENVIRONMENT",
    kind: C,
    ...PCT,
    townTypes: [],
  },
  {
    code: "garbageSortingCoverage",
    name: "生活垃圾分类覆盖率",
    nameEn: "Household waste sorting coverage",
    dimension: "ENVIRONMENT",
    kind: C,
    ...PCT,
    townTypes: [],
  },
  {
    code: "greenwayKm",
    name: "生态绿道长度",
    nameEn: "Eco-greenway length",
    dimension: "ENVIRONMENT",
    kind: C,
    unit: "公里",
    unitEn: "km",
    valueType: "DECIMAL",
    townTypes: [],
  },
  {
    code: "publicParkingSpaces",
    name: "公共停车泊位",
    nameEn: "Public parking spaces",
    dimension: "ENVIRONMENT",
    kind: C,
    ...COUNT,
    unitEn: "spaces",
    townTypes: [],
  },
  {
    code: "nightLandscape",
    name: "夜间景观亮化",
    nameEn: "Night-time landscape lighting",
    dimension: "ENVIRONMENT",
    kind: C,
    ...YESNO,
    townTypes: [],
  },
  {
    code: "nankongReadingRooms",
    name: "南孔书屋",
    nameEn: "Nankong reading rooms",
    dimension: "LIVING",
    kind: C,
    ...COUNT,
    unitEn: "rooms",
    townTypes: [],
  },
  {
    code: "communityGyms",
    name: "百姓健身房",
    nameEn: "Community gyms",
    dimension: "LIVING",
    kind: C,
    ...COUNT,
    unitEn: "gyms",
    townTypes: [],
  },
  {
    code: "elderlyCareCentres",
    name: "示范型居家养老服务中心",
    nameEn: "Model home-care centres for the elderly",
    dimension: "LIVING",
    kind: C,
    ...COUNT,
    unitEn: "centres",
    townTypes: [],
  },
  {
    code: "neighbourhoodCentres",
    name: "集成式邻里中心",
    nameEn: "Integrated neighbourhood centres",
    dimension: "LIVING",
    kind: C,
    ...COUNT,
    unitEn: "centres",
    townTypes: [],
  },
  {
    code: "fifteenMinuteCircle",
    name: "15分钟高品质生活圈",
    nameEn: "15-minute living circle",
    dimension: "LIVING",
    kind: C,
    ...YESNO,
    townTypes: [],
  },
  {
    code: "familyDoctorCoverage",
    name: "家庭医生签约服务覆盖率",
    nameEn: "Family-doctor contract coverage",
    dimension: "LIVING",
    kind: C,
    ...PCT,
    townTypes: [],
  },
  {
    code: "commonProsperityWorkshops",
    name: "共富工坊",
    nameEn: "Common-prosperity workshops",
    dimension: "INDUSTRY",
    kind: C,
    ...COUNT,
    unitEn: "workshops",
    townTypes: [],
  },
  {
    code: "localJobsCreated",
    name: "帮促就业人数（累计）",
    nameEn: "People helped into local jobs (cumulative)",
    dimension: "INDUSTRY",
    kind: C,
    unit: "人",
    unitEn: "people",
    valueType: "INTEGER",
    townTypes: [],
  },
  {
    code: "industryInvestmentWan",
    name: "产业项目完成投资（年内累计）",
    nameEn: "Industry project investment completed (year to date)",
    dimension: "INDUSTRY",
    kind: C,
    unit: "万元",
    unitEn: "10k CNY",
    valueType: "DECIMAL",
    townTypes: [],
  },
  {
    code: "villageIncomeShare",
    name: "集体经济经营性收入50万元以上村占比",
    nameEn: "Villages with collective operating income of 500k CNY or more",
    dimension: "INDUSTRY",
    kind: C,
    ...PCT,
    townTypes: [],
  },
  {
    code: "historicBuildingsRestored",
    name: "历史建筑修缮（累计）",
    nameEn: "Historic buildings restored (cumulative)",
    dimension: "CULTURE",
    kind: C,
    unit: "处",
    unitEn: "sites",
    valueType: "INTEGER",
    townTypes: [],
  },
  {
    code: "culturalAuditoriums",
    name: "农村文化礼堂",
    nameEn: "Rural cultural auditoriums",
    dimension: "CULTURE",
    kind: C,
    ...COUNT,
    unitEn: "auditoriums",
    townTypes: [],
  },
  {
    code: "culturalEvents",
    name: "文体活动（年内累计）",
    nameEn: "Cultural and sports events (year to date)",
    dimension: "CULTURE",
    kind: C,
    unit: "场",
    unitEn: "events",
    valueType: "INTEGER",
    townTypes: [],
  },
  {
    code: "gridMembers",
    name: "全科网格员",
    nameEn: "Community grid workers",
    dimension: "GOVERNANCE",
    kind: C,
    unit: "人",
    unitEn: "people",
    valueType: "INTEGER",
    townTypes: [],
  },
  {
    code: "onlineServiceRate",
    name: "政务服务事项网上办理率",
    nameEn: "Public services handled online",
    dimension: "GOVERNANCE",
    kind: C,
    ...PCT,
    townTypes: [],
  },
  {
    code: "disputeResolutionRate",
    name: "矛盾纠纷调处化解率",
    nameEn: "Disputes mediated and resolved",
    dimension: "GOVERNANCE",
    kind: C,
    ...PCT,
    townTypes: [],
  },
  {
    code: "newArableLandMu",
    name: "全域土地综合整治新增耕地（年内累计）",
    nameEn: "New farmland from land consolidation (year to date)",
    dimension: "INTEGRATION",
    kind: C,
    unit: "亩",
    unitEn: "mu",
    valueType: "DECIMAL",
    townTypes: [],
  },
  {
    code: "ruralTransitCoverage",
    name: "城乡公交一体化覆盖率",
    nameEn: "Integrated urban-rural bus coverage",
    dimension: "INTEGRATION",
    kind: C,
    ...PCT,
    townTypes: [],
  },
  {
    code: "homesteadReformVillages",
    name: "宅基地制度改革试点村",
    nameEn: "Villages piloting homestead reform",
    dimension: "INTEGRATION",
    kind: C,
    ...COUNT,
    unitEn: "villages",
    townTypes: [],
  },
  {
    code: "touristVisitsWan",
    name: "年接待游客（年内累计）",
    nameEn: "Tourist visits (year to date)",
    dimension: "INDUSTRY",
    kind: D,
    unit: "万人次",
    unitEn: "10k visits",
    valueType: "DECIMAL",
    townTypes: ["TOURISM"],
  },
  {
    code: "aScenicVillages",
    name: "A级景区村庄",
    nameEn: "A-grade scenic villages",
    dimension: "ENVIRONMENT",
    kind: D,
    ...COUNT,
    unitEn: "villages",
    townTypes: ["TOURISM", "AGRICULTURE"],
  },
  {
    code: "industrialOutputWan",
    name: "规上工业产值（年内累计）",
    nameEn: "Output of industrial firms above designated size (year to date)",
    dimension: "INDUSTRY",
    kind: D,
    unit: "万元",
    unitEn: "10k CNY",
    valueType: "DECIMAL",
    townTypes: ["INDUSTRY", "COUNTY_SUBCENTRE"],
  },
  {
    code: "marketTurnoverWan",
    name: "商贸市场交易额（年内累计）",
    nameEn: "Market turnover (year to date)",
    dimension: "INDUSTRY",
    kind: D,
    unit: "万元",
    unitEn: "10k CNY",
    valueType: "DECIMAL",
    townTypes: ["TRADE", "COUNTY_SUBCENTRE", "METRO_NODE"],
  },
  {
    code: "premiumFarmlandMu",
    name: "精品农业基地面积",
    nameEn: "Premium farming bases",
    dimension: "INDUSTRY",
    kind: D,
    unit: "亩",
    unitEn: "mu",
    valueType: "DECIMAL",
    townTypes: ["AGRICULTURE"],
  },
  {
    code: "satisfactionEnvironment",
    name: "群众对城镇环境满意度",
    nameEn: "Residents' satisfaction with the town environment",
    dimension: "ENVIRONMENT",
    kind: S,
    ...PCT,
    townTypes: [],
  },
  {
    code: "satisfactionServices",
    name: "群众对公共服务满意度",
    nameEn: "Residents' satisfaction with public services",
    dimension: "LIVING",
    kind: S,
    ...PCT,
    townTypes: [],
  },
  {
    code: "satisfactionGovernance",
    name: "群众对基层治理满意度",
    nameEn: "Residents' satisfaction with local governance",
    dimension: "GOVERNANCE",
    kind: S,
    ...PCT,
    townTypes: [],
  },
];

/** Natural bounds of a value type: percentages 0–100, yes/no 0–1, counts and amounts ≥ 0. */
export function bounds(valueType: ValueType): { minValue: string; maxValue: string | null } {
  if (valueType === "PERCENT") return { minValue: "0", maxValue: "100" };
  if (valueType === "BOOLEAN") return { minValue: "0", maxValue: "1" };
  return { minValue: "0", maxValue: null };
}

/**
 * The "ten ones" (十个一) in the wording of the Hangzhou 2019 pilot (DOMAIN-RESEARCH.md §1.4):
 * the provincial text was not found, so this list is configurable data, stored per year.
 */
export const BASIC_REQUIREMENTS: readonly { code: string; name: string; nameEn: string }[] = [
  { code: "featureStreet", name: "一条特色街", nameEn: "A distinctive street" },
  { code: "externalRoad", name: "一条快速对外通道", nameEn: "A fast road link to the outside" },
  { code: "ecoGreenway", name: "一条生态绿道", nameEn: "An eco-greenway" },
  {
    code: "sewageWasteNetwork",
    name: "一张完善的雨污分流、垃圾分类收集处理网",
    nameEn: "A complete network for separate storm and foul sewers and sorted waste collection",
  },
  {
    code: "educationNetwork",
    name: "一套优质的学前和义务教育服务网",
    nameEn: "A quality preschool and compulsory education network",
  },
  {
    code: "healthElderlyNetwork",
    name: "一张全覆盖的基本医疗卫生和养老服务网",
    nameEn: "A full-coverage network of basic healthcare and elderly care",
  },
  {
    code: "commercialMarket",
    name: "一个商贸综合市场或连锁型超市",
    nameEn: "A general market or a chain supermarket",
  },
  { code: "lodging", name: "一家舒适型旅馆或民宿", nameEn: "A comfortable hotel or guesthouse" },
  { code: "cultureSportsCentre", name: "一个文体中心", nameEn: "A culture and sports centre" },
  {
    code: "townLivingRoom",
    name: "一个小镇客厅",
    nameEn: "A town living room (visitor and service hall)",
  },
];
