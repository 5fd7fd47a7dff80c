"use client";

import {
  flexRender,
  getPaginationRowModel,
  useReactTable,
  type ColumnDef,
} from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef } from "react";
import { Button } from "@/components/ui/button";
import { optionOf, readView, viewOptions, viewQuery, type ColumnFilterDef } from "@/lib/table/view";

export {
  distinctOptions,
  pinyinSort,
  type ColumnFilterDef,
  type FilterOption,
} from "@/lib/table/view";

/**
 * Export links that carry a table's view (search, sort, hidden columns, filters; lib/table/view.ts)
 * from the page URL, so the file has the rows, order and columns on screen.
 * @param href the export URL with its own query (e.g. `/export/towns?year=2026`).
 */
function exportLinks(href: string, params: URLSearchParams, labels: ExportLabels) {
  const withView = (format: string) => {
    const url = new URLSearchParams(href.includes("?") ? href.slice(href.indexOf("?") + 1) : "");
    for (const [key, value] of viewQuery(params.entries())) url.set(key, value);
    url.set("format", format);
    return `${href.split("?")[0]}?${url.toString()}`;
  };
  return (
    <>
      <a className="text-brand-700 hover:underline" href={withView("xlsx")}>
        {labels.xlsx}
      </a>
      <a className="text-brand-700 hover:underline" href={withView("csv")}>
        {labels.csv}
      </a>
    </>
  );
}

/** The texts of a table's export links. */
export type ExportLabels = { xlsx: string; csv: string };

/**
 * A sortable, searchable, filterable, paginated table (@tanstack/react-table). Its state lives
 * in the URL (`q`, `sort` = "column" or "-column", `page`, `f.<column>` filters, `hide` = hidden
 * columns), so back/forward and shared links restore the view. Rows are filtered client-side:
 * for lists of a few hundred rows. `filters` adds select filters; `columnChoice` lets the user
 * hide columns; `toolbar` is rendered beside the search box; `exportHref` (+ `exportLabels`)
 * adds .xlsx and .csv links that carry the view (the export applies it with lib/table/view.ts).
 * Quick successive changes (two filters in a row, typing) build on each other, not on the URL
 * of the last render.
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
  exportHref,
  exportLabels,
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
  exportHref?: string;
  exportLabels?: ExportLabels;
}) {
  const t = useTranslations("table");
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();

  const filterKey = filters
    .map((f) => `${f.columnId}:${f.options.map((o) => optionOf(o).label).join("|")}`)
    .join("&");
  const query = params.toString();
  const view = useMemo(
    () => readView((key) => new URLSearchParams(query).get(key), filters),
    // filterKey captures what the filters read (their labels follow the language).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [query, filterKey],
  );
  const { q, sorting, hidden, pageIndex: requestedIndex } = view;

  // The query of a navigation not yet in `params`: a second change made before the first has
  // landed starts from it, so it keeps the first (two filters chosen in quick succession).
  const pending = useRef<string | null>(null);
  useEffect(() => {
    if (pending.current === query) pending.current = null;
  }, [query]);
  const setParams = useCallback(
    (changes: Record<string, string | null>) => {
      const next = new URLSearchParams(pending.current ?? query);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === "") next.delete(key);
        else next.set(key, value);
      }
      const nextQuery = next.toString();
      pending.current = nextQuery;
      router.replace(nextQuery ? `${pathname}?${nextQuery}` : pathname, { scroll: false });
    },
    [query, pathname, router],
  );

  // The app does not use the React Compiler, so the rule's concern (stale memoised values from
  // TanStack Table's mutable instance) does not apply.
  const options = viewOptions(view);
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    ...options,
    data,
    columns,
    state: { ...options.state, pagination: { pageIndex: requestedIndex, pageSize } },
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
                      const next = new Set(hidden);
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
        {(toolbar || exportHref) && (
          <div className="ml-auto flex items-center gap-3 text-sm">
            {toolbar}
            {exportHref &&
              exportLabels &&
              exportLinks(exportHref, new URLSearchParams(query), exportLabels)}
          </div>
        )}
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
