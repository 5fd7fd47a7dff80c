/**
 * The ratings table's columns and filters (ids, headers, the values it sorts, searches and
 * filters by), one owner for the screen (components/ratings/ratings-table.tsx adds the cells)
 * and the ratings export (lib/export/tables.ts takes the screen's rows and order from them,
 * lib/table/view.ts).
 */
import type { ColumnDef } from "@tanstack/react-table";
import type { Translate } from "@/lib/dashboard/town-table";
import { countyFilter, pinyinSort, type ColumnFilterDef } from "@/lib/table/view";
import type { RatingRow } from "./queries";

/** The translators the ratings table reads: ratings, enums. */
export type RatingTableText = { t: Translate; te: Translate; en: boolean };

/** Whether a rating has flags (items with a wide spread, deviating reviewers). */
export function isFlagged(r: RatingRow): boolean {
  return r.spreadItems + r.deviatingReviewers > 0;
}

/**
 * The ratings table's columns, in order; `showMySheet` adds the reviewer's own sheet state.
 */
export function ratingTableColumns(
  { t, te, en }: RatingTableText,
  showMySheet: boolean,
): ColumnDef<RatingRow, unknown>[] {
  return [
    {
      id: "town",
      accessorFn: (r) => (en && r.townNameEn) || r.townName,
      header: t("town"),
      sortingFn: pinyinSort,
    },
    {
      id: "county",
      accessorFn: (r) => (en ? r.countyNameEn : r.countyName),
      header: t("county"),
      sortingFn: pinyinSort,
    },
    { id: "status", accessorFn: (r) => te(`RatingStatus.${r.status}`), header: t("status") },
    {
      id: "self",
      accessorFn: (r) => (r.selfSubmitted ? t("selfDone") : t("selfNotDone")),
      header: t("selfColumn"),
    },
    {
      id: "sheets",
      accessorFn: (r) => r.sheetsSubmitted / Math.max(1, r.panelSize),
      header: t("sheetsColumn"),
    },
    {
      id: "total",
      accessorFn: (r) => (r.total === null ? -1 : Number(r.total)),
      header: t("total"),
    },
    {
      id: "stars",
      accessorFn: (r) => (r.stars === null ? "—" : t("starsOption", { stars: r.stars })),
      header: t("stars"),
      sortingFn: (a, b) => (a.original.stars ?? -1) - (b.original.stars ?? -1),
    },
    {
      id: "flags",
      accessorFn: (r) => (isFlagged(r) ? t("flagged") : t("notFlagged")),
      header: t("flags"),
    },
    ...(showMySheet
      ? [
          {
            id: "mySheet",
            accessorFn: (r: RatingRow) => r.mySheet ?? "",
            header: t("mySheet"),
          } satisfies ColumnDef<RatingRow, unknown>,
        ]
      : []),
  ];
}

/** The ratings table's select filters (URL values: county code, status, stars, yes/no). */
export function ratingTableFilters(
  { t, te, en }: RatingTableText,
  rows: readonly RatingRow[],
): ColumnFilterDef[] {
  return [
    countyFilter(t("county"), rows, en),
    {
      columnId: "status",
      label: t("status"),
      options: (["SCORING", "SUBMITTED", "RETURNED", "APPROVED"] as const).map((s) => ({
        value: s,
        label: te(`RatingStatus.${s}`),
      })),
    },
    {
      columnId: "stars",
      label: t("stars"),
      options: [1, 2, 3, 4, 5].map((s) => ({
        value: String(s),
        label: t("starsOption", { stars: s }),
      })),
    },
    {
      columnId: "flags",
      label: t("flags"),
      options: [
        { value: "yes", label: t("flagged") },
        { value: "no", label: t("notFlagged") },
      ],
    },
  ];
}
