/**
 * Creation-list import against a real database (a small fixture): a good .xlsx imports exactly
 * its rows (labels, identifiers, an Excel date serial and an Excel date cell: serial 45291 is
 * 2023-12-31, worked by hand from 1899-12-30 + 45291 days); a file failing on row 3 leaves
 * nothing behind; a GBK CSV and a UTF-8-BOM CSV import the same rows; every refusal is a
 * row-level message key; the template round-trips.
 */
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access";
import { AppError } from "@/lib/errors";
import { userPart } from "@/lib/testing/errors";
import { createPrismaClient, type PrismaClient } from "@/lib/prisma-client";
import { seedCreationListFixture } from "@/lib/testing/creation-list-fixture";
import { createScratchDatabase, type ScratchDatabase } from "@/lib/testing/database";
import { buildCreationListTemplate, importCreationList } from "./import";

let database: ScratchDatabase;
let prisma: PrismaClient;
let admin: Actor;
let reviewer: Actor;

beforeAll(async () => {
  database = await createScratchDatabase("tasks_import");
  process.env.DATABASE_URL = database.url;
  prisma = createPrismaClient(database.url, { max: 2 });
  ({ admin, reviewer } = await seedCreationListFixture(prisma));
});

afterAll(async () => {
  await prisma?.$disconnect();
  await database?.drop();
});

beforeEach(async () => {
  await prisma.creationTask.deleteMany();
  await prisma.auditLog.deleteMany();
});

/** town code → [target, track, status, deadline] of its 2023 task. */
async function snapshot() {
  const tasks = await prisma.creationTask.findMany({
    where: { year: 2023 },
    select: {
      target: true,
      track: true,
      status: true,
      deadline: true,
      town: { select: { divisionCode: true } },
    },
    orderBy: { town: { divisionCode: "asc" } },
  });
  return Object.fromEntries(
    tasks.map((t) => [
      t.town.divisionCode,
      [t.target, t.track, t.status, t.deadline.toISOString().slice(0, 10)],
    ]),
  );
}

/** What a refused import tells the user (or the code of another refusal). */
async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const e = error as AppError;
    return e.code === "VALIDATION" ? userPart(e) : e.code;
  }
  throw new Error("the import was not refused");
}

const importCsv = (text: string, year: number = 2023) =>
  importCreationList(admin, { year, fileName: "名单.csv", bytes: new TextEncoder().encode(text) });

const HEADER = "区划代码,乡镇名称,创建目标,创建路径,截止日期";

describe("importCreationList", () => {
  it("imports a good .xlsx exactly, with Excel date serials and date cells", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("名单");
    sheet.addRow(["区划代码", "乡镇名称", "创建目标", "创建路径", "截止日期"]);
    sheet.addRow([330822104, "白石镇", "省级样板", "山区县县城", 45291]);
    sheet.addRow(["330822105", "招贤镇", "BASIC_COMPLIANCE", "", new Date(Date.UTC(2023, 10, 30))]);
    sheet.getCell("E3").numFmt = "yyyy/m/d";
    sheet.addRow(["330822106", "青石镇", "", "", ""]); // not on the list: skipped
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());

    expect(await importCreationList(admin, { year: 2023, fileName: "名单.xlsx", bytes })).toEqual({
      rows: 2,
      created: 2,
      updated: 0,
    });
    expect(await snapshot()).toEqual({
      "330822104": ["PROVINCIAL_SAMPLE", "COUNTY_SEAT", "DRAFT", "2023-12-31"],
      "330822105": ["BASIC_COMPLIANCE", "STANDARD", "DRAFT", "2023-11-30"],
    });
    const audit = await prisma.auditLog.findMany();
    expect(audit.map((a) => [a.action, a.entityType, a.entityId])).toEqual([
      ["task.import", "Year", "2023"],
    ]);
    expect(audit[0]!.after).toMatchObject({ fileName: "名单.xlsx", created: 2, updated: 0 });
  });

  it("refuses a file that fails on row 3 and leaves nothing behind", async () => {
    await importCsv([HEADER, "330822105,招贤镇,持续深化,乡镇,2023-06-30"].join("\n"));
    const before = await snapshot();
    const bad = [
      HEADER,
      "330822104,白石镇,省级样板,乡镇,2023-12-31",
      "330822105,招贤镇,国家级样板,乡镇,2023-12-31",
      "330822106,青石镇,基本达标,乡镇,2023-12-31",
    ].join("\n");
    expect(await refusal(importCsv(bad))).toEqual({
      message: "import.failed",
      rows: [{ row: 3, key: "import.badTarget", values: { value: "国家级样板" } }],
    });
    expect(await snapshot()).toEqual(before);
    expect(await prisma.auditLog.count()).toBe(1);
  });

  it("reads a GBK CSV and a UTF-8-BOM CSV as the same rows", async () => {
    const csv = [
      HEADER,
      "330822104,白石镇,省级样板续创,乡镇,2023年12月31日",
      "330822106,青石镇,基本达标,山区县县城,2023/9/1",
    ].join("\r\n");
    const gbk = new Uint8Array(iconv.encode(csv, "gbk"));
    expect(gbk[0]).not.toBe(0xef);
    await importCreationList(admin, { year: 2023, fileName: "gbk.csv", bytes: gbk });
    const afterGbk = await snapshot();
    expect(afterGbk).toEqual({
      "330822104": ["SAMPLE_RENEWAL", "STANDARD", "DRAFT", "2023-12-31"],
      "330822106": ["BASIC_COMPLIANCE", "COUNTY_SEAT", "DRAFT", "2023-09-01"],
    });
    await prisma.creationTask.deleteMany();
    const bom = new TextEncoder().encode(`\uFEFF${csv}`);
    await importCreationList(admin, { year: 2023, fileName: "bom.csv", bytes: bom });
    expect(await snapshot()).toEqual(afterGbk);
  });

  it("gives one message per bad row: unknown and duplicate codes, track, dates", async () => {
    const bad = [
      HEADER,
      "330822999,无名镇,基本达标,乡镇,2023-12-31",
      "330822104,白石镇,Provincial sample,Township,2023-12-31",
      "330822104,白石镇,基本达标,乡镇,2023-12-31",
      "330822105,招贤镇,基本达标,县城,2023-12-31",
      "330822106,青石镇,基本达标,乡镇,明年底",
      "33082210,x,基本达标,乡镇,2024-01-10",
    ].join("\n");
    expect(await refusal(importCsv(bad))).toEqual({
      message: "import.failed",
      rows: [
        { row: 2, key: "import.unknownTown", values: { code: "330822999" } },
        { row: 4, key: "import.duplicateTown", values: { code: "330822104" } },
        { row: 5, key: "import.badTrack", values: { value: "县城" } },
        { row: 6, key: "import.badDeadline", values: { value: "明年底" } },
        { row: 7, key: "import.unknownTown", values: { code: "33082210" } },
      ],
    });
    expect(
      await refusal(importCsv([HEADER, "330822104,白石镇,基本达标,乡镇,2024-01-10"].join("\n"))),
    ).toEqual({
      message: "import.failed",
      rows: [{ row: 2, key: "tasks.deadlineInYear" }],
    });
    expect(await snapshot()).toEqual({});
  });

  it("refuses CSV rows with too few or too many cells, and digits typed as a date", async () => {
    const misshapen = [
      HEADER,
      "330822104,白石镇,基本达标,乡镇",
      "330822106,青石镇,基本达标,乡镇,2023-12-31,多余",
      "330822105,招贤镇,基本达标,乡镇,2023-12-31,,",
    ].join("\n");
    expect(await refusal(importCsv(misshapen))).toEqual({
      message: "import.failed",
      rows: [
        { row: 2, key: "import.cellCount", values: { expected: "5", actual: "4" } },
        { row: 3, key: "import.cellCount", values: { expected: "5", actual: "6" } },
      ],
    });
    expect(
      await refusal(importCsv([HEADER, "330822104,白石镇,基本达标,乡镇,45291"].join("\n"))),
    ).toEqual({
      message: "import.failed",
      rows: [{ row: 2, key: "import.badDeadline", values: { value: "45291" } }],
    });
    expect(await snapshot()).toEqual({});
  });

  it("refuses closed years, closed tasks, bad headers and non-administrators", async () => {
    const good = [HEADER, "330822104,白石镇,基本达标,乡镇,2022-12-31"].join("\n");
    expect(await refusal(importCsv(good, 2022))).toBe("CONFLICT");
    expect(await refusal(importCsv("代码,目标\n330822104,基本达标"))).toEqual({
      message: "import.badTaskHeader",
    });
    expect(
      await refusal(
        importCreationList(reviewer, {
          year: 2023,
          fileName: "a.csv",
          bytes: new TextEncoder().encode(good),
        }),
      ),
    ).toBe("FORBIDDEN");
    const town = await prisma.town.findUniqueOrThrow({ where: { divisionCode: "330822104" } });
    await prisma.creationTask.create({
      data: {
        townId: town.id,
        year: 2023,
        target: "DEEPENING",
        status: "CLOSED",
        deadline: new Date("2023-12-31"),
      },
    });
    expect(
      await refusal(importCsv([HEADER, "330822104,白石镇,基本达标,乡镇,2023-12-31"].join("\n"))),
    ).toEqual({
      message: "import.failed",
      rows: [{ row: 2, key: "import.taskClosed", values: { code: "330822104" } }],
    });
    expect(await prisma.auditLog.count()).toBe(0);
  });

  it("round-trips its .xlsx template, updating the tasks already listed", async () => {
    await importCsv([HEADER, "330822104,白石镇,基本达标,乡镇,2023-10-31"].join("\n"));
    const template = await buildCreationListTemplate(admin, 2023, false);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      "区划代码",
      "乡镇名称",
      "创建目标",
      "创建路径",
      "截止日期",
    ]);
    expect(sheet.getRow(2).values).toEqual([
      undefined,
      "330822104",
      "白石镇",
      "基本达标",
      "乡镇",
      "2023-10-31",
    ]);
    sheet.getCell("C3").value = "省级样板";
    sheet.getCell("E3").value = "2023-12-31";
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(await importCreationList(admin, { year: 2023, fileName: "t.xlsx", bytes })).toEqual({
      rows: 2,
      created: 1,
      updated: 1,
    });
    expect(await snapshot()).toEqual({
      "330822104": ["BASIC_COMPLIANCE", "STANDARD", "DRAFT", "2023-10-31"],
      "330822105": ["PROVINCIAL_SAMPLE", "STANDARD", "DRAFT", "2023-12-31"],
    });
    await expect(buildCreationListTemplate(reviewer, 2023, false)).rejects.toThrow("FORBIDDEN");
  });
});
