"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useMemo } from "react";
import { TownNameLink } from "@/components/dashboard/town-name-link";
import { DataTable, pinyinSort } from "@/components/data-table/data-table";
import type { FigureProjectRow } from "@/lib/dashboard/queries";

/**
 * The projects behind a project figure (lib/dashboard/queries.ts listFigureProjects): town,
 * county, year, code, name, dimension, status, planned and completed investment (万元) and
 * land (亩). Sort, search and page kept in the URL; each town links to its page.
 */
export function FigureProjectsTable({ rows }: { rows: FigureProjectRow[] }) {
  const t = useTranslations("townPage");
  const te = useTranslations("enums");
  const format = useFormatter();
  const en = useLocale() === "en";
  const columns = useMemo<ColumnDef<FigureProjectRow, unknown>[]>(() => {
    const amount = (key: "plannedInvestmentWan" | "completedInvestmentWan" | "landSuppliedMu") =>
      ({
        id: key,
        accessorFn: (r) => Number(r[key]),
        header: t(`col.${key}`),
        cell: ({ row }) =>
          format.number(Number(row.original[key]), {
            minimumFractionDigits: 2,
            maximumFractionDigits: 2,
          }),
      }) satisfies ColumnDef<FigureProjectRow, unknown>;
    return [
      {
        id: "town",
        accessorFn: (r) => (en && r.townNameEn) || r.townName,
        header: t("col.town"),
        sortingFn: pinyinSort,
        cell: ({ row, getValue }) => (
          <TownNameLink code={row.original.townCode} name={String(getValue())} />
        ),
      },
      {
        id: "county",
        accessorFn: (r) => (en ? r.countyNameEn : r.countyName),
        header: t("col.county"),
        sortingFn: pinyinSort,
      },
      { id: "year", accessorKey: "year", header: t("col.year") },
      { id: "code", accessorKey: "code", header: t("col.projectCode") },
      { id: "name", accessorKey: "name", header: t("col.project"), sortingFn: pinyinSort },
      {
        id: "dimension",
        accessorFn: (r) => (r.dimension ? te(`Dimension.${r.dimension}`) : "—"),
        header: t("col.dimension"),
      },
      {
        id: "status",
        accessorFn: (r) => te(`ProjectStatus.${r.status}`),
        header: t("col.status"),
      },
      amount("plannedInvestmentWan"),
      amount("completedInvestmentWan"),
      amount("landSuppliedMu"),
    ];
  }, [t, te, en, format]);
  return (
    <DataTable
      columns={columns}
      data={rows}
      searchLabel={t("col.project")}
      emptyText={t("projects.none")}
      testId="figure-projects-table"
    />
  );
}
