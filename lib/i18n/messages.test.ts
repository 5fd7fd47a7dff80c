import { describe, expect, it } from "vitest";
import en from "./messages/en.json";
import zh from "./messages/zh-CN.json";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("message catalogues", () => {
  it("have the same keys in zh-CN and en", () => {
    expect(keys(en).sort()).toEqual(keys(zh).sort());
  });

  it("have no empty messages", () => {
    const empty = (catalogue: unknown) =>
      keys(catalogue).filter((k) => {
        const v = k
          .split(".")
          .reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], catalogue);
        return typeof v !== "string" || v.trim() === "";
      });
    expect(empty(zh)).toEqual([]);
    expect(empty(en)).toEqual([]);
  });
});
