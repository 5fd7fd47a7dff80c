/**
 * A table's view as its page URL states it — search `q`, `sort` ("column" or "-column"),
 * select filters `f.<column>` (identifiers), hidden columns `hide` (comma-separated ids) and
 * `page` — and the rows and columns that view shows. One owner for the screen
 * (components/data-table/data-table.tsx, in the browser) and for exports (lib/export, on the
 * server): both run @tanstack/react-table's filter and sort models with the same column
 * definitions and the same options, so an export has exactly the rows, order and columns on
 * screen (issue 13, item 11).
 */
import {
  createTable,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  type ColumnDef,
  type ColumnFiltersState,
  type Row,
  type RowData,
  type SortingState,
  type TableOptionsResolved,
  type VisibilityState,
} from "@tanstack/react-table";
import type { ExportTable } from "@/lib/export/csv";
import type { ColumnFormat } from "@/lib/export/xlsx";
import { isPlainKey } from "@/lib/validation/plain-key";

/** The largest page index a URL can ask for (the table shows its last page beyond its end). */
const MAX_PAGE = 1_000_000;

declare module "@tanstack/react-table" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** How an export writes the column (lib/export/xlsx.ts); "text" when absent. */
    format?: ColumnFormat;
    /** The value an export writes, when not the column's sort/filter value. */
    exportValue?: (row: TData) => string | number | null;
  }
}

const collator = new Intl.Collator("zh-CN", { numeric: true, sensitivity: "base" });

/** Sorts Chinese text by pinyin (ICU's zh collation), numbers in digits numerically. */
export function pinyinSort<T>(a: Row<T>, b: Row<T>, columnId: string): number {
  return collator.compare(String(a.getValue(columnId) ?? ""), String(b.getValue(columnId) ?? ""));
}

/**
 * One choice of a select filter: `value` is what the URL holds (an identifier such as an enum
 * value or a division code, the same in every language), `label` what the column shows.
 */
export type FilterOption = { value: string; label: string };

/**
 * A select filter on one column: rows whose value in that column equals the chosen option's
 * label. Give options as `{ value, label }` so links carry identifiers and work in either
 * language; plain strings (value = label) are still accepted.
 */
export type ColumnFilterDef = {
  columnId: string;
  label: string;
  options: (string | FilterOption)[];
};

/** A filter option as `{ value, label }`. */
export function optionOf(o: string | FilterOption): FilterOption {
  return typeof o === "string" ? { value: o, label: o } : o;
}

/**
 * The distinct filter options of `rows` (one per value), sorted by label in pinyin order.
 * @param value the identifier the URL holds (e.g. a county's division code).
 */
export function distinctOptions<T>(
  rows: readonly T[],
  value: (row: T) => string,
  label: (row: T) => string,
): FilterOption[] {
  const byValue = new Map(rows.map((r) => [value(r), label(r)]));
  return [...byValue]
    .map(([v, l]) => ({ value: v, label: l }))
    .sort((a, b) => collator.compare(a.label, b.label));
}

/** The label a filter's URL value stands for (the value itself when no option has it). */
function filterLabel(f: ColumnFilterDef, value: string): string {
  return f.options.map(optionOf).find((o) => o.value === value)?.label ?? value;
}

/** Whether a URL key belongs to a table's view and travels with it (not the page number). */
export function isViewKey(key: string): boolean {
  return key === "q" || key === "sort" || key === "hide" || key.startsWith("f.");
}

/** The view-state keys of a query (search, sort, hidden columns, filters), in URL order. */
export function viewQuery(entries: Iterable<[string, string]>): [string, string][] {
  return [...entries].filter(([key, value]) => value !== "" && isViewKey(key));
}

/** A table's view, read from its URL. `pageIndex` counts from 0. */
export type TableView = {
  q: string;
  sorting: SortingState;
  columnFilters: ColumnFiltersState;
  columnVisibility: VisibilityState;
  hidden: string[];
  pageIndex: number;
};

/**
 * Reads a table's view from its URL query.
 * @param get a query lookup (URLSearchParams.get or a record's).
 * @param filters the table's select filters: their URL values (identifiers) become the labels
 *   the columns show, in the page's language.
 */
export function readView(
  get: (key: string) => string | null | undefined,
  filters: readonly ColumnFilterDef[] = [],
): TableView {
  const sort = get("sort") ?? "";
  const sortId = sort.replace(/^-/, "");
  // Column ids from the URL are looked up in the table's plain-object maps: an inherited name
  // ("__proto__", "constructor") would find the prototype's member, not "no such column".
  const hidden = (get("hide") ?? "").split(",").filter((id) => id && isPlainKey(id));
  return {
    q: get("q") ?? "",
    sorting: sortId && isPlainKey(sortId) ? [{ id: sortId, desc: sort.startsWith("-") }] : [],
    columnFilters: filters
      .map((f) => ({ f, value: get(`f.${f.columnId}`) ?? "" }))
      .filter(({ value }) => value !== "")
      .map(({ f, value }) => ({ id: f.columnId, value: filterLabel(f, value) })),
    columnVisibility: Object.fromEntries(hidden.map((id) => [id, false])),
    hidden,
    pageIndex: Math.min(MAX_PAGE, Math.max(0, Number(get("page") ?? 1) - 1 || 0)),
  };
}

/**
 * The options that decide which rows a view shows and in which order (search over every text
 * and number column, select filters by equal label, one sort column), shared by the screen's
 * `useReactTable` and `viewRows`.
 */
export function viewOptions(view: TableView) {
  return {
    state: {
      globalFilter: view.q,
      sorting: view.sorting,
      columnFilters: view.columnFilters,
      columnVisibility: view.columnVisibility,
    },
    defaultColumn: { filterFn: "equalsString" as const },
    globalFilterFn: "includesString" as const,
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getSortedRowModel: getSortedRowModel(),
  };
}

/**
 * The rows (filtered and sorted, all pages) and the visible columns of `data` in `view`, as
 * the screen shows them; for exports.
 */
export function viewRows<T>(data: T[], columns: ColumnDef<T, unknown>[], view: TableView) {
  const options = viewOptions(view);
  const resolved: TableOptionsResolved<T> = {
    ...options,
    data,
    columns,
    onStateChange: () => {},
    renderFallbackValue: null,
  };
  const table = createTable(resolved);
  table.setOptions((prev) => ({
    ...prev,
    state: { ...table.initialState, ...options.state },
  }));
  return {
    columns: table.getVisibleLeafColumns(),
    rows: table.getRowModel().rows,
  };
}

/**
 * `data` in `view` as an export table: the visible columns' headers (strings), the rows in
 * screen order (all pages) with each column's export value (`meta.exportValue`, else the value
 * it sorts by), and each column's format (`meta.format`).
 */
export function viewExport<T>(
  data: T[],
  columns: ColumnDef<T, unknown>[],
  view: TableView,
): { table: ExportTable; formats: ColumnFormat[] } {
  const shown = viewRows(data, columns, view);
  return {
    formats: shown.columns.map((c) => c.columnDef.meta?.format ?? "text"),
    table: {
      columns: shown.columns.map((c) => String(c.columnDef.header ?? c.id)),
      rows: shown.rows.map((r) =>
        shown.columns.map((c) => {
          const value = c.columnDef.meta?.exportValue
            ? c.columnDef.meta.exportValue(r.original)
            : r.getValue(c.id);
          return typeof value === "number" || typeof value === "string" ? value : null;
        }),
      ),
    },
  };
}

/**
 * A select filter by county on a `county` column: URL values are division codes, labels the
 * county names in the page's language, in pinyin order.
 */
export function countyFilter(
  label: string,
  rows: readonly { countyCode: string; countyName: string; countyNameEn: string }[],
  en: boolean,
): ColumnFilterDef {
  return {
    columnId: "county",
    label,
    options: distinctOptions(
      rows,
      (r) => r.countyCode,
      (r) => (en ? r.countyNameEn : r.countyName),
    ),
  };
}
