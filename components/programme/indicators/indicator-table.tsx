"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useMemo } from "react";
import { DataTable, pinyinSort } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import type { IndicatorRow } from "@/lib/indicators/queries";

/**
 * A year's indicators: code (to the indicator's page), name in the user's language,
 * dimension, kind, unit, value type, limits, required, status and the dashboard input it
 * supplies (a badge). Search, sort and page live in the URL (DataTable).
 */
export function IndicatorTable({ rows }: { rows: IndicatorRow[] }) {
  const t = useTranslations("indicatorCatalogue");
  const te = useTranslations("enums");
  const en = useLocale() === "en";
  const columns = useMemo<ColumnDef<IndicatorRow, unknown>[]>(
    () => [
      {
        accessorKey: "code",
        header: t("col.code"),
        cell: ({ row }) => (
          <Link
            href={`/admin/indicators/${row.original.id}`}
            className="font-mono text-xs font-medium text-brand-700 hover:underline"
          >
            {row.original.code}
          </Link>
        ),
      },
      {
        id: "name",
        accessorFn: (r) => (en ? r.nameEn : r.name),
        header: t("col.name"),
        sortingFn: pinyinSort,
        cell: ({ row, getValue }) => (
          <span className="whitespace-normal">
            {String(getValue())}
            {row.original.figureInput && (
              <Badge tone="blue" className="ml-1" data-testid="figure-badge">
                {t("figures.badge", {
                  name: t(
                    `figureInputs.${row.original.figureInput}` as "figureInputs.communityGyms",
                  ),
                })}
              </Badge>
            )}
          </span>
        ),
      },
      {
        id: "dimension",
        accessorFn: (r) => te(`Dimension.${r.dimension}`),
        header: t("col.dimension"),
      },
      { id: "kind", accessorFn: (r) => t(`kinds.${r.kind}`), header: t("col.kind") },
      { id: "unit", accessorFn: (r) => (en ? r.unitEn : r.unit), header: t("col.unit") },
      {
        id: "valueType",
        accessorFn: (r) => t(`valueTypes.${r.valueType}`),
        header: t("col.valueType"),
      },
      {
        id: "limits",
        accessorFn: (r) =>
          r.minValue === null && r.maxValue === null
            ? "—"
            : `${r.minValue ?? ""} – ${r.maxValue ?? ""}`,
        header: t("col.limits"),
        enableSorting: false,
      },
      {
        id: "required",
        accessorFn: (r) => (r.isRequired ? t("yes") : t("no")),
        header: t("col.required"),
      },
      { accessorKey: "values", header: t("col.uses") },
      {
        id: "status",
        accessorFn: (r) => (r.retiredAt ? t("status.retired") : t("status.current")),
        header: t("col.status"),
        cell: ({ row, getValue }) => (
          <Badge tone={row.original.retiredAt ? "amber" : "green"}>{String(getValue())}</Badge>
        ),
      },
    ],
    [t, te, en],
  );
  return (
    <DataTable
      columns={columns}
      data={rows}
      pageSize={50}
      searchLabel={t("search")}
      emptyText={t("empty")}
      testId="indicator-table"
    />
  );
}
