/**
 * CSV that opens correctly in Excel on a Chinese Windows machine: UTF-8 with a byte-order mark
 * (without it Excel reads GBK and garbles Chinese), CRLF line ends, RFC 4180 quoting
 * (papaparse). Shared by the server exports and the charts' client-side downloads.
 */
import Papa from "papaparse";

/** A table to export: a header row and data rows of strings or numbers. */
export type ExportTable = { columns: string[]; rows: (string | number | null)[][] };

/** The CSV text of a table, starting with the UTF-8 BOM. */
export function toCsv(table: ExportTable): string {
  const body = Papa.unparse(
    { fields: table.columns, data: table.rows.map((r) => r.map((v) => (v === null ? "" : v))) },
    { newline: "\r\n", quotes: false },
  );
  return `\uFEFF${body}\r\n`;
}
