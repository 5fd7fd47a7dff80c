"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useMemo } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import type { ProgrammeYearRow } from "@/lib/years/admin";
import { useDates } from "@/lib/i18n/dates";

const TONE = { PLANNING: "amber", OPEN: "green", CLOSED: "neutral" } as const;

/** The programme years with status, dates and counts; sort, search and page in the URL. */
export function YearsTable({ years }: { years: ProgrammeYearRow[] }) {
  const t = useTranslations("programmeYears");
  const dates = useDates();
  const columns = useMemo<ColumnDef<ProgrammeYearRow, unknown>[]>(
    () => [
      {
        id: "year",
        accessorFn: (y) => String(y.year),
        header: t("year"),
        cell: ({ row }) => (
          <Link
            href={`/admin/years/${row.original.year}`}
            className="font-medium text-brand-700 hover:underline"
          >
            {row.original.year}
          </Link>
        ),
      },
      {
        id: "status",
        accessorFn: (y) => t(`status.${y.status}`),
        header: t("statusLabel"),
        cell: ({ row, getValue }) => (
          <Badge tone={TONE[row.original.status]}>{String(getValue())}</Badge>
        ),
      },
      {
        id: "taskDeadlineOn",
        accessorFn: (y) => y.taskDeadlineOn ?? "—",
        header: t("taskDeadlineOn"),
      },
      {
        id: "copiedFromYear",
        accessorFn: (y) => (y.copiedFromYear ? String(y.copiedFromYear) : "—"),
        header: t("copiedFromYear"),
      },
      {
        id: "openedAt",
        accessorFn: (y) => (y.openedAt ? dates.dateTime(y.openedAt) : "—"),
        header: t("openedAt"),
      },
      {
        id: "closedAt",
        accessorFn: (y) => (y.closedAt ? dates.dateTime(y.closedAt) : "—"),
        header: t("closedAt"),
      },
      { accessorKey: "periods", header: t("periodsCount") },
      { accessorKey: "indicators", header: t("indicatorsCount") },
      { accessorKey: "tasks", header: t("tasksCount") },
    ],
    [t, dates],
  );
  return (
    <DataTable
      columns={columns}
      data={years}
      searchLabel={t("search")}
      emptyText={t("empty")}
      testId="years-table"
    />
  );
}
