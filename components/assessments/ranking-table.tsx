"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useMemo } from "react";
import { DataTable, pinyinSort } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import type { Grade } from "@/lib/generated/prisma/enums";

/** One county's row of the ranking, with last year's published result (2-place strings). */
export type RankingRow = {
  code: string;
  name: string;
  rank: number;
  outcome: string;
  process: string;
  bonus: string;
  deduction: string;
  total: string;
  grade: Grade;
  /** Signed change of the total from last year ("+1.50"), null without last year's result. */
  change: string | null;
  previousRank: number | null;
  href: string;
};

const gradeTone = { EXCELLENT: "green", GOOD: "blue", PASS: "neutral", FAIL: "red" } as const;

/**
 * The ranking of a year's published assessment: rank, county, subtotals, total, grade and the
 * change from last year (total and rank), sortable and searchable with its state in the URL.
 */
export function RankingTable({ rows, toolbar }: { rows: RankingRow[]; toolbar?: React.ReactNode }) {
  const t = useTranslations("assessments");
  const te = useTranslations("enums");
  const columns = useMemo<ColumnDef<RankingRow, unknown>[]>(
    () => [
      { accessorKey: "rank", header: t("table.rank") },
      {
        id: "county",
        accessorKey: "name",
        header: t("table.county"),
        sortingFn: pinyinSort,
        cell: ({ row }) => (
          <Link href={row.original.href} className="text-brand-700 underline">
            {row.original.name}
          </Link>
        ),
      },
      ...(["outcome", "process", "bonus", "deduction", "total"] as const).map(
        (key): ColumnDef<RankingRow, unknown> => ({
          id: key,
          accessorFn: (row) => Number(row[key]),
          header: t(`table.${key}`),
          cell: ({ row }) => (
            <span className={key === "total" ? "font-semibold tabular-nums" : "tabular-nums"}>
              {row.original[key]}
            </span>
          ),
        }),
      ),
      {
        id: "grade",
        accessorFn: (row) => te(`Grade.${row.grade}`),
        header: t("table.grade"),
        cell: ({ row }) => (
          <Badge tone={gradeTone[row.original.grade]}>{te(`Grade.${row.original.grade}`)}</Badge>
        ),
      },
      {
        id: "change",
        accessorFn: (row) => (row.change === null ? null : Number(row.change)),
        header: t("table.change"),
        cell: ({ row }) => {
          const { change } = row.original;
          if (change === null) return <span className="text-slate-400">—</span>;
          const tone = change.startsWith("+")
            ? "text-green-700"
            : change.startsWith("-")
              ? "text-red-700"
              : "";
          return <span className={`tabular-nums ${tone}`}>{change}</span>;
        },
      },
      {
        id: "rankChange",
        accessorFn: (row) => (row.previousRank === null ? null : row.previousRank - row.rank),
        header: t("table.rankChange"),
        cell: ({ row }) => {
          const { previousRank, rank } = row.original;
          if (previousRank === null) return <span className="text-slate-400">—</span>;
          const up = previousRank - rank;
          return (
            <span
              className={up > 0 ? "text-green-700" : up < 0 ? "text-red-700" : "text-slate-600"}
              title={t("table.previousRank", { rank: previousRank })}
            >
              {up > 0 ? `↑${up}` : up < 0 ? `↓${-up}` : "—"}
              <span className="sr-only">{t("table.previousRank", { rank: previousRank })}</span>
            </span>
          );
        },
      },
    ],
    [t, te],
  );
  return (
    <DataTable
      columns={columns}
      data={rows}
      pageSize={20}
      searchLabel={t("table.search")}
      emptyText={t("table.empty")}
      testId="ranking"
      toolbar={toolbar}
    />
  );
}
