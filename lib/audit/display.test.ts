import { describe, expect, it } from "vitest";
import { changeLine, fieldChanges, showValue, type AuditWords } from "./display";
import { changes } from "./write";

describe("fieldChanges", () => {
  it("lists each changed field as before → after, as recorded by changes()", () => {
    const recorded = changes(
      { username: "staff-1", displayName: "张三", role: "STAFF", townId: 5 },
      { username: "staff-1", displayName: "张三丰", role: "REVIEWER", townId: 5 },
      ["displayName", "role", "townId"],
      ["username"],
    );
    expect(fieldChanges(recorded.before, recorded.after)).toEqual([
      { field: "displayName", before: "张三", after: "张三丰" },
      { field: "role", before: "STAFF", after: "REVIEWER" },
      { field: "username", before: null, after: "staff-1" },
    ]);
  });

  it("reads a create (after only) and a delete (before only), and ignores non-objects", () => {
    expect(fieldChanges(null, { name: "溪口镇" })).toEqual([
      { field: "name", before: null, after: "溪口镇" },
    ]);
    expect(fieldChanges({ amount: "12.50" }, undefined)).toEqual([
      { field: "amount", before: "12.50", after: null },
    ]);
    expect(fieldChanges([1, 2], "x")).toEqual([]);
    expect(fieldChanges({ same: 1 }, { same: 1 })).toEqual([]);
  });
});

describe("nested records and words", () => {
  // A report save as lib/reports/mutations.ts records it: values keyed by indicator id.
  const before = { version: 3 };
  const after = { version: 4, values: { "193": "98.1", "194": null }, projects: 2 };

  it("reads a record field as one entry per changed key", () => {
    expect(fieldChanges(before, after)).toEqual([
      { field: "version", before: 3, after: 4 },
      { field: "values.193", before: null, after: "98.1" },
      { field: "projects", before: null, after: 2 },
    ]);
    expect(fieldChanges({ values: { "193": "97" } }, { values: { "193": "98.1" } })).toEqual([
      { field: "values.193", before: "97", after: "98.1" },
    ]);
  });

  it("writes each line in the reader's words when given", () => {
    const words: AuditWords = {
      field: (path) =>
        ({ version: "版本", "values.193": "农村生活污水治理率", status: "状态" })[path] ?? path,
      value: (_path, v) => ({ DRAFT: "草稿", SUBMITTED: "已提交" })[String(v)] ?? showValue(v),
    };
    expect(fieldChanges(before, after).map((c) => changeLine(c, words))).toEqual([
      "版本: 3 → 4",
      "农村生活污水治理率: — → 98.1",
      "projects: — → 2",
    ]);
    expect(changeLine({ field: "status", before: "DRAFT", after: "SUBMITTED" }, words)).toBe(
      "状态: 草稿 → 已提交",
    );
    expect(changeLine({ field: "status", before: "DRAFT", after: "SUBMITTED" })).toBe(
      "status: DRAFT → SUBMITTED",
    );
  });
});

describe("showValue", () => {
  it("shows none as a dash, strings as is and the rest as JSON", () => {
    expect(showValue(null)).toBe("—");
    expect(showValue("")).toBe("—");
    expect(showValue("草稿")).toBe("草稿");
    expect(showValue(12.5)).toBe("12.5");
    expect(showValue({ a: [1] })).toBe('{"a":[1]}');
  });
});
