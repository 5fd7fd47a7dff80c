/**
 * A rating scheme (评分细则) as an .xlsx file, in the layout of Chinese evaluation sheets, and
 * back: the city administrator edits categories, items and criteria in Excel and imports the
 * file into a DRAFT (the whole draft is replaced: content, star bands and settings).
 *
 * The file (headers and labels in the user's language; either language is read back):
 * - "评分细则" (Rubric), one row per item, what a person prints (print area A:G): 考核内容 |
 *   分值 (the category's subtotal; both merged over the category's rows) | 考核指标 (merged over
 *   consecutive items with the same indicator) | 考核要点 | 分值 | 评分标准 | 评分指导点; then,
 *   for the machine, 类别代码 (on every row; blank = the category above) | 要点代码 | 最低分 |
 *   五美维度 | the English category, indicator, item and standard.
 * - "规则" (Rules), one row per criterion: 要点代码 | 标准代码 | 类型 (固定分, 分档, 酌情, 扣分,
 *   一票否决) | 说明 | 说明（英文） | 分值 (FIXED points, DISCRETIONARY cap, DEDUCTION per
 *   occurrence) | 步长 | 档次 (one tier a line: "说明 = 分值") | 档次（英文） (one label a line) |
 *   否决后果 (取消星级 / 限定星级) | 限定星级.
 * - "设置" (Settings), one setting a row (项目 | 值): names, 满分, how sheets combine, limits,
 *   deadlines, source note, demo mark, then one row per star band ("1星分数线").
 * Import: every row is checked (the column's rules, then the scheme check of
 * lib/domain/rating-scheme.ts placed on the row at fault); any problem refuses the whole file
 * with one message per row, naming its sheet ("“规则”表第 5 行：…"). Points keep 2 decimals.
 */
import "server-only";
import ExcelJS from "exceljs";
import { Decimal } from "@prisma/client-runtime-utils";
import { authorize, type Actor } from "@/lib/access";
import { writeAudit } from "@/lib/audit/write";
import { db } from "@/lib/db";
import { parseCalendarDate } from "@/lib/domain/calendar";
import { typedNumber } from "@/lib/domain/rating";
import {
  checkScheme,
  CODE_PATTERN,
  CRITERION_CODE_PATTERN,
  isStorablePoints,
  type ProblemPlace,
} from "@/lib/domain/rating-scheme";
import { AppError, type UserMessage } from "@/lib/errors";
import {
  CriterionKind,
  Dimension,
  RatingCombination,
  VetoEffect,
} from "@/lib/generated/prisma/enums";
import coreEn from "@/lib/i18n/messages/en/core.json";
import schemesEn from "@/lib/i18n/messages/en/rating-schemes.json";
import coreZh from "@/lib/i18n/messages/zh-CN/core.json";
import schemesZh from "@/lib/i18n/messages/zh-CN/rating-schemes.json";
import {
  assertXlsxExpandedWithin,
  cellValue,
  choiceMap,
  tooManyRows,
  type Cell,
} from "@/lib/import/table";
import { limits } from "@/lib/limits";
import { issueKey } from "@/lib/validation/issues";
import { deadlinesInOrder, schemeRefSchema, schemeSettingsSchema } from "@/lib/validation/rating";
import {
  assertDraftUnchanged,
  contentRules,
  lockSchemeYear,
  readSchemeContent,
  writeSchemeContent,
  type ContentCategory,
  type ContentCriterion,
  type ContentItem,
  type SchemeContent,
} from "./schemes.internal";

type Label = { zh: string; en: string };

const SHEETS = {
  rubric: { zh: "评分细则", en: "Rubric" },
  rules: { zh: "规则", en: "Rules" },
  settings: { zh: "设置", en: "Settings" },
} as const satisfies Record<string, Label>;
type SheetKey = keyof typeof SHEETS;
const SHEET_ORDER: SheetKey[] = ["rubric", "rules", "settings"];

/** The rubric sheet's columns, in order; the first 7 are printed. */
const RUBRIC = [
  { key: "category", zh: "考核内容", en: "Category", width: 14 },
  { key: "subtotal", zh: "分值", en: "Subtotal", width: 7 },
  { key: "indicator", zh: "考核指标", en: "Indicator", width: 16 },
  { key: "item", zh: "考核要点", en: "Item", width: 24 },
  { key: "points", zh: "分值", en: "Points", width: 7 },
  { key: "guidance", zh: "评分标准", en: "Scoring standard", width: 60 },
  { key: "evidence", zh: "评分指导点", en: "Evidence expected", width: 28 },
  { key: "categoryCode", zh: "类别代码", en: "Category code", width: 10 },
  { key: "itemCode", zh: "要点代码", en: "Item code", width: 10 },
  { key: "floor", zh: "最低分", en: "Floor", width: 8 },
  { key: "dimension", zh: "五美维度", en: "Dimension", width: 16 },
  { key: "categoryEn", zh: "考核内容（英文）", en: "Category (English)", width: 20 },
  { key: "indicatorEn", zh: "考核指标（英文）", en: "Indicator (English)", width: 24 },
  { key: "itemEn", zh: "考核要点（英文）", en: "Item (English)", width: 30 },
  { key: "guidanceEn", zh: "评分标准（英文）", en: "Scoring standard (English)", width: 60 },
] as const;
const PRINTED = 7;

const RULES = [
  { key: "itemCode", zh: "要点代码", en: "Item code", width: 10 },
  { key: "code", zh: "标准代码", en: "Criterion code", width: 12 },
  { key: "kind", zh: "类型", en: "Kind", width: 10 },
  { key: "label", zh: "说明", en: "Label", width: 36 },
  { key: "labelEn", zh: "说明（英文）", en: "Label (English)", width: 36 },
  { key: "points", zh: "分值", en: "Points", width: 8 },
  { key: "step", zh: "步长", en: "Step", width: 8 },
  { key: "tiers", zh: "档次", en: "Tiers", width: 24 },
  { key: "tiersEn", zh: "档次（英文）", en: "Tiers (English)", width: 24 },
  { key: "vetoEffect", zh: "否决后果", en: "Veto effect", width: 12 },
  { key: "capStars", zh: "限定星级", en: "Cap stars", width: 10 },
] as const;

const SETTINGS_HEADER = [
  { key: "setting", zh: "项目", en: "Setting", width: 34 },
  { key: "value", zh: "值", en: "Value", width: 60 },
] as const;

/** The settings rows, in order (bands follow, one row each). */
const SETTINGS = [
  { key: "name", zh: "名称", en: "Name" },
  { key: "nameEn", zh: "名称（英文）", en: "Name (English)" },
  { key: "maxPoints", zh: "满分", en: "Maximum points" },
  { key: "combination", zh: "评审组合成方式", en: "Combination" },
  { key: "trimMinSheets", zh: "去掉最高最低分所需的最少评分表数", en: "Sheets needed to trim" },
  { key: "itemSpreadLimit", zh: "要点分差预警（分）", en: "Item spread limit" },
  { key: "reviewerDeviationLimit", zh: "评审员偏差预警（分）", en: "Reviewer deviation limit" },
  { key: "selfAssessmentDueOn", zh: "自评截止日期", en: "Self-assessment due" },
  { key: "sheetsDueOn", zh: "评分截止日期", en: "Score sheets due" },
  { key: "sourceNote", zh: "来源说明", en: "Source note" },
  { key: "isDemo", zh: "演示细则", en: "Demo scheme" },
] as const;
type SettingKey = (typeof SETTINGS)[number]["key"];
const bandLabel = (stars: number): Label => ({
  zh: `${stars}星分数线`,
  en: `${stars}-star minimum`,
});
const BAND_KEY = /^([1-9])\s*(星分数线|-star minimum)$/i;

const KINDS = choiceMap(CriterionKind, {
  zh: schemesZh.ratingSchemes.kinds,
  en: schemesEn.ratingSchemes.kinds,
});
const EFFECTS = choiceMap(VetoEffect, {
  zh: schemesZh.ratingSchemes.vetoEffects,
  en: schemesEn.ratingSchemes.vetoEffects,
});
const COMBINATIONS = choiceMap(RatingCombination, {
  zh: schemesZh.ratingSchemes.combinations,
  en: schemesEn.ratingSchemes.combinations,
});
const DIMENSIONS = choiceMap(Dimension, { zh: coreZh.enums.Dimension, en: coreEn.enums.Dimension });
const FLAGS = choiceMap(
  { yes: "yes", no: "no" },
  { zh: schemesZh.ratingSchemes.yesNo, en: schemesEn.ratingSchemes.yesNo },
);

/** The labels a file is written with. */
function labels(en: boolean) {
  const s = (en ? schemesEn : schemesZh).ratingSchemes;
  return {
    kind: (k: CriterionKind) => s.kinds[k],
    effect: (e: VetoEffect) => s.vetoEffects[e],
    combination: (c: RatingCombination) => s.combinations[c],
    dimension: (d: Dimension) => (en ? coreEn : coreZh).enums.Dimension[d],
    flag: (b: boolean) => (b ? s.yesNo.yes : s.yesNo.no),
    text: (l: Label) => (en ? l.en : l.zh),
  };
}

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** Points as Excel numbers (they are exact to 2 decimals as doubles); blank stays blank. */
const num = (points: string | null) => (points === null ? null : Number(points));

// ─────────────────────────────── export ───────────────────────────────

const thin = { style: "thin" as const, color: { argb: "FF999999" } };
const border = { top: thin, left: thin, bottom: thin, right: thin };

/** Adds a sheet with a bold, frozen, bordered header row and the columns' widths. */
function addSheet(
  workbook: ExcelJS.Workbook,
  name: Label,
  columns: readonly (Label & { width: number })[],
  en: boolean,
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(en ? name.en : name.zh, {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  sheet.columns = columns.map((c) => ({ header: en ? c.en : c.zh, width: c.width }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  header.eachCell((cell) => (cell.border = border));
  return sheet;
}

/** The rubric sheet: one row per item, categories (and shared indicators) merged. */
function writeRubric(sheet: ExcelJS.Worksheet, content: SchemeContent, en: boolean): void {
  const l = labels(en);
  let row = 2;
  for (const c of content.categories) {
    const first = row;
    for (const item of c.items) {
      sheet.addRow([
        c.name,
        num(c.maxPoints),
        item.indicator,
        item.name,
        num(item.maxPoints),
        item.guidance,
        item.evidenceHint,
        c.code,
        item.code,
        num(item.floorPoints),
        item.dimension && l.dimension(item.dimension),
        c.nameEn,
        item.indicatorEn,
        item.nameEn,
        item.guidanceEn,
      ]);
      row++;
    }
    if (row - 1 > first) {
      for (const column of [1, 2, 12]) sheet.mergeCells(first, column, row - 1, column);
    }
    // An indicator shared by consecutive items is one merged cell, as printed sheets show it.
    let start = 0;
    for (let i = 1; i <= c.items.length; i++) {
      const indicator = c.items[start]!.indicator;
      if (i < c.items.length && indicator !== null && c.items[i]!.indicator === indicator) continue;
      if (i - 1 > start) sheet.mergeCells(first + start, 3, first + i - 1, 3);
      start = i;
    }
  }
  for (let r = 2; r < row; r++) {
    sheet.getRow(r).eachCell({ includeEmpty: true }, (cell) => {
      cell.border = border;
      cell.alignment = { vertical: "middle", wrapText: true };
    });
  }
  sheet.pageSetup = {
    orientation: "landscape",
    paperSize: 9, // A4
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printArea: `A1:${String.fromCharCode(64 + PRINTED)}${Math.max(row - 1, 1)}`,
    printTitlesRow: "1:1",
  };
}

/** The tiers of a criterion as the rules sheet writes them: one tier a line. */
function tierLines(tiers: ContentCriterion["tiers"]): { zh: string; en: string } | null {
  if (!tiers) return null;
  const points = (p: string) => new Decimal(p).toFixed();
  return {
    zh: tiers.map((t) => `${t.label} = ${points(t.points)}`).join("\n"),
    en: tiers.map((t) => t.labelEn).join("\n"),
  };
}

/** The rules sheet: one row per criterion, in the rubric's order. */
function writeRules(sheet: ExcelJS.Worksheet, content: SchemeContent, en: boolean): void {
  const l = labels(en);
  for (const item of content.categories.flatMap((c) => c.items)) {
    for (const k of item.criteria) {
      const tiers = tierLines(k.tiers);
      const row = sheet.addRow([
        item.code,
        k.code,
        l.kind(k.kind),
        k.label,
        k.labelEn,
        num(k.points),
        num(k.step),
        tiers?.zh ?? null,
        tiers?.en ?? null,
        k.vetoEffect && l.effect(k.vetoEffect),
        k.vetoCapStars,
      ]);
      row.alignment = { vertical: "top", wrapText: true };
    }
  }
}

/** The settings sheet: one setting a row, then one row per star band. */
function writeSettings(sheet: ExcelJS.Worksheet, content: SchemeContent, en: boolean): void {
  const l = labels(en);
  const s = content.settings;
  const values: Record<SettingKey, string | number | null> = {
    name: s.name,
    nameEn: s.nameEn,
    maxPoints: num(s.maxPoints),
    combination: l.combination(s.combination),
    trimMinSheets: s.trimMinSheets,
    itemSpreadLimit: num(s.itemSpreadLimit),
    reviewerDeviationLimit: num(s.reviewerDeviationLimit),
    selfAssessmentDueOn: s.selfAssessmentDueOn,
    sheetsDueOn: s.sheetsDueOn,
    sourceNote: s.sourceNote,
    isDemo: l.flag(s.isDemo),
  };
  for (const setting of SETTINGS) sheet.addRow([l.text(setting), values[setting.key]]);
  for (const band of content.bands) {
    sheet.addRow([l.text(bandLabel(band.stars)), num(band.minPoints)]);
  }
  sheet.getColumn(2).alignment = { wrapText: true, horizontal: "left" };
}

/** The workbook of a scheme's content (see the module comment). */
async function schemeWorkbook(content: SchemeContent, en: boolean): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Meizhen";
  workbook.title = content.settings.name;
  writeRubric(addSheet(workbook, SHEETS.rubric, RUBRIC, en), content, en);
  writeRules(addSheet(workbook, SHEETS.rules, RULES, en), content, en);
  writeSettings(addSheet(workbook, SHEETS.settings, SETTINGS_HEADER, en), content, en);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * A scheme as an .xlsx file in the caller's language (any role that reads ratings; the download
 * is recorded in the audit log as an export).
 * @returns the file's name, MIME type and bytes.
 * @throws AppError NOT_FOUND (unknown scheme, or a role without rating.view)
 */
export async function exportSchemeXlsx(
  actor: Actor,
  schemeId: number,
  en: boolean,
): Promise<{ fileName: string; type: string; bytes: Buffer }> {
  const scope = authorize(actor, "rating.view");
  const valid = Number.isInteger(schemeId) && schemeId > 0 && schemeId <= 2_147_483_647;
  const content = scope.found(valid ? await readSchemeContent(db(), schemeId) : null, {
    schemeId,
  });
  const bytes = await schemeWorkbook(content, en);
  await writeAudit(db(), actor, "export.download", "ratingScheme", {
    after: { table: "ratingScheme", format: "xlsx", query: { id: String(schemeId) } },
  });
  const { year, version } = content;
  return {
    fileName: en
      ? `rating-scheme-${year}-v${version}.xlsx`
      : `${year}年度星级评价细则第${version}版.xlsx`,
    type: XLSX_TYPE,
    bytes,
  };
}

// ─────────────────────────────── import ───────────────────────────────

/** A refused row: its sheet, row number and why. */
type RowError = { sheet: SheetKey; row: number } & UserMessage;

/** The sheets as read: each row's cells by column index, and the sheet's name in the file. */
type ReadSheet = { name: string; rows: { row: number; cells: Cell[] }[] };

const text = (cell: Cell | undefined) => String(cell ?? "").trim();
const blank = (cell: Cell | undefined) => text(cell) === "";

/** A cell as a decimal (Excel's binary artifacts of computed numbers rounded away). */
function decimalOf(cell: Cell): Decimal | null {
  if (blank(cell)) return null;
  return typedNumber(typeof cell === "number" ? cell.toPrecision(15) : String(cell));
}

/**
 * Finds the three sheets (by name in either language, else by position) and reads their rows,
 * merged cells giving their value to every row they span.
 * @throws AppError VALIDATION (import.unreadable | ratingSchemes.import.missingSheet | badHeader)
 */
async function readWorkbook(bytes: Uint8Array, en: boolean): Promise<Record<SheetKey, ReadSheet>> {
  const max = limits();
  // A scheme has a few hundred rows; the unpacked size bounds what loading it can cost.
  await assertXlsxExpandedWithin(bytes, max.importExpandedBytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch {
    throw new AppError("VALIDATION", "import.unreadable", { bytes: bytes.length });
  }
  const longest = Math.max(0, ...workbook.worksheets.map((w) => w.actualRowCount - 1));
  if (longest > max.importRows) throw tooManyRows(max.importRows, { rows: longest });
  const columns: Record<SheetKey, readonly Label[]> = {
    rubric: RUBRIC,
    rules: RULES,
    settings: SETTINGS_HEADER,
  };
  const read = {} as Record<SheetKey, ReadSheet>;
  for (const [index, key] of SHEET_ORDER.entries()) {
    const named = workbook.worksheets.find(
      (w) => w.name === SHEETS[key].zh || w.name.toLowerCase() === SHEETS[key].en.toLowerCase(),
    );
    const sheet = named ?? workbook.worksheets[index];
    const wanted = en ? SHEETS[key].en : SHEETS[key].zh;
    if (!sheet) {
      throw new AppError(
        "VALIDATION",
        { message: { key: "ratingSchemes.import.missingSheet", values: { sheet: wanted } } },
        { sheet: key },
      );
    }
    const header = sheet.getRow(1);
    const fits = columns[key].every((c, i) => {
      const h = text(cellValue(header.getCell(i + 1).value));
      return h === c.zh || h.toLowerCase() === c.en.toLowerCase();
    });
    if (!fits) {
      throw new AppError(
        "VALIDATION",
        { message: { key: "ratingSchemes.import.badHeader", values: { sheet: sheet.name } } },
        { sheet: key },
      );
    }
    const rows: ReadSheet["rows"] = [];
    sheet.eachRow((row, number) => {
      if (number === 1) return;
      const cells = columns[key].map((_, i) => cellValue(row.getCell(i + 1).master.value));
      if (!cells.every(blank)) rows.push({ row: number, cells });
    });
    read[key] = { name: sheet.name, rows };
  }
  return read;
}

/** Row-by-row readers of one sheet's cells, collecting errors. */
function cellReader(
  sheet: SheetKey,
  row: number,
  columns: readonly (Label & { key: string })[],
  cells: Cell[],
  errors: RowError[],
  en: boolean,
) {
  const index = (key: string) => columns.findIndex((c) => c.key === key);
  const column = (key: string) => {
    const c = columns[index(key)]!;
    return en ? c.en : c.zh;
  };
  const fail = (key: string, values?: UserMessage["values"]) =>
    errors.push({ sheet, row, key, values });
  const raw = (key: string) => cells[index(key)] ?? null;
  const r = {
    raw,
    fail,
    /** Text (trimmed), null when blank; at most `max` characters. */
    text(key: string, max = 2000): string | null {
      const value = text(raw(key));
      if (value.length > max) fail("ratingSchemes.import.tooLong", { column: column(key), max });
      return value === "" ? null : value;
    },
    /** Says the column is required (it was found blank). */
    missing(key: string): void {
      fail("ratingSchemes.import.required", { column: column(key) });
    },
    /** Text that must be there. */
    required(key: string, max = 200): string | null {
      const value = r.text(key, max);
      if (value === null) r.missing(key);
      return value;
    },
    /** Points with 2 decimals ("2.50"), null when blank (refused when `required`). */
    points(key: string, options: { required?: boolean; negative?: boolean } = {}): string | null {
      const cell = raw(key);
      if (blank(cell)) {
        if (options.required) r.missing(key);
        return null;
      }
      const value = decimalOf(cell);
      if (value === null || !isStorablePoints(value) || (value.isNegative() && !options.negative)) {
        fail("ratingSchemes.import.badPoints", { column: column(key), value: text(cell) });
        return null;
      }
      return value.toFixed(2);
    },
    /** A whole number, null when blank. */
    integer(key: string): number | null {
      const cell = raw(key);
      if (blank(cell)) return null;
      const value = decimalOf(cell);
      if (value === null || !value.isInteger() || value.abs().greaterThan(1000)) {
        fail("ratingSchemes.import.badInteger", { column: column(key), value: text(cell) });
        return null;
      }
      return value.toNumber();
    },
    /** A calendar date "YYYY-MM-DD" (written or an Excel date), null when blank. */
    date(key: string): string | null {
      const cell = raw(key);
      if (blank(cell)) return null;
      const iso = parseCalendarDate(cell);
      if (!iso) fail("ratingSchemes.import.badDate", { column: column(key), value: text(cell) });
      return iso;
    },
    /** One of an enum's values by identifier or label, null when blank. */
    choice<T extends string>(key: string, map: Map<string, T>, shown: string[]): T | null {
      const value = text(raw(key));
      if (value === "") return null;
      const found = map.get(value.toLowerCase());
      if (found === undefined) {
        fail("ratingSchemes.import.badChoice", {
          column: column(key),
          value,
          choices: shown.join(en ? ", " : "、"),
        });
      }
      return found ?? null;
    },
  };
  return r;
}

/** Where the parsed content came from, to put the scheme check's problems on rows. */
type Rows = {
  categories: Map<string, number>;
  items: Map<string, number>;
  criteria: Map<string, number>;
  settings: Map<string, number>;
  bands: Map<number, number>;
};

/** Reads the rubric sheet into categories and items (criteria come from the rules sheet). */
function parseRubric(
  sheet: ReadSheet,
  errors: RowError[],
  rows: Rows,
  en: boolean,
): ContentCategory[] {
  const categories: ContentCategory[] = [];
  const l = labels(en);
  for (const { row, cells } of sheet.rows) {
    const r = cellReader("rubric", row, RUBRIC, cells, errors, en);
    const current = categories.at(-1);
    const code = r.text("categoryCode", 40) ?? current?.code ?? null;
    if (code === null) {
      r.fail("ratingSchemes.import.categoryMissing");
      continue;
    }
    const name = r.text("category", 200);
    const subtotal = r.points("subtotal");
    let category = current;
    if (!current || current.code !== code) {
      if (rows.categories.has(code)) {
        r.fail("ratingSchemes.import.categoryApart", { code });
        continue;
      }
      if (!CODE_PATTERN.test(code)) r.fail("ratingSchemes.check.codeFormat", { code });
      rows.categories.set(code, row);
      if (name === null) r.missing("category");
      if (subtotal === null && blank(r.raw("subtotal"))) r.missing("subtotal");
      category = {
        code,
        name: name ?? "",
        nameEn: r.text("categoryEn", 200) ?? "",
        maxPoints: subtotal ?? "0.00",
        items: [],
      };
      categories.push(category);
    } else if (
      (name !== null && name !== current.name) ||
      (subtotal ?? current.maxPoints) !== current.maxPoints
    ) {
      r.fail("ratingSchemes.import.categoryMismatch", { code });
    }
    const itemCode = r.required("itemCode", 40);
    if (itemCode === null) continue;
    if (!CODE_PATTERN.test(itemCode)) r.fail("ratingSchemes.check.codeFormat", { code: itemCode });
    if (rows.items.has(itemCode)) {
      r.fail("ratingSchemes.check.duplicateItem", { code: itemCode });
      continue;
    }
    rows.items.set(itemCode, row);
    const item: ContentItem = {
      code: itemCode,
      indicator: r.text("indicator", 200),
      indicatorEn: r.text("indicatorEn", 200),
      name: r.required("item") ?? "",
      nameEn: r.text("itemEn", 200) ?? "",
      dimension: r.choice("dimension", DIMENSIONS, Object.values(Dimension).map(l.dimension)),
      maxPoints: r.points("points", { required: true }) ?? "0.00",
      floorPoints: r.points("floor", { negative: true }) ?? "0.00",
      guidance: r.text("guidance"),
      guidanceEn: r.text("guidanceEn"),
      evidenceHint: r.text("evidence"),
      criteria: [],
    };
    category!.items.push(item);
  }
  return categories;
}

/** Parses a tiers cell ("说明 = 分值" a line) with its English labels (a line each). */
function parseTiers(
  r: ReturnType<typeof cellReader>,
): { label: string; labelEn: string; points: string }[] | null {
  const lines = (key: string) =>
    text(r.raw(key))
      .split(/\r?\n/)
      .map((s) => s.trim())
      .filter((s) => s !== "");
  const zh = lines("tiers");
  const en = lines("tiersEn");
  if (zh.length === 0) {
    r.missing("tiers");
    return null;
  }
  const tiers = [];
  for (const [i, line] of zh.entries()) {
    const at = Math.max(line.lastIndexOf("="), line.lastIndexOf("＝"));
    const label = at > 0 ? line.slice(0, at).trim() : "";
    const points = at > 0 ? typedNumber(line.slice(at + 1)) : null;
    if (label === "" || label.length > 200 || points === null || !isStorablePoints(points)) {
      r.fail("ratingSchemes.import.badTier", { line: i + 1 });
      return null;
    }
    tiers.push({ label, labelEn: en[i] ?? "", points: points.toFixed(2) });
  }
  if (en.length > 0 && en.length !== zh.length) {
    r.fail("ratingSchemes.import.tiersEnCount", { en: en.length, zh: zh.length });
    return null;
  }
  return tiers;
}

/** Reads the rules sheet into the items' criteria. */
function parseRules(
  sheet: ReadSheet,
  items: Map<string, ContentItem>,
  errors: RowError[],
  rows: Rows,
  en: boolean,
): void {
  const l = labels(en);
  for (const { row, cells } of sheet.rows) {
    const r = cellReader("rules", row, RULES, cells, errors, en);
    const itemCode = r.required("itemCode", 40);
    const code = r.required("code", 40);
    const kind = r.choice("kind", KINDS, Object.values(CriterionKind).map(l.kind));
    const label = r.required("label");
    if (itemCode === null || code === null) continue;
    const item = items.get(itemCode);
    if (!item) {
      r.fail("ratingSchemes.import.unknownItem", { code: itemCode });
      continue;
    }
    if (!CRITERION_CODE_PATTERN.test(code)) {
      r.fail("ratingSchemes.check.criterionCodeFormat", { code });
      continue;
    }
    const key = `${itemCode}:${code}`;
    if (rows.criteria.has(key)) {
      r.fail("ratingSchemes.check.duplicateCriterion", { code });
      continue;
    }
    rows.criteria.set(key, row);
    if (kind === null) {
      if (blank(r.raw("kind"))) r.missing("kind");
      continue;
    }
    const criterion: ContentCriterion = {
      code,
      kind,
      label: label ?? "",
      labelEn: r.text("labelEn", 200) ?? "",
      points: null,
      step: null,
      tiers: null,
      vetoEffect: null,
      vetoCapStars: null,
    };
    if (kind === "FIXED" || kind === "DEDUCTION" || kind === "DISCRETIONARY") {
      criterion.points = r.points("points", { required: true });
      if (kind === "DISCRETIONARY") criterion.step = r.points("step");
    } else if (kind === "TIERED") {
      criterion.tiers = parseTiers(r);
    } else {
      const effects = Object.values(VetoEffect).map(l.effect);
      criterion.vetoEffect = r.choice("vetoEffect", EFFECTS, effects);
      if (criterion.vetoEffect === null && blank(r.raw("vetoEffect"))) r.missing("vetoEffect");
      if (criterion.vetoEffect === "CAP") criterion.vetoCapStars = r.integer("capStars");
    }
    item.criteria.push(criterion);
  }
}

/**
 * Reads the settings sheet: each setting's cell by its kind, the panel's sheet count and the
 * deadlines' order by the settings form's own rules (lib/validation/rating.ts); the bands are
 * left to the scheme check.
 */
function parseSettings(
  sheet: ReadSheet,
  errors: RowError[],
  rows: Rows,
  en: boolean,
): Pick<SchemeContent, "settings" | "bands"> {
  const l = labels(en);
  const values = new Map<SettingKey, Cell>();
  const bands: SchemeContent["bands"] = [];
  // A setting's row read as one column named after the setting, so messages name it.
  const reader = (row: number, label: Label, cell: Cell) =>
    cellReader("settings", row, [{ key: "value", ...label }], [cell], errors, en);
  for (const { row, cells } of sheet.rows) {
    const name = text(cells[0]);
    const fail = (key: string, values?: UserMessage["values"]) =>
      errors.push({ sheet: "settings", row, key, values });
    const setting = SETTINGS.find(
      (s) => s.zh === name || s.en.toLowerCase() === name.toLowerCase(),
    );
    const band = BAND_KEY.exec(name);
    if (band) {
      const stars = Number(band[1]);
      if (rows.bands.has(stars)) {
        fail("ratingSchemes.import.duplicateSetting", { name });
        continue;
      }
      rows.bands.set(stars, row);
      const minPoints = reader(row, bandLabel(stars), cells[1] ?? null).points("value", {
        required: true,
      });
      if (minPoints !== null) bands.push({ stars, minPoints });
    } else if (!setting) {
      fail("ratingSchemes.import.unknownSetting", { value: name });
    } else if (rows.settings.has(setting.key)) {
      fail("ratingSchemes.import.duplicateSetting", { name });
    } else {
      rows.settings.set(setting.key, row);
      values.set(setting.key, cells[1] ?? null);
    }
  }
  for (const setting of SETTINGS) {
    if (!rows.settings.has(setting.key) && setting.key !== "sourceNote") {
      errors.push({
        sheet: "settings",
        row: 1,
        key: "ratingSchemes.import.missingSetting",
        values: { name: l.text(setting) },
      });
    }
  }
  // A missing setting is reported once (above), not again by its reader.
  const read = (key: SettingKey) => {
    const setting = SETTINGS.find((s) => s.key === key)!;
    const row = rows.settings.get(key);
    const cells = [values.get(key) ?? null];
    const column = [{ key: "value", zh: setting.zh, en: setting.en }];
    return cellReader("settings", row ?? 1, column, cells, row === undefined ? [] : errors, en);
  };
  const trim = read("trimMinSheets");
  const trimMinSheets = schemeSettingsSchema.shape.trimMinSheets.safeParse(text(trim.raw("value")));
  if (!trimMinSheets.success) trim.fail(issueKey(trimMinSheets.error.issues[0]!));
  const settings: SchemeContent["settings"] = {
    name: read("name").required("value") ?? "",
    nameEn: read("nameEn").required("value") ?? "",
    maxPoints: read("maxPoints").points("value", { required: true }) ?? "0.00",
    combination:
      read("combination").choice(
        "value",
        COMBINATIONS,
        Object.values(RatingCombination).map(l.combination),
      ) ?? "MEAN",
    trimMinSheets: trimMinSheets.data ?? 3,
    itemSpreadLimit: read("itemSpreadLimit").points("value"),
    reviewerDeviationLimit: read("reviewerDeviationLimit").points("value"),
    selfAssessmentDueOn: read("selfAssessmentDueOn").date("value"),
    sheetsDueOn: read("sheetsDueOn").date("value"),
    sourceNote: read("sourceNote").text("value"),
    isDemo: read("isDemo").choice("value", FLAGS, [l.flag(true), l.flag(false)]) === "yes",
  };
  if (!deadlinesInOrder(settings.selfAssessmentDueOn, settings.sheetsDueOn)) {
    read("sheetsDueOn").fail("ratingSchemes.sheetsBeforeSelf");
  }
  return { settings, bands: [...bands].sort((a, b) => a.stars - b.stars) };
}

/** The row a problem of the scheme check belongs on. */
function problemRow(at: ProblemPlace, rows: Rows): { sheet: SheetKey; row: number } {
  const settings = (row: number | undefined) => ({ sheet: "settings" as const, row: row ?? 1 });
  switch (at.kind) {
    case "scheme":
      return settings(rows.settings.get("maxPoints"));
    case "bands":
      return settings(
        (at.stars === null ? undefined : rows.bands.get(at.stars)) ??
          rows.bands.values().next().value,
      );
    case "category":
      return { sheet: "rubric", row: rows.categories.get(at.category) ?? 1 };
    case "item":
      return { sheet: "rubric", row: rows.items.get(at.item) ?? 1 };
    case "criterion":
      return { sheet: "rules", row: rows.criteria.get(`${at.item}:${at.criterion}`) ?? 1 };
  }
}

/**
 * Reads a scheme file into a scheme's content, checking every row and then the whole scheme.
 * @throws AppError VALIDATION: the file (import.unreadable, missingSheet, badHeader), or
 *   "import.failed" with one message per bad row, sheet by sheet in file order.
 */
export async function parseSchemeXlsx(bytes: Uint8Array, en: boolean): Promise<SchemeContent> {
  const sheets = await readWorkbook(bytes, en);
  const errors: RowError[] = [];
  const rows: Rows = {
    categories: new Map(),
    items: new Map(),
    criteria: new Map(),
    settings: new Map(),
    bands: new Map(),
  };
  const categories = parseRubric(sheets.rubric, errors, rows, en);
  const items = new Map(categories.flatMap((c) => c.items.map((i) => [i.code, i] as const)));
  parseRules(sheets.rules, items, errors, rows, en);
  const { settings, bands } = parseSettings(sheets.settings, errors, rows, en);
  const content: SchemeContent = { settings, bands, categories };
  if (errors.length === 0) {
    for (const problem of checkScheme(contentRules(content))) {
      errors.push({ ...problemRow(problem.at, rows), key: problem.key, values: problem.values });
    }
  }
  if (errors.length > 0) {
    const order = (e: RowError) => SHEET_ORDER.indexOf(e.sheet) * 1_000_000 + e.row;
    throw new AppError(
      "VALIDATION",
      {
        message: { key: "import.failed" },
        rows: [...errors]
          .sort((a, b) => order(a) - order(b))
          .map(({ sheet, ...e }) => ({ ...e, sheet: sheets[sheet].name })),
      },
      { problems: errors.length },
    );
  }
  return content;
}

/**
 * Imports a scheme file into a DRAFT, replacing its categories, items, criteria, star bands
 * and settings (year, version and status stay), all or nothing.
 * @param input `{ schemeId, expectedUpdatedAt }` (checked with zod: the draft as the page showed
 *   it), the file's name and bytes, and the user's language for the messages' column names.
 * @returns how many categories, items and criteria the draft now has.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | VALIDATION (ratingSchemes.import.badType,
 *   the file, or its rows) | CONFLICT (ratingSchemes.locked | stale | inUse | years.closed)
 */
export async function importSchemeXlsx(
  actor: Actor,
  input: { schemeId: unknown; expectedUpdatedAt: unknown; fileName: string; bytes: Uint8Array },
  en: boolean,
): Promise<{ categories: number; items: number; criteria: number }> {
  authorize(actor, "rating.manage");
  const ref = schemeRefSchema.parse(input);
  if (!/\.xlsx$/i.test(input.fileName)) {
    throw new AppError("VALIDATION", "ratingSchemes.import.badType", { fileName: input.fileName });
  }
  const content = await parseSchemeXlsx(input.bytes, en);
  return db().$transaction(async (tx) => {
    const found = await tx.ratingScheme.findUnique({
      where: { id: ref.schemeId },
      select: { year: true },
    });
    if (!found) throw new AppError("NOT_FOUND", {}, { schemeId: ref.schemeId });
    await lockSchemeYear(tx, found.year);
    const scheme = await tx.ratingScheme.findUniqueOrThrow({
      where: { id: ref.schemeId },
      select: { id: true, status: true, updatedAt: true, _count: { select: { ratings: true } } },
    });
    assertDraftUnchanged(scheme, ref.expectedUpdatedAt);
    if (scheme._count.ratings > 0) {
      throw new AppError("CONFLICT", "ratingSchemes.inUse", { schemeId: scheme.id });
    }
    await writeSchemeContent(tx, scheme.id, content);
    const counts = {
      categories: content.categories.length,
      items: content.categories.reduce((n, c) => n + c.items.length, 0),
      criteria: content.categories.reduce(
        (n, c) => n + c.items.reduce((m, i) => m + i.criteria.length, 0),
        0,
      ),
    };
    await writeAudit(tx, actor, "ratingScheme.import", scheme.id, {
      after: { fileName: input.fileName, ...counts },
    });
    return counts;
  });
}
