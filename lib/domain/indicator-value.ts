/**
 * Indicator values as township staff type them (issue 4, item 2): one pure parser used by the
 * report form, the Excel/CSV import and the mutations, so every path accepts and refuses the
 * same text.
 *
 * Rules (schema.prisma `ValueType`, STYLE.md "half-up, 2 places"):
 * - empty text means "not filled" and parses to null, never 0;
 * - full-width digits, point, minus and percent sign (０-９ ． － ％) are read as ASCII, and
 *   thousands separators (`,` or `，`, in groups of three) are dropped: "１，２３４．５" → 1234.5;
 * - INTEGER: whole numbers only ("3.0" is 3, "3.5" is refused, never rounded);
 * - DECIMAL and PERCENT: rounded half-up to 2 places (`valuePrecision`); PERCENT also takes a
 *   trailing "%" and must lie in 0–100;
 * - BOOLEAN: 1/0, 是/否, yes/no, true/false → 1 or 0;
 * - then the indicator's own minValue/maxValue (inclusive) apply.
 * Arithmetic is decimal (lib/domain/numbers.ts: big.js), never JS floats; the report form runs
 * these rules in the browser.
 */
import Big from "big.js";
import type { ValueType } from "@/lib/generated/prisma/enums";
import { decimal, roundDecimal, type DecimalLike } from "./numbers";

export type { DecimalLike };

/** A parsed value: an exact decimal (write it with `.toFixed()`, which Prisma accepts). */
export type Decimal = Big;

/** The indicator fields the rules need (minValue/maxValue as Prisma's Decimal, text or null). */
export type IndicatorRule = {
  valueType: ValueType;
  minValue: DecimalLike | null;
  maxValue: DecimalLike | null;
  isRequired: boolean;
};

/** Why a text is refused: an i18n key under `indicatorValue.*` and its placeholders. */
export type ValueError = { key: string; values?: Record<string, string> };

/** The outcome of parsing one typed value. `value` null = not filled. */
export type ParsedValue = { ok: true; value: Decimal | null } | { ok: false; error: ValueError };

/** Decimal places kept per value type (rounded half-up). */
export const valuePrecision: Record<ValueType, number> = {
  INTEGER: 0,
  DECIMAL: 2,
  PERCENT: 2,
  BOOLEAN: 0,
};

const FULL_WIDTH: Record<string, string> = { "．": ".", "－": "-", "％": "%", "＋": "+" };

/**
 * Folds full-width digits and signs to ASCII, trims (also the ideographic space) and drops
 * thousands separators when they sit in groups of three. Exported for the import, which reads
 * numbers that are not indicator values (investment, percent complete) the same way.
 */
export function normalizeNumberText(raw: string): string {
  const folded = raw
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[．－％＋]/g, (c) => FULL_WIDTH[c]!)
    .replace(/[\s\u3000]+/g, "");
  return /^[+-]?\d{1,3}([,，]\d{3})+(\.\d+)?%?$/.test(folded)
    ? folded.replace(/[,，]/g, "")
    : folded;
}

const BOOLEAN_WORDS: Record<string, 0 | 1> = {
  "1": 1,
  "0": 0,
  是: 1,
  否: 0,
  yes: 1,
  no: 0,
  true: 1,
  false: 0,
};

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** The largest value IndicatorValue.value (Decimal(18, 4), schema.prisma) holds. */
const COLUMN_MAX = new Big("99999999999999.9999");

/** Formats a bound for messages without trailing zeros ("100.0000" → "100"). */
function show(value: Decimal): string {
  return value.toFixed();
}

/**
 * Parses what a user typed (or a spreadsheet cell held) for an indicator.
 * @param raw text, a number from a spreadsheet cell, or null/undefined (= not filled).
 * @returns the value rounded to the type's precision, null when empty, or the reason it is refused.
 */
export function parseIndicatorValue(
  raw: string | number | null | undefined,
  rule: IndicatorRule,
): ParsedValue {
  if (raw === null || raw === undefined) return { ok: true, value: null };
  let text = normalizeNumberText(String(raw));
  if (text === "") return { ok: true, value: null };

  let value: Decimal;
  if (rule.valueType === "BOOLEAN") {
    const flag = BOOLEAN_WORDS[text.toLowerCase()];
    if (flag === undefined) return { ok: false, error: { key: "indicatorValue.notBoolean" } };
    value = new Big(flag);
  } else {
    if (rule.valueType === "PERCENT" && text.endsWith("%")) text = text.slice(0, -1);
    if (!NUMBER.test(text)) return { ok: false, error: { key: "indicatorValue.notNumber" } };
    value = decimal(text.replace(/^\+/, "")); // big.js reads no leading "+"
    if (rule.valueType === "INTEGER" && !value.eq(value.round(0, Big.roundDown))) {
      return { ok: false, error: { key: "indicatorValue.notInteger" } };
    }
    value = roundDecimal(value, valuePrecision[rule.valueType]);
  }

  const min = rule.minValue === null ? null : decimal(rule.minValue);
  const max = rule.maxValue === null ? null : decimal(rule.maxValue);
  // Without a bound of its own a value is still bounded by its column (IndicatorValue.value,
  // Decimal(18, 4)): past it the save was refused by the database, without naming the field.
  const floor = maxOf(min, rule.valueType === "PERCENT" ? new Big(0) : COLUMN_MAX.neg());
  const ceiling = minOf(max, rule.valueType === "PERCENT" ? new Big(100) : COLUMN_MAX);
  if (value.lt(floor)) {
    return { ok: false, error: { key: "indicatorValue.belowMin", values: { min: show(floor) } } };
  }
  if (value.gt(ceiling)) {
    return { ok: false, error: { key: "indicatorValue.aboveMax", values: { max: show(ceiling) } } };
  }
  return { ok: true, value };
}

function maxOf(a: Decimal | null, b: Decimal): Decimal {
  return a && a.gt(b) ? a : b;
}

function minOf(a: Decimal | null, b: Decimal): Decimal {
  return a && a.lt(b) ? a : b;
}

/**
 * Formats a stored value for an input or an export: the type's precision without trailing
 * zeros (Decimal 18,4 "12.5000" → "12.5"); null → "".
 */
export function formatIndicatorValue(value: DecimalLike | null, valueType: ValueType): string {
  if (value === null) return "";
  return roundDecimal(value, valuePrecision[valueType]).toFixed();
}

/**
 * Whether an indicator value reaches its target (达标 of one indicator target): value ≥ target,
 * both in the indicator's unit. The one definition of "below target", used by the report
 * checklist (lib/domain/report-checklist.ts) and the county assessment's share of indicator
 * targets met (lib/domain/county-assessment.ts `indicatorTargetRate`). The catalogue has no
 * "lower is better" indicators, so a larger value always beats the target.
 * @param value the reported value (null = not filled: never meets a target).
 */
export function meetsTarget(value: DecimalLike | null, target: DecimalLike): boolean {
  return value !== null && decimal(value).gte(decimal(target));
}
