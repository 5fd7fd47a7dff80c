/**
 * The town register as .xlsx (exceljs): export and import.
 *
 * Export: sheet 1 the towns with their current fields and attainment today, sheet 2 every
 * event (date, kind, values before and after, surviving town, title, document). Headers in the
 * caller's language; both languages are read back.
 *
 * Import (the first sheet, in the export's layout; rows numbered as the spreadsheet shows them):
 * - 区划代码 of a known town: its fields are updated — English name, kind, town type, county
 *   seat, local unit, source note (the name, county and code change only through the page's
 *   rename / recode events, which need a document);
 * - a new 区划代码: the town is added (createTownSchema: code inside the county, unique) with an
 *   ADDED event, which needs 生效日期 and 文号 in the row;
 * - kinds and town types as the UI's labels in either language or as identifiers; flags as
 *   是/否, yes/no, 1/0.
 * Any bad row refuses the whole file (AppError VALIDATION, a message per row); a good file is
 * written in one transaction with one audit row (`town.import`).
 */
import "server-only";
import ExcelJS from "exceljs";
import { authorize, type Actor } from "@/lib/access";
import { writeAudit } from "@/lib/audit/write";
import { db } from "@/lib/db";
import { fromIsoDate } from "@/lib/domain/calendar";
import { AppError } from "@/lib/errors";
import { TownKind, TownType } from "@/lib/generated/prisma/enums";
import enMessages from "@/lib/i18n/messages/en/core.json";
import zhMessages from "@/lib/i18n/messages/zh-CN/core.json";
import enRegister from "@/lib/i18n/messages/en/town-register.json";
import zhRegister from "@/lib/i18n/messages/zh-CN/town-register.json";
import {
  choiceMap,
  findColumn,
  importRowsError,
  readTable,
  type Cell,
  type ImportRowError,
} from "@/lib/import/table";
import { createTownSchema } from "@/lib/validation/town";
import { listTownsForActor } from "./queries";

/** The towns sheet's columns (zh-CN / en headers, both read back). */
const TOWN_COLUMNS = {
  code: { zh: "区划代码", en: "Division code", width: 12 },
  name: { zh: "名称", en: "Name", width: 16 },
  nameEn: { zh: "英文名称", en: "English name", width: 20 },
  countyCode: { zh: "县（市、区）代码", en: "County code", width: 10 },
  county: { zh: "县（市、区）", en: "County", width: 10 },
  kind: { zh: "类别", en: "Kind", width: 10 },
  townType: { zh: "城镇类型", en: "Town type", width: 14 },
  countySeat: { zh: "山区县县城", en: "Mountain-county seat", width: 8 },
  localUnit: { zh: "地方增设单位", en: "Local unit", width: 8 },
  attainment: { zh: "当前达标状态", en: "Attainment today", width: 12 },
  mergedInto: { zh: "并入", en: "Merged into", width: 12 },
  mergedOn: { zh: "撤并日期", en: "Merged on", width: 12 },
  sourceNote: { zh: "来源说明", en: "Source note", width: 24 },
  effectiveOn: { zh: "新增生效日期", en: "Added on", width: 12 },
  document: { zh: "新增文号", en: "Document (added)", width: 20 },
} as const;

/** The events sheet's columns. */
const EVENT_COLUMNS = {
  code: { zh: "区划代码", en: "Division code", width: 12 },
  name: { zh: "名称", en: "Name", width: 16 },
  effectiveOn: { zh: "生效日期", en: "Effective on", width: 12 },
  kind: { zh: "事项", en: "Event", width: 14 },
  previousValue: { zh: "原值", en: "Before", width: 14 },
  newValue: { zh: "新值", en: "After", width: 14 },
  relatedTown: { zh: "并入", en: "Merged into", width: 12 },
  title: { zh: "称号", en: "Title", width: 12 },
  year: { zh: "创建年度", en: "Creation year", width: 8 },
  document: { zh: "文号", en: "Document", width: 24 },
  note: { zh: "备注", en: "Note", width: 24 },
} as const;

type TownColumn = keyof typeof TOWN_COLUMNS;

const KINDS = choiceMap(TownKind, { zh: zhMessages.enums.TownKind, en: enMessages.enums.TownKind });
const TYPES = choiceMap(TownType, { zh: zhMessages.enums.TownType, en: enMessages.enums.TownType });
const YES = new Set(["是", "yes", "y", "1", "true", "√"]);
const NO = new Set(["否", "no", "n", "0", "false", ""]);

const text = (cell: Cell | undefined) => String(cell ?? "").trim();

/**
 * The register workbook: towns (current fields, attainment today) and their events.
 * @throws AppError FORBIDDEN (not a city role)
 */
export async function exportRegister(actor: Actor, en: boolean): Promise<Buffer> {
  authorize(actor, "programme.view");
  const towns = await listTownsForActor(actor);
  const labels = en ? enMessages.enums : zhMessages.enums;
  const events = (en ? enRegister : zhRegister).townRegister.events;
  const yesNo = (v: boolean) => (en ? (v ? "yes" : "no") : v ? "是" : "否");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Meizhen";
  const sheet = (
    name: string,
    columns: Record<string, { zh: string; en: string; width: number }>,
  ) => {
    const ws = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
    ws.columns = Object.entries(columns).map(([key, c]) => ({
      header: en ? c.en : c.zh,
      key,
      width: c.width,
    }));
    ws.getRow(1).font = { bold: true };
    return ws;
  };
  const townSheet = sheet(en ? "Towns" : "乡镇", TOWN_COLUMNS);
  const eventSheet = sheet(en ? "Events" : "变动记录", EVENT_COLUMNS);
  for (const town of towns) {
    townSheet.addRow({
      code: town.divisionCode,
      name: town.name,
      nameEn: town.nameEn ?? "",
      countyCode: town.county.divisionCode,
      county: en ? town.county.nameEn : town.county.name,
      kind: labels.TownKind[town.kind],
      townType: labels.TownType[town.townType],
      countySeat: yesNo(town.isCountySeat),
      localUnit: yesNo(town.isLocalUnit),
      attainment: labels.Attainment[town.attainment],
      mergedInto: town.mergedInto?.divisionCode ?? "",
      mergedOn: town.mergedOn ?? "",
      sourceNote: town.sourceNote ?? "",
    });
    for (const e of town.events) {
      eventSheet.addRow({
        code: town.divisionCode,
        name: town.name,
        effectiveOn: e.effectiveOn,
        kind: events[e.kind],
        previousValue: e.previousValue ?? "",
        newValue: e.newValue ?? "",
        relatedTown: e.relatedTown?.divisionCode ?? "",
        title: e.title ? labels.Attainment[e.title] : "",
        year: e.year ?? "",
        document: e.document ?? "",
        note: e.note ?? "",
      });
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A row read from the file: the fields an import sets. */
type ImportRow = {
  row: number;
  code: string;
  name: string;
  nameEn: string | null;
  countyCode: string;
  kind: TownKind;
  townType: TownType;
  isCountySeat: boolean;
  isLocalUnit: boolean;
  sourceNote: string | null;
  effectiveOn: string;
  document: string;
};

function parseRows(
  header: string[],
  rows: { row: number; cells: Cell[] }[],
): { parsed: ImportRow[]; errors: ImportRowError[] } {
  const index = Object.fromEntries(
    (Object.keys(TOWN_COLUMNS) as TownColumn[]).map((k) => [
      k,
      findColumn(header, TOWN_COLUMNS[k]),
    ]),
  ) as Record<TownColumn, number>;
  if (index.code < 0 || index.countyCode < 0 || index.kind < 0 || index.townType < 0) {
    throw new AppError("VALIDATION", "townRegister.errors.importHeader");
  }
  const parsed: ImportRow[] = [];
  const errors: ImportRowError[] = [];
  const seen = new Set<string>();
  for (const { row, cells } of rows) {
    const cell = (c: TownColumn) => (index[c] < 0 ? "" : text(cells[index[c]]));
    const fail = (key: string, values?: Record<string, string>) =>
      errors.push({ row, key, values });
    const code = cell("code");
    if (!/^\d{9}$/.test(code)) {
      fail("validation.codeFormat");
      continue;
    }
    if (seen.has(code)) {
      fail("import.duplicateTown", { code });
      continue;
    }
    seen.add(code);
    const kind = KINDS.get(cell("kind").toLowerCase());
    const townType = TYPES.get(cell("townType").toLowerCase());
    const flag = (c: TownColumn) => {
      const v = cell(c).toLowerCase();
      return YES.has(v) ? true : NO.has(v) ? false : null;
    };
    const [isCountySeat, isLocalUnit] = [flag("countySeat"), flag("localUnit")];
    if (!kind) fail("validation.invalidChoice");
    else if (!townType) fail("validation.invalidChoice");
    else if (isCountySeat === null || isLocalUnit === null) fail("validation.invalidChoice");
    else {
      parsed.push({
        row,
        code,
        name: cell("name"),
        nameEn: cell("nameEn") || null,
        countyCode: cell("countyCode"),
        kind,
        townType,
        isCountySeat,
        isLocalUnit,
        sourceNote: cell("sourceNote") || null,
        effectiveOn: cell("effectiveOn"),
        document: cell("document"),
      });
    }
  }
  return { parsed, errors };
}

/**
 * Imports a register file (rules in the module comment), all or nothing.
 * @returns how many towns were added and updated.
 * @throws AppError FORBIDDEN | VALIDATION (import.badType | unreadable | the header | bad rows)
 */
export async function importRegister(
  actor: Actor,
  input: { fileName: string; bytes: Uint8Array },
): Promise<{ created: number; updated: number }> {
  authorize(actor, "town.manage");
  const table = await readTable(input.fileName, input.bytes);
  const { parsed, errors } = parseRows(table.header, table.rows);
  return db().$transaction(async (tx) => {
    const [towns, counties] = await Promise.all([
      tx.town.findMany({
        where: { divisionCode: { in: parsed.map((r) => r.code) } },
        select: {
          id: true,
          divisionCode: true,
          nameEn: true,
          kind: true,
          townType: true,
          isCountySeat: true,
          isLocalUnit: true,
          sourceNote: true,
          county: { select: { divisionCode: true } },
        },
      }),
      tx.county.findMany({ select: { id: true, divisionCode: true } }),
    ]);
    const byCode = new Map(towns.map((t) => [t.divisionCode, t]));
    const countyId = new Map(counties.map((c) => [c.divisionCode, c.id]));
    const creates: { row: ImportRow; countyId: number; effectiveOn: string; document: string }[] =
      [];
    for (const r of parsed) {
      const existing = byCode.get(r.code);
      if (existing) {
        if (existing.county.divisionCode !== r.countyCode) {
          errors.push({ row: r.row, key: "townRegister.errors.codeOutsideCounty" });
        }
        continue;
      }
      const id = countyId.get(r.countyCode);
      if (id === undefined) {
        errors.push({
          row: r.row,
          key: "townRegister.errors.importUnknownCounty",
          values: { code: r.countyCode },
        });
        continue;
      }
      if (!r.effectiveOn || !r.document) {
        errors.push({ row: r.row, key: "townRegister.errors.importNeedsEvent" });
        continue;
      }
      const checked = createTownSchema.safeParse({
        countyCode: r.countyCode,
        divisionCode: r.code,
        name: r.name,
        nameEn: r.nameEn ?? undefined,
        kind: r.kind,
        townType: r.townType,
        isCountySeat: r.isCountySeat,
        isLocalUnit: r.isLocalUnit,
        sourceNote: r.sourceNote ?? undefined,
        effectiveOn: r.effectiveOn,
        document: r.document,
      });
      if (!checked.success) {
        for (const issue of checked.error.issues) errors.push({ row: r.row, key: issue.message });
        continue;
      }
      const { effectiveOn, document } = checked.data;
      creates.push({ row: r, countyId: id, effectiveOn, document });
    }
    if (errors.length > 0) throw importRowsError(errors);
    let updated = 0;
    for (const r of parsed) {
      const existing = byCode.get(r.code);
      if (!existing) continue;
      const fields = {
        nameEn: r.nameEn,
        kind: r.kind,
        townType: r.townType,
        isCountySeat: r.isCountySeat,
        isLocalUnit: r.isLocalUnit,
        sourceNote: r.sourceNote,
      };
      const same = (Object.keys(fields) as (keyof typeof fields)[]).every(
        (k) => existing[k] === fields[k],
      );
      if (same) continue;
      await tx.town.update({ where: { id: existing.id }, data: fields });
      updated++;
    }
    for (const c of creates) {
      await tx.town.create({
        data: {
          countyId: c.countyId,
          divisionCode: c.row.code,
          name: c.row.name,
          nameEn: c.row.nameEn,
          kind: c.row.kind,
          townType: c.row.townType,
          isCountySeat: c.row.isCountySeat,
          isLocalUnit: c.row.isLocalUnit,
          sourceNote: c.row.sourceNote,
          events: {
            create: {
              kind: "ADDED",
              effectiveOn: fromIsoDate(c.effectiveOn),
              newValue: c.row.code,
              document: c.document,
              createdById: actor.id,
            },
          },
        },
      });
    }
    await writeAudit(tx, actor, "town.import", "register", {
      after: {
        fileName: input.fileName,
        created: creates.map((c) => c.row.code),
        updated,
      },
    });
    return { created: creates.length, updated };
  });
}
