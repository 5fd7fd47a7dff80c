/** The plausibility rule with hand-worked numbers (lib/domain/plausibility.ts). */
import { describe, expect, it } from "vitest";
import { isImplausible, needsConfirmation, plausibilityBound } from "./plausibility";

describe("plausibilityBound", () => {
  it("takes 10× the town's largest earlier accepted value", () => {
    // 2,580 people helped into jobs at most so far → 25,800 is the limit.
    expect(plausibilityBound("INTEGER", { townMax: "2580.0000", peerMax: "9000" })).toEqual({
      limit: "25800",
      reference: "2580",
      basis: "TOWN",
    });
  });

  it("falls back to every town's values when the town has none above 0", () => {
    expect(plausibilityBound("DECIMAL", { townMax: "0", peerMax: "120.5" })).toEqual({
      limit: "1205",
      reference: "120.5",
      basis: "PEERS",
    });
    expect(plausibilityBound("DECIMAL", { townMax: null, peerMax: "3.25" })?.limit).toBe("32.5");
  });

  it("has no bound without a reference above 0, nor for yes/no indicators", () => {
    expect(plausibilityBound("INTEGER", { townMax: null, peerMax: null })).toBeNull();
    expect(plausibilityBound("INTEGER", { townMax: "0", peerMax: "0" })).toBeNull();
    expect(plausibilityBound("BOOLEAN", { townMax: "1", peerMax: "1" })).toBeNull();
  });

  it("takes another factor when given", () => {
    expect(plausibilityBound("INTEGER", { townMax: "40", peerMax: null }, 3)?.limit).toBe("120");
  });
});

describe("isImplausible", () => {
  const bound = plausibilityBound("INTEGER", { townMax: "2580", peerMax: null });

  it("flags only values above the limit", () => {
    expect(isImplausible("25800", bound)).toBe(false);
    expect(isImplausible("25801", bound)).toBe(true);
    expect(isImplausible("99999999999", bound)).toBe(true);
    expect(isImplausible("0", bound)).toBe(false);
  });

  it("judges nothing without a value or a bound", () => {
    expect(isImplausible(null, bound)).toBe(false);
    expect(isImplausible("99999999999", null)).toBe(false);
  });
});

describe("needsConfirmation", () => {
  const bound = plausibilityBound("INTEGER", { townMax: "2580", peerMax: null });

  it("is satisfied by a note on the same value (stored with 4 places)", () => {
    expect(needsConfirmation("30000", bound, { value: "30000.0000", note: "新园区投产" })).toBe(
      false,
    );
  });

  it("asks again without a note, for another value, or with no confirmation", () => {
    expect(needsConfirmation("30000", bound, { value: "30000", note: "  " })).toBe(true);
    expect(needsConfirmation("30001", bound, { value: "30000", note: "新园区投产" })).toBe(true);
    expect(needsConfirmation("30000", bound, { value: null, note: "新园区投产" })).toBe(true);
    expect(needsConfirmation("30000", bound, null)).toBe(true);
  });

  it("never asks about a plausible value", () => {
    expect(needsConfirmation("2600", bound, null)).toBe(false);
  });
});
