"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useMemo } from "react";
import { DataTable } from "@/components/data-table/data-table";
import type { RatingRow } from "@/lib/ratings/queries";
import { isFlagged, ratingTableColumns, ratingTableFilters } from "@/lib/ratings/table";
import { RatingStatusBadge, SheetStatusBadge, Stars } from "./rating-parts";

/**
 * The star ratings of a year (the city's approval table; a county's or a reviewer's panels):
 * tanstack table with its state in the URL (search, sort, page, and filters by county, status,
 * stars and flags), names sorted by pinyin. Each row opens the rating's page. Totals and stars
 * are shown only where the viewer may see them (the query decides). Columns and filters:
 * lib/ratings/table.ts (shared with the export); `exportHref` adds export links carrying the view.
 */
export function RatingsTable({
  rows,
  year,
  showMySheet,
  exportHref,
}: {
  rows: RatingRow[];
  year: number;
  showMySheet: boolean;
  exportHref?: string;
}) {
  const t = useTranslations("ratings");
  const te = useTranslations("enums");
  const en = useLocale() === "en";
  const text = useMemo(() => ({ t, te, en }), [t, te, en]);
  const columns = useMemo<ColumnDef<RatingRow, unknown>[]>(() => {
    const cells: Partial<Record<string, ColumnDef<RatingRow, unknown>["cell"]>> = {
      town: ({ row }) => (
        <Link
          href={`/ratings/${row.original.townCode}/${year}`}
          className="font-medium text-brand-700 hover:underline"
        >
          {(en && row.original.townNameEn) || row.original.townName}
        </Link>
      ),
      status: ({ row }) => <RatingStatusBadge status={row.original.status} />,
      sheets: ({ row }) => `${row.original.sheetsSubmitted} / ${row.original.panelSize}`,
      total: ({ row }) => row.original.total ?? "—",
      stars: ({ row }) => <Stars stars={row.original.stars} />,
      flags: ({ row }) => {
        const r = row.original;
        if (!isFlagged(r)) return "—";
        return (
          <span className="text-amber-800">
            {[
              r.spreadItems > 0 && t("flagItems", { count: r.spreadItems }),
              r.deviatingReviewers > 0 && t("flagReviewers", { count: r.deviatingReviewers }),
            ]
              .filter(Boolean)
              .join(en ? "; " : "，")}
          </span>
        );
      },
      mySheet: ({ row }) =>
        row.original.mySheet === null ? "—" : <SheetStatusBadge status={row.original.mySheet} />,
    };
    return ratingTableColumns(text, showMySheet).map((c) =>
      c.id && cells[c.id] ? { ...c, cell: cells[c.id] } : c,
    );
  }, [en, showMySheet, t, text, year]);
  const filters = useMemo(() => ratingTableFilters(text, rows), [text, rows]);

  return (
    <DataTable
      columns={columns}
      data={rows}
      pageSize={50}
      searchLabel={t("search")}
      emptyText={t("empty")}
      testId="ratings-table"
      filters={filters}
      exportHref={exportHref}
      exportLabels={{ xlsx: t("exportXlsx"), csv: t("exportCsv") }}
    />
  );
}
