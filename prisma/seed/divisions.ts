/**
 * Quzhou's divisions and each town's demo profile.
 * Real: the city, its 6 county units and the 100 NBS 2023 township-level units
 * (prisma/data/quzhou_townships.csv; source in prisma/data/SOURCE.md), plus the local unit
 * 开化 芹阳办事处. Invented (demo data): which towns are in the programme, their town types and
 * the year each reached basic compliance or provincial sample (see docs/DEMO-DATA.md).
 */
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import type { CountyKind, TownKind, TownType } from "@/lib/generated/prisma/enums";

export const CITY = { divisionCode: "3308", name: "衢州市", nameEn: "Quzhou" } as const;

export type CountySeed = {
  divisionCode: string;
  name: string;
  nameEn: string;
  kind: CountyKind;
  isMountainCounty: boolean;
};

/** The 6 county units, in the order the city lists them. All are Zhejiang mountain counties. */
export const COUNTIES: readonly CountySeed[] = [
  {
    divisionCode: "330802",
    name: "柯城区",
    nameEn: "Kecheng District",
    kind: "DISTRICT",
    isMountainCounty: true,
  },
  {
    divisionCode: "330803",
    name: "衢江区",
    nameEn: "Qujiang District",
    kind: "DISTRICT",
    isMountainCounty: true,
  },
  {
    divisionCode: "330822",
    name: "常山县",
    nameEn: "Changshan County",
    kind: "COUNTY",
    isMountainCounty: true,
  },
  {
    divisionCode: "330824",
    name: "开化县",
    nameEn: "Kaihua County",
    kind: "COUNTY",
    isMountainCounty: true,
  },
  {
    divisionCode: "330825",
    name: "龙游县",
    nameEn: "Longyou County",
    kind: "COUNTY",
    isMountainCounty: true,
  },
  {
    divisionCode: "330881",
    name: "江山市",
    nameEn: "Jiangshan City",
    kind: "COUNTY_CITY",
    isMountainCounty: true,
  },
];

/** Pinyin of each town's name without its suffix; the English name adds Town/Township/…. */
const PINYIN: Record<string, string> = {
  新新街道: "Xinxin",
  府山街道: "Fushan",
  荷花街道: "Hehua",
  信安街道: "Xin'an",
  白云街道: "Baiyun",
  双港街道: "Shuanggang",
  衢化街道: "Quhua",
  花园街道: "Huayuan",
  石梁镇: "Shiliang",
  航埠镇: "Hangbu",
  黄家乡: "Huangjia",
  七里乡: "Qili",
  九华乡: "Jiuhua",
  沟溪乡: "Gouxi",
  华墅乡: "Huashu",
  姜家山乡: "Jiangjiashan",
  万田乡: "Wantian",
  石室乡: "Shishi",
  樟潭街道: "Zhangtan",
  浮石街道: "Fushi",
  上方镇: "Shangfang",
  峡川镇: "Xiachuan",
  莲花镇: "Lianhua",
  全旺镇: "Quanwang",
  大洲镇: "Dazhou",
  后溪镇: "Houxi",
  廿里镇: "Nianli",
  湖南镇: "Hunan",
  高家镇: "Gaojia",
  杜泽镇: "Duze",
  灰坪乡: "Huiping",
  太真乡: "Taizhen",
  双桥乡: "Shuangqiao",
  周家乡: "Zhoujia",
  云溪乡: "Yunxi",
  举村乡: "Jucun",
  岭洋乡: "Lingyang",
  黄坛口乡: "Huangtankou",
  天马街道: "Tianma",
  紫港街道: "Zigang",
  金川街道: "Jinchuan",
  白石镇: "Baishi",
  招贤镇: "Zhaoxian",
  青石镇: "Qingshi",
  球川镇: "Qiuchuan",
  辉埠镇: "Huibu",
  芳村镇: "Fangcun",
  何家乡: "Hejia",
  同弓乡: "Tonggong",
  大桥头乡: "Daqiaotou",
  新昌乡: "Xinchang",
  东案乡: "Dong'an",
  桐村镇: "Tongcun",
  杨林镇: "Yanglin",
  苏庄镇: "Suzhuang",
  齐溪镇: "Qixi",
  村头镇: "Cuntou",
  华埠镇: "Huabu",
  马金镇: "Majin",
  池淮镇: "Chihuai",
  中村乡: "Zhongcun",
  长虹乡: "Changhong",
  何田乡: "Hetian",
  林山乡: "Linshan",
  音坑乡: "Yinkeng",
  大溪边乡: "Daxibian",
  芹阳办事处: "Qinyang",
  龙洲街道: "Longzhou",
  东华街道: "Donghua",
  湖镇镇: "Huzhen",
  小南海镇: "Xiaonanhai",
  詹家镇: "Zhanjia",
  溪口镇: "Xikou",
  横山镇: "Hengshan",
  塔石镇: "Tashi",
  罗家乡: "Luojia",
  庙下乡: "Miaoxia",
  石佛乡: "Shifo",
  社阳乡: "Sheyang",
  大街乡: "Dajie",
  沐尘畲族乡: "Muchen She",
  模环乡: "Mohuan",
  双塔街道: "Shuangta",
  虎山街道: "Hushan",
  清湖街道: "Qinghu",
  四都镇: "Sidu",
  坛石镇: "Tanshi",
  大桥镇: "Daqiao",
  新塘边镇: "Xintangbian",
  廿八都镇: "Nianbadu",
  长台镇: "Changtai",
  上余镇: "Shangyu",
  凤林镇: "Fenglin",
  峡口镇: "Xiakou",
  石门镇: "Shimen",
  贺村镇: "Hecun",
  大陈乡: "Dachen",
  碗窑乡: "Wanyao",
  保安乡: "Bao'an",
  塘源口乡: "Tangyuankou",
  张村乡: "Zhangcun",
};

const KIND_BY_CSV: Record<string, TownKind> = { 街道: "SUBDISTRICT", 镇: "TOWN", 乡: "TOWNSHIP" };
const KIND_EN: Record<TownKind, string> = {
  TOWN: "Town",
  TOWNSHIP: "Township",
  ETHNIC_TOWNSHIP: "Ethnic Township",
  SUBDISTRICT: "Subdistrict",
  OFFICE: "Office",
};

/**
 * A town's path through the programme (demo choice): `B<yy>` basic compliance reached in
 * 20yy; `S<yy>` provincial sample reached directly in 20yy; `S<yy>b<xx>` sample in 20yy after
 * basic compliance in 20xx; `N` in the programme but not yet compliant. Towns absent from this
 * table are not in the programme. County seats join in 2022 (the provincial mountain-county
 * seat list started that year); every other listed town has been in since 2020.
 */
const PATHS: Record<string, string> = {
  // 柯城区 (10 of 18: the 7 central 街道 other than 府山 and 黄家乡 in the industrial zone are out)
  府山街道: "B22",
  石梁镇: "B20",
  航埠镇: "S21",
  七里乡: "S22b21",
  九华乡: "S20",
  沟溪乡: "B21",
  华墅乡: "B21",
  姜家山乡: "B22",
  万田乡: "B22",
  石室乡: "B22",
  // 衢江区 (17 of 20: 浮石街道, 廿里镇, 黄坛口乡 out)
  樟潭街道: "B22",
  上方镇: "S22b20",
  峡川镇: "B20",
  莲花镇: "S20",
  全旺镇: "S21b20",
  大洲镇: "B21",
  后溪镇: "B20",
  湖南镇: "S21",
  高家镇: "B21",
  杜泽镇: "S20",
  灰坪乡: "B20",
  太真乡: "B21",
  双桥乡: "B22",
  周家乡: "B22",
  云溪乡: "B22",
  举村乡: "B20",
  岭洋乡: "B20",
  // 常山县 (11 of 14: 紫港街道, 金川街道, 新昌乡 out)
  天马街道: "S22",
  白石镇: "S20",
  招贤镇: "B20",
  青石镇: "S21b20",
  球川镇: "S21b20",
  辉埠镇: "B20",
  芳村镇: "S22b21",
  何家乡: "B21",
  同弓乡: "B21",
  大桥头乡: "B22",
  东案乡: "B22",
  // 开化县 (14 of 15: 林山乡 out)
  芹阳办事处: "B22",
  桐村镇: "B20",
  杨林镇: "B21",
  苏庄镇: "S21",
  齐溪镇: "S21b20",
  村头镇: "B21",
  华埠镇: "S20",
  马金镇: "S20",
  池淮镇: "B20",
  中村乡: "B22",
  长虹乡: "B22",
  何田乡: "B22",
  音坑乡: "B21",
  大溪边乡: "B21",
  // 龙游县 (13 of 15: 东华街道, 模环乡 out)
  龙洲街道: "S22",
  湖镇镇: "S20",
  小南海镇: "B20",
  詹家镇: "B21",
  溪口镇: "S20",
  横山镇: "B20",
  塔石镇: "B21",
  罗家乡: "B21",
  庙下乡: "S22b20",
  石佛乡: "B22",
  社阳乡: "B22",
  大街乡: "S21b20",
  沐尘畲族乡: "S22b20",
  // 江山市 (16 of 19: 虎山街道, 清湖街道, 贺村镇 out)
  双塔街道: "S22",
  四都镇: "B20",
  坛石镇: "B21",
  大桥镇: "B21",
  新塘边镇: "B21",
  廿八都镇: "S20",
  长台镇: "B21",
  上余镇: "B21",
  凤林镇: "B21",
  峡口镇: "S21b20",
  石门镇: "S21",
  大陈乡: "S22",
  碗窑乡: "B22",
  保安乡: "B21",
  塘源口乡: "N",
  张村乡: "B22",
};

/** The county-seat town of each county (山区县县城): track COUNTY_SEAT from 2022. */
const COUNTY_SEATS = ["府山街道", "樟潭街道", "天马街道", "芹阳办事处", "龙洲街道", "双塔街道"];

/** The 7 samples of 2020 in renewed creation in 2022 (省级样板续创, a published figure). */
export const RENEWING_2022 = [
  "溪口镇",
  "白石镇",
  "杜泽镇",
  "莲花镇",
  "廿八都镇",
  "马金镇",
  "九华乡",
];

/** Town types (demo choice); every other town is GENERAL. County seats are METRO_NODE. */
const TOWN_TYPES: Partial<Record<TownType, string[]>> = {
  COUNTY_SUBCENTRE: ["湖镇镇", "华埠镇", "杜泽镇", "球川镇", "航埠镇", "贺村镇"],
  TOURISM: [
    "莲花镇",
    "廿八都镇",
    "九华乡",
    "七里乡",
    "石门镇",
    "齐溪镇",
    "溪口镇",
    "湖南镇",
    "苏庄镇",
    "保安乡",
  ],
  TRADE: ["青石镇", "坛石镇"],
  INDUSTRY: ["辉埠镇", "上余镇", "詹家镇", "高家镇"],
  AGRICULTURE: ["峡口镇", "白石镇", "杨林镇", "长台镇", "塔石镇", "何田乡", "新塘边镇"],
};

/** The local unit absent from the NBS list. */
const LOCAL_UNITS = [
  {
    code: "330824900",
    name: "芹阳办事处",
    countyCode: "330824",
    kind: "OFFICE" as TownKind,
    sourceNote:
      "地方设置单位：未列入国家统计局2023年统计用区划代码，为开化县县城所在地；代码330824900为演示数据按县级前缀自行编配。",
  },
];

/** Towns that join the programme after 2022 (demo choice), by year. */
export const LATER_JOINERS: Record<number, string[]> = { 2024: ["廿里镇", "新昌乡", "林山乡"] };

/**
 * A provincial sample that failed a spot check (demo choice, 摘帽): the sample title is stripped
 * on this date and the town keeps basic compliance. None of the towns the press named.
 */
export const STRIPPED_SAMPLES = [
  {
    town: "石门镇",
    effectiveOn: "2024-06-18",
    document: "浙美镇办〔2024〕15号 关于2024年度省级样板抽查情况的通报（演示）",
    note: "抽查发现主街立面破损、污水管网运维不到位，整改不到位，取消省级样板称号",
  },
] as const;

export type TownProfile = {
  code: string;
  name: string;
  nameEn: string;
  countyCode: string;
  kind: TownKind;
  townType: TownType;
  isCountySeat: boolean;
  isLocalUnit: boolean;
  sourceNote: string;
  /** First programme year (2020 or 2022), or null when not in the programme. */
  joinYear: number | null;
  /** Year basic compliance was first reached (a sample counts), null if never. */
  basicYear: number | null;
  /** Year provincial sample was reached, null if never. */
  sampleYear: number | null;
};

const NBS_NOTE = "国家统计局2023年统计用区划代码（modood/Administrative-divisions-of-China）";

function parsePath(path: string): { basicYear: number | null; sampleYear: number | null } {
  if (path === "N") return { basicYear: null, sampleYear: null };
  const match = /^([BS])(\d\d)(?:b(\d\d))?$/.exec(path);
  if (!match) throw new Error(`bad programme path ${path}`);
  const year = 2000 + Number(match[2]);
  if (match[1] === "B") return { basicYear: year, sampleYear: null };
  return { basicYear: match[3] ? 2000 + Number(match[3]) : year, sampleYear: year };
}

/** Reads the NBS township list shipped with the project (100 rows). */
export function readTownshipCsv(): {
  code: string;
  name: string;
  county_code: string;
  kind: string;
}[] {
  const file = fileURLToPath(new URL("../data/quzhou_townships.csv", import.meta.url));
  return parse(fs.readFileSync(file, "utf8"), {
    columns: true,
    skip_empty_lines: true,
    trim: true,
  });
}

/** All 101 towns with their demo profiles, NBS units first in code order, then local units. */
export function townProfiles(): TownProfile[] {
  const typeOf = new Map<string, TownType>();
  for (const [type, names] of Object.entries(TOWN_TYPES)) {
    for (const name of names ?? []) typeOf.set(name, type as TownType);
  }
  const rows = [
    ...readTownshipCsv().map((row) => ({
      code: row.code,
      name: row.name,
      countyCode: row.county_code,
      // NBS files ethnic townships (民族乡, e.g. 沐尘畲族乡) under 乡.
      kind: (row.name.endsWith("族乡") ? "ETHNIC_TOWNSHIP" : KIND_BY_CSV[row.kind]) as TownKind,
      isLocalUnit: false,
      sourceNote: NBS_NOTE,
    })),
    ...LOCAL_UNITS.map((unit) => ({ ...unit, isLocalUnit: true })),
  ];
  const names = new Set<string>();
  return rows.map((row) => {
    if (!row.kind) throw new Error(`unknown kind for ${row.name}`);
    if (names.has(row.name)) throw new Error(`duplicate town name ${row.name}`);
    names.add(row.name);
    const pinyin = PINYIN[row.name];
    if (!pinyin) throw new Error(`no pinyin for ${row.name}`);
    const path = PATHS[row.name];
    const isCountySeat = COUNTY_SEATS.includes(row.name);
    const { basicYear, sampleYear } = path
      ? parsePath(path)
      : { basicYear: null, sampleYear: null };
    return {
      ...row,
      nameEn: `${pinyin} ${KIND_EN[row.kind]}`,
      townType:
        isCountySeat || (!path && row.kind === "SUBDISTRICT")
          ? "METRO_NODE"
          : (typeOf.get(row.name) ?? "GENERAL"),
      isCountySeat,
      joinYear: path ? (isCountySeat ? 2022 : 2020) : null,
      basicYear,
      sampleYear,
    };
  });
}
