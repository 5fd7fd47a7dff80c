"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useLocale, useTranslations } from "next-intl";
import { sendFile } from "@/components/upload/send-file";
import type { BrowserFileLimit } from "@/lib/domain/upload";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition, type ReactNode } from "react";
import { DataTable, pinyinSort } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useDates } from "@/lib/i18n/dates";
import { FormMessage } from "@/components/ui/field";
import { CreationTarget, Track } from "@/lib/generated/prisma/enums";
import { publishTasksAction, setTasksAction } from "@/lib/tasks/actions";
import type { CreationListRow } from "@/lib/tasks/queries";
import type { FormState } from "@/lib/validation/form-state-shared";
import { FilePicker } from "@/components/ui/file-picker";
import { DateField } from "@/components/ui/date-field";

const TARGETS = Object.values(CreationTarget);
const TRACKS = Object.values(Track);

/**
 * A year's creation list for the city administrator: every town with its task (target, track,
 * deadline, status), tick boxes, a bulk setter for target / track / deadline, publishing, and
 * the Excel template download and .xlsx/.csv import (refused rows listed in the user's language).
 */
export function CreationList({
  year,
  rows,
  importLimit,
  readOnlyNotice,
}: {
  year: number;
  rows: CreationListRow[];
  /** The server's limit for imported tables (lib/limits.ts), checked before sending. */
  importLimit: BrowserFileLimit;
  /** Shown instead of the edit controls (a closed year). */
  readOnlyNotice?: ReactNode;
}) {
  const t = useTranslations("tasks");
  const tr = useTranslations();
  const te = useTranslations("enums");
  const dates = useDates();
  const en = useLocale() === "en";
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [target, setTarget] = useState<string>("BASIC_COMPLIANCE");
  const [track, setTrack] = useState<string>("STANDARD");
  const [deadline, setDeadline] = useState(`${year}-12-31`);
  const [state, setState] = useState<FormState>({ status: "idle" });
  const [pending, startTransition] = useTransition();
  const [importRows, setImportRows] = useState<string[]>([]);

  const toggle = (code: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(code);
      else next.delete(code);
      return next;
    });

  const columns = useMemo<ColumnDef<CreationListRow, unknown>[]>(
    () => [
      {
        id: "select",
        header: t("select"),
        enableSorting: false,
        cell: ({ row }) => (
          <input
            type="checkbox"
            aria-label={t("selectNamed", { name: row.original.townName })}
            checked={selected.has(row.original.townCode)}
            onChange={(e) => toggle(row.original.townCode, e.target.checked)}
          />
        ),
      },
      { accessorKey: "townCode", header: t("code") },
      {
        id: "town",
        accessorFn: (row) => (en && row.townNameEn) || row.townName,
        header: t("town"),
        sortingFn: pinyinSort,
        cell: ({ row, getValue }) =>
          row.original.task ? (
            <Link
              href={`/admin/tasks/${year}/${row.original.townCode}`}
              className="text-brand-700 underline"
              title={t("openTask")}
            >
              {String(getValue())}
            </Link>
          ) : (
            String(getValue())
          ),
      },
      {
        id: "county",
        accessorFn: (row) => (en ? row.countyNameEn : row.countyName),
        header: t("county"),
        sortingFn: pinyinSort,
      },
      {
        id: "target",
        accessorFn: (row) => (row.task ? te(`CreationTarget.${row.task.target}`) : ""),
        header: t("target"),
      },
      {
        id: "track",
        accessorFn: (row) => (row.task ? te(`Track.${row.task.track}`) : ""),
        header: t("track"),
      },
      {
        id: "deadline",
        accessorFn: (row) => row.task?.deadline ?? "",
        cell: ({ getValue }) => (getValue<string>() ? dates.date(getValue<string>()) : ""),
        header: t("deadline"),
      },
      {
        id: "status",
        accessorFn: (row) => (row.task ? te(`TaskStatus.${row.task.status}`) : t("notListed")),
        header: t("status"),
        cell: ({ row, getValue }) => (
          <Badge tone={row.original.task?.status === "PUBLISHED" ? "green" : "neutral"}>
            {String(getValue())}
          </Badge>
        ),
      },
    ],
    [dates, en, selected, t, te, year],
  );

  const run = (action: () => Promise<FormState>, ok: (s: FormState) => string) =>
    startTransition(async () => {
      const result = await action();
      setImportRows([]);
      setState(result.status === "ok" ? { status: "ok", message: ok(result) } : result);
      if (result.status === "ok") router.refresh();
    });
  const townCodes = [...selected];

  /** Uploads a filled template; on success shows the counts and reloads the list. */
  const importFile = (file: File) =>
    startTransition(async () => {
      const form = new FormData();
      form.set("file", file);
      const result = await sendFile(`/api/tasks/${year}/import`, form, file, importLimit, tr);
      if (result.ok) {
        const json = result.data as { rows?: number; created?: number; updated?: number };
        setImportRows([]);
        setState({
          status: "ok",
          message: t("importDone", {
            rows: json.rows ?? 0,
            created: json.created ?? 0,
            updated: json.updated ?? 0,
          }),
        });
        router.refresh();
      } else {
        setImportRows(result.rows);
        setState({ status: "error", message: result.message });
      }
    });

  return (
    <div className="space-y-3">
      {readOnlyNotice || (
        <div className="flex flex-wrap items-end gap-3 rounded-md border border-slate-200 bg-white p-3 text-sm">
          <span className="self-center font-medium">{t("selected", { count: selected.size })}</span>
          <label className="space-y-1">
            <span className="block text-slate-600">{t("target")}</span>
            <select
              value={target}
              onChange={(e) => setTarget(e.target.value)}
              className="rounded-md border border-slate-300 px-2 py-1.5"
            >
              {TARGETS.map((v) => (
                <option key={v} value={v}>
                  {te(`CreationTarget.${v}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="space-y-1">
            <span className="block text-slate-600">{t("track")}</span>
            <select
              value={track}
              onChange={(e) => setTrack(e.target.value)}
              className="rounded-md border border-slate-300 px-2 py-1.5"
            >
              {TRACKS.map((v) => (
                <option key={v} value={v}>
                  {te(`Track.${v}`)}
                </option>
              ))}
            </select>
          </label>
          <DateField
            name="deadline"
            label={t("deadline")}
            value={deadline}
            onChange={setDeadline}
            className="w-44"
          />
          <Button
            size="sm"
            variant="secondary"
            disabled={pending || selected.size === 0}
            onClick={() =>
              run(
                () => setTasksAction({ year, townCodes, target, track, deadline }),
                (s) =>
                  t("setDone", {
                    created: s.data?.created ?? "0",
                    updated: s.data?.updated ?? "0",
                  }),
              )
            }
          >
            {t("apply")}
          </Button>
          <Button
            size="sm"
            disabled={pending || selected.size === 0}
            onClick={() =>
              run(
                () => publishTasksAction({ year, townCodes }),
                (s) => t("publishDone", { published: s.data?.published ?? "0" }),
              )
            }
          >
            {t("publish")}
          </Button>
          <div className="ml-auto flex items-center gap-3 self-center">
            <a href={`/api/tasks/${year}/template`} className="text-brand-700 hover:underline">
              {t("template")}
            </a>
            <FilePicker
              accept=".xlsx,.csv"
              label={t("upload")}
              buttonText={t("upload")}
              disabled={pending}
              onFile={importFile}
            />
          </div>
        </div>
      )}
      <FormMessage status={state.status} message={state.message} />
      {importRows.length > 0 && (
        <ul
          role="alert"
          className="list-disc rounded-md bg-red-50 py-2 pl-8 pr-3 text-sm text-red-700"
          data-testid="import-errors"
        >
          {importRows.map((row) => (
            <li key={row}>{row}</li>
          ))}
        </ul>
      )}
      <DataTable
        columns={columns}
        data={rows}
        pageSize={50}
        searchLabel={t("search")}
        emptyText={t("empty")}
        testId="creation-list"
      />
    </div>
  );
}
