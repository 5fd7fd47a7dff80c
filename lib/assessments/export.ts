/**
 * The .xlsx export of an assessment run in the layout of a performance score sheet (./sheet.ts):
 * sheet 1 a row per item (grouped by category, with subtotals), a column per county in rank
 * order, then totals, ranks and grades; sheet 2 the details (each county's value, target,
 * base, bonus, deduction and points per item, with what it rests on). Points are written as
 * numbers with 2 decimals. Headers follow the user's language. Every export is audited.
 */
import "server-only";
import ExcelJS from "exceljs";
import { getLocale, getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/access";
import { writeAudit } from "@/lib/audit/write";
import { db } from "@/lib/db";
import { getRun } from "./queries";
import { ruleText } from "@/lib/assessments/item-text";
import { scoreSheet } from "./sheet";

/** The workbook of a run and its file name (without extension). */
export type AssessmentWorkbook = { fileName: string; bytes: Buffer };

const points = (value: string) => (value === "" ? "" : Number(value));

/**
 * Builds the workbook of run `runId` (city roles) and records the export.
 * @throws AppError NOT_FOUND (unknown run, not a city role) | CONFLICT (never computed)
 */
export async function exportRun(actor: Actor, runId: number): Promise<AssessmentWorkbook> {
  const run = await getRun(actor, runId);
  const t = await getTranslations("assessments");
  const te = await getTranslations("enums");
  const en = (await getLocale()) === "en";
  const sheet = scoreSheet(run);
  const name = (x: { name: string; nameEn: string }) => (en ? x.nameEn : x.name);

  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Meizhen";
  const ws = workbook.addWorksheet(t("export.sheet"), {
    views: [{ state: "frozen", xSplit: 3, ySplit: 3 }],
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const columns = 3 + sheet.counties.length;
  const title = ws.addRow([t("export.title", { year: run.year, version: run.version })]);
  title.font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, columns);
  ws.addRow([
    `${name({ name: run.schemeName, nameEn: run.schemeNameEn })} · ${t(`runStatus.${run.status}`)}${
      run.publishedAt ? ` · ${t("export.publishedOn", { date: run.publishedAt.slice(0, 10) })}` : ""
    }${run.judgedOn ? ` · ${t("export.judgedOn", { date: run.judgedOn })}` : ""}`,
  ]);
  ws.mergeCells(2, 1, 2, columns);
  const header = ws.addRow([
    t("export.category"),
    t("export.item"),
    t("export.basePoints"),
    ...sheet.counties.map(name),
  ]);
  header.font = { bold: true };

  const numeric = (row: ExcelJS.Row) => {
    for (let c = 3; c <= columns; c++) row.getCell(c).numFmt = "0.00";
  };
  for (const group of sheet.groups) {
    group.lines.forEach((line, i) => {
      const row = ws.addRow([
        i === 0 ? te(`AssessmentCategory.${group.category}`) : "",
        name(line),
        points(line.basePoints),
        ...sheet.counties.map((c) => points(line.points[c.code] ?? "")),
      ]);
      numeric(row);
    });
    const subtotal = ws.addRow([
      "",
      t("export.subtotal", { category: te(`AssessmentCategory.${group.category}`) }),
      points(group.basePoints),
      ...sheet.counties.map((c) => points(group.subtotal[c.code] ?? "")),
    ]);
    subtotal.font = { italic: true };
    numeric(subtotal);
  }
  const total = ws.addRow([
    t("export.total"),
    "",
    points(sheet.basePoints),
    ...sheet.counties.map((c) => points(sheet.totals[c.code] ?? "")),
  ]);
  total.font = { bold: true };
  numeric(total);
  ws.addRow([
    t("export.rank"),
    "",
    "",
    ...sheet.counties.map((c) => sheet.ranks[c.code] ?? ""),
  ]).font = { bold: true };
  ws.addRow([
    t("export.grade"),
    "",
    "",
    ...sheet.counties.map((c) => te(`Grade.${sheet.grades[c.code]}`)),
  ]).font = { bold: true };
  ws.getColumn(1).width = 14;
  ws.getColumn(2).width = 34;
  ws.getColumn(3).width = 10;
  for (let c = 4; c <= columns; c++) ws.getColumn(c).width = 12;

  const details = workbook.addWorksheet(t("export.details"), {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  details.addRow([
    t("export.county"),
    t("export.item"),
    t("export.actual"),
    t("export.target"),
    t("export.basePoints"),
    t("export.bonus"),
    t("export.deduction"),
    t("export.points"),
    t("export.basis"),
    t("export.note"),
    t("export.rule"),
  ]).font = { bold: true };
  for (const county of run.counties) {
    for (const item of county.items) {
      const scheme = run.snapshot!.scheme.items.find((i) => i.code === item.code)!;
      const row = details.addRow([
        name(county),
        name(scheme),
        item.actual === null ? "" : Number(item.actual),
        item.target === null ? "" : Number(item.target),
        points(item.base),
        points(item.bonus),
        points(item.deduction),
        points(item.points),
        t(`basis.${item.basis}`),
        item.note ?? "",
        // Where a bonus (or deduction) comes from: the item's rule in the scheme.
        ruleText(scheme, t, en),
      ]);
      for (let c = 5; c <= 8; c++) row.getCell(c).numFmt = "0.00";
    }
  }
  [12, 34, 12, 12, 10, 10, 10, 10, 14, 40, 48].forEach(
    (w, i) => (details.getColumn(i + 1).width = w),
  );

  await writeAudit(db(), actor, "export.download", "assessment", {
    after: { table: "assessment", format: "xlsx", query: { runId, year: run.year } },
  });
  return {
    fileName: t("export.fileName", { year: run.year, version: run.version }),
    bytes: Buffer.from(await workbook.xlsx.writeBuffer()),
  };
}
