/**
 * The town figures table's columns and filters (ids, headers with units, the values it sorts,
 * searches and filters by, export formats), one owner for the screen
 * (components/dashboard/town-figures-table.tsx adds the cells) and the towns export
 * (lib/export/tables.ts): with lib/table/view.ts they give the same rows, order and columns.
 */
import type { ColumnDef } from "@tanstack/react-table";
import { pinyinSort, type ColumnFilterDef } from "@/lib/table/view";
import type { TownRow } from "./types";

/** A translator of one namespace (next-intl's `useTranslations` / `getTranslations`). */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

/** The translators the town table reads: dashboard, enums, townPage, exportsAudit.unit. */
export type TownTableText = {
  t: Translate;
  te: Translate;
  tp: Translate;
  tu: Translate;
  en: boolean;
};

/**
 * A key figure's header with its unit (万元 / 亩 / %, by the key's suffix Wan / Mu / Rate),
 * unless the label already has a bracket, e.g. "计划投资（万元）".
 * @param label the figure's label; @param tu translator of exportsAudit.unit.
 */
export function withUnit(key: string, label: string, tu: Translate): string {
  const unit = /Wan$/.test(key)
    ? "wan"
    : /Mu$/.test(key)
      ? "mu"
      : /Rate$/.test(key)
        ? "percent"
        : null;
  return unit && !/[（(]/.test(label) ? `${label}${tu(unit)}` : label;
}

/**
 * The town table's columns, in screen and export order. `valueColumn` (a dashboard input,
 * lib/domain/figures.ts) adds a column with each town's value of it.
 */
export function townTableColumns(
  { t, te, tp, tu, en }: TownTableText,
  valueColumn?: string,
): ColumnDef<TownRow, unknown>[] {
  const amount = (key: "plannedInvestmentWan" | "completedInvestmentWan" | "landSuppliedMu") =>
    ({
      id: key,
      accessorFn: (r) => Number(r[key]),
      header: withUnit(key, t(`kpi.${key}`), tu),
      meta: { format: "decimal2" },
    }) satisfies ColumnDef<TownRow, unknown>;
  return [
    { id: "code", accessorKey: "code", header: t("col.code"), enableHiding: false },
    {
      id: "name",
      accessorFn: (r) => (en && r.nameEn) || r.name,
      header: t("col.name"),
      sortingFn: pinyinSort,
      enableHiding: false,
    },
    {
      id: "county",
      accessorFn: (r) => (en ? r.countyNameEn : r.countyName),
      header: t("col.county"),
      sortingFn: pinyinSort,
    },
    { id: "townType", accessorFn: (r) => te(`TownType.${r.townType}`), header: t("col.townType") },
    {
      id: "attainment",
      accessorFn: (r) => te(`Attainment.${r.attainment}`),
      header: t("col.attainment"),
    },
    {
      id: "target",
      accessorFn: (r) => (r.target ? te(`CreationTarget.${r.target}`) : t("notInProgramme")),
      header: t("col.target"),
    },
    {
      id: "reportStatus",
      accessorFn: (r) =>
        r.reportStatus
          ? te(`ReportStatus.${r.reportStatus}`)
          : r.inProgramme
            ? t("notStarted")
            : "—",
      header: t("col.reportStatus"),
    },
    {
      id: "stars",
      accessorFn: (r) => r.stars ?? 0,
      header: t("col.stars"),
      meta: { format: "integer", exportValue: (r) => r.stars },
    },
    {
      id: "missingItems",
      accessorFn: (r) => r.missingItems ?? -1,
      header: t("col.missingItems"),
      meta: { format: "integer", exportValue: (r) => r.missingItems },
    },
    {
      id: "workshops",
      accessorFn: (r) => r.values.commonProsperityWorkshops ?? 0,
      header: t("col.workshops"),
      meta: { format: "integer" },
    },
    {
      id: "localJobsCreated",
      accessorFn: (r) => r.values.localJobsCreated ?? 0,
      header: t("kpi.localJobsCreated"),
      meta: { format: "integer", exportValue: (r) => r.values.localJobsCreated },
    },
    amount("plannedInvestmentWan"),
    amount("completedInvestmentWan"),
    amount("landSuppliedMu"),
    ...(valueColumn
      ? [
          {
            id: "value",
            accessorFn: (r: TownRow) => r.values[valueColumn as keyof TownRow["values"]] ?? 0,
            header: tp("col.value"),
          } satisfies ColumnDef<TownRow, unknown>,
        ]
      : []),
  ];
}

/** The town table's select filters (URL values are enum identifiers). */
export function townTableFilters({ t, te }: TownTableText): ColumnFilterDef[] {
  return [
    {
      columnId: "attainment",
      label: t("col.attainment"),
      options: (["PROVINCIAL_SAMPLE", "BASIC_COMPLIANCE", "NONE"] as const).map((a) => ({
        value: a,
        label: te(`Attainment.${a}`),
      })),
    },
    {
      columnId: "target",
      label: t("col.target"),
      options: [
        ...(["BASIC_COMPLIANCE", "PROVINCIAL_SAMPLE", "SAMPLE_RENEWAL", "DEEPENING"] as const).map(
          (x) => ({ value: x, label: te(`CreationTarget.${x}`) }),
        ),
        { value: "none", label: t("notInProgramme") },
      ],
    },
    {
      columnId: "reportStatus",
      label: t("col.reportStatus"),
      options: [
        ...(["DRAFT", "SUBMITTED", "RETURNED", "COUNTY_APPROVED", "CITY_CONFIRMED"] as const).map(
          (x) => ({ value: x, label: te(`ReportStatus.${x}`) }),
        ),
        { value: "notStarted", label: t("notStarted") },
      ],
    },
  ];
}
