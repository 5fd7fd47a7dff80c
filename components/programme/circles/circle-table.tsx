"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useMemo } from "react";
import { DataTable, pinyinSort } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import type { BeltAdminRow, CircleAdminRow } from "@/lib/circles/queries";

type Row = {
  kind: "belt" | "circle";
  code: string;
  href: string;
  name: string;
  belt: string;
  isModel: boolean;
  fromYear: number;
  untilYear: number | null;
  counts: boolean;
  towns: number | null;
  counties: number | null;
};

/**
 * Belts and circles in one table (search, sort, filters and page in the URL): kind, code, name,
 * belt, model flag, years, whether it counts in `year`, and the towns and counties counting in
 * it that year.
 */
export function CircleTable({
  belts,
  circles,
  year,
}: {
  belts: BeltAdminRow[];
  circles: CircleAdminRow[];
  year: number;
}) {
  const t = useTranslations("circleAdmin");
  const en = useLocale() === "en";
  const rows = useMemo<Row[]>(
    () => [
      ...belts.map((b) => ({
        kind: "belt" as const,
        code: b.code,
        href: `/admin/circles/belts/${encodeURIComponent(b.code)}?year=${year}`,
        name: en ? b.nameEn : b.name,
        belt: "",
        isModel: false,
        fromYear: b.fromYear,
        untilYear: b.untilYear,
        counts: b.counts,
        towns: null,
        counties: null,
      })),
      ...circles.map((c) => ({
        kind: "circle" as const,
        code: c.code,
        href: `/admin/circles/${encodeURIComponent(c.code)}?year=${year}`,
        name: en ? c.nameEn : c.name,
        belt: c.belt ? (en ? c.belt.nameEn : c.belt.name) : "",
        isModel: c.isModel,
        fromYear: c.fromYear,
        untilYear: c.untilYear,
        counts: c.counts,
        towns: c.towns,
        counties: c.counties,
      })),
    ],
    [belts, circles, en, year],
  );
  const columns = useMemo<ColumnDef<Row, unknown>[]>(
    () => [
      { id: "kind", accessorFn: (r) => t(`kinds.${r.kind}`), header: t("columns.kind") },
      {
        accessorKey: "code",
        header: t("columns.code"),
        cell: ({ row }) => (
          <Link href={row.original.href} className="font-medium text-brand-700 hover:underline">
            {row.original.code}
          </Link>
        ),
      },
      { accessorKey: "name", header: t("columns.name"), sortingFn: pinyinSort },
      { accessorKey: "belt", header: t("columns.belt"), sortingFn: pinyinSort },
      {
        id: "model",
        accessorFn: (r) => (r.isModel ? t("model") : ""),
        header: t("columns.model"),
        cell: ({ row }) => row.original.isModel && <Badge tone="green">{t("model")}</Badge>,
      },
      {
        id: "years",
        accessorFn: (r) => r.fromYear,
        header: t("columns.years"),
        cell: ({ row }) =>
          t("yearSpan", {
            from: row.original.fromYear,
            until: row.original.untilYear ?? "",
          }),
      },
      {
        id: "counts",
        accessorFn: (r) => (r.counts ? t("countsYes") : t("countsNo")),
        header: t("columns.counts", { year }),
        cell: ({ row, getValue }) => (
          <Badge tone={row.original.counts ? "green" : "neutral"}>{String(getValue())}</Badge>
        ),
      },
      {
        id: "towns",
        accessorFn: (r) => r.towns ?? -1,
        header: t("columns.towns", { year }),
        cell: ({ row }) => row.original.towns ?? "—",
      },
      {
        id: "counties",
        accessorFn: (r) => r.counties ?? -1,
        header: t("columns.counties"),
        cell: ({ row }) => row.original.counties ?? "—",
      },
    ],
    [t, year],
  );
  return (
    <DataTable
      columns={columns}
      data={rows}
      searchLabel={t("search")}
      emptyText={t("empty")}
      testId="circle-table"
      pageSize={30}
      filters={[
        {
          columnId: "kind",
          label: t("columns.kind"),
          options: [
            { value: "belt", label: t("kinds.belt") },
            { value: "circle", label: t("kinds.circle") },
          ],
        },
        {
          columnId: "counts",
          label: t("columns.counts", { year }),
          options: [
            { value: "yes", label: t("countsYes") },
            { value: "no", label: t("countsNo") },
          ],
        },
      ]}
    />
  );
}
