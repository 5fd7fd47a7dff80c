/**
 * The dashboard's tables as exportable tables (translated headers, the same figures and
 * rounding as on screen): summary by county, towns (optionally those behind a figure), circles.
 */
import "server-only";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import type { Actor } from "@/lib/access";
import { AppError } from "@/lib/errors";
import { listCircles } from "@/lib/circles/queries";
import { auditFilterSchema, listAuditExport } from "@/lib/audit/queries";
import { auditColumns, auditTableText } from "@/lib/audit/table";
import { writeAudit } from "@/lib/audit/write";
import { figureTownList, isFigureKey } from "@/lib/dashboard/figure-filters";
import { getSummaries, getTownList, resolveYear, type Area } from "@/lib/dashboard/queries";
import { townTableColumns, townTableFilters, withUnit } from "@/lib/dashboard/town-table";
import { readView, viewExport, viewRows } from "@/lib/table/view";
import { db } from "@/lib/db";
import { isoDate, shanghaiToday } from "@/lib/domain/calendar";
import { listRatingResults, listRatings } from "@/lib/ratings/queries";
import { ratingTableColumns, ratingTableFilters } from "@/lib/ratings/table";
import type { ExportTable } from "./csv";
import { isDemoData } from "@/lib/system/settings";
import { exportFileName, type ColumnFormat, type SheetHeading } from "./xlsx";

export const exportQuery = z.object({
  year: z.string().optional(),
  county: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  figure: z.string().optional(),
  format: z.enum(["csv", "xlsx"]).default("xlsx"),
});

/** A table ready to write, with its file name (no extension) and column formats. */
export type NamedTable = {
  fileName: string;
  sheet: string;
  table: ExportTable;
  formats: ColumnFormat[];
  /** Title row and "as of" (+ demo mark) row written above the header in .xlsx. */
  heading: SheetHeading;
};

type BuiltTable = Omit<NamedTable, "fileName" | "heading"> & { year: number };

/** The tables that can be exported. */
export const exportTables = ["counties", "towns", "circles", "ratings", "audit"] as const;
type ExportTableName = (typeof exportTables)[number];

/**
 * Builds one export table and records the export in the audit log (who took which data).
 * @throws AppError NOT_FOUND (unknown table, or out of scope) | FORBIDDEN, ZodError (bad query).
 */
export async function buildExport(
  actor: Actor,
  name: string,
  raw: Record<string, string>,
): Promise<NamedTable> {
  const query = exportQuery.parse(raw);
  if (!(exportTables as readonly string[]).includes(name)) {
    throw new AppError("NOT_FOUND", {}, { table: name });
  }
  const { year, ...built } = await build(actor, name, query, raw);
  const tx = await getTranslations("exportsAudit");
  const format = await getFormatter();
  const now = new Date();
  const tableLabel = tx(`table.${name as ExportTableName}`);
  const note = [
    tx("asOf", { time: format.dateTime(now, "dateTime") }),
    ...((await isDemoData()) ? [tx("demo")] : []),
  ].join(" ");
  const table: NamedTable = {
    ...built,
    fileName: exportFileName(tx("filePrefix"), tableLabel, year, isoDate(shanghaiToday(now))),
    heading: { title: tx("title", { table: tableLabel, year }), note },
  };
  await writeAudit(db(), actor, "export.download", name, {
    after: { table: name, format: query.format, query: auditedQuery(raw) },
  });
  return table;
}

/**
 * The export's query as the audit row keeps it: the keys a table reads (words, or `f.<column>`
 * for a column filter), at most 30 of them and 200 characters each — not whatever else a URL
 * carried (the attack pass wrote arbitrary keys and text into the audit log this way).
 */
function auditedQuery(raw: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(raw)
      .filter(([key]) => /^(?:[A-Za-z]{1,20}|f\.[A-Za-z0-9_]{1,40})$/.test(key))
      .slice(0, 30)
      .map(([key, value]) => [key, value.slice(0, 200)]),
  );
}

async function build(
  actor: Actor,
  name: string,
  query: z.infer<typeof exportQuery>,
  raw: Record<string, string>,
): Promise<BuiltTable> {
  const { year } = await resolveYear(query.year);
  const area: Area = query.county ? { kind: "county", code: query.county } : { kind: "city" };
  const t = await getTranslations("dashboard");
  const te = await getTranslations("enums");
  const en = (await getLocale()) === "en";
  const tu = await getTranslations("exportsAudit.unit");
  // A KPI header with its unit (万元 / 亩 / %), named by the key's suffix.
  const kpi = (key: string) => withUnit(key, t(`kpi.${key}`), tu);

  if (name === "counties") {
    const { current } = await getSummaries(actor, area, year);
    const keys = [
      "townsInProgramme",
      "basicCompliance",
      "provincialSamples",
      "countySeatTowns",
      "sampleRenewals",
      "townsInCircles",
      "townsWithNankongReadingRoom",
      "townsWithFifteenMinuteCircle",
      "commonProsperityWorkshops",
      "localJobsCreated",
      "landSuppliedMu",
      "plannedInvestmentWan",
      "completedInvestmentWan",
      "submissionRate",
      "approvalRate",
    ] as const;
    const decimal = new Set<string>([
      "landSuppliedMu",
      "plannedInvestmentWan",
      "completedInvestmentWan",
      "submissionRate",
      "approvalRate",
    ]);
    return {
      year,
      sheet: t("byCountyTable"),
      formats: [
        "text",
        "text",
        ...keys.map((k) => (decimal.has(k) ? "decimal2" : "integer") as ColumnFormat),
      ],
      table: {
        columns: [t("col.code"), t("col.county"), ...keys.map(kpi)],
        rows: [
          ...current.byCounty.map((c) => [
            c.code,
            en ? c.nameEn : c.name,
            ...keys.map((k) => c[k]),
          ]),
          ["", t("total"), ...keys.map((k) => current.total[k])],
        ],
      },
    };
  }

  if (name === "towns") {
    // The rows, order and columns of the table on screen: the same figure list, columns,
    // filters and view (search, sort, hidden columns, filters) as the page.
    const { rows, summary } = await getTownList(actor, area, year);
    const figure = isFigureKey(query.figure) ? query.figure : null;
    const { shown, valueColumn } = figureTownList(figure, rows, summary.period !== null);
    const text = { t, te, tp: await getTranslations("townPage"), tu, en };
    const view = readView((key) => raw[key], townTableFilters(text));
    return {
      year,
      sheet: t("townsSheet"),
      ...viewExport(shown, townTableColumns(text, valueColumn), view),
    };
  }

  if (name === "audit") {
    // The audit page's rows (all pages) and columns for the same filters (lib/audit/table.ts).
    const rows = await listAuditExport(actor, auditFilterSchema.parse(raw), en);
    const { headers, cells } = await auditTableText(rows);
    return {
      year: Number(isoDate(shanghaiToday()).slice(0, 4)),
      sheet: (await getTranslations("audit"))("title"),
      formats: auditColumns.map(() => "text" as const),
      table: {
        columns: auditColumns.map((c) => headers[c]),
        rows: rows.map((r) => {
          const text = cells(r);
          return auditColumns.map((c) => text[c]);
        }),
      },
    };
  }

  if (name === "circles") {
    // The circles the page shows: of one county, or the model circles only (model=1).
    const circles = await listCircles(actor, year, {
      county: query.county ?? null,
      model: raw.model === "1",
    });
    const tc = await getTranslations("circles");
    return {
      year,
      sheet: tc("title"),
      formats: ["text", "text", "text", "text", "integer", "integer", "integer", "decimal2"],
      table: {
        columns: [
          tc("code"),
          tc("name"),
          tc("model"),
          tc("towns"),
          tc("samples"),
          tc("workshops"),
          tc("jobs"),
          tc("investment"),
        ],
        rows: circles.map((c) => [
          c.code,
          en ? c.nameEn : c.name,
          c.isModel ? "✓" : "",
          c.towns.map((x) => (en && x.nameEn) || x.name).join(en ? ", " : "、"),
          c.provincialSamples,
          c.commonProsperityWorkshops,
          c.localJobsCreated,
          c.completedInvestmentWan,
        ]),
      },
    };
  }
  if (name === "ratings") {
    // The approved ratings of the year: a row per town, a column per item, total and stars.
    // The year as every export reads it (resolveYear: a year of the programme, else the
    // current one); the ratings export read `Number(query.year)` and took 1e23 or Infinity to
    // the database (a 500, found by the attack pass).
    const { items, rows: results } = await listRatingResults(actor, year, query.county);
    const tr = await getTranslations("ratings");
    // The towns the ratings table shows (its search, sort and filters), in its order; the file
    // keeps its own columns (the items' points), for the approved ratings among them.
    const text = { t: tr, te, en };
    const ratings = await listRatings(actor, year);
    const shown = viewRows(
      ratings,
      ratingTableColumns(text, actor.role === "COUNTY_REVIEWER"),
      readView((key) => raw[key], ratingTableFilters(text, ratings)),
    ).rows.map((r) => r.original.townCode);
    const place = new Map(shown.map((code, i) => [code, i]));
    const rows = results
      .filter((r) => place.has(r.townCode))
      .sort((a, b) => place.get(a.townCode)! - place.get(b.townCode)!);
    return {
      year,
      sheet: tr("exportSheet"),
      formats: [
        "text",
        "text",
        "text",
        ...items.map(() => "decimal2" as const),
        "decimal2",
        "integer",
        "text",
      ],
      table: {
        columns: [
          tr("county"),
          t("col.code"),
          tr("town"),
          ...items.map((i) => `${i.code} ${en ? i.nameEn : i.name}（${i.maxPoints}）`),
          tr("total"),
          tr("stars"),
          tr("approvedOn"),
        ],
        rows: rows.map((r) => [
          en ? r.countyNameEn : r.countyName,
          r.townCode,
          (en && r.townNameEn) || r.townName,
          ...items.map((i) => r.items[i.code] ?? null),
          r.total,
          r.stars,
          r.approvedAt ? isoDate(shanghaiToday(new Date(r.approvedAt))) : "",
        ]),
      },
    };
  }
  throw new AppError("NOT_FOUND", {}, { table: name });
}
