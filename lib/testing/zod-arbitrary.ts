/**
 * fast-check arbitraries built from a zod 4 schema by reading its definition (`schema.def`:
 * type, checks, shape, options…), for the property proofs of issue 14: inputs that mostly pass
 * the use case's own validation so that the calls reach its authorization and its writes.
 * No zod-to-fast-check bridge for zod 4 is installed (zod-fast-check targets zod 3), hence this
 * small walker. It covers what lib/validation uses: string (regex, length, iso date/datetime,
 * email), number (bounds, int, coerce), boolean, enum, literal, null, object, array, record
 * (keyedRecord's preprocess pipe included), union, optional/nullable/default, pipe and
 * transform (the input side), lazy, tuple, date, catch, readonly; anything else gets
 * fast-check's `anything`.
 *
 * `hints` maps a field name to values to draw from most of the time (ids of the demo data in
 * and out of the actor's scope, current versions; fields named "…On"/"…Date" default to a few
 * calendar days): `object` fields with a hint take a hinted
 * value 4 times in 5 and a schema-made value otherwise; `recordKeys` does the same for the keys
 * of records.
 */
import fc from "fast-check";
import type { z } from "zod";

/** Values to prefer per field name (and for record keys). */
export type Hints = { fields?: Record<string, readonly unknown[]>; recordKeys?: readonly string[] };

type Check = { check: string; [key: string]: unknown };
type Def = { type: string; checks?: { _zod: { def: Check } }[]; [key: string]: unknown };

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
const checksOf = (def: Def): Check[] => (def.checks ?? []).map((c) => c._zod.def);

const oddText = fc.constantFrom(
  "溪口镇",
  "测试数据",
  "  ",
  '\'; DROP TABLE "User"; --',
  "<script>alert(1)</script>",
  "１２３",
  "a\u0000b",
  "🏡",
);

function stringArbitrary(def: Def): fc.Arbitrary<string> {
  const checks = checksOf(def);
  let min = 0;
  let max = 60;
  let pattern: RegExp | undefined;
  let format = def.format as string | undefined;
  for (const c of checks) {
    if (c.check === "min_length") min = Math.max(min, c.minimum as number);
    if (c.check === "max_length") max = Math.min(max, c.maximum as number);
    if (c.check === "length_equals") min = max = c.length as number;
    if (c.check === "string_format") {
      if (c.format === "regex") pattern = c.pattern as RegExp;
      else format = c.format as string;
    }
  }
  const fits = (s: string) => s.length >= min && s.length <= max;
  if (pattern) return fc.stringMatching(pattern).filter(fits);
  if (format === "date")
    return fc
      .date({ min: new Date("2019-01-01"), max: new Date("2031-12-31"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  if (format === "datetime")
    return fc
      .date({ min: new Date("2019-01-01"), max: new Date("2031-12-31"), noInvalidDate: true })
      .map((d) => d.toISOString());
  if (format === "email") return fc.emailAddress().filter(fits);
  return fc
    .oneof(
      { weight: 4, arbitrary: fc.string({ minLength: min, maxLength: Math.min(max, 40) }) },
      { weight: 1, arbitrary: oddText.filter(fits) },
      {
        weight: 1,
        arbitrary: fc.string({ unit: "grapheme", minLength: min, maxLength: Math.min(max, 12) }),
      },
    )
    .filter(fits);
}

function numberArbitrary(def: Def): fc.Arbitrary<number | string> {
  let min = -1_000_000;
  let max = 1_000_000;
  let int = false;
  for (const c of checksOf(def)) {
    if (c.check === "number_format") int = true;
    if (c.check === "greater_than")
      min = Math.max(min, (c.value as number) + (c.inclusive ? 0 : int ? 1 : 1e-6));
    if (c.check === "less_than")
      max = Math.min(max, (c.value as number) - (c.inclusive ? 0 : int ? 1 : 1e-6));
  }
  if (min > max) return fc.constant(min);
  const n: fc.Arbitrary<number> = int
    ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  return def.coerce ? fc.oneof(n, n.map(String)) : n;
}

/** Calendar days as typed (ISO), the default hint for fields named "…On" / "…Date". */
const calendarDays = [
  "2026-01-01",
  "2026-06-30",
  "2026-12-04",
  "2027-03-31",
  "2025-02-28",
  "2024-02-29",
];

/**
 * An arbitrary of inputs for `schema` (see the module's note).
 * @param field the field name the schema sits under (for hints), if any.
 */
export function arbitraryOf(
  schema: z.ZodType,
  hints: Hints = {},
  field?: string,
  depth = 0,
): fc.Arbitrary<unknown> {
  const own = arbitraryOfDef(schema, hints, depth);
  const hinted =
    field === undefined
      ? undefined
      : (hints.fields?.[field] ?? (/(On|Date)$/.test(field) ? calendarDays : undefined));
  if (!hinted || hinted.length === 0) return own;
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...hinted) },
    { weight: 1, arbitrary: own },
  );
}

function arbitraryOfDef(schema: z.ZodType, hints: Hints, depth: number): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const inner = (s: unknown, field?: string) =>
    arbitraryOf(s as z.ZodType, hints, field, depth + 1);
  if (depth > 8) return fc.constant(undefined);
  switch (def.type) {
    case "string":
      return stringArbitrary(def);
    case "number":
      return numberArbitrary(def);
    case "int":
      return fc.integer({ min: -1000, max: 1000 });
    case "boolean":
      return fc.boolean();
    case "bigint":
      return fc.bigInt({ min: -1000n, max: 1000n });
    case "date":
      return fc.date({
        min: new Date("2019-01-01"),
        max: new Date("2031-12-31"),
        noInvalidDate: true,
      });
    case "null":
      return fc.constant(null);
    case "undefined":
    case "void":
      return fc.constant(undefined);
    case "enum":
      return fc.constantFrom(...Object.values(def.entries as Record<string, string | number>));
    case "literal":
      return fc.constantFrom(...(def.values as unknown[]));
    case "optional":
      return fc.option(inner(def.innerType), { nil: undefined, freq: 4 });
    case "nullable":
      return fc.option(inner(def.innerType), { nil: null, freq: 4 });
    case "default":
    case "prefault":
      return fc.option(inner(def.innerType), { nil: undefined, freq: 3 });
    case "catch":
    case "readonly":
    case "nonoptional":
    case "success":
      return inner(def.innerType);
    case "lazy":
      return inner((def.getter as () => unknown)());
    case "object": {
      const shape = (schema as z.ZodObject).shape as Record<string, unknown>;
      return fc.record(
        Object.fromEntries(Object.entries(shape).map(([key, s]) => [key, inner(s, key)])),
      );
    }
    case "array": {
      let minLength = 0;
      let maxLength = 4;
      for (const c of checksOf(def)) {
        if (c.check === "min_length") minLength = c.minimum as number;
        if (c.check === "max_length") maxLength = Math.min(maxLength, c.maximum as number);
      }
      return fc.array(inner(def.element), { minLength, maxLength: Math.max(minLength, maxLength) });
    }
    case "tuple":
      return fc.tuple(...(def.items as unknown[]).map((s) => inner(s)));
    case "record": {
      const own = inner(def.keyType) as fc.Arbitrary<string>;
      const keys = hints.recordKeys?.length
        ? fc.oneof(
            { weight: 4, arbitrary: fc.constantFrom(...hints.recordKeys) },
            { weight: 1, arbitrary: own },
          )
        : own;
      return fc.dictionary(keys, inner(def.valueType), { maxKeys: 4 });
    }
    case "union":
      return fc.oneof(...(def.options as unknown[]).map((s) => inner(s)));
    case "intersection":
      return inner(def.left);
    case "pipe": {
      // `a.transform(f)` is pipe(a, transform): the caller sends what `a` takes. A preprocess
      // (keyedRecord) is pipe(transform, b), and `a.pipe(b)` must pass b's checks too: generate
      // for b.
      return defOf(def.out).type === "transform" ? inner(def.in) : inner(def.out);
    }
    default:
      return fc.anything({ maxDepth: 1 });
  }
}
