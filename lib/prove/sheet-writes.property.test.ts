/**
 * Proof (issue 14, "Prove it"): a county reviewer's daily write — saving and submitting their
 * score sheet (评分表) of a provincial sample's star rating — driven with generated inputs that
 * name the rubric's own items and criteria (so that many succeed) mixed with awkward ones
 * (points off the step or over the cap, a tier that does not exist, a negative count, a veto
 * that is not yes/no, a criterion or item the rubric does not have, text with a NUL or half an
 * emoji, a stale version). The generic proof reaches saveSheet only as refusals.
 *
 * After every call, against an oracle from the rules (lib/domain/rating.ts scoreItem scores
 * each item; lib/validation/text.ts says which text is storable):
 * - a save succeeds exactly when the oracle says it must, else it is refused with a VALIDATION
 *   or CONFLICT AppError or a ZodError — never another exception;
 * - a successful save stored each item's points as scored, its comment as trimmed, the version
 *   + 1 (1 for the sheet's first save) and one audit row;
 * - a refused call changed nothing (sheet, scores, rating, audit log);
 * - a submission succeeds exactly when every item is scored and every item below its maximum
 *   has a comment (lib/domain/rating.ts sheetProblems), and then the sheet is SUBMITTED with
 *   the sum of its items as its total.
 * PROVE_RUNS sets the calls (200 in `npm test`; 10,000-call figures in docs/BENCHMARKS.md).
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access";
import { scoreItem, sheetProblems, sheetTotal, type Choices } from "@/lib/domain/rating";
import type { PrismaClient } from "@/lib/prisma-client";
import { loadItemRules } from "@/lib/ratings/internal";
import { saveSheet, submitSheet } from "@/lib/ratings/sheets";
import { scratchApp } from "@/lib/testing/builders";
import { seedRatingFixture } from "@/lib/testing/rating-fixture";
import { isInputRefusal, proveRuns, thrownBy } from "@/lib/testing/fuzz";
import { PROVE_TIMEOUT_MS } from "@/lib/testing/race";
import { isStorableText } from "@/lib/validation/text";

const RUNS = proveRuns(200);
const YEAR = 2026;
const previousNow = process.env.MEIZHEN_NOW;
let prisma: PrismaClient;
let drop: () => Promise<void>;
let reviewer: Actor;
let ratingId: number;
/** The rubric's items (lib/testing/builders.ts scheme: A1, A2, A3; 10 points) by id. */
let rules: Awaited<ReturnType<typeof loadItemRules>>;

beforeAll(async () => {
  process.env.MEIZHEN_NOW = "2026-12-04T10:00:00+08:00";
  const app = await scratchApp("prove_sheet_writes");
  ({ prisma, drop } = app);
  const fixture = await seedRatingFixture(prisma, YEAR);
  ({ reviewer, ratingId } = fixture);
  rules = await loadItemRules(prisma, fixture.schemeId);
});

afterAll(async () => {
  if (previousNow === undefined) delete process.env.MEIZHEN_NOW;
  else process.env.MEIZHEN_NOW = previousNow;
  await drop?.();
});

type Choice = boolean | number | string | null;

/** A choice for a criterion of `kind`: mostly one the rubric allows, sometimes not. */
function choiceOf(kind: string): fc.Arbitrary<Choice> {
  const awkward = fc.oneof(
    fc.constantFrom<Choice>(null, "", "abc", "1e3", -1, 21, "１．５", "\uD83C"),
    fc.string({ maxLength: 4 }),
  );
  const allowed: Record<string, fc.Arbitrary<Choice>> = {
    FIXED: fc.boolean(),
    TIERED: fc.integer({ min: 0, max: 3 }),
    DISCRETIONARY: fc.integer({ min: 0, max: 8 }).map((n) => String(n / 2)),
    DEDUCTION: fc.integer({ min: 0, max: 4 }).map(String),
    VETO: fc.constantFrom<Choice>(false, false, false, true, null),
  };
  return fc.oneof({ weight: 6, arbitrary: allowed[kind]! }, { weight: 1, arbitrary: awkward });
}

/** One item's input: a choice per criterion (now and then one missing or one made up). */
function itemOf(itemId: number) {
  const rule = rules.get(itemId)!;
  return fc.record(
    {
      choices: fc
        .tuple(
          fc.tuple(...rule.criteria.map((c) => choiceOf(c.kind))),
          fc.nat(9),
          fc.constantFrom("bonus", "extra"),
        )
        .map(([values, dice, made]) => {
          const choices: Record<string, Choice> = Object.fromEntries(
            rule.criteria.map((c, i) => [c.code, values[i]!]),
          );
          if (dice === 0) delete choices[rule.criteria[0]!.code];
          if (dice === 1) choices[made] = true;
          return choices;
        }),
      comment: fc.oneof(
        fc.constant(undefined),
        fc.constantFrom("亮点不够突出", "  发现一处垃圾乱堆  ", "", "a\u0000b", "绿道\uD83C"),
        fc.integer({ min: 995, max: 1_005 }).map((n) => "评".repeat(n)),
      ),
    },
    { requiredKeys: ["choices"] },
  );
}

/**
 * What the schema lets through as one choice (lib/validation/rating.ts): yes/no, a whole number
 * 0–20 (a tier's index), text of at most 20 storable characters, or nothing.
 */
function schemaAllows(choice: Choice): boolean {
  if (typeof choice === "number") return Number.isInteger(choice) && choice >= 0 && choice <= 20;
  if (typeof choice === "string") return choice.trim().length <= 20 && isStorableText(choice);
  return true;
}

/** A complete sheet that the rules accept, with a comment on every item below its maximum. */
function completeSheet(): Record<string, { choices: Choices; comment?: string }> {
  const full: Record<string, Choices> = {};
  for (const [id, rule] of rules) {
    full[id] = Object.fromEntries(
      rule.criteria.map((c) => [
        c.code,
        c.kind === "FIXED"
          ? true
          : c.kind === "TIERED"
            ? 1
            : c.kind === "DISCRETIONARY"
              ? "1"
              : c.kind === "DEDUCTION"
                ? "0"
                : false,
      ]),
    );
  }
  return Object.fromEntries(
    Object.entries(full).map(([id, choices]) => [id, { choices, comment: "已核实" }]),
  );
}

/** Everything a call could change, for "a refused call changed nothing". */
async function state() {
  const [sheet, rating, audits] = await Promise.all([
    prisma.scoreSheet.findFirst({
      where: { ratingId, reviewerId: reviewer.id },
      select: {
        version: true,
        status: true,
        totalPoints: true,
        scores: {
          select: { itemId: true, points: true, comment: true, choices: true },
          orderBy: { itemId: "asc" },
        },
      },
    }),
    prisma.starRating.findUniqueOrThrow({
      where: { id: ratingId },
      select: { status: true, version: true, totalPoints: true },
    }),
    prisma.auditLog.count(),
  ]);
  return {
    sheet: sheet && {
      ...sheet,
      totalPoints: sheet.totalPoints?.toFixed(2) ?? null,
      scores: sheet.scores.map((s) => ({ ...s, points: s.points?.toFixed(2) ?? null })),
    },
    rating: { ...rating, totalPoints: rating.totalPoints?.toFixed(2) ?? null },
    audits,
  };
}

describe(`a reviewer's score-sheet writes, ${RUNS} generated calls`, () => {
  it(
    "a save succeeds exactly when the rubric accepts it and stores its points; a refusal changes nothing",
    async () => {
      const ids = [...rules.keys()];
      const call = fc.record({
        submit: fc.nat(9).map((n) => n === 0),
        fill: fc.boolean(),
        stale: fc.nat(9).map((n) => n === 0),
        items: fc.array(
          fc.oneof(
            {
              weight: 12,
              arbitrary: fc
                .constantFrom(...ids)
                .chain((id) => itemOf(id).map((item) => [String(id), item] as const)),
            },
            { weight: 1, arbitrary: itemOf(ids[0]!).map((item) => ["999999", item] as const) },
          ),
          { maxLength: 3 },
        ),
      });
      const tally = { saved: 0, refused: 0, submitted: 0, submitRefused: 0 };
      await fc.assert(
        fc.asyncProperty(call, async (c) => {
          let before = await state();
          if (c.submit && c.fill) {
            await saveSheet(reviewer, {
              ratingId,
              expectedVersion: before.sheet?.version ?? 0,
              items: completeSheet(),
            });
            before = await state();
          }
          const current = before.sheet?.version ?? 0;
          const expectedVersion = c.stale ? current + 1 : current;
          const items = Object.fromEntries(c.items);
          const error = await thrownBy(() =>
            c.submit
              ? submitSheet(reviewer, { ratingId, expectedVersion })
              : saveSheet(reviewer, { ratingId, expectedVersion, items }),
          );
          if (error !== null) {
            expect(isInputRefusal(error), String(error)).toBe(true);
            expect(await state()).toEqual(before);
          }
          const after = await state();
          if (c.submit) {
            const scores = new Map(before.sheet?.scores.map((s) => [s.itemId, s]) ?? []);
            const complete =
              before.sheet !== null &&
              Object.keys(
                sheetProblems(rules, (itemId) => ({
                  points: scores.get(itemId)?.points ?? null,
                  comment: scores.get(itemId)?.comment,
                })),
              ).length === 0;
            expect(error === null, String(error)).toBe(complete && !c.stale);
            if (error !== null) {
              tally.submitRefused++;
              return;
            }
            tally.submitted++;
            expect(after.sheet!.status).toBe("SUBMITTED");
            expect(after.sheet!.totalPoints).toBe(
              sheetTotal(after.sheet!.scores.map((s) => s.points)),
            );
            // Back to a draft for the next calls (the city's return, in short).
            await prisma.scoreSheet.updateMany({
              where: { ratingId },
              data: { status: "DRAFT", version: { increment: 1 } },
            });
            await prisma.starRating.update({
              where: { id: ratingId },
              data: { status: "SCORING" },
            });
            return;
          }
          const scored = Object.entries(items).map(([key, item]) => {
            const rule = rules.get(Number(key));
            return { key, item, result: rule ? scoreItem(rule, item.choices as Choices) : null };
          });
          const comments = Object.values(items).flatMap((i) =>
            i.comment === undefined ? [] : [i.comment.trim()],
          );
          const valid =
            !c.stale &&
            Object.values(items).every((i) => Object.values(i.choices).every(schemaAllows)) &&
            scored.every((s) => s.result !== null && s.result.errors.length === 0) &&
            comments.every((t) => t.length <= 1_000 && isStorableText(t));
          expect(error === null, `${JSON.stringify(items)} → ${String(error)}`).toBe(valid);
          if (error !== null) {
            tally.refused++;
            return;
          }
          tally.saved++;
          expect(after.sheet!.version).toBe(current + 1);
          expect(after.audits).toBe(before.audits + 1);
          const stored = new Map(after.sheet!.scores.map((s) => [String(s.itemId), s]));
          for (const { key, item, result } of scored) {
            expect(stored.get(key)!.points, `item ${key}`).toBe(result!.points);
            if (item.comment !== undefined) {
              expect(stored.get(key)!.comment).toBe(item.comment.trim() || null);
            }
          }
        }),
        { numRuns: RUNS },
      );
      console.log(`score-sheet writes: ${RUNS} calls →`, tally);
      expect(tally.saved).toBeGreaterThan(0);
      expect(tally.refused).toBeGreaterThan(0);
    },
    PROVE_TIMEOUT_MS,
  );
});
