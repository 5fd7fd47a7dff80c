/**
 * Proof (issue 14): concurrent writes of scoring at the same expected version — a reviewer's
 * rating score sheet (评分表), a county assessment's entered value (its revision) and the
 * computation of an assessment run (its revision). Each round the writers start together:
 * exactly one wins, the others are CONFLICT, and what is stored and audited is the winner's.
 * PROVE_ROUNDS=1000 runs the full proof (docs/BENCHMARKS.md); `npm test` runs 100.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access";
import type { PrismaClient } from "@/lib/prisma-client";
import { saveEntry } from "@/lib/assessments/entries";
import { computeRun, startRun } from "@/lib/assessments/runs";
import { saveSheet } from "@/lib/ratings/sheets";
import { assessmentBuilders } from "@/lib/testing/assessment-builders";
import { builders, scratchApp } from "@/lib/testing/builders";
import { PROVE_TIMEOUT_MS, proveRounds, race } from "@/lib/testing/race";

const YEAR = 2026;
const ROUNDS = proveRounds();
let drop: () => Promise<void>;
let prisma: PrismaClient;
let admin: Actor;
let reviewer: Actor;
let ratingId: number;
let ratingItems: Record<string, number>;
let orgItem: number;
const previousNow = process.env.MEIZHEN_NOW;

beforeAll(async () => {
  process.env.MEIZHEN_NOW = "2026-12-04T10:00:00+08:00";
  const app = await scratchApp("prove_scoring");
  prisma = app.prisma;
  drop = app.drop;
  const build = builders(prisma);
  const county = await build.county("330825", "龙游县");
  const town = await build.town(county.id, "330825109", { name: "溪口镇" });
  await build.year(YEAR, "OPEN", [`${YEAR}-04-10`, `${YEAR}-12-10`]);
  await build.task(town.id, YEAR, "PUBLISHED", "BASIC_COMPLIANCE");
  const scheme = await build.scheme(YEAR);
  ratingItems = scheme.items;
  admin = await build.actor("CITY_ADMIN");
  reviewer = await build.actor("COUNTY_REVIEWER", { countyId: county.id });
  ratingId = (await build.rating(town.id, YEAR, scheme.id, [reviewer.id])).id;
  const assessment = await assessmentBuilders(prisma).scheme(YEAR, [
    { code: "org", category: "PROCESS", scoring: "POINTS", basePoints: "30" },
  ]);
  orgItem = assessment.items.org!;
});

afterAll(async () => {
  if (previousNow === undefined) delete process.env.MEIZHEN_NOW;
  else process.env.MEIZHEN_NOW = previousNow;
  await drop?.();
});

const audits = (action: string) => prisma.auditLog.count({ where: { action } });

describe("concurrent scoring writes at one version", () => {
  it(
    `${ROUNDS} rounds of 2 saves of one score sheet: one winner, its choice stored`,
    async () => {
      let expected = (await saveSheet(reviewer, { ratingId, expectedVersion: 0, items: {} }))
        .version;
      const before = await audits("rating.sheetSave");
      await race(
        "score sheet save",
        { rounds: ROUNDS, writers: 2 },
        (_, writer) =>
          saveSheet(reviewer, {
            ratingId,
            expectedVersion: expected,
            items: { [ratingItems.A2!]: { choices: { d: String(writer + 1) } } },
          }),
        async (_, winner, value) => {
          expected += 1;
          expect(value.version).toBe(expected);
          const sheet = await prisma.scoreSheet.findFirstOrThrow({
            where: { ratingId },
            include: { scores: true },
          });
          expect(sheet.version).toBe(expected);
          expect(JSON.stringify(sheet.scores)).toContain(`"d":"${winner + 1}"`);
        },
      );
      expect(await audits("rating.sheetSave")).toBe(before + ROUNDS);
    },
    PROVE_TIMEOUT_MS,
  );

  it(
    `${ROUNDS} rounds of 4 saves of one assessment entry: one winner, its value stored`,
    async () => {
      const entry = (value: number, expectedRevision?: number) =>
        saveEntry(admin, {
          itemId: orgItem,
          countyCode: "330825",
          value: String(value),
          reason: `value ${value}`,
          ...(expectedRevision === undefined ? {} : { expectedRevision }),
        });
      // Round 0: four first entries at once (no revision yet): one is created, three refused.
      let expected = 0;
      const before = await audits("assessmentEntry.save");
      await race(
        "assessment entry save",
        { rounds: ROUNDS, writers: 4 },
        (round, writer) => entry(20 + writer, round === 0 ? undefined : expected),
        async (_, winner, value) => {
          expected = expected === 0 ? 1 : expected + 1;
          expect(value.revision).toBe(expected);
          const stored = await prisma.assessmentEntry.findFirstOrThrow({
            where: { itemId: orgItem },
          });
          expect([stored.revision, stored.value.toFixed(0)]).toEqual([
            expected,
            String(20 + winner),
          ]);
        },
      );
      expect(await audits("assessmentEntry.save")).toBe(before + ROUNDS);
    },
    PROVE_TIMEOUT_MS,
  );

  it(
    `${Math.ceil(ROUNDS / 5)} rounds of 3 computations of one run: one winner each`,
    async () => {
      const rounds = Math.ceil(ROUNDS / 5);
      const run = await startRun(admin, { year: YEAR });
      let expected = 1;
      await race(
        "assessment run compute",
        { rounds, writers: 3 },
        () => computeRun(admin, { runId: run.id, expectedRevision: expected }),
        async (_, __, value) => {
          expected += 1;
          expect(value.revision).toBe(expected);
        },
      );
      const stored = await prisma.assessmentRun.findUniqueOrThrow({ where: { id: run.id } });
      expect(stored.revision).toBe(1 + rounds);
      expect(await audits("assessmentRun.compute")).toBe(rounds);
    },
    PROVE_TIMEOUT_MS,
  );
});
