/**
 * Report import against a real database with a small programme of its own
 * (lib/testing/report-fixture.ts): a file failing on row 3 leaves nothing behind; a GBK CSV
 * and a UTF-8-BOM CSV give the same rows and the same stored values; the .xlsx template
 * round-trips; evidence keeps its Chinese name and stays in scope.
 */
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access";
import { AppError } from "@/lib/errors";
import { userPart } from "@/lib/testing/errors";
import type { PrismaClient } from "@/lib/prisma-client";
import { scratchApp } from "@/lib/testing/builders";
import { seedReportFixture } from "@/lib/testing/report-fixture";
import { addEvidence, getEvidenceFile } from "./evidence";
import { buildReportTemplate, importReport, readImportRows } from "./import";
import { getReportForActor } from "./queries";

let drop: () => Promise<void>;
let prisma: PrismaClient;
let staff: Actor;
let otherStaff: Actor;
let reportId: number;

beforeAll(async () => {
  const app = await scratchApp("reports_import");
  prisma = app.prisma;
  drop = app.drop;
  ({ staff, otherStaff, reportId } = await seedReportFixture(prisma));
});

afterAll(async () => {
  await drop?.();
});

/** indicator code → stored value (fixed string) and note. */
async function snapshot() {
  const values = await prisma.indicatorValue.findMany({
    where: { reportId },
    select: { value: true, note: true, indicator: { select: { code: true } } },
  });
  return Object.fromEntries(
    values.map((v) => [v.indicator.code, [v.value?.toFixed() ?? null, v.note]]),
  );
}

const importFile = async (fileName: string, bytes: Uint8Array) => {
  const report = await getReportForActor(staff, reportId);
  return importReport(staff, report, { expectedVersion: report.version, fileName, bytes });
};

const CSV = [
  "指标代码,本期数值,说明",
  'greenwayKm,"1,234.5",含绿道二期',
  "nankongReadingRooms,３,南孔书屋（含村级）",
  "sewageTreatmentRate,９６．５％,",
].join("\r\n");

describe("importReport", () => {
  it("refuses a file that fails on row 3 and leaves nothing behind", async () => {
    const before = await snapshot();
    const { version } = await prisma.progressReport.findUniqueOrThrow({ where: { id: reportId } });
    const bad = [
      "指标代码,本期数值",
      "greenwayKm,88",
      "sewageTreatmentRate,101",
      "nankongReadingRooms,2",
    ].join("\n");
    let detail: unknown;
    try {
      await importFile("溪口镇.csv", new TextEncoder().encode(bad));
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      detail = userPart(error as AppError);
    }
    expect(detail).toEqual({
      message: "import.failed",
      rows: [{ row: 3, key: "indicatorValue.aboveMax", values: { max: "100" } }],
    });
    expect(await snapshot()).toEqual(before);
    expect(
      (await prisma.progressReport.findUniqueOrThrow({ where: { id: reportId } })).version,
    ).toBe(version);
    expect(await prisma.auditLog.count({ where: { action: "report.save" } })).toBe(0);
  });

  it("reads a GBK CSV and a UTF-8-BOM CSV as the same rows and stores the same values", async () => {
    const gbk = new Uint8Array(iconv.encode(CSV, "gbk"));
    const bom = new TextEncoder().encode(`\uFEFF${CSV}`);
    expect(gbk[0]).not.toBe(0xef);
    const rows = await readImportRows("a.csv", gbk);
    expect(rows).toEqual(await readImportRows("b.csv", bom));
    expect(rows).toEqual([
      { row: 2, code: "greenwayKm", value: "1,234.5", note: "含绿道二期" },
      { row: 3, code: "nankongReadingRooms", value: "３", note: "南孔书屋（含村级）" },
      { row: 4, code: "sewageTreatmentRate", value: "９６．５％", note: "" },
    ]);

    await importFile("gbk.csv", gbk);
    const afterGbk = await snapshot();
    expect(afterGbk.greenwayKm).toEqual(["1234.5", "含绿道二期"]);
    expect(afterGbk.nankongReadingRooms).toEqual(["3", "南孔书屋（含村级）"]);
    expect(afterGbk.sewageTreatmentRate).toEqual(["96.5", null]);
    await importFile("bom.csv", bom);
    expect(await snapshot()).toEqual(afterGbk);
  });

  it("round-trips the .xlsx template with numbers and text cells", async () => {
    const template = await buildReportTemplate(await getReportForActor(staff, reportId), false);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe("指标代码");
    sheet.eachRow((row, number) => {
      if (row.getCell(1).value === "greenwayKm") row.getCell(6).value = 15.25;
      if (row.getCell(1).value === "nankongReadingRooms") row.getCell(6).value = "4";
      if (number > 1 && row.getCell(6).value === "") row.getCell(6).value = null;
    });
    const filled = new Uint8Array(await workbook.xlsx.writeBuffer());
    const result = await importFile("模板.xlsx", filled);
    expect(result.rows).toBe(5);
    const after = await snapshot();
    expect(after.greenwayKm![0]).toBe("15.25");
    expect(after.nankongReadingRooms![0]).toBe("4");
  });
});

describe("evidence", () => {
  const pdf = new TextEncoder().encode("%PDF-1.4\n");

  it("keeps the Chinese name, checks the content, and stays in scope", async () => {
    const { id } = await addEvidence(staff, {
      reportId,
      indicatorId: null,
      fileName: "C:\\fakepath\\污水管网验收.pdf",
      bytes: pdf,
    });
    const file = await getEvidenceFile(staff, id);
    expect(file).toMatchObject({ fileName: "污水管网验收.pdf", mimeType: "application/pdf" });
    await expect(getEvidenceFile(otherStaff, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      addEvidence(staff, { reportId, indicatorId: null, fileName: "照片.jpg", bytes: pdf }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      user: { message: { key: "evidence.contentMismatch" } },
    });
    expect(await prisma.auditLog.count({ where: { action: "evidence.create" } })).toBe(1);
  });

  it("waits for a submission in progress and then refuses: no file slips into a submitted report", async () => {
    // Another connection submits the report: it holds the row lock until it commits.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const submission = prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "ProgressReport" WHERE id = ${reportId} FOR UPDATE`;
      await tx.progressReport.update({ where: { id: reportId }, data: { status: "SUBMITTED" } });
      locked();
      await held;
    });
    await lockTaken;
    const upload = addEvidence(staff, {
      reportId,
      indicatorId: null,
      fileName: "迟到的材料.pdf",
      bytes: pdf,
    }).then(
      () => "ADDED",
      (error: unknown) => (error instanceof AppError ? error.code : "ERROR"),
    );
    // The upload must not finish while the submission is open …
    const early = await Promise.race([
      upload,
      new Promise((r) => setTimeout(() => r("WAITING"), 300)),
    ]);
    expect(early).toBe("WAITING");
    release();
    await submission;
    // … and once it committed, the report is no longer editable.
    expect(await upload).toBe("CONFLICT");
    expect(await prisma.evidence.count({ where: { reportId, fileName: "迟到的材料.pdf" } })).toBe(
      0,
    );
    await prisma.progressReport.update({ where: { id: reportId }, data: { status: "DRAFT" } });
  });
});
