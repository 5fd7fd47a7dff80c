/**
 * "1 belt, 22 circles" (一带22圈): the 诗画风光带 and its town circles. The published counts
 * (22 circles, 29 towns strung into them, 4 model circles) are reproduced exactly; the
 * cross-county cluster of 溪口镇, 沐尘畲族乡, 庙下乡, 大街乡 (龙游) and 白石镇, 球川镇 (常山)
 * is from the press; every other membership is a demo choice. A town may sit in two circles
 * (the cluster overlaps the 溪口 and 白石 circles it joins up).
 */

export const BELT = {
  code: "QZ-BELT-01",
  name: "诗画风光带",
  nameEn: "Poetic Landscape Belt",
  description: "串联衢州美丽城镇圈的诗画风光带（演示数据）",
  /** The plan was laid out in the programme's first year; every circle runs from then on. */
  fromYear: 2020,
} as const;

export type CircleSeed = {
  code: string;
  name: string;
  nameEn: string;
  isModel: boolean;
  /** Member town names; the first is the lead town. */
  towns: string[];
  description: string;
};

const single = (code: string, town: string, pinyin: string): CircleSeed => ({
  code,
  name: `${town.replace(/(镇|乡)$/, "")}美镇圈`,
  nameEn: `${pinyin} Town Circle`,
  isModel: false,
  towns: [town],
  description: `以${town}为核心、联动周边村庄的美镇圈（演示数据）`,
});

export const CIRCLES: readonly CircleSeed[] = [
  {
    code: "QZ-C01",
    name: "溪口—白石跨县城镇集群",
    nameEn: "Xikou–Baishi Cross-county Town Cluster",
    isModel: true,
    towns: ["溪口镇", "沐尘畲族乡", "庙下乡", "大街乡", "白石镇", "球川镇"],
    description: "龙游县溪口镇、沐尘畲族乡、庙下乡、大街乡与常山县白石镇、球川镇组成的跨县城镇集群",
  },
  {
    code: "QZ-C02",
    name: "溪口美镇圈",
    nameEn: "Xikou Town Circle",
    isModel: false,
    towns: ["溪口镇", "沐尘畲族乡", "庙下乡", "大街乡"],
    description: "龙游南部山区四乡镇联动（演示数据）",
  },
  {
    code: "QZ-C03",
    name: "白石美镇圈",
    nameEn: "Baishi Town Circle",
    isModel: false,
    towns: ["白石镇", "球川镇"],
    description: "常山西部两镇联动（演示数据）",
  },
  {
    code: "QZ-C04",
    name: "铜山源美镇圈",
    nameEn: "Tongshanyuan Town Circle",
    isModel: true,
    towns: ["杜泽镇", "上方镇"],
    description: "衢江北部铜山源水库周边两镇联动（演示数据）",
  },
  {
    code: "QZ-C05",
    name: "仙霞古道美镇圈",
    nameEn: "Xianxia Ancient Road Town Circle",
    isModel: true,
    towns: ["廿八都镇", "保安乡"],
    description: "江山南部仙霞古道沿线（演示数据）",
  },
  {
    code: "QZ-C06",
    name: "钱江源美镇圈",
    nameEn: "Qianjiangyuan Town Circle",
    isModel: true,
    towns: ["马金镇", "齐溪镇"],
    description: "开化钱江源国家公园门户（演示数据）",
  },
  {
    code: "QZ-C07",
    name: "九华美镇圈",
    nameEn: "Jiuhua Town Circle",
    isModel: false,
    towns: ["九华乡", "七里乡"],
    description: "柯城北部乡村旅游片区（演示数据）",
  },
  single("QZ-C08", "航埠镇", "Hangbu"),
  single("QZ-C09", "石梁镇", "Shiliang"),
  single("QZ-C10", "莲花镇", "Lianhua"),
  single("QZ-C11", "湖南镇", "Hunan"),
  single("QZ-C12", "举村乡", "Jucun"),
  single("QZ-C13", "全旺镇", "Quanwang"),
  single("QZ-C14", "青石镇", "Qingshi"),
  single("QZ-C15", "芳村镇", "Fangcun"),
  single("QZ-C16", "华埠镇", "Huabu"),
  single("QZ-C17", "苏庄镇", "Suzhuang"),
  single("QZ-C18", "湖镇镇", "Huzhen"),
  single("QZ-C19", "塔石镇", "Tashi"),
  { ...single("QZ-C20", "石门镇", "Jianglangshan"), name: "江郎山美镇圈" },
  single("QZ-C21", "峡口镇", "Xiakou"),
  single("QZ-C22", "大陈乡", "Dachen"),
];
