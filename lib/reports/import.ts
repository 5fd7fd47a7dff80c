/**
 * The report template (.xlsx) and its import, with CSV too (issue 4, item 6). The template
 * lists the report's indicators with their code, name, unit, target and current value; staff
 * fill the value column and upload the sheet. Imports accept what Chinese users produce:
 * .xlsx cells holding numbers or text, CSV in UTF-8 (with or without BOM) or GB18030/GBK (read
 * by lib/import/table.ts), numbers with thousands separators or full-width digits
 * (lib/domain/indicator-value.ts).
 * A bad file is refused as a whole with row-level messages (i18n keys, rows numbered as the
 * spreadsheet shows them, header = row 1); a good one is saved through saveReport, so it is
 * one versioned transaction with its audit row.
 */
import "server-only";
import ExcelJS from "exceljs";
import type { Actor } from "@/lib/access";
import { formatIndicatorValue, parseIndicatorValue } from "@/lib/domain/indicator-value";
import { AppError } from "@/lib/errors";
import {
  findColumn,
  readTable,
  importRowsError,
  type Cell,
  type ImportRowError,
} from "@/lib/import/table";
import { saveReport } from "./mutations";
import type { ReportDetail } from "./queries";

/** The template's columns: header text (zh-CN / en are both read back) and role. */
const COLUMNS = [
  { key: "code", zh: "指标代码", en: "Indicator code", width: 28 },
  { key: "name", zh: "指标名称", en: "Indicator", width: 36 },
  { key: "unit", zh: "单位", en: "Unit", width: 10 },
  { key: "required", zh: "必填", en: "Required", width: 8 },
  { key: "target", zh: "年度目标", en: "Target", width: 12 },
  { key: "value", zh: "本期数值", en: "Value", width: 12 },
  { key: "note", zh: "说明", en: "Note", width: 40 },
] as const;

/** One data row read from a file: its row number and raw cells by column key. */
export type RawRow = {
  row: number;
  code: string;
  value: string | number | null;
  note: string | null;
};

/** Builds the .xlsx template of a report (values already saved are filled in). */
export async function buildReportTemplate(report: ReportDetail, en: boolean): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(en ? "Report" : "进度填报");
  sheet.columns = COLUMNS.map((c) => ({ header: en ? c.en : c.zh, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  const values = new Map(report.values.map((v) => [v.indicatorId, v]));
  const targets = new Map(report.task.indicatorTargets.map((t) => [t.indicatorId, t.targetValue]));
  for (const i of report.indicators) {
    sheet.addRow({
      code: i.code,
      name: en ? i.nameEn : i.name,
      unit: en ? i.unitEn : i.unit,
      required: i.isRequired ? (en ? "yes" : "是") : en ? "no" : "否",
      target: formatIndicatorValue(targets.get(i.id) ?? null, i.valueType),
      value: formatIndicatorValue(values.get(i.id)?.value ?? null, i.valueType),
      note: values.get(i.id)?.note ?? "",
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Which column holds what, from the header row (either language, any order). */
function headerIndex(header: string[]): { code: number; value: number; note: number } {
  const find = (key: "code" | "value" | "note") =>
    findColumn(
      header,
      COLUMNS.find((c) => c.key === key)!,
    );
  const index = { code: find("code"), value: find("value"), note: find("note") };
  if (index.code < 0 || index.value < 0) {
    throw new AppError("VALIDATION", "import.badHeader");
  }
  return index;
}

/**
 * Reads the data rows of an uploaded .xlsx or .csv file (by extension). A date where a number
 * belongs arrives as "YYYY-MM-DD" and is refused by the value rules, never silently dropped.
 * @throws AppError VALIDATION (import.badType | import.badHeader | import.unreadable)
 */
export async function readImportRows(fileName: string, bytes: Uint8Array): Promise<RawRow[]> {
  const table = await readTable(fileName, bytes);
  const index = headerIndex(table.header);
  const cell = (cells: Cell[], i: number) => (i < 0 ? null : (cells[i] ?? null));
  return table.rows
    .map(({ row, cells }) => {
      const note = cell(cells, index.note);
      return {
        row,
        code: String(cell(cells, index.code) ?? "").trim(),
        value: cell(cells, index.value),
        note: note === null ? null : String(note),
      };
    })
    .filter((r) => r.code !== "" || (r.value ?? "") !== "");
}

/**
 * Imports a filled template (.xlsx) or a CSV with the same columns into an editable report.
 * Every row is checked first; any error refuses the whole file.
 * @throws AppError VALIDATION (the bad rows, or import.badHeader/unreadable/badType),
 *   and whatever saveReport throws (FORBIDDEN, NOT_FOUND, CONFLICT).
 */
export async function importReport(
  actor: Actor,
  report: ReportDetail,
  input: { expectedVersion: number; fileName: string; bytes: Uint8Array },
): Promise<{ version: number; rows: number }> {
  const rows = await readImportRows(input.fileName, input.bytes);
  const byCode = new Map(report.indicators.map((i) => [i.code, i]));
  const errors: ImportRowError[] = [];
  const values: Record<string, string> = {};
  const notes: Record<string, string> = {};
  const seen = new Set<string>();
  for (const row of rows) {
    const indicator = byCode.get(row.code);
    if (!indicator) {
      errors.push({ row: row.row, key: "import.unknownCode", values: { code: row.code } });
      continue;
    }
    if (seen.has(row.code)) {
      errors.push({ row: row.row, key: "import.duplicateCode", values: { code: row.code } });
      continue;
    }
    seen.add(row.code);
    const parsed = parseIndicatorValue(row.value, indicator);
    if (!parsed.ok) {
      errors.push({ row: row.row, ...parsed.error });
      continue;
    }
    values[indicator.id] = row.value === null ? "" : String(row.value);
    if (row.note !== null) notes[indicator.id] = row.note.trim().slice(0, 500);
  }
  if (errors.length > 0) throw importRowsError(errors, { reportId: report.id });
  const { version } = await saveReport(actor, {
    reportId: report.id,
    expectedVersion: input.expectedVersion,
    values,
    notes,
  });
  return { version, rows: rows.length };
}
