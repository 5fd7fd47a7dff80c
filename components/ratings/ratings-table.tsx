"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useMemo } from "react";
import { DataTable, distinctOptions, pinyinSort } from "@/components/data-table/data-table";
import type { RatingRow } from "@/lib/ratings/queries";
import { RatingStatusBadge, SheetStatusBadge, Stars } from "./rating-parts";

/**
 * The star ratings of a year (the city's approval table; a county's or a reviewer's panels):
 * tanstack table with its state in the URL (search, sort, page, and filters by county, status,
 * stars and flags), names sorted by pinyin. Each row opens the rating's page. Totals and stars
 * are shown only where the viewer may see them (the query decides).
 */
export function RatingsTable({
  rows,
  year,
  showMySheet,
  toolbar,
}: {
  rows: RatingRow[];
  year: number;
  showMySheet: boolean;
  toolbar?: React.ReactNode;
}) {
  const t = useTranslations("ratings");
  const te = useTranslations("enums");
  const en = useLocale() === "en";
  const columns = useMemo<ColumnDef<RatingRow, unknown>[]>(() => {
    const flagText = (r: RatingRow) =>
      r.spreadItems + r.deviatingReviewers > 0 ? t("flagged") : t("notFlagged");
    const list: ColumnDef<RatingRow, unknown>[] = [
      {
        id: "town",
        accessorFn: (r) => (en && r.townNameEn) || r.townName,
        header: t("town"),
        sortingFn: pinyinSort,
        cell: ({ row }) => (
          <Link
            href={`/ratings/${row.original.townCode}/${year}`}
            className="font-medium text-brand-700 hover:underline"
          >
            {(en && row.original.townNameEn) || row.original.townName}
          </Link>
        ),
      },
      {
        id: "county",
        accessorFn: (r) => (en ? r.countyNameEn : r.countyName),
        header: t("county"),
        sortingFn: pinyinSort,
      },
      {
        id: "status",
        accessorFn: (r) => te(`RatingStatus.${r.status}`),
        header: t("status"),
        cell: ({ row }) => <RatingStatusBadge status={row.original.status} />,
      },
      {
        id: "self",
        accessorFn: (r) => (r.selfSubmitted ? t("selfDone") : t("selfNotDone")),
        header: t("selfColumn"),
      },
      {
        id: "sheets",
        accessorFn: (r) => r.sheetsSubmitted / Math.max(1, r.panelSize),
        header: t("sheetsColumn"),
        cell: ({ row }) => `${row.original.sheetsSubmitted} / ${row.original.panelSize}`,
      },
      {
        id: "total",
        accessorFn: (r) => (r.total === null ? -1 : Number(r.total)),
        header: t("total"),
        cell: ({ row }) => row.original.total ?? "—",
      },
      {
        id: "stars",
        accessorFn: (r) => (r.stars === null ? "—" : t("starsOption", { stars: r.stars })),
        header: t("stars"),
        sortingFn: (a, b) => (a.original.stars ?? -1) - (b.original.stars ?? -1),
        cell: ({ row }) => <Stars stars={row.original.stars} />,
      },
      {
        id: "flags",
        accessorFn: flagText,
        header: t("flags"),
        cell: ({ row }) => {
          const r = row.original;
          if (r.spreadItems + r.deviatingReviewers === 0) return "—";
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
      },
    ];
    if (showMySheet) {
      list.push({
        id: "mySheet",
        accessorFn: (r) => r.mySheet ?? "",
        header: t("mySheet"),
        cell: ({ row }) =>
          row.original.mySheet === null ? "—" : <SheetStatusBadge status={row.original.mySheet} />,
      });
    }
    return list;
  }, [en, showMySheet, t, te, year]);

  return (
    <DataTable
      columns={columns}
      data={rows}
      pageSize={50}
      searchLabel={t("search")}
      emptyText={t("empty")}
      testId="ratings-table"
      toolbar={toolbar}
      filters={[
        {
          columnId: "county",
          label: t("county"),
          options: distinctOptions(
            rows,
            (r) => r.countyCode,
            (r) => (en ? r.countyNameEn : r.countyName),
          ),
        },
        {
          columnId: "status",
          label: t("status"),
          options: (["SCORING", "SUBMITTED", "RETURNED", "APPROVED"] as const).map((s) => ({
            value: s,
            label: te(`RatingStatus.${s}`),
          })),
        },
        {
          columnId: "stars",
          label: t("stars"),
          options: [1, 2, 3, 4, 5].map((s) => ({
            value: String(s),
            label: t("starsOption", { stars: s }),
          })),
        },
        {
          columnId: "flags",
          label: t("flags"),
          options: [
            { value: "yes", label: t("flagged") },
            { value: "no", label: t("notFlagged") },
          ],
        },
      ]}
    />
  );
}
