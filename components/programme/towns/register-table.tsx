"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useMemo } from "react";
import { DataTable, distinctOptions, pinyinSort } from "@/components/data-table/data-table";
import { countyFilter } from "@/lib/table/view";
import { Badge } from "@/components/ui/badge";
import type { RegisterRow } from "@/lib/towns/queries";

/**
 * The town register (/admin/towns): search, sort, filters (county, kind, town type, attainment
 * today) and page kept in the URL; names sort by pinyin (the table's ICU collation).
 */
export function RegisterTable({
  rows,
  toolbar,
}: {
  rows: RegisterRow[];
  toolbar?: React.ReactNode;
}) {
  const t = useTranslations("townRegister");
  const te = useTranslations("enums");
  const en = useLocale() === "en";
  const columns = useMemo<ColumnDef<RegisterRow, unknown>[]>(
    () => [
      {
        accessorKey: "divisionCode",
        header: t("code"),
        cell: ({ row }) => (
          <Link
            href={`/admin/towns/${row.original.divisionCode}`}
            className="font-medium text-brand-700 hover:underline"
          >
            {row.original.divisionCode}
          </Link>
        ),
      },
      {
        id: "name",
        accessorFn: (r) => (en && r.nameEn) || r.name,
        header: t("name"),
        sortingFn: pinyinSort,
        cell: ({ row, getValue }) => (
          <span className="flex items-center gap-2">
            {String(getValue())}
            {row.original.isLocalUnit && <Badge tone="amber">{t("localUnit")}</Badge>}
          </span>
        ),
      },
      {
        id: "county",
        accessorFn: (r) => (en ? r.countyNameEn : r.countyName),
        header: t("county"),
        sortingFn: pinyinSort,
      },
      { id: "kind", accessorFn: (r) => te(`TownKind.${r.kind}`), header: t("kind") },
      { id: "townType", accessorFn: (r) => te(`TownType.${r.townType}`), header: t("townType") },
      {
        id: "attainment",
        accessorFn: (r) => te(`Attainment.${r.attainment}`),
        header: t("attainment"),
      },
      {
        id: "countySeat",
        accessorFn: (r) => (r.isCountySeat ? t("yes") : t("no")),
        header: t("countySeat"),
      },
      {
        id: "status",
        accessorFn: (r) => (r.mergedIntoCode ? t("mergedStatus") : t("separate")),
        header: t("status"),
        cell: ({ row, getValue }) =>
          row.original.mergedIntoCode ? (
            <Badge tone="red">
              {String(getValue())} → {row.original.mergedIntoCode}
            </Badge>
          ) : (
            String(getValue())
          ),
      },
    ],
    [t, te, en],
  );
  return (
    <DataTable
      columns={columns}
      data={rows}
      pageSize={25}
      searchLabel={t("search")}
      emptyText={t("empty")}
      testId="town-register"
      toolbar={toolbar}
      filters={[
        countyFilter(t("county"), rows, en),
        {
          columnId: "kind",
          label: t("kind"),
          options: distinctOptions(
            rows,
            (r) => r.kind,
            (r) => te(`TownKind.${r.kind}`),
          ),
        },
        {
          columnId: "townType",
          label: t("townType"),
          options: distinctOptions(
            rows,
            (r) => r.townType,
            (r) => te(`TownType.${r.townType}`),
          ),
        },
        {
          columnId: "attainment",
          label: t("attainment"),
          options: distinctOptions(
            rows,
            (r) => r.attainment,
            (r) => te(`Attainment.${r.attainment}`),
          ),
        },
      ]}
    />
  );
}
