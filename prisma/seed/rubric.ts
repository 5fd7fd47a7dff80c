/**
 * The demo rubric (评分细则) for star ratings of provincial samples, in the shape of Chinese
 * score sheets: categories with subtotals (考核内容), items with their indicator (考核指标),
 * points (分值), scoring rules made of criteria (评分标准: fixed, tiered, discretionary, deduction,
 * veto) and the evidence expected (评分指导点). Public sources give no official weights or
 * bands (../shared/DOMAIN.md): every number here is a demo value, marked as such on screen.
 */
import type { Dimension } from "@/lib/generated/prisma/enums";

export const RUBRIC_SOURCE_NOTE =
  "演示细则：参照浙江省美丽城镇建设评价体系的五美框架和公开评分表的写法拟定，分值、档次与星级分数线均为演示值，由市美镇办按年度配置";

/** Star rating runs from 2021 (rating the samples named for 2020 work). */
export const FIRST_RATING_YEAR = 2021;

export type CriterionSeed =
  | { code: string; kind: "FIXED"; label: string; labelEn: string; points: string }
  | {
      code: string;
      kind: "TIERED";
      label: string;
      labelEn: string;
      tiers: { label: string; labelEn: string; points: string }[];
    }
  | {
      code: string;
      kind: "DISCRETIONARY";
      label: string;
      labelEn: string;
      points: string;
      step: string;
    }
  | { code: string; kind: "DEDUCTION"; label: string; labelEn: string; points: string }
  | {
      code: string;
      kind: "VETO";
      label: string;
      labelEn: string;
      effect: "VOID" | "CAP";
      capStars: number | null;
    };

export type RubricItemSeed = {
  code: string;
  indicator: string;
  indicatorEn: string;
  name: string;
  nameEn: string;
  dimension: Dimension;
  maxPoints: string;
  guidance: string;
  guidanceEn: string;
  evidenceHint: string;
  criteria: CriterionSeed[];
};

export type RubricCategorySeed = {
  code: string;
  name: string;
  nameEn: string;
  maxPoints: string;
  items: RubricItemSeed[];
};

const fixed = (code: string, label: string, labelEn: string, points: string): CriterionSeed => ({
  code,
  kind: "FIXED",
  label,
  labelEn,
  points,
});
const discretionary = (
  code: string,
  label: string,
  labelEn: string,
  points: string,
  step: string,
): CriterionSeed => ({ code, kind: "DISCRETIONARY", label, labelEn, points, step });
const deduction = (
  code: string,
  label: string,
  labelEn: string,
  points: string,
): CriterionSeed => ({
  code,
  kind: "DEDUCTION",
  label,
  labelEn,
  points,
});
const tiered = (
  code: string,
  label: string,
  labelEn: string,
  tiers: [string, string, string][],
): CriterionSeed => ({
  code,
  kind: "TIERED",
  label,
  labelEn,
  tiers: tiers.map(([l, le, points]) => ({ label: l, labelEn: le, points })),
});

/** The demo rubric: five categories, 13 items, 100 points. */
export const RUBRIC: readonly RubricCategorySeed[] = [
  {
    code: "E",
    name: "功能便民环境美",
    nameEn: "Environment",
    maxPoints: "25",
    items: [
      {
        code: "E1",
        indicator: "城镇污水治理",
        indicatorEn: "Town sewage treatment",
        name: "污水零直排与管网运维",
        nameEn: "Zero direct discharge and sewer upkeep",
        dimension: "ENVIRONMENT",
        maxPoints: "5",
        guidance:
          "实施雨污分流改造得1分；建成区污水处理率95%以上得2分，90%—95%得1分，90%以下不得分；管网运维视情况酌情给分，最高2分；发现污水直排口一处扣1分，扣完为止；发生重大环境污染事件一票否决。",
        guidanceEn:
          "Separate storm and sewage drains: 1; treatment ≥95%: 2, 90–95%: 1; sewer upkeep at discretion up to 2; −1 per direct discharge found; a major pollution incident voids the rating.",
        evidenceHint: "雨污分流验收材料、污水处理率统计、管网巡查记录",
        criteria: [
          fixed("split", "实施雨污分流改造", "Storm and sewage drains separated", "1"),
          tiered("rate", "建成区污水处理率", "Sewage treatment rate", [
            ["95%以上", "≥95%", "2"],
            ["90%—95%", "90–95%", "1"],
            ["90%以下", "<90%", "0"],
          ]),
          discretionary(
            "upkeep",
            "管网运维情况（酌情，最高2分）",
            "Sewer upkeep (discretionary, max 2)",
            "2",
            "0.5",
          ),
          deduction(
            "outfalls",
            "发现污水直排口（每处扣1分）",
            "Direct discharges found (−1 each)",
            "1",
          ),
          {
            code: "incident",
            kind: "VETO",
            label: "发生重大环境污染事件（一票否决）",
            labelEn: "Major pollution incident (voids the rating)",
            effect: "VOID",
            capStars: null,
          },
        ],
      },
      {
        code: "E2",
        indicator: "生活垃圾分类",
        indicatorEn: "Household waste sorting",
        name: "垃圾分类与资源回收",
        nameEn: "Waste sorting and recycling",
        dimension: "ENVIRONMENT",
        maxPoints: "5",
        guidance:
          "垃圾分类覆盖率95%以上得3分，85%—95%得2分，85%以下不得分；建成再生资源回收站点得1分；分类实效视情况酌情给分，最高1分。",
        guidanceEn:
          "Sorting coverage ≥95%: 3, 85–95%: 2, below: 0; a recycling station: 1; results at discretion up to 1.",
        evidenceHint: "覆盖率统计、回收站点照片",
        criteria: [
          tiered("coverage", "垃圾分类覆盖率", "Sorting coverage", [
            ["95%以上", "≥95%", "3"],
            ["85%—95%", "85–95%", "2"],
            ["85%以下", "<85%", "0"],
          ]),
          fixed("recycling", "建成再生资源回收站点", "Recycling station built", "1"),
          discretionary(
            "results",
            "分类实效（酌情，最高1分）",
            "Results (discretionary, max 1)",
            "1",
            "0.5",
          ),
        ],
      },
      {
        code: "E3",
        indicator: "绿道与城镇风貌",
        indicatorEn: "Greenways and townscape",
        name: "生态绿道、夜间景观与街景整治",
        nameEn: "Greenways, night lighting and street fronts",
        dimension: "ENVIRONMENT",
        maxPoints: "8",
        guidance:
          "建成生态绿道5公里以上得2分；实施夜间景观亮化得2分；主要街道立面整治效果视情况酌情给分，最高4分。",
        guidanceEn:
          "Greenways over 5 km: 2; night-time lighting: 2; street-front renovation at discretion up to 4.",
        evidenceHint: "绿道竣工资料、亮化工程照片、整治前后对比照片",
        criteria: [
          fixed("greenway", "建成生态绿道5公里以上", "Greenways over 5 km", "2"),
          fixed("lighting", "实施夜间景观亮化", "Night-time lighting", "2"),
          discretionary(
            "streets",
            "街景立面整治效果（酌情，最高4分）",
            "Street fronts (discretionary, max 4)",
            "4",
            "0.5",
          ),
        ],
      },
      {
        code: "E4",
        indicator: "交通与停车",
        indicatorEn: "Transport and parking",
        name: "对外通道、公交与停车",
        nameEn: "Road links, buses and parking",
        dimension: "ENVIRONMENT",
        maxPoints: "7",
        guidance:
          "公共停车泊位满足率100%以上得3分，80%—100%得2分，80%以下得1分；建成快速对外通道得2分；城乡公交一体化视情况酌情给分，最高2分。",
        guidanceEn:
          "Parking supply ≥100%: 3, 80–100%: 2, below: 1; a fast road link: 2; integrated buses at discretion up to 2.",
        evidenceHint: "停车泊位台账、公交线路图",
        criteria: [
          tiered("parking", "公共停车泊位满足率", "Parking supply", [
            ["100%以上", "≥100%", "3"],
            ["80%—100%", "80–100%", "2"],
            ["80%以下", "<80%", "1"],
          ]),
          fixed("road", "建成快速对外通道", "Fast road link built", "2"),
          discretionary(
            "buses",
            "城乡公交一体化（酌情，最高2分）",
            "Integrated buses (discretionary, max 2)",
            "2",
            "0.5",
          ),
        ],
      },
    ],
  },
  {
    code: "L",
    name: "共享乐民生活美",
    nameEn: "Living",
    maxPoints: "25",
    items: [
      {
        code: "L1",
        indicator: "15分钟高品质生活圈",
        indicatorEn: "15-minute living circle",
        name: "生活圈与邻里、养老服务",
        nameEn: "Living circle, neighbourhood and elderly care",
        dimension: "LIVING",
        maxPoints: "8",
        guidance:
          "15分钟生活圈建成区全覆盖得4分，部分覆盖得2分，未建成不得分；建成集成式邻里中心得2分；建成示范型居家养老服务中心得2分。",
        guidanceEn:
          "15-minute circle covering the built-up area: 4, partly: 2, none: 0; neighbourhood centre: 2; model elderly care centre: 2.",
        evidenceHint: "生活圈设施清单、邻里中心与养老中心运营记录",
        criteria: [
          tiered("circle", "15分钟生活圈覆盖", "15-minute circle coverage", [
            ["全覆盖", "full", "4"],
            ["部分覆盖", "partial", "2"],
            ["未建成", "none", "0"],
          ]),
          fixed("neighbourhood", "建成集成式邻里中心", "Neighbourhood centre built", "2"),
          fixed("elderly", "建成示范型居家养老服务中心", "Model elderly care centre built", "2"),
        ],
      },
      {
        code: "L2",
        indicator: "公共服务",
        indicatorEn: "Public services",
        name: "文体与医疗服务",
        nameEn: "Reading, sports and health services",
        dimension: "LIVING",
        maxPoints: "9",
        guidance:
          "建成南孔书屋得2分；建成百姓健身房得2分；家庭医生签约率80%以上得2分，60%—80%得1分，60%以下不得分；教育医疗服务提升视情况酌情给分，最高3分。",
        guidanceEn:
          "Nankong reading room: 2; community gym: 2; family doctors ≥80%: 2, 60–80%: 1, below: 0; services at discretion up to 3.",
        evidenceHint: "书屋与健身房照片、签约率统计",
        criteria: [
          fixed("reading", "建成南孔书屋", "Nankong reading room", "2"),
          fixed("gym", "建成百姓健身房", "Community gym", "2"),
          tiered("doctors", "家庭医生签约率", "Family doctor coverage", [
            ["80%以上", "≥80%", "2"],
            ["60%—80%", "60–80%", "1"],
            ["60%以下", "<60%", "0"],
          ]),
          discretionary(
            "services",
            "教育医疗服务提升（酌情，最高3分）",
            "Services (discretionary, max 3)",
            "3",
            "0.5",
          ),
        ],
      },
      {
        code: "L3",
        indicator: "住房与社区",
        indicatorEn: "Housing and communities",
        name: "老旧小区改造",
        nameEn: "Renovation of old housing estates",
        dimension: "LIVING",
        maxPoints: "8",
        guidance: "完成年度老旧小区改造计划得4分；改造成效视情况酌情给分，最高4分（按1分一档）。",
        guidanceEn:
          "Year's renovation plan completed: 4; results at discretion up to 4 (whole points).",
        evidenceHint: "改造计划与验收材料",
        criteria: [
          fixed("plan", "完成年度改造计划", "Year's plan completed", "4"),
          discretionary(
            "results",
            "改造成效（酌情，最高4分）",
            "Results (discretionary, max 4)",
            "4",
            "1",
          ),
        ],
      },
    ],
  },
  {
    code: "I",
    name: "兴业富民产业美",
    nameEn: "Industry",
    maxPoints: "20",
    items: [
      {
        code: "I1",
        indicator: "共富工坊",
        indicatorEn: "Common-prosperity workshops",
        name: "共富工坊与就业带动",
        nameEn: "Workshops and local jobs",
        dimension: "INDUSTRY",
        maxPoints: "8",
        guidance:
          "建成共富工坊5个以上得4分，3—4个得3分，1—2个得2分，未建成不得分；带动就业成效视情况酌情给分，最高4分。",
        guidanceEn: "Workshops ≥5: 4, 3–4: 3, 1–2: 2, none: 0; jobs created at discretion up to 4.",
        evidenceHint: "工坊名单、就业台账",
        criteria: [
          tiered("workshops", "共富工坊数量", "Number of workshops", [
            ["5个以上", "5 or more", "4"],
            ["3—4个", "3–4", "3"],
            ["1—2个", "1–2", "2"],
            ["未建成", "none", "0"],
          ]),
          discretionary(
            "jobs",
            "带动就业成效（酌情，最高4分）",
            "Jobs (discretionary, max 4)",
            "4",
            "0.5",
          ),
        ],
      },
      {
        code: "I2",
        indicator: "特色产业",
        indicatorEn: "Distinctive industry",
        name: "特色产业与产业平台",
        nameEn: "Distinctive industry and platforms",
        dimension: "INDUSTRY",
        maxPoints: "12",
        guidance:
          "年度产业投资完成率100%以上得4分，80%—100%得2分，80%以下不得分；建成小微企业园或产业平台得2分；特色产业发展视情况酌情给分，最高6分（按1分一档）。",
        guidanceEn:
          "Industry investment ≥100%: 4, 80–100%: 2, below: 0; an enterprise park or platform: 2; industry at discretion up to 6 (whole points).",
        evidenceHint: "投资统计、园区验收材料",
        criteria: [
          tiered("investment", "年度产业投资完成率", "Industry investment completed", [
            ["100%以上", "≥100%", "4"],
            ["80%—100%", "80–100%", "2"],
            ["80%以下", "<80%", "0"],
          ]),
          fixed("platform", "建成小微企业园或产业平台", "Enterprise park or platform", "2"),
          discretionary(
            "development",
            "特色产业发展（酌情，最高6分）",
            "Industry (discretionary, max 6)",
            "6",
            "1",
          ),
        ],
      },
    ],
  },
  {
    code: "C",
    name: "魅力亲民人文美",
    nameEn: "Culture",
    maxPoints: "15",
    items: [
      {
        code: "C1",
        indicator: "历史文化保护",
        indicatorEn: "Heritage",
        name: "历史文化保护利用",
        nameEn: "Heritage protected and used",
        dimension: "CULTURE",
        maxPoints: "8",
        guidance:
          "编制历史文化保护规划得2分；建成小镇客厅得2分；历史建筑保护利用视情况酌情给分，最高4分；发现历史建筑遭破坏一处扣2分，扣完为止。",
        guidanceEn:
          "A heritage plan: 2; a town living room: 2; heritage use at discretion up to 4; −2 per damaged historic building.",
        evidenceHint: "保护规划、修缮记录、现场照片",
        criteria: [
          fixed("plan", "编制历史文化保护规划", "Heritage plan", "2"),
          fixed("livingRoom", "建成小镇客厅", "Town living room", "2"),
          discretionary(
            "use",
            "保护利用成效（酌情，最高4分）",
            "Heritage use (discretionary, max 4)",
            "4",
            "0.5",
          ),
          deduction(
            "damage",
            "历史建筑遭破坏（每处扣2分）",
            "Historic building damaged (−2 each)",
            "2",
          ),
        ],
      },
      {
        code: "C2",
        indicator: "文化活动",
        indicatorEn: "Cultural life",
        name: "文化活动与文明创建",
        nameEn: "Cultural events and civic life",
        dimension: "CULTURE",
        maxPoints: "7",
        guidance:
          "年度文化活动24场以上得4分，12—24场得2分，12场以下不得分；文明创建视情况酌情给分，最高3分。",
        guidanceEn: "Events ≥24 a year: 4, 12–24: 2, below: 0; civic life at discretion up to 3.",
        evidenceHint: "活动记录与照片",
        criteria: [
          tiered("events", "年度文化活动场次", "Cultural events a year", [
            ["24场以上", "24 or more", "4"],
            ["12—24场", "12–24", "2"],
            ["12场以下", "fewer than 12", "0"],
          ]),
          discretionary(
            "civic",
            "文明创建（酌情，最高3分）",
            "Civic life (discretionary, max 3)",
            "3",
            "0.5",
          ),
        ],
      },
    ],
  },
  {
    code: "G",
    name: "善治为民治理美",
    nameEn: "Governance",
    maxPoints: "15",
    items: [
      {
        code: "G1",
        indicator: "基层治理",
        indicatorEn: "Local governance",
        name: "基层治理与数字化应用",
        nameEn: "Local governance and digital tools",
        dimension: "GOVERNANCE",
        maxPoints: "8",
        guidance:
          "建成基层治理四平台得2分；矛盾纠纷调处率98%以上得3分，95%—98%得2分，95%以下不得分；数字化治理应用视情况酌情给分，最高3分；发生重大安全生产事故的，星级不超过二星。",
        guidanceEn:
          "Four-platform governance: 2; disputes resolved ≥98%: 3, 95–98%: 2, below: 0; digital tools at discretion up to 3; a major work-safety accident caps the rating at two stars.",
        evidenceHint: "平台截图、调处记录",
        criteria: [
          fixed("platform", "建成基层治理四平台", "Four-platform governance", "2"),
          tiered("disputes", "矛盾纠纷调处率", "Disputes resolved", [
            ["98%以上", "≥98%", "3"],
            ["95%—98%", "95–98%", "2"],
            ["95%以下", "<95%", "0"],
          ]),
          discretionary(
            "digital",
            "数字化治理应用（酌情，最高3分）",
            "Digital tools (discretionary, max 3)",
            "3",
            "0.5",
          ),
          {
            code: "accident",
            kind: "VETO",
            label: "发生重大安全生产事故（星级不超过二星）",
            labelEn: "Major work-safety accident (at most two stars)",
            effect: "CAP",
            capStars: 2,
          },
        ],
      },
      {
        code: "G2",
        indicator: "群众满意度",
        indicatorEn: "Residents' satisfaction",
        name: "群众满意度",
        nameEn: "Residents' satisfaction",
        dimension: "GOVERNANCE",
        maxPoints: "7",
        guidance:
          "第三方满意度测评95%以上得7分，90%—95%得5分，85%—90%得3分，85%以下不得分；有效投诉经查实的每件扣1分。",
        guidanceEn:
          "Satisfaction ≥95%: 7, 90–95%: 5, 85–90%: 3, below: 0; −1 per upheld complaint.",
        evidenceHint: "第三方测评报告、投诉处理记录",
        criteria: [
          tiered("survey", "第三方满意度测评", "Satisfaction survey", [
            ["95%以上", "≥95%", "7"],
            ["90%—95%", "90–95%", "5"],
            ["85%—90%", "85–90%", "3"],
            ["85%以下", "<85%", "0"],
          ]),
          deduction(
            "complaints",
            "有效投诉经查实（每件扣1分）",
            "Upheld complaints (−1 each)",
            "1",
          ),
        ],
      },
    ],
  },
];

/** Star bands (lowest total for each star level): demo values, configured per year. */
export const STAR_BANDS: readonly { stars: number; minPoints: string }[] = [
  { stars: 1, minPoints: "60" },
  { stars: 2, minPoints: "70" },
  { stars: 3, minPoints: "80" },
  { stars: 4, minPoints: "88" },
  { stars: 5, minPoints: "95" },
];

/** How the demo panels combine and what they flag (points). */
export const PANEL_SETTINGS = {
  combination: "MEAN",
  trimMinSheets: 5,
  itemSpreadLimit: "2",
  reviewerDeviationLimit: "6",
} as const;
