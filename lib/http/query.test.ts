import { describe, expect, it } from "vitest";
import { queryParams, queryValue } from "./query";

describe("queryParams", () => {
  it("takes the first of a repeated key from a URL and from a page's params alike", () => {
    const url = new URL(
      "https://meizhen.test/export/audit?action=report.submit&action=user.create",
    );
    expect(queryParams(url.searchParams)).toEqual({ action: "report.submit" });
    expect(queryParams({ action: ["report.submit", "user.create"] })).toEqual({
      action: "report.submit",
    });
  });

  it("removes NUL characters and leaves every other character as typed", () => {
    const url = new URL("https://meizhen.test/admin/audit?action=%00&q=%E6%BA%AA%00%E5%8F%A3%25_");
    expect(queryParams(url.searchParams)).toEqual({ action: "", q: "溪口%_" });
    expect(queryValue(undefined)).toBeUndefined();
    expect(queryValue(["a\u0000b"])).toBe("ab");
  });

  it("keeps an own key named like an Object member as data", () => {
    const params = queryParams(new URLSearchParams("__proto__=x&constructor=y"));
    expect(Object.keys(params)).toEqual(["__proto__", "constructor"]);
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
  });
});

describe("queryValue", () => {
  it("reads only text: anything else a page's params hold is no value", () => {
    const inherited = Object.create({ x: 1 }) as Record<string, string>;
    expect(queryValue(Object.getPrototypeOf(inherited) as unknown as string)).toBeUndefined();
    expect(queryParams({ page: { toString: () => "1" } as unknown as string })).toEqual({});
  });
});
