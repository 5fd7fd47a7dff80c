"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { DataTable, pinyinSort } from "@/components/data-table/data-table";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { bulkApproveAction } from "@/lib/reports/actions";
import type { reportRowToJson } from "@/lib/reports/queries";
import type { FormState } from "@/lib/validation/form-state-shared";
import { StatusBadge } from "./report-parts";
import { useDates } from "@/lib/i18n/dates";

/** A report as the queue gets it (the /api/v1 JSON form). */
export type QueueRow = ReturnType<typeof reportRowToJson>;

/**
 * A county's review queue: tanstack table (sort, search, pagination in the URL via DataTable)
 * with a tick box on each submitted report for bulk approval (all or none, at the versions
 * shown: a report changed meanwhile makes the whole batch fail with a message).
 */
export function ReviewQueue({ rows, countyCode }: { rows: QueueRow[]; countyCode: string }) {
  const t = useTranslations("review");
  const dates = useDates();
  const en = useLocale() === "en";
  const router = useRouter();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [state, setState] = useState<FormState>({ status: "idle" });
  const [pending, startTransition] = useTransition();

  const columns = useMemo<ColumnDef<QueueRow, unknown>[]>(
    () => [
      {
        id: "select",
        header: t("select"),
        enableSorting: false,
        cell: ({ row }) =>
          row.original.status === "SUBMITTED" ? (
            <input
              type="checkbox"
              aria-label={t("selectNamed", { name: row.original.town.name })}
              checked={selected.has(row.original.id)}
              onChange={(e) =>
                setSelected((current) => {
                  const next = new Set(current);
                  if (e.target.checked) next.add(row.original.id);
                  else next.delete(row.original.id);
                  return next;
                })
              }
            />
          ) : null,
      },
      {
        id: "town",
        accessorFn: (row) => `${(en && row.town.nameEn) || row.town.name} ${row.town.code}`,
        header: t("town"),
        sortingFn: pinyinSort,
        cell: ({ row }) => (en && row.original.town.nameEn) || row.original.town.name,
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
        cell: ({ row }) => <StatusBadge status={row.original.status} />,
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
    [countyCode, en, dates, selected, t],
  );

  const approveSelected = () =>
    startTransition(async () => {
      const reports = rows
        .filter((r) => selected.has(r.id))
        .map((r) => ({ reportId: r.id, expectedVersion: r.version }));
      const result = await bulkApproveAction(reports);
      setState(result);
      if (result.status === "ok") {
        setSelected(new Set());
        router.refresh();
      }
    });

  return (
    <div className="space-y-3">
      <div className="flex items-center gap-3">
        <Button size="sm" disabled={selected.size === 0 || pending} onClick={approveSelected}>
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
