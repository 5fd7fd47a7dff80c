/**
 * The indicator form's schema as the browser and the server both run it on the form's own
 * fields (indicatorFormInput): checkboxes, the town-type list, limits read by the value parser.
 */
import { describe, expect, it } from "vitest";
import { createIndicatorSchema, indicatorFormInput } from "./indicator";
import { issueFields } from "./issues";

/** The field message keys the browser shows (and the server presents) for a form. */
const keysOf = (data: FormData) => {
  const result = createIndicatorSchema.safeParse(indicatorFormInput(data));
  return result.success ? null : issueFields(result.error.issues);
};

/** A FormData as the indicator form submits it. */
function form(fields: [string, string][]): FormData {
  const data = new FormData();
  for (const [name, value] of fields) data.append(name, value);
  return data;
}

const valid: [string, string][] = [
  ["year", "2026"],
  ["code", "touristVisits"],
  ["sortOrder", "3"],
  ["name", "游客人次"],
  ["nameEn", "Tourist visits"],
  ["dimension", "INDUSTRY"],
  ["kind", "DISTINCTIVE"],
  ["unit", "万人次"],
  ["unitEn", "10k visits"],
  ["valueType", "DECIMAL"],
  ["minValue", "0"],
  ["maxValue", "１，２３４.5"],
  ["evidenceRequired", "on"],
  ["townTypes", "TOURISM"],
  ["townTypes", "TRADE"],
  ["sourceNote", ""],
];

describe("indicator form input", () => {
  it("reads checkboxes, the town-type list and limits as the server stores them", () => {
    expect(createIndicatorSchema.parse(indicatorFormInput(form(valid)))).toEqual({
      year: 2026,
      code: "touristVisits",
      sortOrder: 3,
      name: "游客人次",
      nameEn: "Tourist visits",
      dimension: "INDUSTRY",
      kind: "DISTINCTIVE",
      unit: "万人次",
      unitEn: "10k visits",
      valueType: "DECIMAL",
      minValue: "0",
      maxValue: "1234.5",
      isRequired: false,
      evidenceRequired: true,
      townTypes: ["TOURISM", "TRADE"],
      sourceNote: null,
    });
  });

  it("gives the browser the same field messages as the server", () => {
    const bad = valid.map(([k, v]): [string, string] =>
      k === "code" ? [k, "Tourist visits"] : k === "name" ? [k, " "] : [k, v],
    );
    expect(keysOf(form(bad))).toEqual({
      code: "indicatorCatalogue.validation.codeFormat",
      name: "validation.required",
    });
    const common = valid.map(([k, v]): [string, string] => (k === "kind" ? [k, "COMMON"] : [k, v]));
    expect(keysOf(form(common))).toEqual({
      townTypes: "indicatorCatalogue.validation.townTypesOnlyDistinctive",
    });
  });
});
