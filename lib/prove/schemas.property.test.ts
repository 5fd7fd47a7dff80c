/**
 * Proof (issue 14): every input schema of lib/validation/ takes whatever it is given — 10,000
 * generated inputs each with PROVE_RUNS=10000 (docs/BENCHMARKS.md), 500 in `npm test` —
 * and answers with a parse result: a value or a ZodError with at least one issue, never a
 * thrown exception (a refinement or transform that breaks on an odd value would throw here).
 * The use cases behind them are driven in lib/prove/mutations.property.test.ts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as apiQuery from "@/lib/validation/api-query";
import * as assessment from "@/lib/validation/assessment";
import * as circle from "@/lib/validation/circle";
import * as indicator from "@/lib/validation/indicator";
import * as programme from "@/lib/validation/programme";
import * as rating from "@/lib/validation/rating";
import * as report from "@/lib/validation/report";
import * as task from "@/lib/validation/task";
import * as town from "@/lib/validation/town";
import * as user from "@/lib/validation/user";
import { fieldNames, proveRuns, schemasOf, shapedInput } from "@/lib/testing/fuzz";

const RUNS = proveRuns(500);
const schemas = schemasOf({
  apiQuery,
  assessment,
  circle,
  indicator,
  programme,
  rating,
  report,
  task,
  town,
  user,
});

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
