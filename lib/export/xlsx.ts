/**
 * .xlsx exports (exceljs): one sheet with a bold, frozen header row; numeric columns are
 * written as numbers (2 decimals where the column is money, land or a rate) so Excel can sum them.
 */
import ExcelJS from "exceljs";
import type { ExportTable } from "./csv";

/** Column kinds that change how a value is written. */
export type ColumnFormat = "text" | "integer" | "decimal2";

/**
 * What a sheet says above its header: a title row (e.g. "衢州市美丽城镇 乡镇 2026年") and a
 * second row with the "as of" time and, on demo data, the demo mark. Both rows are plain text
 * already in the user's language.
 */
export type SheetHeading = { title: string; note: string };

/**
 * The file name of an export, without extension: `<prefix>_<table>_<year>_<yyyymmdd>`, e.g.
 * `衢州市美丽城镇_进度填报_2026_20261204` (zh) or `Quzhou_progress-reports_2026_20261204` (en).
 * Characters a file system refuses (/ \ : * ? " < > |) and spaces become "-".
 * @param day the calendar day of the export (yyyy-mm-dd, Asia/Shanghai).
 */
export function exportFileName(prefix: string, table: string, year: number, day: string): string {
  const safe = (s: string) => s.trim().replace(/[\\/:*?"<>|\s]+/g, "-");
  return [safe(prefix), safe(table), String(year), day.replaceAll("-", "")].join("_");
}

/**
 * The workbook bytes of a table.
 * @param formats per column (default text); numeric strings such as "1234.50" become numbers.
 * @param heading optional title and note rows above the header (the header row then is row 3).
 */
export async function toXlsx(
  table: ExportTable,
  sheetName: string,
  formats: ColumnFormat[] = [],
  heading?: SheetHeading,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Meizhen";
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), {
    views: [{ state: "frozen", ySplit: heading ? 3 : 1 }],
  });
  if (heading) {
    sheet.addRow([heading.title]).font = { bold: true, size: 14 };
    sheet.addRow([heading.note]).font = { italic: true, color: { argb: "FF555555" } };
  }
  sheet.addRow(table.columns).font = { bold: true };
  for (const row of table.rows) {
    sheet.addRow(
      row.map((value, i) => {
        const format = formats[i] ?? "text";
        if (format === "text" || value === null || value === "") return value;
        return Number(value);
      }),
    );
  }
  table.columns.forEach((title, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.max(8, Math.min(40, title.length * 2 + 4));
    if (formats[i] === "decimal2") column.numFmt = "#,##0.00";
    if (formats[i] === "integer") column.numFmt = "#,##0";
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
