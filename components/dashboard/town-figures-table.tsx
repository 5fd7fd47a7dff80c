"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useMemo } from "react";
import { DataTable, pinyinSort, type ColumnFilterDef } from "@/components/data-table/data-table";
import { Stars } from "@/components/ratings/rating-parts";
import { Badge } from "@/components/ui/badge";
import type { TownRow } from "@/lib/dashboard/types";

const attainmentTone = {
  NONE: "neutral",
  BASIC_COMPLIANCE: "blue",
  PROVINCIAL_SAMPLE: "green",
} as const;

/**
 * The towns of an area with their figures for a year: attainment, target, current report
 * status, stars, missing items, workshops and investment. Sort (names by pinyin), filter,
 * search, choose columns and page, all kept in the URL; export links in the toolbar.
 * `valueColumn` (a dashboard input, lib/domain/figures.ts) adds a column with each town's value of
 * it, for the list behind a figure that sums it.
 */
export function TownFiguresTable({
  rows,
  exportHref,
  valueColumn,
}: {
  rows: TownRow[];
  exportHref: string;
  valueColumn?: string;
}) {
  const t = useTranslations("dashboard");
  const tp = useTranslations("townPage");
  const te = useTranslations("enums");
  const format = useFormatter();
  const en = useLocale() === "en";
  const columns = useMemo<ColumnDef<TownRow, unknown>[]>(
    () => [
      { id: "code", accessorKey: "code", header: t("col.code"), enableHiding: false },
      {
        id: "name",
        accessorFn: (r) => (en && r.nameEn) || r.name,
        header: t("col.name"),
        sortingFn: pinyinSort,
        enableHiding: false,
        cell: ({ row, getValue }) => (
          <Link
            href={`/towns/${row.original.code}`}
            className="font-medium text-brand-700 hover:underline"
          >
            {String(getValue())}
          </Link>
        ),
      },
      {
        id: "county",
        accessorFn: (r) => (en ? r.countyNameEn : r.countyName),
        header: t("col.county"),
        sortingFn: pinyinSort,
      },
      {
        id: "townType",
        accessorFn: (r) => te(`TownType.${r.townType}`),
        header: t("col.townType"),
      },
      {
        id: "attainment",
        accessorFn: (r) => te(`Attainment.${r.attainment}`),
        header: t("col.attainment"),
        cell: ({ row, getValue }) => (
          <Badge tone={attainmentTone[row.original.attainment]}>{String(getValue())}</Badge>
        ),
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
        cell: ({ row }) => (row.original.stars ? <Stars stars={row.original.stars} /> : "—"),
      },
      {
        id: "missingItems",
        accessorFn: (r) => r.missingItems ?? -1,
        header: t("col.missingItems"),
        cell: ({ row }) => row.original.missingItems ?? "—",
      },
      {
        id: "workshops",
        accessorFn: (r) => r.values.commonProsperityWorkshops ?? 0,
        header: t("col.workshops"),
      },
      {
        id: "completedInvestmentWan",
        accessorFn: (r) => Number(r.completedInvestmentWan),
        header: t("col.completedInvestmentWan"),
        cell: ({ row }) =>
          format.number(Number(row.original.completedInvestmentWan), {
            minimumFractionDigits: 2,
            maximumFractionDigits: 2,
          }),
      },
      ...(valueColumn
        ? [
            {
              id: "value",
              accessorFn: (r: TownRow) => r.values[valueColumn as keyof TownRow["values"]] ?? 0,
              header: tp("col.value"),
            } satisfies ColumnDef<TownRow, unknown>,
          ]
        : []),
    ],
    [t, te, tp, en, format, valueColumn],
  );
  const filters = useMemo<ColumnFilterDef[]>(
    () => [
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
          ...(
            ["BASIC_COMPLIANCE", "PROVINCIAL_SAMPLE", "SAMPLE_RENEWAL", "DEEPENING"] as const
          ).map((x) => ({ value: x, label: te(`CreationTarget.${x}`) })),
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
    ],
    [t, te],
  );
  return (
    <DataTable
      columns={columns}
      data={rows}
      searchLabel={t("searchTowns")}
      emptyText={t("noTowns")}
      filters={filters}
      columnChoice
      testId="town-figures-table"
      toolbar={
        <>
          <a className="text-brand-700 hover:underline" href={`${exportHref}&format=xlsx`}>
            {t("exportXlsx")}
          </a>
          <a className="text-brand-700 hover:underline" href={`${exportHref}&format=csv`}>
            {t("exportCsv")}
          </a>
        </>
      }
    />
  );
}
