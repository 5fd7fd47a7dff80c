/** Indicator applicability: town types limit only distinctive indicators. */
import { describe, expect, it } from "vitest";
import { indicatorApplies } from "./indicators";

describe("indicatorApplies", () => {
  it("a COMMON or SATISFACTION indicator applies to every town, whatever its town types say", () => {
    expect(indicatorApplies({ kind: "COMMON", townTypes: ["TOURISM"] }, "INDUSTRY")).toBe(true);
    expect(indicatorApplies({ kind: "SATISFACTION", townTypes: ["TRADE"] }, "GENERAL")).toBe(true);
  });
  it("a DISTINCTIVE indicator applies to its town types, or to all when it lists none", () => {
    expect(indicatorApplies({ kind: "DISTINCTIVE", townTypes: ["TOURISM"] }, "TOURISM")).toBe(true);
    expect(indicatorApplies({ kind: "DISTINCTIVE", townTypes: ["TOURISM"] }, "INDUSTRY")).toBe(
      false,
    );
    expect(indicatorApplies({ kind: "DISTINCTIVE", townTypes: [] }, "INDUSTRY")).toBe(true);
  });
});
