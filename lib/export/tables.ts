/**
 * The dashboard's tables as exportable tables (translated headers, the same figures and
 * rounding as on screen): summary by county, towns (optionally those behind a figure), circles.
 */
import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import type { Actor } from "@/lib/access";
import { listCircles } from "@/lib/circles/queries";
import { getSummaries, getTownRows, resolveYear, type Area } from "@/lib/dashboard/queries";
import { figureFilters, type FigureKey } from "@/lib/dashboard/town-rows";
import type { ExportTable } from "./csv";
import type { ColumnFormat } from "./xlsx";

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
};

/**
 * Builds one export table.
 * @throws AppError NOT_FOUND | FORBIDDEN (scope), ZodError (bad query), Error for an unknown table.
 */
export async function buildExport(
  actor: Actor,
  name: string,
  raw: Record<string, string>,
): Promise<NamedTable> {
  const query = exportQuery.parse(raw);
  const { year } = await resolveYear(query.year);
  const area: Area = query.county ? { kind: "county", code: query.county } : { kind: "city" };
  const t = await getTranslations("dashboard");
  const te = await getTranslations("enums");
  const en = (await getLocale()) === "en";

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
      fileName: `meizhen-counties-${year}`,
      sheet: t("byCountyTable"),
      formats: [
        "text",
        "text",
        ...keys.map((k) => (decimal.has(k) ? "decimal2" : "integer") as ColumnFormat),
      ],
      table: {
        columns: [t("col.code"), t("col.county"), ...keys.map((k) => t(`kpi.${k}`))],
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
    const rows = await getTownRows(actor, area, year);
    const figure =
      query.figure && query.figure in figureFilters ? (query.figure as FigureKey) : null;
    const shown = figure ? rows.filter(figureFilters[figure]) : rows;
    return {
      fileName: `meizhen-towns-${year}${figure ? `-${figure}` : ""}`,
      sheet: t("townsSheet"),
      formats: [
        "text",
        "text",
        "text",
        "text",
        "text",
        "text",
        "text",
        "integer",
        "integer",
        "integer",
        "integer",
        "decimal2",
        "decimal2",
        "decimal2",
      ],
      table: {
        columns: [
          t("col.code"),
          t("col.name"),
          t("col.county"),
          t("col.townType"),
          t("col.attainment"),
          t("col.target"),
          t("col.reportStatus"),
          t("col.stars"),
          t("col.missingItems"),
          t("col.workshops"),
          t("kpi.localJobsCreated"),
          t("kpi.plannedInvestmentWan"),
          t("kpi.completedInvestmentWan"),
          t("kpi.landSuppliedMu"),
        ],
        rows: shown.map((r) => [
          r.code,
          (en && r.nameEn) || r.name,
          en ? r.countyNameEn : r.countyName,
          te(`TownType.${r.townType}`),
          te(`Attainment.${r.attainment}`),
          r.target ? te(`CreationTarget.${r.target}`) : t("notInProgramme"),
          r.reportStatus
            ? te(`ReportStatus.${r.reportStatus}`)
            : r.inProgramme
              ? t("notStarted")
              : "",
          r.stars,
          r.missingItems,
          r.commonProsperityWorkshops,
          r.localJobsCreated,
          r.plannedInvestmentWan,
          r.completedInvestmentWan,
          r.landSuppliedMu,
        ]),
      },
    };
  }

  if (name === "circles") {
    const circles = await listCircles(actor, year);
    const tc = await getTranslations("circles");
    return {
      fileName: `meizhen-circles-${year}`,
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
  throw new Error(`unknown export table ${name}`);
}
