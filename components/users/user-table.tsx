"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useMemo } from "react";
import { DataTable, pinyinSort } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import type { UserRow } from "@/lib/users/queries";
import { useDates } from "@/lib/i18n/dates";

/** The user list for administrators: search, sort and pages kept in the URL. */
export function UserTable({ users }: { users: UserRow[] }) {
  const t = useTranslations("users");
  const tr = useTranslations("roles");
  const dates = useDates();
  const en = useLocale() === "en";
  const columns = useMemo<ColumnDef<UserRow, unknown>[]>(
    () => [
      {
        accessorKey: "username",
        header: t("username"),
        cell: ({ row }) => (
          <Link
            href={`/admin/users/${row.original.id}`}
            className="font-medium text-brand-700 hover:underline"
          >
            {row.original.username}
          </Link>
        ),
      },
      { accessorKey: "displayName", header: t("displayName"), sortingFn: pinyinSort },
      { id: "role", accessorFn: (u) => tr(u.role), header: t("role") },
      {
        id: "scope",
        accessorFn: (u) =>
          (en ? [u.countyNameEn, u.townNameEn ?? u.townName] : [u.countyName, u.townName])
            .filter(Boolean)
            .join(" / ") || t("wholeCity"),
        header: t("scope"),
        sortingFn: pinyinSort,
      },
      {
        id: "status",
        accessorFn: (u) => (u.isActive ? t("active") : t("disabled")),
        header: t("status"),
        cell: ({ row, getValue }) => (
          <Badge tone={row.original.isActive ? "green" : "red"}>{String(getValue())}</Badge>
        ),
      },
      {
        id: "lastSignInAt",
        accessorFn: (u) => u.lastSignInAt ?? "",
        header: t("lastSignIn"),
        cell: ({ row }) =>
          row.original.lastSignInAt ? dates.dateTime(row.original.lastSignInAt) : "—",
      },
    ],
    [t, tr, dates, en],
  );
  return (
    <DataTable
      columns={columns}
      data={users}
      searchLabel={t("search")}
      emptyText={t("empty")}
      testId="user-table"
    />
  );
}
