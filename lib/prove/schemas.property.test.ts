/**
 * Proof (issue 14): every input schema of lib/validation/ takes whatever it is given — 10,000
 * generated inputs each with PROVE_RUNS=10000 (docs/BENCHMARKS.md), 500 in `npm test` —
 * and answers with a parse result: a value or a ZodError with at least one issue, never a
 * thrown exception (a refinement or transform that breaks on an odd value would throw here).
 * The use cases behind them are driven in lib/prove/mutations.property.test.ts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fieldNames, proveRuns, shapedInput } from "@/lib/testing/fuzz";
import { validationSchemas as schemas } from "@/lib/testing/validation-schemas";

const RUNS = proveRuns(500);

describe(`every input schema, ${RUNS} generated inputs each`, () => {
  it("finds the schemas", () => {
    expect(schemas.size).toBeGreaterThan(40);
  });

  for (const [name, schema] of schemas) {
    it(name, () => {
      const fields = fieldNames([schema]);
      let accepted = 0;
      fc.assert(
        fc.property(shapedInput(fields.length > 0 ? fields : ["value"]), (input) => {
          const result = schema.safeParse(input);
          if (result.success) accepted++;
          else expect(result.error.issues.length).toBeGreaterThan(0);
        }),
        { numRuns: RUNS },
      );
      expect(accepted).toBeLessThanOrEqual(RUNS);
    });
  }
});
