/**
 * Record keys from the client (issue 14): every record in the schemas of lib/validation is a
 * keyedRecord (zod's own record drops `__proto__` silently), and each schema with one refuses
 * `__proto__` and a key of the wrong shape with security.badKey at that key's path.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { validationSchemas as schemas } from "@/lib/testing/validation-schemas";
import * as rating from "./rating";
import * as report from "./report";
import * as task from "./task";
import { BAD_KEY, idKey, keyedRecord } from "./keys";

type Def = Record<string, unknown> & { type: string };
const defOf = (schema: unknown) => (schema as { def: Def }).def;

/** The paths of the records inside `schema`: guarded by keyedRecord or not. */
function records(schema: z.ZodType): { path: string; guarded: boolean }[] {
  const found: { path: string; guarded: boolean }[] = [];
  const visit = (node: unknown, path: string, guarded: boolean, depth: number) => {
    if (depth > 8 || !(node instanceof z.ZodType)) return;
    const def = defOf(node);
    if (def.type === "record") found.push({ path, guarded });
    if (def.type === "object") {
      for (const [key, inner] of Object.entries((node as z.ZodObject).shape)) {
        visit(inner, `${path}.${key}`, false, depth + 1);
      }
    }
    const keyed = def.type === "pipe" && defOf(def.in).type === "transform";
    for (const inner of [def.innerType, def.in, def.element, def.valueType, def.left, def.right]) {
      visit(inner, path, false, depth + 1);
    }
    visit(def.out, path, keyed, depth + 1);
    for (const option of (def.options as unknown[] | undefined) ?? []) {
      visit(option, path, false, depth + 1);
    }
  };
  visit(schema, "", false, 0);
  return found;
}

describe("records of client keys", () => {
  it("every record in lib/validation is a keyedRecord", () => {
    const all = [...schemas].flatMap(([name, schema]) =>
      records(schema).map((r) => ({ ...r, path: name + r.path })),
    );
    expect(all.length).toBeGreaterThanOrEqual(7);
    expect(all.filter((r) => !r.guarded)).toEqual([]);
  });

  const cases: [string, z.ZodType, (items: unknown) => unknown, string][] = [
    [
      "saveSheetSchema",
      rating.saveSheetSchema,
      (items) => ({ ratingId: 1, expectedVersion: 1, items }),
      "items",
    ],
    [
      "saveSelfAssessmentSchema",
      rating.saveSelfAssessmentSchema,
      (items) => ({ ratingId: 1, expectedVersion: 1, items }),
      "items",
    ],
    [
      "saveSheetSchema (criteria)",
      rating.saveSheetSchema,
      (choices) => ({ ratingId: 1, expectedVersion: 1, items: { "5": { choices } } }),
      "items.5.choices",
    ],
    [
      "saveReportSchema.values",
      report.saveReportSchema,
      (values) => ({ reportId: 1, expectedVersion: 1, values }),
      "values",
    ],
    [
      "saveReportSchema.notes",
      report.saveReportSchema,
      (notes) => ({ reportId: 1, expectedVersion: 1, notes }),
      "notes",
    ],
    [
      "saveReportSchema.confirmations",
      report.saveReportSchema,
      (confirmations) => ({ reportId: 1, expectedVersion: 1, confirmations }),
      "confirmations",
    ],
    ["targetsSchema", task.targetsSchema, (targets) => ({ taskId: 1, targets }), "targets"],
  ];

  for (const [name, schema, wrap, path] of cases) {
    it(`${name}: __proto__ and an odd key are refused with ${BAD_KEY}`, () => {
      const odd = path.endsWith("choices")
        ? [`{"a b": 1}`, `{"toString": 1}`]
        : [`{"-1": "1"}`, `{"99999999999": "1"}`, `{"1.5": "1"}`];
      for (const raw of [
        `{"__proto__": {"a": 1}}`,
        `{"1": {}, "__proto__": {}}`,
        `{"constructor": "1"}`,
        ...odd,
      ]) {
        const keys = JSON.parse(raw) as Record<string, unknown>;
        const result = schema.safeParse(wrap(keys));
        expect(result.success, `${name} ${raw}`).toBe(false);
        const issue = result.error!.issues.find((i) => i.message === BAD_KEY);
        expect(issue, `${name} ${raw}: ${JSON.stringify(result.error!.issues)}`).toBeDefined();
        expect(issue!.path.map(String).join(".").startsWith(path), raw).toBe(true);
      }
    });
  }

  it("the assessment item's county targets take six-digit codes only", () => {
    const record = keyedRecord(z.string().regex(/^\d{6}$/, BAD_KEY), z.string());
    expect(record.safeParse({ "330825": "1" }).success).toBe(true);
    expect(record.safeParse(JSON.parse(`{"__proto__": "1"}`)).success).toBe(false);
  });

  it("idKey: 1 to 2,147,483,647 without a leading 0", () => {
    expect(["1", "42", "2147483647"].map((k) => idKey.safeParse(k).success)).toEqual([
      true,
      true,
      true,
    ]);
    expect(
      ["0", "01", "2147483648", "1e3", " 1", "１"].map((k) => idKey.safeParse(k).success),
    ).toEqual([false, false, false, false, false, false]);
  });
});
