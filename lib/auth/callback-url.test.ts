import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./callback-url";

describe("safeCallbackUrl", () => {
  it.each([
    ["/towns/330825109", "/towns/330825109"],
    ["/counties/330825?status=SUBMITTED&page=2", "/counties/330825?status=SUBMITTED&page=2"],
    ["/dashboard#map", "/dashboard#map"],
    ["/a/../dashboard", "/dashboard"],
    ["/%E6%BA%AA%E5%8F%A3", "/%E6%BA%AA%E5%8F%A3"],
  ])("keeps the same-site path %s", (raw, expected) => {
    expect(safeCallbackUrl(raw)).toBe(expected);
  });

  it.each([
    [undefined],
    [null],
    [""],
    ["//evil.example/x"],
    ["///evil.example"],
    ["/..//evil.example/x"],
    ["/a/../..//evil.example"],
    ["/.//evil.example"],
    ["/\\evil.example"],
    ["\\\\evil.example"],
    ["https://evil.example/"],
    ["https:/evil.example"],
    ["http:evil.example"],
    ["javascript:alert(1)"],
    ["JaVaScRiPt:alert(1)"],
    ["data:text/html,hi"],
    ["dashboard"],
    ["/\tevil"],
    ["/\nevil"],
    ["/login"],
    ["/login?callbackUrl=%2Flogin"],
    ["/" + "a".repeat(2048)],
  ])("falls back to / for %j", (raw) => {
    expect(safeCallbackUrl(raw)).toBe("/");
  });
});
