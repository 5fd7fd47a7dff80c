import { describe, expect, it } from "vitest";
import { fieldChanges, showValue } from "./display";
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

describe("showValue", () => {
  it("shows none as a dash, strings as is and the rest as JSON", () => {
    expect(showValue(null)).toBe("—");
    expect(showValue("")).toBe("—");
    expect(showValue("草稿")).toBe("草稿");
    expect(showValue(12.5)).toBe("12.5");
    expect(showValue({ a: [1] })).toBe('{"a":[1]}');
  });
});
