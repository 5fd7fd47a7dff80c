/**
 * Reading an uploaded table (.xlsx or .csv) into plain rows, shared by every import (progress
 * reports, the creation list). It accepts what Chinese users produce: .xlsx cells holding
 * numbers, text, rich text, formulas or dates; CSV in UTF-8 (with or without BOM) or
 * GB18030/GBK. Rows are numbered as the spreadsheet shows them (header = row 1); what each
 * column means is the caller's business.
 */
import "server-only";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import Papa from "papaparse";
import type { ValueError } from "@/lib/domain/indicator-value";
import { AppError } from "@/lib/errors";

/** A row-level import error: the spreadsheet row number and why (i18n key + placeholders). */
export type ImportRowError = { row: number } & ValueError;

/**
 * The error refusing a whole import because of its rows: "import.failed" and one message per
 * bad row (in row order), which the presenter shows as "第 3 行：…".
 */
export function importRowsError(rows: ImportRowError[], detail?: unknown): AppError {
  return new AppError(
    "VALIDATION",
    { message: { key: "import.failed" }, rows: [...rows].sort((a, b) => a.row - b.row) },
    detail,
  );
}

/** One cell as read: text, a number, or null when empty. Date cells become "YYYY-MM-DD". */
export type Cell = string | number | null;

/** One data row: its spreadsheet row number and its cells by column index (0-based). */
export type TableRow = { row: number; cells: Cell[] };

/** A read table: the header texts (trimmed, BOM removed) and the data rows. */
export type Table = { header: string[]; rows: TableRow[] };

/** A column's header text in both languages (either is read back, English case-insensitively). */
export type ColumnHeader = { zh: string; en: string };

/**
 * Decodes CSV bytes: UTF-8 with a BOM, else UTF-8 when the bytes are valid UTF-8, else
 * GB18030 (a superset of GBK and GB2312, which is what Excel "CSV" saves on Chinese Windows).
 */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder("utf-8").decode(bytes.subarray(3));
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(Buffer.from(bytes), "gb18030");
  }
}

/**
 * A cell's value as text or number (rich text joined, formulas by their result). A date cell
 * becomes its calendar date "YYYY-MM-DD": ExcelJS turns the stored serial into UTC midnight of
 * that day, so the UTC date is the date the user sees, whatever the server's time zone.
 */
export function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("result" in value) return cellValue(value.result as ExcelJS.CellValue);
  if ("text" in value) return String(value.text);
  return null;
}

const isEmpty = (cell: Cell | undefined) => cell === null || cell === undefined || cell === "";

/**
 * A CSV read into rows. A row must have the header's number of cells (extra cells may only be
 * empty): a short row would otherwise read its missing cells as blanks and clear stored values.
 * @throws AppError VALIDATION (import.failed, a message per row with the wrong number of cells)
 */
function tableFromCsv(bytes: Uint8Array): Table {
  const parsed = Papa.parse<string[]>(decodeCsv(bytes), { skipEmptyLines: false });
  const [header = [], ...lines] = parsed.data;
  const rows = lines
    .map((cells, i) => ({ row: i + 2, cells }))
    .filter((r) => !r.cells.every((c) => isEmpty(c.trim())));
  const width = header.length;
  const misshapen = rows.filter(
    (r) => r.cells.length < width || r.cells.slice(width).some((c) => !isEmpty(c.trim())),
  );
  if (misshapen.length > 0) {
    throw importRowsError(
      misshapen.map((r) => ({
        row: r.row,
        key: "import.cellCount",
        values: { expected: String(width), actual: String(r.cells.length) },
      })),
      { rows: misshapen.length },
    );
  }
  return {
    header: header.map((h) => h.trim().replace(/^\uFEFF/, "")),
    rows: rows.map((r) => ({ row: r.row, cells: r.cells.slice(0, width) })),
  };
}

async function tableFromXlsx(bytes: Uint8Array): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch {
    throw new AppError("VALIDATION", "import.unreadable", { bytes: bytes.length });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError("VALIDATION", "import.badHeader");
  const header: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, column) => {
    header[column - 1] = String(cellValue(cell.value) ?? "").trim();
  });
  const rows: TableRow[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const cells = Array.from({ length: header.length }, (_, i) =>
      cellValue(row.getCell(i + 1).value),
    );
    if (!cells.every(isEmpty)) rows.push({ row: number, cells });
  });
  return { header: Array.from(header, (h) => h ?? ""), rows };
}

/**
 * Reads an uploaded .xlsx (first sheet) or .csv file, chosen by extension. Wholly empty rows
 * are skipped.
 * @throws AppError VALIDATION (import.badType | import.badHeader | import.unreadable)
 */
export async function readTable(fileName: string, bytes: Uint8Array): Promise<Table> {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === "xlsx") return tableFromXlsx(bytes);
  if (ext === "csv") return tableFromCsv(bytes);
  throw new AppError("VALIDATION", "import.badType", { fileName });
}

/** The index of a column in a header row (either language, any order), −1 when absent. */
export function findColumn(header: string[], column: ColumnHeader): number {
  return header.findIndex((h) => h === column.zh || h.toLowerCase() === column.en.toLowerCase());
}

/**
 * A lookup from what a user may write in an enum column — the identifier or the UI's label in
 * either language (trimmed, lower-cased) — to the enum value.
 * @param labels the catalogues' labels of the values (e.g. `enums.Track` of zh-CN and en).
 */
export function choiceMap<T extends string>(
  values: Record<string, T>,
  labels: { zh: Record<string, string>; en: Record<string, string> },
): Map<string, T> {
  const map = new Map<string, T>();
  for (const value of Object.values(values)) {
    for (const text of [value, labels.zh[value], labels.en[value]]) {
      if (text) map.set(text.trim().toLowerCase(), value);
    }
  }
  return map;
}
