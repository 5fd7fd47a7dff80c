/** The indicator value rules with hand-worked cases (what staff really type). */
import { describe, expect, it } from "vitest";
import {
  formatIndicatorValue,
  meetsTarget,
  normalizeNumberText,
  parseIndicatorValue,
  type IndicatorRule,
} from "./indicator-value";

const integer: IndicatorRule = {
  valueType: "INTEGER",
  minValue: "0",
  maxValue: null,
  isRequired: true,
};
const decimal: IndicatorRule = {
  valueType: "DECIMAL",
  minValue: "0",
  maxValue: "500",
  isRequired: false,
};
const percent: IndicatorRule = {
  valueType: "PERCENT",
  minValue: null,
  maxValue: null,
  isRequired: true,
};
const flag: IndicatorRule = {
  valueType: "BOOLEAN",
  minValue: "0",
  maxValue: "1",
  isRequired: true,
};

/** The parsed value as a fixed string, or the error key. */
function parsed(raw: string | number | null, rule: IndicatorRule): string | null {
  const result = parseIndicatorValue(raw, rule);
  if (!result.ok)
    return `!${result.error.key}${result.error.values ? JSON.stringify(result.error.values) : ""}`;
  return result.value === null ? null : result.value.toFixed();
}

describe("normalizeNumberText", () => {
  it("folds full-width digits and signs and drops grouped thousands separators", () => {
    expect(normalizeNumberText("１２３４")).toBe("1234");
    expect(normalizeNumberText(" 1,234,567.5 ")).toBe("1234567.5");
    expect(normalizeNumberText("１，２３４．５")).toBe("1234.5");
    expect(normalizeNumberText("－３")).toBe("-3");
    expect(normalizeNumberText("８５％")).toBe("85%");
    expect(normalizeNumberText("\u3000 12 \u3000")).toBe("12");
  });

  it("keeps commas that are not thousands groups (so the number is refused, not misread)", () => {
    expect(normalizeNumberText("12,5")).toBe("12,5");
    expect(normalizeNumberText("1,23,456")).toBe("1,23,456");
  });
});

describe("parseIndicatorValue", () => {
  it("reads empty as not filled (null), never 0", () => {
    expect(parsed(null, integer)).toBeNull();
    expect(parsed("", integer)).toBeNull();
    expect(parsed("   ", decimal)).toBeNull();
    expect(parsed("\u3000", percent)).toBeNull();
    expect(parsed("0", integer)).toBe("0");
  });

  it("INTEGER takes whole numbers only, with separators and full-width digits", () => {
    expect(parsed("12", integer)).toBe("12");
    expect(parsed("3.0", integer)).toBe("3");
    expect(parsed("25,800", integer)).toBe("25800");
    expect(parsed("２５，８００", integer)).toBe("25800");
    expect(parsed(7, integer)).toBe("7");
    expect(parsed("3.5", integer)).toBe("!indicatorValue.notInteger");
    expect(parsed("three", integer)).toBe("!indicatorValue.notNumber");
    expect(parsed("-1", integer)).toBe('!indicatorValue.belowMin{"min":"0"}');
  });

  it("DECIMAL rounds half-up to 2 places on exact decimals (no float drift)", () => {
    // 1.005 is 1.00499999… as a float; decimal half-up gives 1.01.
    expect(parsed("1.005", decimal)).toBe("1.01");
    expect(parsed("2.675", decimal)).toBe("2.68");
    expect(parsed("0.004", decimal)).toBe("0");
    expect(parsed("312.644", decimal)).toBe("312.64");
    expect(parsed(".5", decimal)).toBe("0.5");
    expect(parsed("500.004", decimal)).toBe("500");
    expect(parsed("500.005", decimal)).toBe('!indicatorValue.aboveMax{"max":"500"}');
    expect(parsed("1e3", decimal)).toBe("!indicatorValue.notNumber");
  });

  it("a value with no bound of its own stays within its column, Decimal(18, 4)", () => {
    const open: IndicatorRule = { ...decimal, minValue: null, maxValue: null };
    expect(parsed("99999999999999", integer)).toBe("99999999999999");
    expect(parsed("100000000000000", integer)).toBe(
      '!indicatorValue.aboveMax{"max":"99999999999999.9999"}',
    );
    expect(parsed("99999999999999.99", open)).toBe("99999999999999.99");
    expect(parsed("-100000000000000", open)).toBe(
      '!indicatorValue.belowMin{"min":"-99999999999999.9999"}',
    );
  });

  it("PERCENT lies in 0–100 and may carry a % sign", () => {
    expect(parsed("85", percent)).toBe("85");
    expect(parsed("85%", percent)).toBe("85");
    expect(parsed("８５．５％", percent)).toBe("85.5");
    expect(parsed("99.995", percent)).toBe("100");
    expect(parsed("100", percent)).toBe("100");
    expect(parsed("100.01", percent)).toBe('!indicatorValue.aboveMax{"max":"100"}');
    expect(parsed("-0.5", percent)).toBe('!indicatorValue.belowMin{"min":"0"}');
    expect(parsed("-0.001", percent)).toBe("0");
  });

  it("BOOLEAN is stored as 0 or 1 and accepts 是/否", () => {
    expect(parsed("1", flag)).toBe("1");
    expect(parsed("０", flag)).toBe("0");
    expect(parsed("是", flag)).toBe("1");
    expect(parsed("否", flag)).toBe("0");
    expect(parsed("Yes", flag)).toBe("1");
    expect(parsed("2", flag)).toBe("!indicatorValue.notBoolean");
    expect(parsed("有", flag)).toBe("!indicatorValue.notBoolean");
  });

  it("the indicator's own bounds win when tighter than 0–100", () => {
    const rule: IndicatorRule = { ...percent, minValue: "60.0000", maxValue: "95.5000" };
    expect(parsed("59.99", rule)).toBe('!indicatorValue.belowMin{"min":"60"}');
    expect(parsed("95.5", rule)).toBe("95.5");
    expect(parsed("95.51", rule)).toBe('!indicatorValue.aboveMax{"max":"95.5"}');
  });
});

describe("formatIndicatorValue", () => {
  it("shows the type's precision without trailing zeros", () => {
    expect(formatIndicatorValue("12.5000", "DECIMAL")).toBe("12.5");
    expect(formatIndicatorValue("3.0000", "INTEGER")).toBe("3");
    expect(formatIndicatorValue("88.1250", "PERCENT")).toBe("88.13");
    expect(formatIndicatorValue(null, "PERCENT")).toBe("");
  });
});

describe("meetsTarget", () => {
  it("is met at or above the target, never when not filled", () => {
    expect(meetsTarget("15", "15.0000")).toBe(true);
    expect(meetsTarget("15.01", "15")).toBe(true);
    expect(meetsTarget("14.99", "15")).toBe(false);
    expect(meetsTarget("0", "0")).toBe(true);
    expect(meetsTarget(null, "0")).toBe(false);
  });
});
