"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useMemo } from "react";
import { DataTable, pinyinSort } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import type { townToJson } from "@/lib/towns/queries";

/** A town as the table gets it (the /api/v1 JSON form). */
export type TownRow = ReturnType<typeof townToJson>;

const attainmentTone = {
  NONE: "neutral",
  BASIC_COMPLIANCE: "blue",
  PROVINCIAL_SAMPLE: "green",
} as const;

/** The towns of a county (or any list of towns), linked to their pages. */
export function TownTable({ towns }: { towns: TownRow[] }) {
  const t = useTranslations("towns");
  const te = useTranslations("enums");
  const en = useLocale() === "en";
  const columns = useMemo<ColumnDef<TownRow, unknown>[]>(
    () => [
      { accessorKey: "code", header: t("code") },
      {
        id: "name",
        accessorFn: (row) => (en && row.nameEn) || row.name,
        header: t("name"),
        sortingFn: pinyinSort,
        cell: ({ row, getValue }) => (
          <Link
            href={`/towns/${row.original.code}`}
            className="font-medium text-brand-700 hover:underline"
          >
            {String(getValue())}
          </Link>
        ),
      },
      { id: "kind", accessorFn: (row) => te(`TownKind.${row.kind}`), header: t("kind") },
      {
        id: "townType",
        accessorFn: (row) => te(`TownType.${row.townType}`),
        header: t("townType"),
      },
      {
        id: "attainment",
        accessorFn: (row) => te(`Attainment.${row.attainment}`),
        header: t("attainment"),
        cell: ({ row, getValue }) => (
          <Badge tone={attainmentTone[row.original.attainment]}>{String(getValue())}</Badge>
        ),
      },
      {
        id: "inProgramme",
        accessorFn: (row) => (row.inProgramme ? t("yes") : t("no")),
        header: t("inProgramme"),
      },
      {
        id: "circles",
        accessorFn: (row) => row.circles.map((c) => (en ? c.nameEn : c.name)).join("、"),
        header: t("circles"),
        enableSorting: false,
      },
    ],
    [t, te, en],
  );
  return (
    <DataTable
      columns={columns}
      data={towns}
      searchLabel={t("search")}
      emptyText={t("empty")}
      testId="town-table"
    />
  );
}
