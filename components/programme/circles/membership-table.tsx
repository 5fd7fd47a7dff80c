"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useMemo, useState } from "react";
import { DataTable, pinyinSort } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { FormMessage, TextField } from "@/components/ui/field";
import { removeTownAction, updateTownAction } from "@/lib/circles/actions";
import type { MembershipAdminRow } from "@/lib/circles/queries";
import { removeTownSchema, updateTownSchema } from "@/lib/validation/circle";
import { useCheckedAction } from "./use-checked-action";

/**
 * A circle's towns (state in the URL): county, town, lead, years, whether the membership counts
 * in `year`. The administrator (`editable`) gets per-row actions: make lead, end "until last
 * year", change the years, and take out a town that never counted in a closed year.
 */
export function MembershipTable({
  circleId,
  members,
  year,
  editable,
}: {
  circleId: number;
  members: MembershipAdminRow[];
  year: number;
  editable: boolean;
}) {
  const t = useTranslations("circleAdmin");
  const en = useLocale() === "en";
  const columns = useMemo<ColumnDef<MembershipAdminRow, unknown>[]>(
    () => [
      {
        id: "county",
        accessorFn: (m) => (en ? m.countyNameEn : m.countyName),
        header: t("columns.county"),
        sortingFn: pinyinSort,
      },
      {
        id: "town",
        accessorFn: (m) => (en && m.townNameEn) || m.townName,
        header: t("columns.town"),
        sortingFn: pinyinSort,
        cell: ({ row, getValue }) => (
          <Link href={`/towns/${row.original.townCode}`} className="text-brand-700 hover:underline">
            {String(getValue())}
          </Link>
        ),
      },
      {
        id: "lead",
        accessorFn: (m) => (m.isLead ? t("towns.lead") : ""),
        header: t("towns.lead"),
        cell: ({ row }) => row.original.isLead && <Badge tone="blue">{t("towns.lead")}</Badge>,
      },
      {
        id: "years",
        accessorFn: (m) => m.fromYear,
        header: t("columns.years"),
        cell: ({ row }) =>
          t("yearSpan", { from: row.original.fromYear, until: row.original.untilYear ?? "" }),
      },
      {
        id: "counts",
        accessorFn: (m) => (m.counts ? t("countsYes") : t("countsNo")),
        header: t("columns.counts", { year }),
        cell: ({ row, getValue }) => (
          <Badge tone={row.original.counts ? "green" : "neutral"}>{String(getValue())}</Badge>
        ),
      },
      ...(editable
        ? [
            {
              id: "actions",
              header: t("columns.actions"),
              enableSorting: false,
              cell: ({ row }: { row: { original: MembershipAdminRow } }) => (
                <MemberActions circleId={circleId} member={row.original} year={year} />
              ),
            } satisfies ColumnDef<MembershipAdminRow, unknown>,
          ]
        : []),
    ],
    [t, en, year, editable, circleId],
  );
  return (
    <DataTable
      columns={columns}
      data={members}
      searchLabel={t("towns.search")}
      emptyText={t("towns.empty")}
      testId="member-table"
      pageSize={50}
    />
  );
}

/** The administrator's actions on one membership. */
function MemberActions({
  circleId,
  member,
  year,
}: {
  circleId: number;
  member: MembershipAdminRow;
  year: number;
}) {
  const t = useTranslations("circleAdmin");
  const update = useCheckedAction(updateTownSchema, updateTownAction);
  const remove = useCheckedAction(removeTownSchema, removeTownAction);
  const [from, setFrom] = useState(String(member.fromYear));
  const [until, setUntil] = useState(member.untilYear ? String(member.untilYear) : "");
  const base = {
    circleId,
    townCode: member.townCode,
    isLead: member.isLead,
    fromYear: member.fromYear,
    untilYear: member.untilYear ?? "",
    expectedVersion: member.version,
  };
  const lastYear = year - 1;
  const canEnd =
    member.fromYear <= lastYear && (member.untilYear === null || member.untilYear > lastYear);
  const [confirm, confirmDialog] = useConfirm();
  const pending = update.pending || remove.pending;
  const state = remove.state.status !== "idle" ? remove.state : update.state;
  return (
    <div className="space-y-1 whitespace-normal">
      {confirmDialog}
      <div className="flex flex-wrap gap-2">
        {!member.isLead && (
          <Button
            size="sm"
            variant="secondary"
            disabled={pending}
            onClick={() => update.submit({ ...base, isLead: true }, t("saved"))}
          >
            {t("towns.makeLead")}
          </Button>
        )}
        {canEnd && (
          <Button
            size="sm"
            variant="secondary"
            disabled={pending}
            onClick={() => update.submit({ ...base, untilYear: lastYear }, t("saved"))}
          >
            {t("endUntil", { year: lastYear })}
          </Button>
        )}
        {member.deletable && (
          <Button
            size="sm"
            variant="danger"
            disabled={pending}
            onClick={async () => {
              const ok = await confirm({
                title: t("towns.removeConfirm"),
                confirmLabel: t("towns.remove"),
              });
              if (ok) {
                remove.submit(
                  { circleId, townCode: member.townCode, expectedVersion: member.version },
                  t("saved"),
                );
              }
            }}
          >
            {t("towns.remove")}
          </Button>
        )}
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer text-brand-700">{t("towns.editYears")}</summary>
        <form
          noValidate
          className="mt-2 flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            update.submit({ ...base, fromYear: from, untilYear: until }, t("saved"));
          }}
        >
          <TextField
            name={`fromYear-${member.townCode}`}
            label={t("fields.fromYear")}
            type="number"
            inputMode="numeric"
            className="w-24"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            error={update.errors.fromYear}
          />
          <TextField
            name={`untilYear-${member.townCode}`}
            label={t("fields.untilYear")}
            type="number"
            inputMode="numeric"
            className="w-24"
            value={until}
            onChange={(e) => setUntil(e.target.value)}
            error={update.errors.untilYear}
          />
          <Button type="submit" size="sm" disabled={pending}>
            {t("save")}
          </Button>
        </form>
      </details>
      <FormMessage status={state.status} message={state.message} />
    </div>
  );
}
