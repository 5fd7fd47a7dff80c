/**
 * The county assessment end to end on PostgreSQL, with numbers worked out by hand: entered
 * values, a version computed and published, the underlying data changed afterwards (a title
 * awarded, an entered value corrected) without touching the published result, a new version
 * computed with its reason beside it and then published; county reviewers see nothing before
 * publication and only their own county after; frozen runs and schemes, stale revisions and
 * closed years are refused; scheme copying (for opening a year) and activation.
 *
 * Fixture (2026, open; periods due 2026-04-10 and 2026-12-10; judged on 2026-12-04):
 *   county A (330825): A1 aims at basic compliance and holds it (awarded 2026-06-01); A2 aims
 *     at a sample and holds basic compliance only. Q1 reports: A1 first submitted 04-09
 *     (on time), A2 04-11 (late).
 *   county B (330822): B1 aims at basic compliance, no title yet, no Q1 report.
 * Scheme: reach (planned towns reaching their target, %) base 60, +1 per 10 above (cap 2),
 *   −3 per 10 short; onTime (reports on time, %) base 10, −1 per 10 short; org (entered
 *   points) base 30; issues (entered deduction) −2 each, floor −4. Targets: reach 50, onTime
 *   100 for both. Excellent: top 50% of 2 = 1 (half-up); good ≥ 80; pass ≥ 60; ties shared.
 * Version 1: A reach 50% = 60, onTime 50% (5 steps short) = 5, org 28, 1 issue −2 → 91.
 *            B reach 0% (5 steps short) = 45, onTime 0% = 0, org not entered = 30 → 75.
 *            A 1st EXCELLENT, B 2nd PASS.
 * Then B1 is awarded basic compliance (2026-11-01) and B's org is entered as 29.
 * Version 2: B reach 100% (5 steps above, capped) = 62, onTime 0, org 29 → 91: tied with A,
 *            both ranked 1st, both EXCELLENT (rank 1 is within the excellent count).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/prisma-client";
import { assessmentBuilders } from "@/lib/testing/assessment-builders";
import { builders, scratchApp } from "@/lib/testing/builders";
import { userKey } from "@/lib/testing/errors";
import { listPublishedAssessments } from "./api";
import { copyAssessmentSchemes } from "./copy.internal";
import { saveEntry } from "./entries";
import { getAssessmentYear, getCountyAssessment, getRun } from "./queries";
import { computeRun, discardRun, publishRun, startRun } from "./runs";
import { activateScheme, saveItem, updateScheme } from "./schemes";
import { scoreSheet } from "./sheet";
import { computeFromSnapshot, readSnapshot } from "./snapshot";

const YEAR = 2026;
let prisma: PrismaClient;
let drop: () => Promise<void>;
let build: ReturnType<typeof builders>;
let admin: Actor;
let leader: Actor;
let reviewerA: Actor;
let reviewerB: Actor;
let townB1: number;
let items: Record<string, number>;
let schemeId: number;
const previousNow = process.env.MEIZHEN_NOW;

/** The AppError code and user key of a failing call. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof AppError) return `${error.code}:${userKey(error)}`;
    if (error instanceof Error && error.name === "ZodError") return "ZOD";
    throw error;
  }
}

const totals = (view: Awaited<ReturnType<typeof getRun>>) =>
  view.counties.map((c) => [c.code, c.total, c.rank, c.grade]);

beforeAll(async () => {
  process.env.MEIZHEN_NOW = "2026-12-04T10:00:00+08:00";
  const app = await scratchApp("assessments");
  prisma = app.prisma;
  drop = app.drop;
  build = builders(prisma);
  const a = await build.county("330825", "龙游县");
  const b = await build.county("330822", "常山县");
  const a1 = await build.town(a.id, "330825101");
  const a2 = await build.town(a.id, "330825102");
  const b1 = await build.town(b.id, "330822101");
  townB1 = b1.id;
  const [q1] = await build.year(YEAR, "OPEN", [`${YEAR}-04-10`, `${YEAR}-12-10`]);
  const taskA1 = await build.task(a1.id, YEAR, "PUBLISHED", "BASIC_COMPLIANCE");
  const taskA2 = await build.task(a2.id, YEAR, "PUBLISHED", "PROVINCIAL_SAMPLE");
  await build.task(b1.id, YEAR, "PUBLISHED", "BASIC_COMPLIANCE");
  await build.titles(a1.id, [
    { kind: "TITLE_AWARDED", title: "BASIC_COMPLIANCE", effectiveOn: `${YEAR}-06-01` },
  ]);
  await build.titles(a2.id, [
    { kind: "TITLE_AWARDED", title: "BASIC_COMPLIANCE", effectiveOn: "2024-12-28" },
  ]);
  const onTime = await build.report(taskA1.id, q1!.id, "CITY_CONFIRMED", 5);
  const late = await build.report(taskA2.id, q1!.id, "COUNTY_APPROVED", 4);
  await prisma.progressReport.update({
    where: { id: onTime.id },
    data: { firstSubmittedAt: new Date("2026-04-09T02:00:00Z") },
  });
  await prisma.progressReport.update({
    where: { id: late.id },
    data: { firstSubmittedAt: new Date("2026-04-10T16:30:00Z") }, // 04-11 00:30 in Shanghai
  });
  const scheme = await assessmentBuilders(prisma).scheme(YEAR, [
    {
      code: "reach",
      category: "OUTCOME",
      scoring: "TARGET",
      metric: "plannedTownsReachingTarget",
      basePoints: "60",
      maxBonusPoints: "2",
      bonusStep: "10",
      bonusPerStep: "1",
      deductionStep: "10",
      deductionPerStep: "3",
      targets: { [a.id]: "50", [b.id]: "50" },
    },
    {
      code: "onTime",
      category: "PROCESS",
      scoring: "TARGET",
      metric: "onTimeReportRate",
      basePoints: "10",
      deductionStep: "10",
      deductionPerStep: "1",
      targets: { [a.id]: "100", [b.id]: "100" },
    },
    { code: "org", category: "PROCESS", scoring: "POINTS", basePoints: "30" },
    {
      code: "issues",
      category: "DEDUCTION",
      scoring: "OCCURRENCES",
      basePoints: "0",
      deductionPerStep: "2",
      floorPoints: "-4",
    },
  ]);
  items = scheme.items;
  schemeId = scheme.id;
  admin = await build.actor("CITY_ADMIN");
  leader = await build.actor("CITY_LEADER");
  reviewerA = await build.actor("COUNTY_REVIEWER", { countyId: a.id });
  reviewerB = await build.actor("COUNTY_REVIEWER", { countyId: b.id });
});

afterAll(async () => {
  if (previousNow === undefined) delete process.env.MEIZHEN_NOW;
  else process.env.MEIZHEN_NOW = previousNow;
  await drop?.();
});

describe("an assessment year, computed, published, then recomputed", () => {
  let v1: { id: number; version: number };

  it("enters values with reasons, checked against each item's scoring", async () => {
    expect(
      await saveEntry(admin, {
        itemId: items.org!,
        countyCode: "330825",
        value: "28",
        reason: "领导小组例会未按季度召开",
        evidence: "衢美镇办〔2026〕3号",
      }),
    ).toEqual({ revision: 1 });
    await saveEntry(admin, {
      itemId: items.issues!,
      countyCode: "330825",
      value: "1",
      reason: "督查通报1项",
    });
    expect(
      await refusal(
        saveEntry(admin, { itemId: items.org!, countyCode: "330822", value: "31", reason: "x" }),
      ),
    ).toBe("VALIDATION:assessments.pointsRange");
    expect(
      await refusal(
        saveEntry(admin, {
          itemId: items.issues!,
          countyCode: "330822",
          value: "1.5",
          reason: "x",
        }),
      ),
    ).toBe("VALIDATION:assessments.countFormat");
    expect(
      await refusal(
        saveEntry(admin, { itemId: items.reach!, countyCode: "330822", value: "1", reason: "x" }),
      ),
    ).toBe("VALIDATION:assessments.notEntered");
    expect(
      await refusal(
        saveEntry(admin, { itemId: items.org!, countyCode: "330825", value: "27", reason: "x" }),
      ),
    ).toBe("CONFLICT:assessments.staleEntry"); // exists: the revision seen is required
    expect(
      await refusal(
        saveEntry(leader, { itemId: items.org!, countyCode: "330822", value: "30", reason: "x" }),
      ),
    ).toBe("FORBIDDEN:");
  });

  it("computes version 1 (91 and 75) and keeps it from reviewers until published", async () => {
    v1 = await startRun(admin, { year: YEAR });
    expect(v1.version).toBe(1);
    expect(await refusal(startRun(admin, { year: YEAR }))).toBe("CONFLICT:assessments.runOpen");
    await computeRun(admin, { runId: v1.id, expectedRevision: 1 });
    const run = await getRun(admin, v1.id);
    expect(run.status).toBe("COMPUTED");
    expect(totals(run)).toEqual([
      ["330825", "91.00", 1, "EXCELLENT"],
      ["330822", "75.00", 2, "PASS"],
    ]);
    const a = run.counties[0]!;
    expect(a.items.map((i) => [i.code, i.basis, i.actual, i.target, i.points])).toEqual([
      ["reach", "COMPUTED", "50", "50", "60.00"],
      ["onTime", "COMPUTED", "50", "100", "5.00"],
      ["org", "ENTERED", "28", null, "28.00"],
      ["issues", "ENTERED", "1", null, "-2.00"],
    ]);
    expect(a).toMatchObject({ outcome: "60.00", process: "33.00", deduction: "-2.00" });
    expect(run.counties[1]!.items.find((i) => i.code === "org")).toMatchObject({
      basis: "NOT_ENTERED",
      points: "30.00",
    });
    // The score sheet adds up the same way.
    const sheet = scoreSheet(run);
    expect(sheet.groups.map((g) => [g.category, g.basePoints, g.subtotal["330822"]])).toEqual([
      ["OUTCOME", "60.00", "45.00"],
      ["PROCESS", "40.00", "30.00"],
      ["DEDUCTION", "0.00", "0.00"],
    ]);

    // County reviewers see no unpublished run: not on their page, not in the API, not by id.
    const seen = await getCountyAssessment(reviewerA, "330825");
    expect(seen).toMatchObject({ run: null, result: null, runs: [], years: [] });
    expect(await listPublishedAssessments(reviewerA, { year: String(YEAR) })).toEqual({
      assessments: [],
    });
    expect(await refusal(getRun(reviewerA, v1.id))).toBe("NOT_FOUND:");
    expect(await refusal(getAssessmentYear(reviewerA, YEAR))).toBe("NOT_FOUND:");
    // The city leader reads it, but cannot publish.
    expect((await getCountyAssessment(leader, "330822")).result?.total).toBe("75.00");
    expect(await refusal(publishRun(leader, { runId: v1.id, expectedRevision: 2 }))).toBe(
      "FORBIDDEN:",
    );
  });

  it("publishes: reviewers then see their own county only, with what lies behind each value", async () => {
    expect(await refusal(publishRun(admin, { runId: v1.id, expectedRevision: 1 }))).toBe(
      "CONFLICT:assessments.staleRun",
    );
    await publishRun(admin, { runId: v1.id, expectedRevision: 2 });
    const own = await getCountyAssessment(reviewerA, "330825");
    expect(own.run).toMatchObject({ version: 1, status: "PUBLISHED" });
    expect(own.result).toMatchObject({ total: "91.00", rank: 1, grade: "EXCELLENT" });
    expect(own.toNextRank).toBeNull();
    const reach = own.result!.items.find((i) => i.code === "reach")!;
    expect(reach.drilldown!.rows.map((r) => [r.townCode, r.counts])).toEqual([
      ["330825101", true],
      ["330825102", false],
    ]);
    const onTime = own.result!.items.find((i) => i.code === "onTime")!;
    expect(onTime.drilldown!.rows.map((r) => [r.townCode, r.counts])).toEqual([
      ["330825101", true],
      ["330825102", false],
    ]);
    expect(own.result!.items.find((i) => i.code === "org")!.entry).toMatchObject({
      value: "28",
      reason: "领导小组例会未按季度召开",
      evidence: "衢美镇办〔2026〕3号",
    });
    const other = await getCountyAssessment(reviewerB, "330822");
    expect(other.toNextRank).toEqual({ points: "16.00", rank: 1 });
    expect(await refusal(getCountyAssessment(reviewerA, "330822"))).toBe("NOT_FOUND:");
    const api = await listPublishedAssessments(reviewerA, {});
    expect(api.assessments).toHaveLength(1);
    expect(api.assessments[0]!.counties.map((c) => [c.code, c.total, c.rank])).toEqual([
      ["330825", "91.00", 1],
    ]);
    expect(api.assessments[0]!.counties[0]!.items[1]).toMatchObject({
      code: "onTime",
      actualValue: "50",
      targetValue: "100",
      points: "5.00",
    });
    // A published run is frozen.
    expect(await refusal(computeRun(admin, { runId: v1.id, expectedRevision: 3 }))).toBe(
      "CONFLICT:assessments.runNotOpen",
    );
    expect(await refusal(discardRun(admin, { runId: v1.id, expectedRevision: 3 }))).toBe(
      "CONFLICT:assessments.runNotOpen",
    );
  });

  it("keeps the published result when the data changes, and recomputes as a new version with its reason", async () => {
    await build.titles(townB1, [
      { kind: "TITLE_AWARDED", title: "BASIC_COMPLIANCE", effectiveOn: `${YEAR}-11-01` },
    ]);
    await saveEntry(admin, {
      itemId: items.org!,
      countyCode: "330822",
      value: "29",
      reason: "补充评定：宣传信息报送不足",
    });
    const published = await getRun(admin, v1.id);
    expect(totals(published)).toEqual([
      ["330825", "91.00", 1, "EXCELLENT"],
      ["330822", "75.00", 2, "PASS"],
    ]);
    // What is stored is still exactly what the frozen snapshot computes to.
    const recomputed = computeFromSnapshot(readSnapshot(published.snapshot));
    expect(recomputed.map((c) => [c.code, c.total])).toEqual([
      ["330825", "91.00"],
      ["330822", "75.00"],
    ]);
    expect((await getCountyAssessment(reviewerB, "330822")).result?.total).toBe("75.00");

    expect(await refusal(startRun(admin, { year: YEAR }))).toBe(
      "VALIDATION:assessments.reasonRequired",
    );
    const v2 = await startRun(admin, { year: YEAR, reason: "常山县1镇年内获评基本达标，更正" });
    expect(v2.version).toBe(2);
    await computeRun(admin, { runId: v2.id, expectedRevision: 1 });
    const next = await getRun(admin, v2.id);
    expect(next.reason).toBe("常山县1镇年内获评基本达标，更正");
    expect(totals(next)).toEqual([
      ["330822", "91.00", 1, "EXCELLENT"],
      ["330825", "91.00", 1, "EXCELLENT"],
    ]);
    // Shown beside the published version, which it is compared with.
    expect(next.base).toMatchObject({ id: v1.id, version: 1, status: "PUBLISHED" });
    const year = await getAssessmentYear(admin, YEAR);
    expect(year.published?.id).toBe(v1.id);
    expect(year.open?.id).toBe(v2.id);
    expect(year.runs.map((r) => [r.version, r.status])).toEqual([
      [2, "COMPUTED"],
      [1, "PUBLISHED"],
    ]);
    // Reviewers still see version 1 until version 2 is published.
    expect((await getCountyAssessment(reviewerB, "330822")).run?.version).toBe(1);

    await publishRun(admin, { runId: v2.id, expectedRevision: 2 });
    expect((await getCountyAssessment(reviewerB, "330822")).result).toMatchObject({
      total: "91.00",
      rank: 1,
    });
    const history = await getCountyAssessment(reviewerB, "330822", { year: YEAR, version: 1 });
    expect(history.run).toMatchObject({ version: 1, status: "SUPERSEDED" });
    expect(history.result?.total).toBe("75.00");
    const after = await getRun(admin, v2.id);
    expect(after.base).toMatchObject({ version: 1, status: "SUPERSEDED" });
    const audit = await prisma.auditLog.findMany({
      where: { entityType: "AssessmentRun" },
      orderBy: { id: "asc" },
      select: { action: true, entityId: true },
    });
    expect(audit.map((a) => a.action)).toEqual([
      "assessmentRun.start",
      "assessmentRun.compute",
      "assessmentRun.publish",
      "assessmentRun.start",
      "assessmentRun.compute",
      "assessmentRun.publish",
    ]);
  });
});

describe("schemes", () => {
  it("freezes a scheme in use: edits are refused", async () => {
    const scheme = await prisma.assessmentScheme.findUniqueOrThrow({ where: { id: schemeId } });
    expect(
      await refusal(
        updateScheme(admin, {
          id: schemeId,
          expectedRevision: scheme.revision,
          year: YEAR,
          name: "改名",
          nameEn: "Renamed",
          tieBreakers: [],
          excellentPercent: "30",
          excellentRounding: "HALF_UP",
          goodMinPoints: "80",
          passMinPoints: "60",
        }),
      ),
    ).toBe("CONFLICT:assessments.schemeFrozen");
  });

  it("copies a year's scheme as a draft with items and targets; activating it carries the entered values", async () => {
    await build.year(YEAR + 1, "PLANNING");
    const copied = await prisma.$transaction((tx) => copyAssessmentSchemes(tx, YEAR, YEAR + 1));
    expect(copied).toBe(1);
    expect(await prisma.$transaction((tx) => copyAssessmentSchemes(tx, 2019, YEAR + 1))).toBe(0);
    const copy = await prisma.assessmentScheme.findFirstOrThrow({
      where: { year: YEAR + 1 },
      include: { items: { include: { targets: true }, orderBy: { sortOrder: "asc" } } },
    });
    expect(copy).toMatchObject({ status: "DRAFT", version: 1, name: "2027年度测试考核方案" });
    expect(copy.items.map((i) => [i.code, i.targets.length])).toEqual([
      ["reach", 2],
      ["onTime", 2],
      ["org", 0],
      ["issues", 0],
    ]);

    // A second version of 2026, edited and activated, replaces the first and keeps the entries.
    const v2 = await prisma.$transaction(async (tx) => {
      const { copyScheme } = await import("./copy.internal");
      return copyScheme(tx, schemeId, YEAR);
    });
    const draft = await prisma.assessmentScheme.findUniqueOrThrow({ where: { id: v2.id } });
    const reach = await prisma.assessmentItem.findFirstOrThrow({
      where: { schemeId: v2.id, code: "reach" },
    });
    const edit = {
      schemeId: v2.id,
      expectedRevision: draft.revision,
      id: reach.id,
      code: "reach",
      name: "达标率",
      nameEn: "Reach",
      category: "OUTCOME",
      kind: "COMPUTED",
      scoring: "TARGET",
      metric: "plannedTownsReachingTarget",
      direction: "HIGHER",
      basePoints: "60",
      bonusStep: "10",
      bonusPerStep: "1",
      maxBonusPoints: "2",
      deductionStep: "10",
      deductionPerStep: "3",
      targets: { "330825": "60", "330822": "" },
    };
    await saveItem(admin, edit);
    expect(
      await refusal(activateScheme(admin, { id: v2.id, expectedRevision: draft.revision + 1 })),
    ).toBe("VALIDATION:assessments.targetsMissing");
    expect(await refusal(saveItem(admin, { ...edit, targets: { "330822": "60" } }))).toBe(
      "CONFLICT:assessments.staleScheme",
    );
    await saveItem(admin, {
      ...edit,
      expectedRevision: draft.revision + 1,
      targets: { "330825": "60", "330822": "55" },
    });
    await activateScheme(admin, { id: v2.id, expectedRevision: draft.revision + 2 });
    const schemes = await prisma.assessmentScheme.findMany({
      where: { year: YEAR },
      orderBy: { version: "asc" },
      include: { items: { where: { code: "org" }, include: { entries: true } } },
    });
    expect(schemes.map((s) => [s.version, s.status, s.items[0]!.entries.length])).toEqual([
      [1, "ARCHIVED", 2],
      [2, "ACTIVE", 2],
    ]);
  });

  it("refuses changes in a closed year", async () => {
    await prisma.year.update({ where: { year: YEAR }, data: { status: "CLOSED" } });
    try {
      expect(await refusal(startRun(admin, { year: YEAR, reason: "再算一次" }))).toBe(
        "CONFLICT:years.closed",
      );
      expect(
        await refusal(
          saveEntry(admin, {
            itemId: items.org!,
            countyCode: "330822",
            value: "30",
            reason: "x",
            expectedRevision: 2,
          }),
        ),
      ).toBe("CONFLICT:years.closed");
    } finally {
      await prisma.year.update({ where: { year: YEAR }, data: { status: "OPEN" } });
    }
  });
});
