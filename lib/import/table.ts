/**
 * Reading an uploaded table (.xlsx or .csv) into plain rows, shared by every import (progress
 * reports, the creation list). It accepts what Chinese users produce: .xlsx cells holding
 * numbers, text, rich text, formulas or dates; CSV in UTF-8 (with or without BOM) or
 * GB18030/GBK. Rows are numbered as the spreadsheet shows them (header = row 1); what each
 * column means is the caller's business.
 */
import "server-only";
import { Readable } from "node:stream";
import zlib from "node:zlib";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import Papa from "papaparse";
import unzipper from "unzipper";
import type { ValueError } from "@/lib/domain/indicator-value";
import { AppError } from "@/lib/errors";
import { limits, megabytes, type Limits } from "@/lib/limits";

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
 * A CSV read into rows (at most the row limit: lines past it are not parsed). A row must have the header's number of cells (extra cells may only be
 * empty): a short row would otherwise read its missing cells as blanks and clear stored values.
 * @throws AppError VALIDATION (import.failed, a message per row with the wrong number of cells) |
 *   TOO_LARGE (upload.tooManyRows)
 */
function tableFromCsv(bytes: Uint8Array, max: TableLimits): Table {
  // Parsing stops one line past the limit (header + limit + 1): enough to know it is over.
  const parsed = Papa.parse<string[]>(decodeCsv(bytes), {
    skipEmptyLines: false,
    preview: max.importRows + 2,
  });
  const [header = [], ...lines] = parsed.data;
  if (lines.length > max.importRows) throw tooManyRows(max.importRows, { lines: lines.length });
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

/** The limits a table is read under (lib/limits.ts). */
export type TableLimits = Pick<Limits, "importRows" | "importExpandedBytes">;

const readU16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const readU32 = (b: Uint8Array, at: number) => (readU16(b, at) | (readU16(b, at + 2) << 16)) >>> 0;

/**
 * Where a zip's end-of-central-directory record starts (22 bytes plus a comment of at most
 * 65,535, so it is searched for from the end), −1 when there is none.
 */
function endOfDirectory(bytes: Uint8Array): number {
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= earliest; i--) {
    if (readU32(bytes, i) === 0x06054b50) return i;
  }
  return -1;
}

/**
 * The sum of the unpacked sizes a zip declares in its central directory (an .xlsx is a zip),
 * read without unpacking anything; null when the bytes are not a readable zip. A ZIP64 entry
 * (sizes past 4 GB) counts as infinitely large. (PKWARE APPNOTE 4.3.12, 4.3.16.)
 */
export function zipExpandedBytes(bytes: Uint8Array): number | null {
  const end = endOfDirectory(bytes);
  if (end < 0) return null;
  const entries = readU16(bytes, end + 10);
  let at = readU32(bytes, end + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || readU32(bytes, at) !== 0x02014b50) return null;
    const size = readU32(bytes, at + 24);
    if (size === 0xffffffff) return Number.POSITIVE_INFINITY;
    total += size;
    at += 46 + readU16(bytes, at + 28) + readU16(bytes, at + 30) + readU16(bytes, at + 32);
  }
  return total;
}

/** The refusal (TOO_LARGE, upload.tooManyRows) of a table with more data rows than `max`. */
export function tooManyRows(max: number, detail: unknown): AppError {
  return new AppError(
    "TOO_LARGE",
    { message: { key: "upload.tooManyRows", values: { max } } },
    detail,
  );
}

const tooLargeExpanded = (maxBytes: number, detail: unknown) =>
  new AppError(
    "TOO_LARGE",
    { message: { key: "upload.tooLargeExpanded", values: { mb: megabytes(maxBytes) } } },
    detail,
  );

/**
 * Inflates a stream of compressed chunks, counting the bytes that come out and throwing at the
 * first byte past `room` (nothing inflated is kept). Returns the count.
 * @throws AppError TOO_LARGE (upload.tooLargeExpanded)
 */
async function countInflated(
  chunks: AsyncIterable<Buffer>,
  room: number,
  maxBytes: number,
): Promise<number> {
  let count = 0;
  for await (const chunk of chunks) {
    count += chunk.length;
    if (count > room) throw tooLargeExpanded(maxBytes, { inflated: count, room });
  }
  return count;
}

/**
 * The zip as its central directory describes it (the view of ExcelJS's whole-file loader,
 * JSZip): each entry's compressed bytes located through its local header, inflated while
 * counting. Returns the total inflated bytes.
 * @throws AppError TOO_LARGE past `maxBytes` | VALIDATION (import.unreadable)
 */
async function inflateByDirectory(bytes: Uint8Array, maxBytes: number): Promise<number> {
  const unreadable = () => new AppError("VALIDATION", "import.unreadable", { bytes: bytes.length });
  const end = endOfDirectory(bytes);
  if (end < 0) throw unreadable();
  const entries = readU16(bytes, end + 10);
  let at = readU32(bytes, end + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || readU32(bytes, at) !== 0x02014b50) throw unreadable();
    const method = readU16(bytes, at + 10);
    const compressed = readU32(bytes, at + 20);
    const local = readU32(bytes, at + 42);
    if (local + 30 > bytes.length || readU32(bytes, local) !== 0x04034b50) throw unreadable();
    const start = local + 30 + readU16(bytes, local + 26) + readU16(bytes, local + 28);
    if (start + compressed > bytes.length) throw unreadable();
    const data = Buffer.from(bytes.buffer, bytes.byteOffset + start, compressed);
    if (method === 0) {
      total += compressed;
      if (total > maxBytes) throw tooLargeExpanded(maxBytes, { inflated: total });
    } else if (method === 8) {
      const inflater = zlib.createInflateRaw();
      const out = Readable.from([data]).pipe(inflater);
      try {
        total += await countInflated(out, maxBytes - total, maxBytes);
      } catch (error) {
        inflater.destroy();
        if (error instanceof AppError) throw error;
        throw unreadable();
      }
    } else {
      throw unreadable();
    }
    at += 46 + readU16(bytes, at + 28) + readU16(bytes, at + 30) + readU16(bytes, at + 32);
  }
  return total;
}

/**
 * The zip as its local headers describe it, in file order (the view of ExcelJS's streaming
 * reader, which uses the same parser, unzipper): every entry inflated while counting. Returns
 * the total inflated bytes.
 * @throws AppError TOO_LARGE past `maxBytes` | VALIDATION (import.unreadable)
 */
async function inflateByLocalHeaders(bytes: Uint8Array, maxBytes: number): Promise<number> {
  const zip = unzipper.Parse({ forceStream: true });
  const source = Readable.from([Buffer.from(bytes)]);
  source.pipe(zip);
  let total = 0;
  try {
    for await (const entry of zip) {
      total += await countInflated(entry, maxBytes - total, maxBytes);
    }
  } catch (error) {
    zip.destroy();
    if (error instanceof AppError) throw error;
    throw new AppError("VALIDATION", "import.unreadable", { bytes: bytes.length });
  }
  return total;
}

/**
 * Refuses an .xlsx whose parts unpack past the limit. First the sizes the zip declares (read
 * without unpacking anything); then, since a zip may lie about them, the bytes actually
 * inflated, counted while streaming and stopped at the first byte past the limit, in both
 * views a reader may take of the zip (central directory and local headers). Nothing inflated
 * is kept: the work is bounded by the limit, whatever the zip says.
 * @throws AppError VALIDATION (import.unreadable: not a zip) | TOO_LARGE (upload.tooLargeExpanded)
 */
export async function assertXlsxExpandedWithin(bytes: Uint8Array, maxBytes: number): Promise<void> {
  const expanded = zipExpandedBytes(bytes);
  if (expanded === null)
    throw new AppError("VALIDATION", "import.unreadable", { bytes: bytes.length });
  if (expanded > maxBytes) throw tooLargeExpanded(maxBytes, { expanded, maxBytes });
  await inflateByDirectory(bytes, maxBytes);
  await inflateByLocalHeaders(bytes, maxBytes);
}

/**
 * The first sheet of an .xlsx, streamed (ExcelJS's streaming reader): the zip's unpacked size
 * is checked first (declared, then counted while inflating), and reading stops at the first row past the row limit, so a
 * 100,000-row file costs the limit's worth of rows, not the file's.
 */
async function tableFromXlsx(bytes: Uint8Array, max: TableLimits): Promise<Table> {
  await assertXlsxExpandedWithin(bytes, max.importExpandedBytes);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  const header: string[] = [];
  const rows: TableRow[] = [];
  let seen = 0;
  let sheets = 0;
  try {
    for await (const sheet of reader) {
      sheets++;
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        if (row.number === 1) {
          row.eachCell({ includeEmpty: true }, (cell, column) => {
            header[column - 1] = String(cellValue(cell.value) ?? "").trim();
          });
          continue;
        }
        if (++seen > max.importRows) throw tooManyRows(max.importRows, { row: row.number });
        const cells = Array.from({ length: header.length }, (_, i) =>
          cellValue(row.getCell(i + 1).value),
        );
        if (!cells.every(isEmpty)) rows.push({ row: row.number, cells });
      }
      break; // the first sheet only
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("VALIDATION", "import.unreadable", { bytes: bytes.length });
  }
  if (sheets === 0) throw new AppError("VALIDATION", "import.badHeader");
  return { header: Array.from(header, (h) => h ?? ""), rows };
}

/**
 * Reads an uploaded .xlsx (first sheet) or .csv file, chosen by extension, within the limits
 * (lib/limits.ts). Wholly empty rows are skipped.
 * @throws AppError VALIDATION (import.badType | import.badHeader | import.unreadable) |
 *   TOO_LARGE (upload.tooManyRows | upload.tooLargeExpanded)
 */
export async function readTable(
  fileName: string,
  bytes: Uint8Array,
  max: TableLimits = limits(),
): Promise<Table> {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === "xlsx") return tableFromXlsx(bytes, max);
  if (ext === "csv") return tableFromCsv(bytes, max);
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
