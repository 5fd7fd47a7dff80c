/**
 * Proof (issue 14): concurrent writes of scoring at the same expected version — a reviewer's
 * rating score sheet (评分表), a county assessment's entered value (its revision) and the
 * computation of an assessment run (its revision). Each round the writers start together:
 * exactly one wins, the others are CONFLICT, and what is stored and audited is the winner's.
 * Then writes that may all succeed but must not break a rule between them: a panel's three
 * sheets submitted at once (the rating goes to the city with the mean of all three), and a
 * panelist removed while submitting (a submitted sheet is never deleted).
 * PROVE_ROUNDS=1000 runs the full proof (docs/BENCHMARKS.md); `npm test` runs 100.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access";
import type { PrismaClient } from "@/lib/prisma-client";
import { saveEntry } from "@/lib/assessments/entries";
import { computeRun, startRun } from "@/lib/assessments/runs";
import { setPanelist } from "@/lib/ratings/panels";
import { saveSheet, submitSheet } from "@/lib/ratings/sheets";
import { assessmentBuilders } from "@/lib/testing/assessment-builders";
import { builders, scratchApp } from "@/lib/testing/builders";
import { seedRatingFixture } from "@/lib/testing/rating-fixture";
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
let panelRatingId: number;
let removalRatingId: number;
let panel: Actor[];
const previousNow = process.env.MEIZHEN_NOW;

beforeAll(async () => {
  process.env.MEIZHEN_NOW = "2026-12-04T10:00:00+08:00";
  const app = await scratchApp("prove_scoring");
  prisma = app.prisma;
  drop = app.drop;
  const fixture = await seedRatingFixture(prisma, YEAR);
  ({ reviewer, ratingId, items: ratingItems } = fixture);
  const build = builders(prisma);
  admin = await build.actor("CITY_ADMIN");
  panel = [
    reviewer,
    await build.actor("COUNTY_REVIEWER", { countyId: fixture.countyId }, "panel-2"),
    await build.actor("COUNTY_REVIEWER", { countyId: fixture.countyId }, "panel-3"),
  ];
  // 湖镇镇 for the panel of three, 小南海镇 for the removals.
  const towns: number[] = [];
  for (const [code, name] of [
    ["330825101", "湖镇镇"],
    ["330825102", "小南海镇"],
  ] as const) {
    const other = await build.town(fixture.countyId, code, { name });
    await build.task(other.id, YEAR, "PUBLISHED", "BASIC_COMPLIANCE");
    towns.push(other.id);
  }
  const rate = async (townId: number, reviewers: Actor[]) =>
    (
      await build.rating(
        townId,
        YEAR,
        fixture.schemeId,
        reviewers.map((p) => p.id),
      )
    ).id;
  panelRatingId = await rate(towns[0]!, panel);
  removalRatingId = await rate(towns[1]!, panel.slice(0, 2));
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

  /**
   * A complete sheet of the test rubric (lib/testing/builders.ts scheme, 10 points): A1 = 2 + 2,
   * A3 = 3 − 0, and A2 = `a2` of its 3 (a comment where it falls short): 10, 9 or 8 points.
   */
  const fullSheet = (a2: "3" | "2" | "1") => ({
    [ratingItems.A1!]: { choices: { f: true, t: 0 } },
    [ratingItems.A2!]: { choices: { d: a2 }, ...(a2 !== "3" && { comment: "亮点不够" }) },
    [ratingItems.A3!]: { choices: { base: true, k: "0", v: false } },
  });

  /** Back to a rating being scored: no sheets, SCORING, the listed reviewers on its panel. */
  async function resetRating(id: number, reviewers: Actor[]) {
    await prisma.scoreSheet.deleteMany({ where: { ratingId: id } });
    for (const r of reviewers) {
      await prisma.ratingPanelist.upsert({
        where: { ratingId_reviewerId: { ratingId: id, reviewerId: r.id } },
        create: { ratingId: id, reviewerId: r.id },
        update: {},
      });
    }
    await prisma.starRating.update({
      where: { id },
      data: { status: "SCORING", totalPoints: null, stars: null },
    });
  }

  it(
    `${Math.ceil(ROUNDS / 5)} rounds of a panel's three sheets submitted at once: all counted`,
    async () => {
      for (let round = 0; round < Math.ceil(ROUNDS / 5); round++) {
        await resetRating(panelRatingId, panel);
        const versions: number[] = [];
        for (const [i, a2] of (["3", "2", "1"] as const).entries()) {
          const saved = await saveSheet(panel[i]!, {
            ratingId: panelRatingId,
            expectedVersion: 0,
            items: fullSheet(a2),
          });
          versions.push(saved.version);
        }
        const totals = await Promise.all(
          panel.map((p, i) =>
            submitSheet(p, { ratingId: panelRatingId, expectedVersion: versions[i]! }),
          ),
        );
        expect(totals.map((t) => t.total)).toEqual(["10.00", "9.00", "8.00"]);
        // Mean (10 + 9 + 8) / 3 = 9.00 → 4 stars (band 9 ≤ points < 9.5); with the panel complete
        // the rating goes to the city.
        const stored = await prisma.starRating.findUniqueOrThrow({ where: { id: panelRatingId } });
        expect([stored.status, stored.totalPoints?.toFixed(2), stored.stars]).toEqual([
          "SUBMITTED",
          "9.00",
          4,
        ]);
      }
    },
    PROVE_TIMEOUT_MS,
  );

  it(
    `${ROUNDS} rounds of a panelist removed while submitting: a submitted sheet is never deleted`,
    async () => {
      const [first, second] = panel as [Actor, Actor];
      const outcomes = { submitted: 0, removed: 0 };
      for (let round = 0; round < ROUNDS; round++) {
        await resetRating(removalRatingId, [first, second]);
        const { version } = await saveSheet(second, {
          ratingId: removalRatingId,
          expectedVersion: 0,
          items: fullSheet("3"),
        });
        const [submit, remove] = await Promise.allSettled([
          submitSheet(second, { ratingId: removalRatingId, expectedVersion: version }),
          setPanelist(admin, {
            ratingId: removalRatingId,
            username: second.username,
            remove: true,
          }),
        ]);
        expect([submit.status, remove.status].sort()).toEqual(["fulfilled", "rejected"]);
        const sheet = await prisma.scoreSheet.findFirst({
          where: { ratingId: removalRatingId, reviewerId: second.id },
        });
        const onPanel = await prisma.ratingPanelist.count({
          where: { ratingId: removalRatingId, reviewerId: second.id },
        });
        if (submit.status === "fulfilled") {
          outcomes.submitted++;
          expect([sheet?.status, onPanel]).toEqual(["SUBMITTED", 1]);
          expect((remove as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
        } else {
          outcomes.removed++;
          expect([sheet, onPanel]).toEqual([null, 0]);
        }
      }
      console.log(`sheet submit × panelist removal: ${ROUNDS} rounds →`, outcomes);
    },
    PROVE_TIMEOUT_MS,
  );
});
