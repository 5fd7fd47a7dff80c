/**
 * Proof (issue 14, "Prove it"): the township's daily writes — a draft save and a submission of
 * its own report — driven with generated inputs that are coherent enough to succeed (the
 * report's own indicators, its current version most of the time) and awkward enough to be
 * refused (values past their bounds, not numbers, full-width digits, separators, a key that is
 * not an indicator of the report, text with a NUL or half an emoji, a stale version). The
 * generic proof (mutations.property.test.ts) reaches these use cases only as refusals: its
 * inputs, built from the schema alone, never name an editable report with its own indicators.
 *
 * After every call, against an oracle written from the rules (lib/domain/indicator-value.ts
 * parses each value; lib/validation/text.ts says which text is storable):
 * - a save succeeds exactly when the oracle says it must, else it is refused with a VALIDATION
 *   or CONFLICT AppError or a ZodError — never another exception;
 * - a successful save stored every value as parsed, the narrative as trimmed, the version + 1,
 *   and wrote one audit row;
 * - a refused call changed nothing: version, status, narrative, every value, the audit log;
 * - a submission that succeeds leaves a SUBMITTED report with every required value filled.
 * PROVE_RUNS sets the calls (200 in `npm test`; the 10,000-call figures are in
 * docs/BENCHMARKS.md).
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access";
import { parseIndicatorValue, type IndicatorRule } from "@/lib/domain/indicator-value";
import type { PrismaClient } from "@/lib/prisma-client";
import { saveReport, submitReport } from "@/lib/reports/mutations";
import { scratchApp } from "@/lib/testing/builders";
import { isInputRefusal, proveRuns, thrownBy } from "@/lib/testing/fuzz";
import { PROVE_TIMEOUT_MS } from "@/lib/testing/race";
import { seedReportFixture, type ReportFixture } from "@/lib/testing/report-fixture";
import { isStorableText } from "@/lib/validation/text";

const RUNS = proveRuns(200);
let prisma: PrismaClient;
let drop: () => Promise<void>;
let fixture: ReportFixture;
let staff: Actor;
/** The report's indicators as the save reads them, by id. */
let rules: Map<number, IndicatorRule & { code: string }>;

beforeAll(async () => {
  const app = await scratchApp("prove_report_writes");
  ({ prisma, drop } = app);
  fixture = await seedReportFixture(prisma);
  staff = fixture.staff;
  const indicators = await prisma.indicator.findMany({
    where: { id: { in: Object.values(fixture.indicators) } },
  });
  rules = new Map(
    indicators.map((i) => [
      i.id,
      {
        code: i.code,
        valueType: i.valueType,
        minValue: i.minValue?.toFixed() ?? null,
        maxValue: i.maxValue?.toFixed() ?? null,
        isRequired: i.isRequired,
      },
    ]),
  );
});

afterAll(async () => {
  await drop?.();
});

/** What users type, from the plain to the awkward (as text, or a number from a sheet cell). */
const typedValue: fc.Arbitrary<string | number | null> = fc.oneof(
  fc.integer({ min: -5, max: 1_000 }).map(String),
  fc
    .tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 9_999 }))
    .map(([a, b]) => `${a}.${b}`),
  fc.integer({ min: 0, max: 120 }).map((n) => `${n}%`),
  fc.integer({ min: 0, max: 99_999 }).map((n) =>
    // Full-width digits and a thousands separator, as an IME types them.
    n.toLocaleString("en").replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))),
  ),
  fc.constantFrom("是", "否", "yes", "no", "1", "0", "", " ", "1e3", "-0", "+7", "１２．５"),
  fc.integer({ min: 12, max: 22 }).map((n) => "9".repeat(n)),
  fc.double({ min: -1e6, max: 1e16, noNaN: true }),
  fc.string({ maxLength: 12 }),
  fc.constant(null),
);

/** Narratives: mostly plain, sometimes too long, with a NUL or half an emoji. */
const narrative: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 4, arbitrary: fc.string({ maxLength: 60 }).map((s) => `进展：${s}`) },
  { weight: 1, arbitrary: fc.constantFrom("a\u0000b", "绿道\uD83C", " \uDFE1 ") },
  { weight: 1, arbitrary: fc.integer({ min: 4_990, max: 5_010 }).map((n) => "镇".repeat(n)) },
);

/**
 * One call: a save (most) or a submission, at the current version or a stale one; value keys
 * from `ids` (the report's own indicators) and sometimes one the report does not have.
 */
const callOf = (ids: string[]) =>
  fc.record({
    submit: fc.nat(9).map((n) => n === 0),
    /** Before a submission: the form filled with plausible values first (else as it stands). */
    fill: fc.boolean(),
    stale: fc.nat(9).map((n) => n === 0),
    values: fc.array(
      fc.tuple(
        // Keys: the report's own indicators, and sometimes one it does not have.
        fc.oneof(
          { weight: 9, arbitrary: fc.constantFrom(...ids) },
          { weight: 1, arbitrary: fc.constant("999999") },
        ),
        typedValue,
      ),
      { maxLength: 6 },
    ),
    narrative,
  });

/**
 * What the oracle expects of a save's values (indicator id → typed): each one's value as
 * parsed, or null when any key is not the report's or any value is refused.
 */
function expectedValues(
  values: Record<string, string | number | null>,
): Map<number, string | null> | null {
  const out = new Map<number, string | null>();
  for (const [key, raw] of Object.entries(values)) {
    const rule = rules.get(Number(key));
    if (!rule) return null;
    const parsed = parseIndicatorValue(raw === null ? "" : String(raw), rule);
    if (!parsed.ok) return null;
    out.set(Number(key), parsed.value?.toFixed() ?? null);
  }
  return out;
}

/** A value of each type that the fixture's earlier periods make plausible (P1–P3). */
const PLAUSIBLE: Record<IndicatorRule["valueType"], string> = {
  PERCENT: "96",
  INTEGER: "2",
  DECIMAL: "8.5",
  BOOLEAN: "是",
};

/** Everything a call could change, for "a refused call changed nothing". */
async function state(reportId: number) {
  const [report, values, audits] = await Promise.all([
    prisma.progressReport.findUniqueOrThrow({
      where: { id: reportId },
      select: { version: true, status: true, narrative: true },
    }),
    prisma.indicatorValue.findMany({
      where: { reportId },
      select: { indicatorId: true, value: true, note: true },
      orderBy: { indicatorId: "asc" },
    }),
    prisma.auditLog.count(),
  ]);
  return {
    report,
    values: values.map((v) => [v.indicatorId, v.value?.toFixed() ?? null, v.note]),
    audits,
  };
}

describe(`the township's report writes, ${RUNS} generated calls`, () => {
  it(
    "a save succeeds exactly when its input is valid, stores what was parsed, and a refusal changes nothing",
    async () => {
      const { reportId } = fixture;
      const tally = { saved: 0, refused: 0, submitted: 0, submitRefused: 0 };
      await fc.assert(
        fc.asyncProperty(callOf([...rules.keys()].map(String)), async (c) => {
          const before = await state(reportId);
          const version = before.report.version - (c.stale ? 1 : 0);
          const values = Object.fromEntries(c.values);
          const input = c.submit
            ? { reportId, expectedVersion: version }
            : {
                reportId,
                expectedVersion: version,
                values,
                ...(c.narrative !== undefined && { narrative: c.narrative }),
              };
          if (c.submit && c.fill) {
            before.report.version = (
              await saveReport(staff, {
                reportId,
                expectedVersion: before.report.version,
                values: Object.fromEntries(
                  [...rules].map(([id, r]) => [id, PLAUSIBLE[r.valueType]]),
                ),
              })
            ).version;
            Object.assign(before, await state(reportId));
            input.expectedVersion = before.report.version - (c.stale ? 1 : 0);
          }
          const error = await thrownBy(() =>
            c.submit ? submitReport(staff, input) : saveReport(staff, input),
          );
          if (error !== null) {
            expect(isInputRefusal(error), String(error)).toBe(true);
            expect(await state(reportId)).toEqual(before);
          }
          const after = await state(reportId);
          if (c.submit) {
            if (error === null) {
              tally.submitted++;
              expect(after.report.status).toBe("SUBMITTED");
              const required = [...rules].filter(([, r]) => r.isRequired).map(([id]) => id);
              const stored = new Map(after.values.map(([id, value]) => [id, value]));
              for (const id of required) expect(stored.get(id), `indicator ${id}`).not.toBeNull();
              // Back to a draft for the next calls (the county's return, in short).
              await prisma.progressReport.update({
                where: { id: reportId },
                data: { status: "RETURNED", version: { increment: 1 } },
              });
            } else tally.submitRefused++;
            // Filled and at the current version, nothing stands in its way.
            if (c.fill && !c.stale) expect(error, String(error)).toBeNull();
            return;
          }
          const expected = expectedValues(values);
          const text = c.narrative?.trim();
          const valid =
            !c.stale &&
            expected !== null &&
            (text === undefined || (text.length <= 5_000 && isStorableText(text)));
          expect(error === null, `${JSON.stringify(input)} → ${String(error)}`).toBe(valid);
          if (error !== null) {
            tally.refused++;
            return;
          }
          tally.saved++;
          expect(after.report.version).toBe(before.report.version + 1);
          expect(after.audits).toBe(before.audits + 1);
          if (text !== undefined) expect(after.report.narrative).toBe(text || null);
          const stored = new Map(after.values.map(([id, value]) => [id, value]));
          for (const [id, value] of expected!)
            expect(stored.get(id), `indicator ${id}`).toBe(value);
        }),
        { numRuns: RUNS },
      );
      console.log(`report writes: ${RUNS} calls →`, tally);
      expect(tally.saved).toBeGreaterThan(0);
      expect(tally.refused).toBeGreaterThan(0);
    },
    PROVE_TIMEOUT_MS,
  );
});
