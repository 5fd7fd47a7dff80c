"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useMemo } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import type { SchemeRow } from "@/lib/ratings/schemes";
import { statusTone } from "./status-badge";
import { useDates } from "@/lib/i18n/dates";

/**
 * The rating schemes of every year, newest first, filtered by year and status (both in the URL:
 * `f.year`, `f.status`, with the table's search, sort and page), each linking to its page.
 */
export function SchemeTable({ rows }: { rows: SchemeRow[] }) {
  const t = useTranslations("ratingSchemes");
  const dates = useDates();
  const en = useLocale() === "en";
  const columns = useMemo<ColumnDef<SchemeRow, unknown>[]>(
    () => [
      { id: "year", accessorFn: (r) => String(r.year), header: t("columns.year") },
      {
        id: "version",
        accessorKey: "version",
        header: t("columns.version"),
        cell: ({ row }) => t("versionLabel", { version: row.original.version }),
      },
      {
        id: "name",
        accessorFn: (r) => (en && r.nameEn) || r.name,
        header: t("columns.name"),
        cell: ({ row, getValue }) => (
          <span className="flex flex-wrap items-center gap-2">
            <Link
              href={`/admin/rating-schemes/${row.original.id}`}
              className="text-brand-700 underline"
            >
              {String(getValue())}
            </Link>
            {row.original.isDemo && <Badge tone="amber">{t("demo")}</Badge>}
          </span>
        ),
      },
      {
        id: "status",
        accessorFn: (r) => t(`status.${r.status}`),
        header: t("columns.status"),
        cell: ({ row, getValue }) => (
          <Badge tone={statusTone(row.original.status)}>{String(getValue())}</Badge>
        ),
      },
      { id: "maxPoints", accessorKey: "maxPoints", header: t("columns.maxPoints") },
      { id: "items", accessorKey: "items", header: t("columns.items") },
      { id: "ratings", accessorKey: "ratings", header: t("columns.ratings") },
      {
        id: "updatedAt",
        accessorKey: "updatedAt",
        header: t("columns.updatedAt"),
        cell: ({ row }) => dates.dateTime(row.original.updatedAt),
      },
    ],
    [en, dates, t],
  );
  const years = [...new Set(rows.map((r) => String(r.year)))];
  return (
    <DataTable
      columns={columns}
      data={rows}
      searchLabel={t("search")}
      emptyText={t("empty")}
      testId="rating-schemes"
      filters={[
        { columnId: "year", label: t("columns.year"), options: years },
        {
          columnId: "status",
          label: t("columns.status"),
          options: (["DRAFT", "ACTIVE", "ARCHIVED"] as const).map((s) => ({
            value: s,
            label: t(`status.${s}`),
          })),
        },
      ]}
    />
  );
}
