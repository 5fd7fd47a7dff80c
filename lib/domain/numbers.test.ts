import { Decimal } from "@prisma/client-runtime-utils";
import { describe, expect, it } from "vitest";
import { decimal, difference, percent, roundHalfUp } from "./numbers";

describe("roundHalfUp", () => {
  it.each([
    ["1.005", "1.01"], // half-up, where binary floats would give 1.00
    ["2.675", "2.68"],
    ["-1.005", "-1.01"], // half away from zero (big.js roundHalfUp, as decimal.js ROUND_HALF_UP)
    ["-0.004", "0.00"], // never "-0.00"
    ["3126.4", "3126.40"],
    ["0", "0.00"],
    [12, "12.00"],
  ])("%s → %s", (value, expected) => {
    expect(roundHalfUp(value)).toBe(expected);
  });
});

describe("percent", () => {
  it.each([
    [2, 3, "66.67"],
    [1, 3, "33.33"],
    [81, 81, "100.00"],
    [57, 81, "70.37"], // 57/81 = 0.703703…
    [1, 8, "12.50"],
    [0, 0, "0.00"],
  ])("%i of %i → %s", (part, whole, expected) => {
    expect(percent(part, whole)).toBe(expected);
  });
});

describe("difference", () => {
  it.each([
    [80, 58, "+22.00"],
    ["3126.40", "3200.15", "-73.75"],
    [5, 5, "0.00"],
  ])("%s − %s → %s", (a, b, expected) => {
    expect(difference(a, b)).toBe(expected);
  });
});

describe("decimal", () => {
  it("reads Prisma's Decimal exactly, also beyond a float's digits and in exponent ranges", () => {
    expect(decimal(new Decimal("12345678901234.5678")).toFixed()).toBe("12345678901234.5678");
    expect(decimal(new Decimal("1e-9")).toFixed()).toBe("0.000000001");
    expect(decimal(new Decimal("1e+25")).toFixed()).toBe("10000000000000000000000000");
    expect(roundHalfUp(new Decimal("0.125"))).toBe("0.13");
  });
  it("refuses text that is not a number", () => {
    expect(() => decimal("12a")).toThrow(/Invalid/);
  });
});
