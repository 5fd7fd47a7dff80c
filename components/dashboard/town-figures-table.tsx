"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useMemo } from "react";
import { TownNameLink } from "@/components/dashboard/town-name-link";
import { DataTable } from "@/components/data-table/data-table";
import { Stars } from "@/components/ratings/rating-parts";
import { Badge } from "@/components/ui/badge";
import { townTableColumns, townTableFilters } from "@/lib/dashboard/town-table";
import type { TownRow } from "@/lib/dashboard/types";

const attainmentTone = {
  NONE: "neutral",
  BASIC_COMPLIANCE: "blue",
  PROVINCIAL_SAMPLE: "green",
} as const;

/**
 * The towns of an area with their figures for a year: attainment, target, current report
 * status, stars, missing items, workshops and investment. Sort (names by pinyin), filter,
 * search, choose columns and page, all kept in the URL; export links in the toolbar carry that
 * view (columns and filters: lib/dashboard/town-table.ts, shared with the export).
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
  const tu = useTranslations("exportsAudit.unit");
  const format = useFormatter();
  const en = useLocale() === "en";
  const text = useMemo(() => ({ t, te, tp, tu, en }), [t, te, tp, tu, en]);
  const columns = useMemo<ColumnDef<TownRow, unknown>[]>(() => {
    const decimal = (value: string) =>
      format.number(Number(value), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const cells: Partial<Record<string, ColumnDef<TownRow, unknown>["cell"]>> = {
      name: ({ row, getValue }) => (
        <TownNameLink code={row.original.code} name={String(getValue())} />
      ),
      attainment: ({ row, getValue }) => (
        <Badge tone={attainmentTone[row.original.attainment]}>{String(getValue())}</Badge>
      ),
      stars: ({ row }) => (row.original.stars ? <Stars stars={row.original.stars} /> : "—"),
      missingItems: ({ row }) => row.original.missingItems ?? "—",
      localJobsCreated: ({ row }) => row.original.values.localJobsCreated ?? "—",
      plannedInvestmentWan: ({ row }) => decimal(row.original.plannedInvestmentWan),
      completedInvestmentWan: ({ row }) => decimal(row.original.completedInvestmentWan),
      landSuppliedMu: ({ row }) => decimal(row.original.landSuppliedMu),
    };
    return townTableColumns(text, valueColumn).map((c) =>
      c.id && cells[c.id] ? { ...c, cell: cells[c.id] } : c,
    );
  }, [text, format, valueColumn]);
  const filters = useMemo(() => townTableFilters(text), [text]);
  return (
    <DataTable
      columns={columns}
      data={rows}
      searchLabel={t("searchTowns")}
      emptyText={t("noTowns")}
      filters={filters}
      columnChoice
      testId="town-figures-table"
      exportHref={exportHref}
      exportLabels={{ xlsx: t("exportXlsx"), csv: t("exportCsv") }}
    />
  );
}
