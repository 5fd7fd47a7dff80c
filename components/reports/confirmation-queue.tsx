"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { DataTable, distinctOptions, pinyinSort } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/field";
import {
  bulkConfirmAction,
  confirmReportAction,
  returnToCountyAction,
} from "@/lib/reports/actions";
import type { CityState, ConfirmationRow } from "@/lib/reports/queries";
import type { FormState } from "@/lib/validation/form-state-shared";
import { SelectBox, useBulkSelection } from "./bulk-selection";

const STATES: CityState[] = ["AWAITING", "RETURNED", "CONFIRMED"];
const tone = { AWAITING: "blue", RETURNED: "red", CONFIRMED: "green" } as const;

/** The review history of one report, folded. */
function History({ history }: { history: ConfirmationRow["history"] }) {
  const t = useTranslations("reviewFlow.confirm");
  const te = useTranslations("enums");
  const format = useFormatter();
  if (history.length === 0) return null;
  return (
    <details className="text-xs" data-testid="history">
      <summary className="cursor-pointer text-slate-600">
        {t("history", { count: history.length })}
      </summary>
      <ul className="mt-1 space-y-0.5">
        {history.map((h, index) => (
          <li key={index}>
            <span className="text-slate-500">{format.dateTime(new Date(h.at), "dateTime")}</span>{" "}
            <span className="font-medium">{te(`ReviewDecision.${h.decision}`)}</span> · {h.reviewer}
            {h.comment && <span>：{h.comment}</span>}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** The one-report actions of an awaiting row: confirm, or return to the county with a comment. */
function RowActions({ row, name }: { row: ConfirmationRow; name: string }) {
  const t = useTranslations("reviewFlow.confirm");
  const router = useRouter();
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState("");
  const [state, setState] = useState<FormState>({ status: "idle" });
  const [pending, startTransition] = useTransition();
  const run = (action: () => Promise<FormState>) =>
    startTransition(async () => {
      const result = await action();
      setState(result);
      if (result.status === "ok") {
        setReturning(false);
        router.refresh();
      }
    });
  const [ask, askDialog] = useConfirm();
  const confirm = async () => {
    const ok = await ask({
      title: t("askOne", { name }),
      confirmLabel: t("yesOne"),
      tone: "primary",
    });
    if (!ok) return;
    const form = new FormData();
    form.set("reportId", String(row.id));
    form.set("expectedVersion", String(row.version));
    run(() => confirmReportAction({ status: "idle" }, form));
  };
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap gap-1">
        <Button
          size="sm"
          disabled={pending}
          aria-label={t("confirmNamed", { name })}
          onClick={() => void confirm()}
        >
          {t("confirm")}
        </Button>
        <Button
          size="sm"
          variant="secondary"
          disabled={pending}
          aria-label={t("returnNamed", { name })}
          aria-expanded={returning}
          onClick={() => setReturning((r) => !r)}
        >
          {t("returnToCounty")}
        </Button>
        {askDialog}
      </div>
      {returning && (
        <div className="w-64 space-y-1">
          <label className="block text-xs text-slate-600" htmlFor={`return-${row.id}`}>
            {t("returnComment")}
          </label>
          <textarea
            id={`return-${row.id}`}
            rows={2}
            maxLength={1000}
            className="block w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
          <Button
            size="sm"
            variant="danger"
            disabled={pending}
            onClick={() =>
              run(() =>
                returnToCountyAction({ reportId: row.id, expectedVersion: row.version, comment }),
              )
            }
          >
            {t("sendReturn")}
          </Button>
        </div>
      )}
      {state.status === "error" && (
        <p role="alert" className="text-xs text-red-600">
          {state.fieldErrors?.comment ?? state.message}
        </p>
      )}
    </div>
  );
}

/**
 * The city's confirmation queue (市级审核): county, period, status and search filters in the
 * URL (DataTable), tick boxes on awaiting reports for bulk confirmation behind a confirmation
 * step (the message says what was done and skipped), per report confirm or return to the county
 * with a comment, and each report's history of approvals, returns and confirmations.
 * `canConfirm` false (the city leader): the same queue, filters and history, read only — no
 * tick boxes, buttons or bulk action (the server refuses those to the role anyway).
 */
export function ConfirmationQueue({
  rows,
  canConfirm,
}: {
  rows: ConfirmationRow[];
  canConfirm: boolean;
}) {
  const t = useTranslations("reviewFlow.confirm");
  const format = useFormatter();
  const en = useLocale() === "en";
  const { selected, toggle, run, state, pending } = useBulkSelection(rows, bulkConfirmAction);
  const [asking, setAsking] = useState(false);
  const townName = (row: ConfirmationRow) => (en && row.town.nameEn) || row.town.name;
  const countyName = (row: ConfirmationRow) => (en ? row.county.nameEn : row.county.name);
  const periodName = (row: ConfirmationRow) => (en ? row.period.nameEn : row.period.name);

  const columns = useMemo<ColumnDef<ConfirmationRow, unknown>[]>(
    () =>
      (
        [
          {
            id: "select",
            header: t("select"),
            enableSorting: false,
            cell: ({ row }) =>
              row.original.cityState === "AWAITING" ? (
                <SelectBox
                  label={t("selectNamed", { name: townName(row.original) })}
                  checked={selected.has(row.original.id)}
                  onChange={(on) => toggle(row.original.id, on)}
                />
              ) : null,
          },
          { id: "county", accessorFn: countyName, header: t("county"), sortingFn: pinyinSort },
          {
            id: "town",
            accessorFn: (row) => `${townName(row)} ${row.town.code}`,
            header: t("town"),
            sortingFn: pinyinSort,
            cell: ({ row }) => (
              <div className="space-y-1">
                <Link
                  href={`/towns/${row.original.town.code}/reports/${row.original.period.year}/${row.original.period.index}`}
                  className="text-brand-700 hover:underline"
                >
                  {townName(row.original)}
                </Link>
                <History history={row.original.history} />
              </div>
            ),
          },
          { id: "period", accessorFn: periodName, header: t("period") },
          {
            id: "state",
            accessorFn: (row) => t(`state.${row.cityState}`),
            header: t("status"),
            cell: ({ row }) => (
              <Badge tone={tone[row.original.cityState]}>
                {t(`state.${row.original.cityState}`)}
              </Badge>
            ),
          },
          {
            id: "selfScore",
            accessorFn: (row) => (row.selfScore === null ? -1 : Number(row.selfScore)),
            header: t("selfScore"),
            cell: ({ row }) => row.original.selfScore ?? "—",
          },
          {
            id: "approvedAt",
            accessorFn: (row) => (row.approvedAt ? new Date(row.approvedAt).getTime() : 0),
            header: t("approvedAt"),
            cell: ({ row }) =>
              row.original.approvedAt
                ? format.dateTime(new Date(row.original.approvedAt), "dateTime")
                : "—",
          },
          {
            id: "actions",
            header: "",
            enableSorting: false,
            cell: ({ row }) =>
              row.original.cityState === "AWAITING" ? (
                <RowActions row={row.original} name={townName(row.original)} />
              ) : null,
          },
        ] satisfies ColumnDef<ConfirmationRow, unknown>[]
      ).filter((column) => canConfirm || (column.id !== "select" && column.id !== "actions")),
    // The name helpers only read `en`; toggle only sets state.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [canConfirm, en, format, selected, t],
  );

  return (
    <div className="space-y-3">
      {canConfirm ? (
        <div className="flex flex-wrap items-center gap-3">
          <Button
            size="sm"
            disabled={selected.size === 0 || pending}
            onClick={() => setAsking(true)}
          >
            {t("bulkConfirm", { count: selected.size })}
          </Button>
          <FormMessage status={state.status} message={state.message} />
        </div>
      ) : (
        <p className="text-sm text-slate-600" data-testid="read-only-note">
          {t("readOnly")}
        </p>
      )}
      {asking && selected.size > 0 && (
        <div
          role="alertdialog"
          aria-labelledby="bulk-confirm-ask"
          className="flex flex-wrap items-center gap-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm"
        >
          <p id="bulk-confirm-ask">{t("bulkAsk", { count: selected.size })}</p>
          <Button size="sm" disabled={pending} onClick={() => run(() => setAsking(false))}>
            {t("yesConfirm", { count: selected.size })}
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setAsking(false)}>
            {t("cancel")}
          </Button>
        </div>
      )}
      <DataTable
        columns={columns}
        data={rows}
        pageSize={50}
        searchLabel={t("search")}
        emptyText={t("empty")}
        testId="confirmations"
        filters={[
          // URL values are identifiers (county code, period index, state), labels follow the
          // language: the same link works in Chinese and English.
          {
            columnId: "county",
            label: t("county"),
            options: distinctOptions(rows, (r) => r.county.code, countyName),
          },
          {
            columnId: "period",
            label: t("period"),
            // In period order (Q1 … Q4), not by name.
            options: [...new Map(rows.map((r) => [r.period.index, periodName(r)]))]
              .sort(([a], [b]) => a - b)
              .map(([index, label]) => ({ value: String(index), label })),
          },
          {
            columnId: "state",
            label: t("status"),
            options: STATES.map((s) => ({ value: s, label: t(`state.${s}`) })),
          },
        ]}
      />
    </div>
  );
}
