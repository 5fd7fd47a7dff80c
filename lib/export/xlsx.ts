/**
 * .xlsx exports (exceljs): one sheet with a bold, frozen header row; numeric columns are
 * written as numbers (2 decimals where the column is money, land or a rate) so Excel can sum them.
 */
import ExcelJS from "exceljs";
import type { ExportTable } from "./csv";

/** Column kinds that change how a value is written. */
export type ColumnFormat = "text" | "integer" | "decimal2";

/**
 * The workbook bytes of a table.
 * @param formats per column (default text); numeric strings such as "1234.50" become numbers.
 */
export async function toXlsx(
  table: ExportTable,
  sheetName: string,
  formats: ColumnFormat[] = [],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Meizhen";
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), {
    views: [{ state: "frozen", ySplit: 1 }],
  });
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
