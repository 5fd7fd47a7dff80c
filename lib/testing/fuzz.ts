/**
 * Input generators for the property-based proofs (issue 14, "Prove it"): inputs shaped like the
 * mutations' (objects whose keys are the schemas' own field names) with values from the
 * awkward end — ids out of range, numbers as text with full-width digits, separators or
 * exponents, huge and negative numbers, empty and very long text, nulls, arrays, nested objects
 * — mixed with anything at all (fast-check's `anything`).
 */
import fc from "fast-check";
import { z } from "zod";
import { AppError } from "@/lib/errors";

/** Runs per property: PROVE_RUNS (the 10,000-run proof, docs/BENCHMARKS.md) or `fallback`. */
export function proveRuns(fallback: number): number {
  const n = Number(process.env.PROVE_RUNS);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** The exported zod schemas of some modules, by "module.export" name. */
export function schemasOf(
  modules: Record<string, Record<string, unknown>>,
): Map<string, z.ZodType> {
  const schemas = new Map<string, z.ZodType>();
  for (const [name, module] of Object.entries(modules)) {
    for (const [key, value] of Object.entries(module)) {
      if (value instanceof z.ZodType) schemas.set(`${name}.${key}`, value);
    }
  }
  return schemas;
}

/** The field names of object schemas (looking through wrappers), for shaped inputs. */
export function fieldNames(schemas: Iterable<z.ZodType>): string[] {
  const names = new Set<string>();
  const visit = (schema: unknown, depth: number) => {
    if (depth > 4 || !(schema instanceof z.ZodType)) return;
    const def = (schema as unknown as { def: Record<string, unknown> }).def;
    if (schema instanceof z.ZodObject) {
      for (const [key, inner] of Object.entries(schema.shape as Record<string, unknown>)) {
        names.add(key);
        visit(inner, depth + 1);
      }
    }
    for (const inner of [
      def.innerType,
      def.in,
      def.out,
      def.element,
      def.valueType,
      def.left,
      def.right,
    ]) {
      visit(inner, depth + 1);
    }
    for (const option of (def.options as unknown[] | undefined) ?? []) visit(option, depth + 1);
  };
  for (const schema of schemas) visit(schema, 0);
  return [...names].sort();
}

const awkwardNumberText = fc.oneof(
  fc.integer({ min: -5, max: 200 }).map(String),
  fc.constantFrom(
    "",
    " ",
    "0",
    "-0",
    "1e309",
    "NaN",
    "Infinity",
    "１２．３４５",
    "1,234.5",
    "99999999999999999999",
    "2147483648",
    "0.005",
    "12.3.4",
    "—",
  ),
  fc.double().map(String),
);

/** One field's value. */
export const awkwardValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -2, max: 40 }) },
  { weight: 2, arbitrary: awkwardNumberText },
  { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
  fc.constantFrom(null, undefined, true, false, 2_147_483_648, -1, 0, 2026, 2025, 1e308),
  fc.constantFrom("330825", "330825109", "CITY_ADMIN", "DRAFT", "OPEN", "BASIC_COMPLIANCE"),
  fc.string({ minLength: 490, maxLength: 6000 }),
  fc.array(fc.integer({ min: -1, max: 30 }), { maxLength: 4 }),
  fc.dictionary(fc.integer({ min: 1, max: 60 }).map(String), awkwardNumberText, { maxKeys: 4 }),
  fc.anything({ maxDepth: 2 }),
);

/** An input: an object of some of `fields` (awkward values), or anything at all. */
export function shapedInput(fields: string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    {
      weight: 8,
      arbitrary: fc.dictionary(fc.constantFrom(...fields), awkwardValue, { maxKeys: 8 }),
    },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) },
  );
}

/**
 * Runs a use case and returns what it threw, or null when it succeeded (the generated-input
 * proofs judge both outcomes).
 */
export async function thrownBy(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
    return null;
  } catch (error) {
    return error;
  }
}

/**
 * True when `error` is a refusal of the input the user is told about: a ZodError (the schema)
 * or an AppError VALIDATION or CONFLICT (the rules, a stale version) — not a scope refusal,
 * not an unexpected error.
 */
export function isInputRefusal(error: unknown): boolean {
  return (
    error instanceof z.ZodError ||
    (error instanceof AppError && (error.code === "VALIDATION" || error.code === "CONFLICT"))
  );
}
