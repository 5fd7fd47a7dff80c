/** Indicator applicability: town types limit only distinctive indicators. */
import { describe, expect, it } from "vitest";
import { canSupplyFigureInput, indicatorApplies } from "./indicators";

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

describe("retired indicators", () => {
  const retired = { kind: "COMMON" as const, townTypes: [], retiredAt: new Date("2026-06-01") };
  it("a retired indicator is gone unless the town's task holds a value for it", () => {
    expect(indicatorApplies(retired, "GENERAL")).toBe(false);
    expect(indicatorApplies(retired, "GENERAL", true)).toBe(true);
    expect(indicatorApplies({ ...retired, retiredAt: null }, "GENERAL")).toBe(true);
  });
  it("a value does not make a distinctive indicator apply to another town type", () => {
    expect(
      indicatorApplies({ ...retired, kind: "DISTINCTIVE", townTypes: ["TOURISM"] }, "TRADE", true),
    ).toBe(false);
  });
});

describe("canSupplyFigureInput", () => {
  it("a sum input needs a current INTEGER or DECIMAL indicator", () => {
    expect(canSupplyFigureInput({ valueType: "INTEGER", retiredAt: null }, "communityGyms")).toBe(
      true,
    );
    expect(canSupplyFigureInput({ valueType: "BOOLEAN", retiredAt: null }, "communityGyms")).toBe(
      false,
    );
    expect(canSupplyFigureInput({ valueType: "PERCENT", retiredAt: null }, "communityGyms")).toBe(
      false,
    );
    expect(
      canSupplyFigureInput({ valueType: "INTEGER", retiredAt: new Date() }, "communityGyms"),
    ).toBe(false);
  });
  it("a towns-at-least input takes a yes/no indicator; an unknown input takes none", () => {
    expect(canSupplyFigureInput({ valueType: "BOOLEAN", retiredAt: null }, "nightLandscape")).toBe(
      true,
    );
    // nankongReadingRooms feeds a sum and a towns-at-least figure: the sum decides.
    expect(
      canSupplyFigureInput({ valueType: "BOOLEAN", retiredAt: null }, "nankongReadingRooms"),
    ).toBe(false);
    expect(canSupplyFigureInput({ valueType: "INTEGER", retiredAt: null }, "noSuchInput")).toBe(
      false,
    );
  });
});
