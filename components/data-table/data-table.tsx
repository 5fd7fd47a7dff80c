"use client";

import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getPaginationRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
  type Row,
} from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { Button } from "@/components/ui/button";

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
function optionOf(o: string | FilterOption): FilterOption {
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

/**
 * A sortable, searchable, filterable, paginated table (@tanstack/react-table). Its state lives
 * in the URL (`q`, `sort` = "column" or "-column", `page`, `f.<column>` filters, `hide` = hidden
 * columns), so back/forward and shared links restore the view. Rows are filtered client-side:
 * for lists of a few hundred rows. `filters` adds select filters; `columnChoice` lets the user
 * hide columns; `toolbar` is rendered beside the search box (e.g. export links).
 */
export function DataTable<Row>({
  columns,
  data,
  pageSize = 20,
  searchLabel,
  emptyText,
  testId,
  filters = [],
  columnChoice = false,
  toolbar,
}: {
  columns: ColumnDef<Row, unknown>[];
  data: Row[];
  pageSize?: number;
  searchLabel: string;
  emptyText: string;
  testId?: string;
  filters?: ColumnFilterDef[];
  columnChoice?: boolean;
  toolbar?: React.ReactNode;
}) {
  const t = useTranslations("table");
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();

  const q = params.get("q") ?? "";
  const sortParam = params.get("sort") ?? "";
  const sorting: SortingState = useMemo(
    () => (sortParam ? [{ id: sortParam.replace(/^-/, ""), desc: sortParam.startsWith("-") }] : []),
    [sortParam],
  );
  const requestedIndex = Math.max(0, Number(params.get("page") ?? 1) - 1 || 0);
  const filterKey = filters
    .map((f) => `${f.columnId}=${filterLabel(f, params.get(`f.${f.columnId}`) ?? "")}`)
    .join("&");
  const columnFilters = useMemo(
    () =>
      filters
        .map((f) => ({ f, value: params.get(`f.${f.columnId}`) ?? "" }))
        .filter(({ value }) => value !== "")
        .map(({ f, value }) => ({ id: f.columnId, value: filterLabel(f, value) })),
    // filterKey captures exactly the URL values the filters read (labels follow the language).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [filterKey],
  );
  const hidden = params.get("hide") ?? "";
  const columnVisibility = useMemo(
    () =>
      Object.fromEntries(
        hidden
          .split(",")
          .filter(Boolean)
          .map((id) => [id, false]),
      ),
    [hidden],
  );

  const setParams = useCallback(
    (changes: Record<string, string | null>) => {
      const next = new URLSearchParams(params.toString());
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === "") next.delete(key);
        else next.set(key, value);
      }
      const query = next.toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [params, pathname, router],
  );

  // The app does not use the React Compiler, so the rule's concern (stale memoised values from
  // TanStack Table's mutable instance) does not apply.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data,
    columns,
    state: {
      globalFilter: q,
      sorting,
      columnFilters,
      columnVisibility,
      pagination: { pageIndex: requestedIndex, pageSize },
    },
    defaultColumn: { filterFn: "equalsString" },
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const first = next[0];
      setParams({ sort: first ? `${first.desc ? "-" : ""}${first.id}` : null, page: null });
    },
    onPaginationChange: (updater) => {
      const current = table.getState().pagination;
      const next = typeof updater === "function" ? updater(current) : updater;
      setParams({ page: next.pageIndex > 0 ? String(next.pageIndex + 1) : null });
    },
    globalFilterFn: "includesString",
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getPaginationRowModel: getPaginationRowModel(),
    autoResetPageIndex: false,
  });

  const total = table.getFilteredRowModel().rows.length;
  // A page number beyond the last page (an old link, a narrower filter) shows the last page.
  const pageIndex = Math.min(requestedIndex, Math.max(0, Math.ceil(total / pageSize) - 1));
  if (pageIndex !== requestedIndex) {
    table.setOptions((prev) => ({
      ...prev,
      state: { ...prev.state, pagination: { pageIndex, pageSize } },
    }));
  }
  const rows = table.getRowModel().rows;
  return (
    <div className="space-y-3" data-testid={testId}>
      <div className="flex flex-wrap items-end gap-2">
        <input
          type="search"
          aria-label={searchLabel}
          placeholder={searchLabel}
          defaultValue={q}
          onChange={(e) => setParams({ q: e.target.value, page: null })}
          className="w-full max-w-xs rounded-md border border-slate-300 px-3 py-2 text-sm"
        />
        {filters.map((f) => (
          <select
            key={f.columnId}
            aria-label={f.label}
            value={params.get(`f.${f.columnId}`) ?? ""}
            onChange={(e) => setParams({ [`f.${f.columnId}`]: e.target.value, page: null })}
            className="rounded-md border border-slate-300 bg-white px-2 py-2 text-sm"
          >
            <option value="">{t("allOf", { label: f.label })}</option>
            {f.options.map(optionOf).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        ))}
        {columnChoice && (
          <details className="relative text-sm">
            <summary className="cursor-pointer rounded-md border border-slate-300 bg-white px-3 py-2">
              {t("columns")}
            </summary>
            <div className="absolute z-10 mt-1 w-56 space-y-1 rounded-md border border-slate-200 bg-white p-2 shadow">
              {table.getAllLeafColumns().map((column) => (
                <label key={column.id} className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    checked={column.getIsVisible()}
                    disabled={!column.getCanHide()}
                    onChange={(e) => {
                      const next = new Set(hidden.split(",").filter(Boolean));
                      if (e.target.checked) next.delete(column.id);
                      else next.add(column.id);
                      setParams({ hide: [...next].join(",") || null });
                    }}
                  />
                  {typeof column.columnDef.header === "string"
                    ? column.columnDef.header
                    : column.id}
                </label>
              ))}
            </div>
          </details>
        )}
        {toolbar && <div className="ml-auto flex items-center gap-3 text-sm">{toolbar}</div>}
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={
                        sorted === "asc"
                          ? "ascending"
                          : sorted === "desc"
                            ? "descending"
                            : undefined
                      }
                      className="whitespace-nowrap px-3 py-2 text-left font-medium text-slate-600"
                    >
                      {header.column.getCanSort() ? (
                        <button
                          type="button"
                          onClick={header.column.getToggleSortingHandler()}
                          className="inline-flex items-center gap-1 hover:text-slate-900"
                        >
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          <span aria-hidden>
                            {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
                          </span>
                        </button>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.length === 0 ? (
              <tr>
                <td
                  colSpan={table.getVisibleLeafColumns().length}
                  className="px-3 py-6 text-center text-slate-500"
                >
                  {emptyText}
                </td>
              </tr>
            ) : (
              rows.map((row) => (
                <tr key={row.id} className="hover:bg-slate-50">
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id} className="whitespace-nowrap px-3 py-2">
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <div className="flex items-center justify-between text-sm text-slate-600">
        <span>{t("rows", { count: total })}</span>
        <div className="flex items-center gap-2">
          <Button
            variant="secondary"
            size="sm"
            onClick={() => table.previousPage()}
            disabled={!table.getCanPreviousPage()}
          >
            {t("previous")}
          </Button>
          <span>
            {t("page", { page: pageIndex + 1, pages: Math.max(1, table.getPageCount()) })}
          </span>
          <Button
            variant="secondary"
            size="sm"
            onClick={() => table.nextPage()}
            disabled={!table.getCanNextPage()}
          >
            {t("next")}
          </Button>
        </div>
      </div>
    </div>
  );
}
