/**
 * The creation list (创建名单) from a spreadsheet (issue 4, item 1): city administrators
 * download a year's template (.xlsx: 区划代码 / 乡镇名称 / 创建目标 / 创建路径 / 截止日期, every
 * town, filled with its current task), fill it and upload it as .xlsx or .csv.
 *
 * Rules of a row (rows numbered as the spreadsheet shows them, header = row 1):
 * - 区划代码: a known town's 9-digit code, at most once per file; 乡镇名称 is informative only;
 * - a row whose target, track and deadline are all empty is skipped (the town stays as it is:
 *   this is how the template lists towns not on the list);
 * - 创建目标 / 创建路径: the UI's label in zh-CN or en ("省级样板", "Provincial sample") or the
 *   identifier ("PROVINCIAL_SAMPLE"); an empty track means STANDARD;
 * - 截止日期: a calendar date within the year (lib/domain/calendar.ts parseCalendarDate: written
 *   dates, Excel serials, Excel date cells);
 * - a town whose task of the year is CLOSED cannot be changed.
 * Any bad row refuses the whole file (AppError VALIDATION with a message per bad row); a good file
 * creates or updates the listed towns' tasks (never deletes one) in one transaction.
 * Audit: ONE row per import (`task.import`, entity Year) holding the file name, the counts and
 * every imported row, so the log stays readable after importing a hundred towns.
 */
import "server-only";
import ExcelJS from "exceljs";
import { authorize, type Actor } from "@/lib/access";
import { writeAudit } from "@/lib/audit/write";
import { db } from "@/lib/db";
import { parseCalendarDate } from "@/lib/domain/calendar";
import { AppError } from "@/lib/errors";
import { CreationTarget, Track } from "@/lib/generated/prisma/enums";
import enMessages from "@/lib/i18n/messages/en/core.json";
import zhMessages from "@/lib/i18n/messages/zh-CN/core.json";
import {
  choiceMap,
  findColumn,
  readTable,
  importRowsError,
  type Cell,
  type ImportRowError,
} from "@/lib/import/table";
import { importCreationListSchema } from "@/lib/validation/task";
import { assertYearWritable } from "@/lib/years/internal";
import { townWithTask, upsertTask, type TaskFields } from "./internal";

/** The template's columns: header text (zh-CN / en are both read back). */
const COLUMNS = {
  code: { zh: "区划代码", en: "Division code", width: 14 },
  name: { zh: "乡镇名称", en: "Town", width: 20 },
  target: { zh: "创建目标", en: "Target", width: 16 },
  track: { zh: "创建路径", en: "Track", width: 14 },
  deadline: { zh: "截止日期", en: "Deadline", width: 14 },
} as const;

type Column = keyof typeof COLUMNS;

const TARGETS = choiceMap(CreationTarget, {
  zh: zhMessages.enums.CreationTarget,
  en: enMessages.enums.CreationTarget,
});
const TRACKS = choiceMap(Track, { zh: zhMessages.enums.Track, en: enMessages.enums.Track });

const text = (cell: Cell | undefined) => String(cell ?? "").trim();

/**
 * Builds the .xlsx template of a year's creation list: every town by division code, with its
 * task's target, track and deadline (as "YYYY-MM-DD" text) when it has one, headers and
 * labels in the caller's language, and drop-down lists on the target and track columns.
 * @throws AppError FORBIDDEN (not a city administrator)
 */
export async function buildCreationListTemplate(
  actor: Actor,
  year: number,
  en: boolean,
): Promise<Buffer> {
  authorize(actor, "task.publish");
  const towns = await db().town.findMany({
    select: {
      divisionCode: true,
      name: true,
      nameEn: true,
      tasks: { where: { year }, select: { target: true, track: true, deadline: true } },
    },
    orderBy: { divisionCode: "asc" },
  });
  const labels = en ? enMessages.enums : zhMessages.enums;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(en ? `Creation list ${year}` : `${year}年度创建名单`);
  sheet.columns = (Object.keys(COLUMNS) as Column[]).map((key) => ({
    header: en ? COLUMNS[key].en : COLUMNS[key].zh,
    key,
    width: COLUMNS[key].width,
  }));
  sheet.getRow(1).font = { bold: true };
  const list = (labelsOf: Record<string, string>) => ({
    type: "list" as const,
    allowBlank: true,
    formulae: [`"${Object.values(labelsOf).join(",")}"`],
  });
  for (const town of towns) {
    const task = town.tasks[0];
    const row = sheet.addRow({
      code: town.divisionCode,
      name: (en && town.nameEn) || town.name,
      target: task ? labels.CreationTarget[task.target] : "",
      track: task ? labels.Track[task.track] : "",
      deadline: task ? task.deadline.toISOString().slice(0, 10) : "",
    });
    row.getCell("target").dataValidation = list(labels.CreationTarget);
    row.getCell("track").dataValidation = list(labels.Track);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One row that passed the file checks, before the database checks. */
type ParsedRow = { row: number; code: string } & TaskFields;

/** Reads and checks the rows that need no database (format of code, target, track, date). */
function parseRows(
  header: string[],
  rows: { row: number; cells: Cell[] }[],
  year: number,
): { parsed: ParsedRow[]; errors: ImportRowError[] } {
  const index = Object.fromEntries(
    (Object.keys(COLUMNS) as Column[]).map((key) => [key, findColumn(header, COLUMNS[key])]),
  ) as Record<Column, number>;
  if (index.code < 0 || index.target < 0 || index.deadline < 0) {
    throw new AppError("VALIDATION", "import.badTaskHeader");
  }
  const parsed: ParsedRow[] = [];
  const errors: ImportRowError[] = [];
  const seen = new Set<string>();
  for (const { row, cells } of rows) {
    const cell = (column: Column) => (index[column] < 0 ? null : (cells[index[column]] ?? null));
    const code = text(cell("code"));
    const [target, track, deadline] = [text(cell("target")), text(cell("track")), cell("deadline")];
    if (target === "" && track === "" && text(deadline) === "") continue;
    const fail = (key: string, values?: Record<string, string>) =>
      errors.push({ row, key, values });
    if (!/^\d{9}$/.test(code)) {
      fail("import.unknownTown", { code });
      continue;
    }
    if (seen.has(code)) {
      fail("import.duplicateTown", { code });
      continue;
    }
    seen.add(code);
    const targetValue = TARGETS.get(target.toLowerCase());
    const trackValue = track === "" ? "STANDARD" : TRACKS.get(track.toLowerCase());
    const date = parseCalendarDate(deadline);
    if (!targetValue) fail("import.badTarget", { value: target });
    else if (!trackValue) fail("import.badTrack", { value: track });
    else if (!date) fail("import.badDeadline", { value: text(deadline) });
    else if (!date.startsWith(`${year}-`)) fail("tasks.deadlineInYear");
    else {
      const fields = { target: targetValue, track: trackValue, deadline: new Date(date) };
      parsed.push({ row, code, ...fields });
    }
  }
  return { parsed, errors };
}

/**
 * Imports a filled creation-list template (.xlsx) or a CSV with the same columns into a year,
 * all or nothing (rules in the module comment).
 * @param input `{ year, fileName, bytes }`; year is checked with zod.
 * @returns the rows imported and how many tasks were created and updated.
 * @throws ZodError; AppError FORBIDDEN | CONFLICT (years.closed) | VALIDATION (import.badType |
 *   badTaskHeader | unreadable, or the bad rows)
 */
export async function importCreationList(
  actor: Actor,
  input: { year: unknown; fileName: string; bytes: Uint8Array },
): Promise<{ rows: number; created: number; updated: number }> {
  authorize(actor, "task.publish");
  const { year } = importCreationListSchema.parse({ year: input.year });
  const table = await readTable(input.fileName, input.bytes);
  const { parsed, errors } = parseRows(table.header, table.rows, year);
  return db().$transaction(async (tx) => {
    await assertYearWritable(tx, year);
    const towns = await tx.town.findMany({
      where: { divisionCode: { in: parsed.map((r) => r.code) } },
      select: townWithTask(year),
    });
    const byCode = new Map(towns.map((t) => [t.divisionCode, t]));
    for (const row of parsed) {
      const town = byCode.get(row.code);
      if (!town)
        errors.push({ row: row.row, key: "import.unknownTown", values: { code: row.code } });
      else if (town.tasks[0]?.status === "CLOSED") {
        errors.push({ row: row.row, key: "import.taskClosed", values: { code: row.code } });
      }
    }
    if (errors.length > 0) throw importRowsError(errors, { year });
    let created = 0;
    let updated = 0;
    for (const { code, target, track, deadline } of parsed) {
      const outcome = await upsertTask(tx, year, byCode.get(code)!, { target, track, deadline });
      if (outcome === "created") created++;
      if (outcome === "updated") updated++;
    }
    await writeAudit(tx, actor, "task.import", year, {
      after: {
        fileName: input.fileName,
        created,
        updated,
        rows: parsed.map((r) => ({
          code: r.code,
          target: r.target,
          track: r.track,
          deadline: r.deadline.toISOString().slice(0, 10),
        })),
      },
    });
    return { rows: parsed.length, created, updated };
  });
}
