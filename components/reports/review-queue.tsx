"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useMemo } from "react";
import { DataTable, pinyinSort } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { bulkApproveAction } from "@/lib/reports/actions";
import type { reportRowToJson } from "@/lib/reports/queries";
import { SelectBox, useBulkSelection } from "./bulk-selection";
import { StatusBadge } from "./report-parts";
import { useDates } from "@/lib/i18n/dates";

/** A report as the queue gets it (the /api/v1 JSON form). */
export type QueueRow = ReturnType<typeof reportRowToJson>;

/**
 * A county's review queue: tanstack table (sort, search, pagination in the URL via DataTable)
 * with a tick box on each submitted report for bulk approval at the versions shown; the
 * message says what was done, e.g. "3 approved; 1 skipped: already approved".
 */
export function ReviewQueue({ rows, countyCode }: { rows: QueueRow[]; countyCode: string }) {
  const t = useTranslations("review");
  const tf = useTranslations("reviewFlow.queue");
  const dates = useDates();
  const en = useLocale() === "en";
  const { selected, toggle, run, state, pending } = useBulkSelection(rows, bulkApproveAction);

  const columns = useMemo<ColumnDef<QueueRow, unknown>[]>(
    () => [
      {
        id: "select",
        header: t("select"),
        enableSorting: false,
        cell: ({ row }) =>
          row.original.status === "SUBMITTED" ? (
            <SelectBox
              label={t("selectNamed", { name: row.original.town.name })}
              checked={selected.has(row.original.id)}
              onChange={(on) => toggle(row.original.id, on)}
            />
          ) : null,
      },
      {
        id: "town",
        accessorFn: (row) => `${(en && row.town.nameEn) || row.town.name} ${row.town.code}`,
        header: t("town"),
        sortingFn: pinyinSort,
        // The town opens its report too: on a phone the last column may be off-screen.
        cell: ({ row }) => (
          <Link
            href={`/counties/${countyCode}/reviews/${row.original.id}`}
            className="text-brand-700 hover:underline"
          >
            {(en && row.original.town.nameEn) || row.original.town.name}
          </Link>
        ),
      },
      {
        id: "period",
        accessorFn: (row) => (en ? row.period.nameEn : row.period.name),
        header: t("period"),
      },
      {
        id: "status",
        accessorFn: (row) => row.status,
        header: t("status"),
        cell: ({ row }) => (
          <span className="flex flex-wrap items-center gap-1">
            <StatusBadge status={row.original.status} />
            {row.original.returnedByCity && <Badge tone="red">{tf("returnedByCity")}</Badge>}
          </span>
        ),
      },
      {
        id: "submittedAt",
        accessorFn: (row) => (row.submittedAt ? new Date(row.submittedAt).getTime() : 0),
        header: t("submittedAt"),
        cell: ({ row }) =>
          row.original.submittedAt ? dates.dateTime(row.original.submittedAt) : "—",
      },
      { id: "submissions", accessorFn: (row) => row.submissionCount, header: t("submissions") },
      {
        id: "open",
        header: "",
        enableSorting: false,
        cell: ({ row }) => (
          <Link
            href={`/counties/${countyCode}/reviews/${row.original.id}`}
            className="font-medium text-brand-700 hover:underline"
          >
            {row.original.status === "SUBMITTED" ? t("review") : t("view")}
          </Link>
        ),
      },
    ],
    // toggle only sets state.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [countyCode, en, dates, selected, t, tf],
  );

  return (
    <div className="space-y-3">
      <div className="flex items-center gap-3">
        <Button size="sm" disabled={selected.size === 0 || pending} onClick={() => run()}>
          {t("bulkApprove", { count: selected.size })}
        </Button>
        <FormMessage status={state.status} message={state.message} />
      </div>
      <DataTable
        columns={columns}
        data={rows}
        searchLabel={t("search")}
        emptyText={t("empty")}
        testId="review-queue"
      />
    </div>
  );
}
