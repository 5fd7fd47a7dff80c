/**
 * Programme years (issue 12, part 1) against PostgreSQL: creating the next year copies the
 * newest year's catalogue, schemes and creation list as drafts and nothing else; periods,
 * opening and closing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/prisma-client";
import { assessmentBuilders } from "@/lib/testing/assessment-builders";
import { builders, scratchApp, type Builders } from "@/lib/testing/builders";
import { userKey } from "@/lib/testing/errors";
import { closeYear, createNextYear, openYear, setYearPeriods } from "./admin";

let prisma: PrismaClient;
let drop: () => Promise<void>;
let b: Builders;
let admin: Actor;
let leader: Actor;

beforeAll(async () => {
  const app = await scratchApp("years");
  prisma = app.prisma;
  drop = app.drop;
  b = builders(prisma);
  admin = await b.actor("CITY_ADMIN");
  leader = await b.actor("CITY_LEADER");
});

afterAll(async () => drop());

/**
 * Rows per table of the public schema (every model, so nothing copied goes unnoticed), but not
 * the migrations' nor the data version's bookkeeping (a row per database connection that writes:
 * lib/system/data-version.ts).
 */
async function rowCounts(): Promise<Record<string, number>> {
  const tables = await prisma.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
      AND table_name NOT IN ('_prisma_migrations', 'DataVersion')`;
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await prisma.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM "${name}"`,
    );
    counts[name] = Number(row!.n);
  }
  return counts;
}

function diff(before: Record<string, number>, after: Record<string, number>) {
  return Object.fromEntries(
    Object.keys(after)
      .filter((t) => after[t] !== before[t])
      .map((t) => [t, after[t]! - (before[t] ?? 0)]),
  );
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return `${error.code} ${userKey(error)}`;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("opening a new year", () => {
  it("copies what it should and nothing else", async () => {
    const county = await b.county("330802");
    const towns = [];
    for (const [i, code] of [
      "330802001",
      "330802002",
      "330802003",
      "330802004",
      "330802005",
    ].entries()) {
      towns.push(await b.town(county.id, code, { townType: i === 1 ? "TOURISM" : "GENERAL" }));
    }
    const [t1, t2, t3, t4, t5] = [towns[0]!, towns[1]!, towns[2]!, towns[3]!, towns[4]!];
    // 2025: an older closed year that must not be the source.
    await b.year(2025, "CLOSED");
    await b.indicator(2025, "old");
    const periods = await b.year(2026, "OPEN");
    const parks = await b.indicator(2026, "parks");
    const gyms = await b.indicator(2026, "gyms");
    const tour = await b.indicator(2026, "tour", { kind: "DISTINCTIVE", townTypes: ["TOURISM"] });
    const retired = await b.indicator(2026, "retired");
    await prisma.indicator.update({
      where: { id: retired.id },
      data: { retiredAt: new Date(), evidenceRequired: true },
    });
    await prisma.indicator.update({
      where: { id: parks.id },
      data: { evidenceRequired: true, figureInput: "parks", sortOrder: 7, sourceNote: "doc 1" },
    });
    await prisma.basicRequirement.createMany({
      data: ["r1", "r2", "r3"].map((code, i) => ({
        year: 2026,
        code,
        name: code,
        nameEn: code,
        sortOrder: i,
      })),
    });
    // Rating schemes: an ARCHIVED v1 and the ACTIVE v2 (the one copied).
    await b.scheme(2026, { status: "ARCHIVED", version: 1 });
    const active = await b.scheme(2026, { status: "ACTIVE", version: 2 });
    const assessment = await assessmentBuilders(prisma).scheme(2026, [
      {
        code: "org",
        category: "PROCESS",
        scoring: "POINTS",
        basePoints: "30",
        targets: { [county.id]: "5" },
      },
      { code: "out", category: "OUTCOME", scoring: "POINTS", basePoints: "70" },
    ]);
    // Creation list: t1 PUBLISHED (2 targets), t2 PROVINCIAL_SAMPLE COUNTY_SEAT track with the
    // tourism indicator and the retired one, t3 DRAFT (not in the programme), t4 merged into t1,
    // t5 CLOSED (in the programme).
    const k1 = await b.task(t1.id, 2026, "PUBLISHED");
    const k2 = await prisma.creationTask.create({
      data: {
        townId: t2.id,
        year: 2026,
        status: "PUBLISHED",
        target: "PROVINCIAL_SAMPLE",
        track: "COUNTY_SEAT",
        deadline: new Date("2026-11-30T00:00:00Z"),
      },
    });
    await b.task(t3.id, 2026, "DRAFT");
    const k4 = await b.task(t4.id, 2026, "PUBLISHED");
    await prisma.town.update({
      where: { id: t4.id },
      data: { mergedIntoId: t1.id, mergedOn: new Date("2026-06-30T00:00:00Z") },
    });
    await b.task(t5.id, 2026, "CLOSED", "DEEPENING");
    await prisma.indicatorTarget.createMany({
      data: [
        { taskId: k1.id, indicatorId: parks.id, targetValue: "3" },
        { taskId: k1.id, indicatorId: gyms.id, targetValue: "2" },
        { taskId: k2.id, indicatorId: tour.id, targetValue: "1.5" },
        { taskId: k2.id, indicatorId: retired.id, targetValue: "9" },
        { taskId: k4.id, indicatorId: parks.id, targetValue: "4" },
      ],
    });
    // Things of 2026 that must stay behind: reports, values, a rating, a run.
    const report = await b.report(k1.id, periods[0]!.id, "CITY_CONFIRMED");
    await prisma.indicatorValue.create({
      data: { reportId: report.id, indicatorId: parks.id, value: "2" },
    });
    await b.rating(t2.id, 2026, active.id);
    await prisma.assessmentRun.create({
      data: { year: 2026, schemeId: assessment.id, version: 1 },
    });
    const ratingChildren = async (schemeId: number) => ({
      StarBand: await prisma.starBand.count({ where: { schemeId } }),
      RatingCategory: await prisma.ratingCategory.count({ where: { schemeId } }),
      RatingItem: await prisma.ratingItem.count({ where: { category: { schemeId } } }),
      RatingCriterion: await prisma.ratingCriterion.count({
        where: { item: { category: { schemeId } } },
      }),
    });
    const activeChildren = await ratingChildren(active.id);

    await expect(createNextYear(leader, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    const before = await rowCounts();
    const result = await createNextYear(admin, { taskDeadlineOn: "2027-11-30" });
    const after = await rowCounts();

    expect(result).toEqual({
      year: 2027,
      copiedFromYear: 2026,
      copied: {
        indicators: 3,
        basicRequirements: 3,
        ratingSchemes: 1,
        assessmentSchemes: 1,
        tasks: 3,
      },
    });
    // Targets: t1 parks + gyms (2), t2 tour (the retired one is gone) (1), t5 none: 3.
    expect(diff(before, after)).toEqual({
      Year: 1,
      Indicator: 3,
      BasicRequirement: 3,
      RatingScheme: 1,
      ...activeChildren,
      AssessmentScheme: 1,
      AssessmentItem: 2,
      AssessmentTarget: 1,
      CreationTask: 3,
      IndicatorTarget: 3,
      AuditLog: 1,
    });
    expect(activeChildren.RatingItem).toBeGreaterThan(0);

    const year = await prisma.year.findUniqueOrThrow({ where: { year: 2027 } });
    expect(year).toMatchObject({ status: "PLANNING", copiedFromYear: 2026, openedAt: null });
    expect(year.taskDeadlineOn?.toISOString().slice(0, 10)).toBe("2027-11-30");
    const indicators = await prisma.indicator.findMany({
      where: { year: 2027 },
      orderBy: { code: "asc" },
    });
    expect(indicators.map((i) => i.code)).toEqual(["gyms", "parks", "tour"]);
    expect(indicators[1]).toMatchObject({
      evidenceRequired: true,
      figureInput: "parks",
      sortOrder: 7,
      sourceNote: "doc 1",
      retiredAt: null,
    });
    expect(indicators[2]).toMatchObject({ kind: "DISTINCTIVE", townTypes: ["TOURISM"] });
    expect(
      await prisma.ratingScheme.findMany({
        where: { year: 2027 },
        select: { version: true, status: true },
      }),
    ).toEqual([{ version: 1, status: "DRAFT" }]);
    expect(
      await prisma.assessmentScheme.findMany({ where: { year: 2027 }, select: { status: true } }),
    ).toEqual([{ status: "DRAFT" }]);
    const tasks = await prisma.creationTask.findMany({
      where: { year: 2027 },
      orderBy: { townId: "asc" },
      include: {
        indicatorTargets: { include: { indicator: true }, orderBy: { indicatorId: "asc" } },
      },
    });
    expect(
      tasks.map((t) => [
        t.townId,
        t.status,
        t.target,
        t.track,
        t.deadline.toISOString().slice(0, 10),
        t.indicatorTargets.map(
          (x) => `${x.indicator.code}=${x.targetValue.toString()}@${x.indicator.year}`,
        ),
      ]),
    ).toEqual([
      [
        t1.id,
        "DRAFT",
        "BASIC_COMPLIANCE",
        "STANDARD",
        "2027-11-30",
        ["parks=3@2027", "gyms=2@2027"],
      ],
      [t2.id, "DRAFT", "PROVINCIAL_SAMPLE", "COUNTY_SEAT", "2027-11-30", ["tour=1.5@2027"]],
      [t5.id, "DRAFT", "DEEPENING", "STANDARD", "2027-11-30", []],
    ]);
    // The source is untouched.
    expect(await prisma.indicator.count({ where: { year: 2026 } })).toBe(4);
    expect(await prisma.ratingScheme.count({ where: { year: 2026, status: "ACTIVE" } })).toBe(1);

    // The next one copies 2027, due on 31 December without a default deadline.
    const next = await createNextYear(admin, {});
    expect(next.year).toBe(2028);
    // A second tab that still shows "create 2028" (or a double click) creates nothing more.
    expect(await refusal(createNextYear(admin, { year: 2028 }))).toBe(
      "CONFLICT programmeYears.exists",
    );
    expect(await prisma.year.count({ where: { year: 2029 } })).toBe(0);
    const t = await prisma.creationTask.findMany({ where: { year: 2028 } });
    expect(t).toHaveLength(0); // 2027's tasks are DRAFT: no town is in the programme of 2027.
    expect(await prisma.indicator.count({ where: { year: 2028 } })).toBe(3);
  });
});

describe("periods, opening and closing", () => {
  it("edits periods, keeps a period with reports, opens and closes with confirmed warnings", async () => {
    const y = 2040;
    await prisma.year.create({ data: { year: y, status: "PLANNING" } });
    expect(await refusal(openYear(admin, { year: y }))).toBe("CONFLICT programmeYears.noPeriods");
    const quarter = (q: number) => ({
      name: `第${q}季度`,
      nameEn: `Q${q}`,
      startsOn: `${y}-${String(q * 3 - 2).padStart(2, "0")}-01`,
      endsOn: new Date(Date.UTC(y, q * 3, 0)).toISOString().slice(0, 10),
      dueOn: new Date(Date.UTC(y, q * 3, 10)).toISOString().slice(0, 10),
    });
    await expect(setYearPeriods(leader, { year: y, periods: [quarter(1)] })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await setYearPeriods(admin, { year: y, periods: [1, 2, 3, 4].map(quarter) });
    expect(await prisma.reportingPeriod.count({ where: { year: y } })).toBe(4);
    expect(await refusal(openYear(admin, { year: y }))).toBe(
      "CONFLICT programmeYears.noIndicators",
    );
    await b.indicator(y, "x");
    await openYear(admin, { year: y });
    expect(await prisma.year.findUniqueOrThrow({ where: { year: y } })).toMatchObject({
      status: "OPEN",
    });
    expect(await refusal(openYear(admin, { year: y }))).toBe("CONFLICT programmeYears.notPlanning");

    // A report on Q4: Q4 cannot be removed, but its dates can be corrected.
    const county = await b.county("330803");
    const town = await b.town(county.id, "330803001");
    const task = await b.task(town.id, y);
    const q4 = await prisma.reportingPeriod.findFirstOrThrow({ where: { year: y, index: 4 } });
    await b.report(task.id, q4.id, "SUBMITTED");
    expect(await refusal(setYearPeriods(admin, { year: y, periods: [1, 2, 3].map(quarter) }))).toBe(
      "CONFLICT programmeYears.periods.hasReports",
    );
    expect(await prisma.reportingPeriod.count({ where: { year: y } })).toBe(4);
    await setYearPeriods(admin, {
      year: y,
      periods: [1, 2, 3]
        .map(quarter)
        .concat({ ...quarter(4), endsOn: `${y}-11-30`, dueOn: `${y}-12-10` }),
    });
    const corrected = await prisma.reportingPeriod.findUniqueOrThrow({ where: { id: q4.id } });
    expect(corrected.endsOn.toISOString().slice(0, 10)).toBe(`${y}-11-30`);

    // Closing: one unconfirmed report, no rating, no published assessment.
    expect(await refusal(closeYear(admin, { year: y }))).toBe(
      "CONFLICT programmeYears.confirmWarnings",
    );
    expect(await closeYear(admin, { year: y, confirmed: true })).toEqual({
      reportsUnconfirmed: 1,
      ratingsUnapproved: 0,
      assessmentUnpublished: true,
    });
    expect(await refusal(closeYear(admin, { year: y, confirmed: true }))).toBe(
      "CONFLICT years.closed",
    );
    expect(await refusal(setYearPeriods(admin, { year: y, periods: [quarter(1)] }))).toBe(
      "CONFLICT years.closed",
    );
  });
});
