/**
 * A scheme's .xlsx round trip on PostgreSQL: the demo rubric (prisma/seed/rubric.ts, 5
 * categories, 13 items, 100 points) exported, imported into an empty draft and exported again
 * gives the same file content; a bad file is refused row by row and leaves the draft as it was.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/prisma-client";
import { builders, scratchApp } from "@/lib/testing/builders";
import { PANEL_SETTINGS, RUBRIC, RUBRIC_SOURCE_NOTE, STAR_BANDS } from "@/prisma/seed/rubric";
import { exportSchemeXlsx, importSchemeXlsx } from "./scheme-xlsx";
import { createSchemeVersion } from "./schemes";
import { readSchemeContent, writeSchemeContent, type SchemeContent } from "./schemes.internal";

let prisma: PrismaClient;
let drop: () => Promise<void>;
let build: ReturnType<typeof builders>;
let admin: Actor;
let leader: Actor;
let demoId: number;

const two = (p: string) => Number(p).toFixed(2);

/** The demo rubric as a scheme's content (what the seed writes for a year). */
const demoContent = (): SchemeContent => ({
  settings: {
    name: "2026年度省级样板星级评价细则（演示）",
    nameEn: "2026 star rating rubric for provincial samples (demo)",
    maxPoints: "100.00",
    combination: PANEL_SETTINGS.combination,
    trimMinSheets: PANEL_SETTINGS.trimMinSheets,
    itemSpreadLimit: two(PANEL_SETTINGS.itemSpreadLimit),
    reviewerDeviationLimit: two(PANEL_SETTINGS.reviewerDeviationLimit),
    selfAssessmentDueOn: "2026-11-20",
    sheetsDueOn: "2026-12-15",
    sourceNote: RUBRIC_SOURCE_NOTE,
    isDemo: true,
  },
  bands: STAR_BANDS.map((b) => ({ stars: b.stars, minPoints: two(b.minPoints) })),
  categories: RUBRIC.map((c) => ({
    code: c.code,
    name: c.name,
    nameEn: c.nameEn,
    maxPoints: two(c.maxPoints),
    items: c.items.map((i) => ({
      code: i.code,
      indicator: i.indicator,
      indicatorEn: i.indicatorEn,
      name: i.name,
      nameEn: i.nameEn,
      dimension: i.dimension,
      maxPoints: two(i.maxPoints),
      floorPoints: "0.00",
      guidance: i.guidance,
      guidanceEn: i.guidanceEn,
      evidenceHint: i.evidenceHint,
      criteria: i.criteria.map((k) => ({
        code: k.code,
        kind: k.kind,
        label: k.label,
        labelEn: k.labelEn,
        points: "points" in k ? two(k.points) : null,
        step: "step" in k ? two(k.step) : null,
        tiers: "tiers" in k ? k.tiers.map((t) => ({ ...t, points: two(t.points) })) : null,
        vetoEffect: k.kind === "VETO" ? k.effect : null,
        vetoCapStars: k.kind === "VETO" ? k.capStars : null,
      })),
    })),
  })),
});

beforeAll(async () => {
  const app = await scratchApp("scheme_xlsx");
  prisma = app.prisma;
  drop = app.drop;
  build = builders(prisma);
  admin = await build.actor("CITY_ADMIN");
  leader = await build.actor("CITY_LEADER");
  await build.year(2026);
  const scheme = await prisma.ratingScheme.create({
    data: { year: 2026, version: 1, name: "", nameEn: "", maxPoints: 0, status: "ACTIVE" },
  });
  demoId = scheme.id;
  await prisma.$transaction((tx) => writeSchemeContent(tx, demoId, demoContent()));
});

afterAll(async () => {
  await drop?.();
});

/** Every sheet of a workbook: its name, merged ranges and each row's cell values. */
async function fileContent(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return workbook.worksheets.map((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return {
      name: sheet.name,
      merges: [...((sheet.model.merges as string[] | undefined) ?? [])].sort(),
      rows,
    };
  });
}

/** A fresh empty draft (a year with no scheme before it) and the reference the page would send. */
let emptyYear = 2060;
async function emptyDraft() {
  const year = (emptyYear += 2); // the year before has no scheme: the draft starts empty
  await build.year(year, "PLANNING");
  const { id } = await createSchemeVersion(admin, { year });
  const row = await prisma.ratingScheme.findUniqueOrThrow({ where: { id } });
  return { schemeId: id, expectedUpdatedAt: row.updatedAt.toISOString() };
}

/** The workbook with some cells changed: sheet index → "A2" → value. */
async function edited(bytes: Uint8Array, edits: Record<number, Record<string, ExcelJS.CellValue>>) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  for (const [sheet, cells] of Object.entries(edits)) {
    for (const [address, value] of Object.entries(cells)) {
      workbook.worksheets[Number(sheet)]!.getCell(address).value = value;
    }
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("scheme .xlsx", () => {
  it("lays the demo rubric out as the evaluation sheet, its rules and settings", async () => {
    const { fileName, bytes } = await exportSchemeXlsx(admin, demoId, false);
    expect(fileName).toBe("2026年度星级评价细则第1版.xlsx");
    const [rubric, rules, settings] = await fileContent(bytes);
    expect(rubric!.name).toBe("评分细则");
    expect(rubric!.rows[0]!.slice(0, 7)).toEqual([
      "考核内容",
      "分值",
      "考核指标",
      "考核要点",
      "分值",
      "评分标准",
      "评分指导点",
    ]);
    // 13 items; category E's name and subtotal merged over its 4 rows (2–5)
    expect(rubric!.rows).toHaveLength(14);
    expect(rubric!.merges).toEqual(expect.arrayContaining(["A2:A5", "B2:B5", "L2:L5"]));
    expect(rubric!.rows[1]!.slice(0, 5)).toEqual([
      "功能便民环境美",
      25,
      "城镇污水治理",
      "污水零直排与管网运维",
      5,
    ]);
    // one row per criterion: E1 has 5 (fixed, tiered, discretionary, deduction, veto)
    expect(rules!.name).toBe("规则");
    expect(rules!.rows.filter((r) => r[0] === "E1").map((r) => r[2])).toEqual([
      "固定分",
      "分档",
      "酌情",
      "扣分",
      "一票否决",
    ]);
    expect(rules!.rows.find((r) => r[0] === "E1" && r[1] === "rate")!.slice(7, 9)).toEqual([
      "95%以上 = 2\n90%—95% = 1\n90%以下 = 0",
      "≥95%\n90–95%\n<90%",
    ]);
    expect(settings!.name).toBe("设置");
    expect(settings!.rows).toContainEqual(["满分", 100]);
    expect(settings!.rows).toContainEqual(["5星分数线", 95]);
    expect(settings!.rows).toContainEqual(["演示细则", "是"]);
  });

  it("round trip: exported, imported into an empty draft, exported again is the same file", async () => {
    const first = await exportSchemeXlsx(admin, demoId, false);
    const draft = await emptyDraft();
    const counts = await importSchemeXlsx(
      admin,
      { ...draft, fileName: first.fileName, bytes: first.bytes },
      false,
    );
    expect(counts).toEqual({ categories: 5, items: 13, criteria: 40 });
    const again = await exportSchemeXlsx(admin, draft.schemeId, false);
    expect(await fileContent(again.bytes)).toEqual(await fileContent(first.bytes));
    const { settings, bands, categories } = (await readSchemeContent(prisma, draft.schemeId))!;
    expect({ settings, bands, categories }).toEqual(demoContent());
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "ratingScheme.import", entityId: String(draft.schemeId) },
    });
    expect(audit.after).toEqual({ fileName: first.fileName, ...counts });
  });

  it("merges an indicator shared by consecutive items and reads it back on each", async () => {
    const content = demoContent();
    const [e1, e2, e3] = content.categories[0]!.items;
    for (const item of [e2!, e3!]) {
      item.indicator = e1!.indicator;
      item.indicatorEn = e1!.indicatorEn;
    }
    const source = await emptyDraft();
    await prisma.$transaction((tx) => writeSchemeContent(tx, source.schemeId, content));
    const file = await exportSchemeXlsx(admin, source.schemeId, false);
    const [rubric] = await fileContent(file.bytes);
    expect(rubric!.merges).toContain("C2:C4");
    expect(rubric!.merges).not.toContain("C2:C5");
    const draft = await emptyDraft();
    await importSchemeXlsx(admin, { ...draft, fileName: "x.xlsx", bytes: file.bytes }, false);
    const read = (await readSchemeContent(prisma, draft.schemeId))!;
    expect(read.categories[0]!.items.map((i) => i.indicator)).toEqual([
      "城镇污水治理",
      "城镇污水治理",
      "城镇污水治理",
      "交通与停车",
    ]);
  });

  it("reads back the English file too", async () => {
    const english = await exportSchemeXlsx(admin, demoId, true);
    expect(english.fileName).toBe("rating-scheme-2026-v1.xlsx");
    expect((await fileContent(english.bytes)).map((s) => s.name)).toEqual([
      "Rubric",
      "Rules",
      "Settings",
    ]);
    const draft = await emptyDraft();
    await importSchemeXlsx(admin, { ...draft, fileName: "x.xlsx", bytes: english.bytes }, true);
    const { settings, bands, categories } = (await readSchemeContent(prisma, draft.schemeId))!;
    expect({ settings, bands, categories }).toEqual(demoContent());
  });

  it("refuses a bad file row by row, sheet by sheet, and leaves the draft as it was", async () => {
    const { bytes } = await exportSchemeXlsx(admin, demoId, false);
    const draft = await emptyDraft();
    const before = await readSchemeContent(prisma, draft.schemeId);
    const bad = await edited(bytes, {
      0: { E3: "五分" }, // rubric row 3 (E2): points
      1: { C4: "加分", A6: "Z9" }, // rules row 4: kind; row 6: an item not in the rubric
      2: { B9: "明年" }, // settings row 9: 自评截止日期
    });
    const error = await refusal(
      importSchemeXlsx(admin, { ...draft, fileName: "bad.xlsx", bytes: bad }, false),
    );
    expect(error.code).toBe("VALIDATION");
    expect(error.user.message).toEqual({ key: "import.failed" });
    expect(error.user.rows).toEqual([
      {
        sheet: "评分细则",
        row: 3,
        key: "ratingSchemes.import.badPoints",
        values: { column: "分值", value: "五分" },
      },
      {
        sheet: "规则",
        row: 4,
        key: "ratingSchemes.import.badChoice",
        values: {
          column: "类型",
          value: "加分",
          choices: "固定分、分档、酌情、扣分、一票否决",
        },
      },
      {
        sheet: "规则",
        row: 6,
        key: "ratingSchemes.import.unknownItem",
        values: { code: "Z9" },
      },
      {
        sheet: "设置",
        row: 9,
        key: "ratingSchemes.import.badDate",
        values: { column: "自评截止日期", value: "明年" },
      },
    ]);
    expect(await readSchemeContent(prisma, draft.schemeId)).toEqual(before);
  });

  it("puts the scheme check's problems on the rows at fault", async () => {
    const { bytes } = await exportSchemeXlsx(admin, demoId, false);
    const draft = await emptyDraft();
    // category E's subtotal 25 → 24 (rows 2–5 are merged: the master cell B2), 5★ at 101
    const bad = await edited(bytes, { 0: { B2: 24 }, 2: { B17: 101 } });
    const error = await refusal(
      importSchemeXlsx(admin, { ...draft, fileName: "bad.xlsx", bytes: bad }, false),
    );
    expect(error.user.rows).toEqual([
      {
        sheet: "评分细则",
        row: 2,
        key: "ratingSchemes.check.categorySum",
        values: { code: "E", max: "24.00", sum: "25.00" },
      },
      {
        sheet: "设置",
        row: 4,
        key: "ratingSchemes.check.schemeSum",
        values: { max: "100.00", sum: "99.00" },
      },
      {
        sheet: "设置",
        row: 17,
        key: "ratingSchemes.check.bandAboveMax",
        values: { stars: "5", min: "101.00", max: "100.00" },
      },
    ]);
  });

  it("refuses a file that is not a scheme file as a whole", async () => {
    const draft = await emptyDraft();
    const other = new ExcelJS.Workbook();
    other.addWorksheet("Sheet1").addRow(["区划代码", "乡镇名称"]);
    const bytes = new Uint8Array(await other.xlsx.writeBuffer());
    const header = await refusal(
      importSchemeXlsx(admin, { ...draft, fileName: "名单.xlsx", bytes }, false),
    );
    expect(header.user.message).toEqual({
      key: "ratingSchemes.import.badHeader",
      values: { sheet: "Sheet1" },
    });
    const junk = await refusal(
      importSchemeXlsx(
        admin,
        { ...draft, fileName: "x.xlsx", bytes: new TextEncoder().encode("not a zip") },
        false,
      ),
    );
    expect(junk.user.message?.key).toBe("import.unreadable");
  });

  it("never imports into a scheme in use, nor for the leader", async () => {
    const { bytes } = await exportSchemeXlsx(admin, demoId, false);
    const active = await prisma.ratingScheme.findUniqueOrThrow({ where: { id: demoId } });
    const ref = { schemeId: demoId, expectedUpdatedAt: active.updatedAt.toISOString() };
    const locked = await refusal(
      importSchemeXlsx(admin, { ...ref, fileName: "x.xlsx", bytes }, false),
    );
    expect([locked.code, locked.user.message?.key]).toEqual(["CONFLICT", "ratingSchemes.locked"]);
    const draft = await emptyDraft();
    const forbidden = await refusal(
      importSchemeXlsx(leader, { ...draft, fileName: "x.xlsx", bytes }, false),
    );
    expect(forbidden.code).toBe("FORBIDDEN");
    const csv = await refusal(
      importSchemeXlsx(admin, { ...draft, fileName: "x.csv", bytes }, false),
    );
    expect(csv.user.message?.key).toBe("ratingSchemes.import.badType");
  });
});
