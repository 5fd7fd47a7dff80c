/**
 * A table's view read from its URL, and the rows and columns it shows (the screen's and the
 * export's one owner), on a hand-made table of four towns.
 */
import type { ColumnDef } from "@tanstack/react-table";
import { describe, expect, it } from "vitest";
import {
  isViewKey,
  pinyinSort,
  readView,
  viewExport,
  viewRows,
  type ColumnFilterDef,
} from "./view";

type Town = { code: string; name: string; status: "A" | "B"; amount: number | null };

const towns: Town[] = [
  { code: "101", name: "湖镇镇", status: "A", amount: 12.5 },
  { code: "102", name: "罗家乡", status: "B", amount: null },
  { code: "103", name: "大街乡", status: "A", amount: 3 },
  { code: "104", name: "石佛乡", status: "A", amount: 7.25 },
];

const label = { A: "已提交", B: "草稿" } as const;

const columns: ColumnDef<Town, unknown>[] = [
  { id: "code", accessorKey: "code", header: "代码" },
  { id: "name", accessorKey: "name", header: "名称", sortingFn: pinyinSort },
  { id: "status", accessorFn: (t) => label[t.status], header: "状态" },
  {
    id: "amount",
    accessorFn: (t) => t.amount ?? 0,
    header: "金额（万元）",
    meta: { format: "decimal2", exportValue: (t) => t.amount },
  },
];

const filters: ColumnFilterDef[] = [
  {
    columnId: "status",
    label: "状态",
    options: [
      { value: "A", label: "已提交" },
      { value: "B", label: "草稿" },
    ],
  },
];

const view = (query: string) => {
  const params = new URLSearchParams(query);
  return readView((key) => params.get(key), filters);
};

describe("readView", () => {
  it("reads search, sort, filters (identifiers to labels), hidden columns and page", () => {
    expect(view("q=乡&sort=-name&f.status=A&hide=code,amount&page=3")).toEqual({
      q: "乡",
      sorting: [{ id: "name", desc: true }],
      columnFilters: [{ id: "status", value: "已提交" }],
      columnVisibility: { code: false, amount: false },
      hidden: ["code", "amount"],
      pageIndex: 2,
    });
    expect(view("page=x").pageIndex).toBe(0);
  });

  it("knows which keys travel with a view", () => {
    expect(["q", "sort", "hide", "f.status"].every(isViewKey)).toBe(true);
    expect(["page", "year", "format"].some(isViewKey)).toBe(false);
  });
});

describe("viewRows and viewExport", () => {
  it("searches, filters and sorts by pinyin (大街 da < 罗家 luo < 石佛 shi)", () => {
    const shown = viewRows(towns, columns, view("q=乡&sort=-name"));
    expect(shown.rows.map((r) => r.original.code)).toEqual(["104", "102", "103"]);
    const awaiting = viewRows(towns, columns, view("q=乡&f.status=A&sort=name"));
    expect(awaiting.rows.map((r) => r.original.name)).toEqual(["大街乡", "石佛乡"]);
  });

  it("sorts numbers numerically and exports the visible columns with their formats", () => {
    const out = viewExport(towns, columns, view("sort=-amount&hide=status"));
    expect(out.table.columns).toEqual(["代码", "名称", "金额（万元）"]);
    expect(out.formats).toEqual(["text", "text", "decimal2"]);
    // 12.5 > 7.25 > 3 > none (sorted as 0, exported empty).
    expect(out.table.rows).toEqual([
      ["101", "湖镇镇", 12.5],
      ["104", "石佛乡", 7.25],
      ["103", "大街乡", 3],
      ["102", "罗家乡", null],
    ]);
  });

  it("shows every row in data order without a view, and none for an unmatched search", () => {
    expect(viewRows(towns, columns, view("")).rows.map((r) => r.original.code)).toEqual([
      "101",
      "102",
      "103",
      "104",
    ]);
    expect(viewExport(towns, columns, view("q=不存在")).table.rows).toEqual([]);
  });
});

describe("views from hostile URLs (issue 14)", () => {
  it("an inherited name as a sort or hidden column is no column: the rows stay in data order", () => {
    for (const query of [
      "sort=__proto__",
      "sort=-constructor&hide=__proto__,toString",
      "sort=hasOwnProperty&hide=constructor",
      "sort=valueOf",
    ]) {
      const shown = viewRows(towns, columns, view(query));
      expect(
        shown.rows.map((r) => r.original.code),
        query,
      ).toEqual(["101", "102", "103", "104"]);
      expect(shown.columns, query).toHaveLength(columns.length);
    }
    expect(view("sort=-__proto__&hide=__proto__")).toMatchObject({ sorting: [], hidden: [] });
  });

  it("odd values: unknown columns and filter values, huge pages, SQL-ish and unicode search", () => {
    const odd = view(
      `sort=${"x".repeat(5000)}&f.status=${encodeURIComponent("' OR 1=1 --")}&page=1e400&q=%25_`,
    );
    expect(odd.pageIndex).toBe(1_000_000);
    expect(viewRows(towns, columns, odd).rows).toEqual([]);
    // % and _ are plain characters in a search, not wildcards.
    expect(viewRows(towns, columns, view("q=%25")).rows).toEqual([]);
    expect(viewRows(towns, columns, view("q=石佛🏡")).rows).toEqual([]);
    expect(view("page=-5").pageIndex).toBe(0);
  });
});
