/**
 * The demo data seed against a scratch PostgreSQL database, as of a pinned date (a Friday in
 * the 2026 annual-report week): the divisions and named towns are right, every account exists
 * with its scope, the data is internally consistent, agrees with the lib/domain rules and
 * looks like a working day of the current year; the same date gives the same data, and a
 * second run changes nothing. (The published figures are checked through the dashboard's own
 * queries in lib/dashboard/summary.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createPrismaClient } from "@/lib/prisma-client";
import { createScratchDatabase, type ScratchDatabase } from "@/lib/testing/database";
import { foldTitleEvents } from "@/lib/domain/attainment";
import { computeFromSnapshot, readSnapshot } from "@/lib/assessments/snapshot";
import { totalPoints } from "@/lib/domain/county-assessment";
import {
  combineSheets,
  scoreItem,
  sheetTotal,
  type Choices,
  type Criterion,
  type Tier,
} from "@/lib/domain/rating";
import { E2E_TODAY } from "@/e2e/demo-date";
import { DEMO_PASSWORD, demoClock, seedDemoData } from "./seed";
import { buildDemoData, DEMO_DATA_VERSION } from "./seed/seed-demo-data";

const TODAY = E2E_TODAY; // 2026-12-04
let database: ScratchDatabase;
let prisma: PrismaClient;
let firstRun: { skipped: boolean };

beforeAll(async () => {
  database = await createScratchDatabase("seed");
  prisma = createPrismaClient(database.url, { max: 2 });
  firstRun = await seedDemoData(prisma, { today: TODAY });
}, 180_000);

afterAll(async () => {
  await prisma?.$disconnect();
  await database?.drop();
});

/** Row counts of every table the seed writes. */
async function rowCounts(db: PrismaClient): Promise<Record<string, number>> {
  const tables = await db.$queryRaw<{ table: string }[]>`
    SELECT tablename AS "table" FROM pg_tables
    WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY tablename`;
  const out: Record<string, number> = {};
  for (const { table } of tables) {
    const [row] = await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${table}"`);
    out[table] = Number(row!.n);
  }
  return out;
}

describe("seedDemoData", () => {
  it("loads the data on the first run", () => {
    expect(firstRun).toEqual({ skipped: false, replaced: undefined, today: TODAY });
  });

  it("builds the same data for the same date, and moves with the date", () => {
    const a = buildDemoData(demoClock("2027-03-15"));
    const b = buildDemoData(demoClock("2027-03-15"));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.plan.tasks.filter((t) => t.year === 2027 && t.status === "PUBLISHED")).toHaveLength(
      84,
    );
    // Mid-March 2027: Q1 is being drafted, nothing later has begun; 2026 is closed and rated.
    const open = a.plan.reports.filter((r) => r.year === 2027);
    expect(new Set(open.map((r) => r.periodIndex))).toEqual(new Set([1]));
    expect(open.every((r) => r.status === "DRAFT")).toBe(true);
    expect(a.ratings.filter((r) => r.year === 2027)).toEqual([]);
    expect(a.ratings.filter((r) => r.year === 2026).every((r) => r.status === "APPROVED")).toBe(
      true,
    );
    // 2026 was assessed on 25 January and published on 8 February 2027; no correction yet.
    expect(
      a.assessments.runs
        .filter((r) => r.year === 2026)
        .map((r) => [r.version, r.publishedAt?.toISOString()]),
    ).toEqual([[1, "2027-02-08T07:00:00.000Z"]]);
    expect(() => demoClock("2026-02-30")).toThrow(/real date/);
  });

  it("keeps every event at or before the present when seeded on the real clock before 10:00", () => {
    // 02:30:40 on 6 December in Shanghai (the fresh-user trial saw "as of 10:00" at 02:30).
    const early = demoClock(undefined, new Date("2026-12-05T18:30:40Z"));
    expect(early).toEqual({
      today: "2026-12-06",
      now: new Date("2026-12-05T18:30:00Z"),
      year: 2026,
    });
    // A pinned date, or the real clock after 10:00, keeps 10:00.
    expect(demoClock("2026-12-06").now).toEqual(new Date("2026-12-06T02:00:00Z"));
    expect(demoClock(undefined, new Date("2026-12-06T05:00:00Z")).now).toEqual(
      new Date("2026-12-06T02:00:00Z"),
    );
    // Just after midnight: never before the day's start.
    expect(demoClock(undefined, new Date("2026-12-05T16:00:20Z")).now).toEqual(
      new Date("2026-12-05T16:00:00Z"),
    );
    // The latest instant of any event (plans' dates — a task's deadline, a project's end — are
    // in the future on purpose).
    const planned = new Set(["deadline", "endsOn"]);
    const latest = (value: unknown): number => {
      if (value instanceof Date) return value.getTime();
      if (Array.isArray(value)) return Math.max(-Infinity, ...value.map(latest));
      if (value && typeof value === "object") {
        const events = Object.entries(value).filter(([key]) => !planned.has(key));
        return latest(events.map(([, v]) => v));
      }
      return -Infinity;
    };
    expect(latest(buildDemoData(early))).toBeLessThanOrEqual(early.now.getTime());
    expect(latest(buildDemoData(demoClock("2026-12-06")))).toBeLessThanOrEqual(
      new Date("2026-12-06T02:00:00Z").getTime(),
    );
  });

  it("strips one sample's title after a spot check and keeps the named towns' titles", async () => {
    const stripped = await prisma.townEvent.findMany({
      where: { kind: "TITLE_STRIPPED" },
      include: { town: true },
    });
    expect(
      stripped.map((e) => [
        e.town.name,
        e.effectiveOn.toISOString().slice(0, 10),
        e.attainmentAfter,
      ]),
    ).toEqual([["石门镇", "2024-06-18", "BASIC_COMPLIANCE"]]);
    expect(stripped[0]!.document).toMatch(/抽查/);
    expect(await prisma.townEvent.count({ where: { effectiveOn: { gt: new Date(TODAY) } } })).toBe(
      0,
    );
  });

  it("stores on every title event the attainment the one rule gives (foldTitleEvents)", async () => {
    const towns = await prisma.town.findMany({
      include: { events: { orderBy: [{ effectiveOn: "asc" }, { id: "asc" }] } },
    });
    let events = 0;
    for (const town of towns) {
      const titleEvents = town.events.map((e) => ({
        id: e.id,
        kind: e.kind as "TITLE_AWARDED" | "TITLE_STRIPPED",
        title: e.title as "BASIC_COMPLIANCE" | "PROVINCIAL_SAMPLE",
        effectiveOn: e.effectiveOn.toISOString().slice(0, 10),
      }));
      expect(
        town.events.map((e) => e.attainmentAfter),
        town.name,
      ).toEqual(foldTitleEvents(titleEvents).map((e) => e.attainmentAfter));
      for (const e of town.events) expect(e.document, town.name).toMatch(/浙美镇办〔\d{4}〕/);
      events += town.events.length;
    }
    // By the end of 2022: 80 basic compliance awards and 28 sample awards; then 塘源口乡 and
    // the three later joiners reach basic compliance, three samples a year 2023–2025, one strip.
    expect(events).toBe(80 + 28 + 4 + 9 + 1);
  });

  it("has the 6 counties and 100 NBS towns plus the local unit 芹阳办事处", async () => {
    const counties = await prisma.county.findMany({
      include: { towns: { select: { isLocalUnit: true } } },
      orderBy: { divisionCode: "asc" },
    });
    expect(
      counties.map((c) => [
        c.divisionCode,
        c.name,
        c.nameEn,
        c.kind,
        c.isMountainCounty,
        c.towns.length,
      ]),
    ).toEqual([
      ["330802", "柯城区", "Kecheng District", "DISTRICT", true, 18],
      ["330803", "衢江区", "Qujiang District", "DISTRICT", true, 20],
      ["330822", "常山县", "Changshan County", "COUNTY", true, 14],
      ["330824", "开化县", "Kaihua County", "COUNTY", true, 15],
      ["330825", "龙游县", "Longyou County", "COUNTY", true, 15],
      ["330881", "江山市", "Jiangshan City", "COUNTY_CITY", true, 19],
    ]);
    expect(await prisma.town.count({ where: { isLocalUnit: false } })).toBe(100);
    const local = await prisma.town.findMany({
      where: { isLocalUnit: true },
      include: { county: true },
    });
    expect(local).toHaveLength(1);
    expect(local[0]).toMatchObject({
      name: "芹阳办事处",
      divisionCode: "330824900",
      kind: "OFFICE",
      isCountySeat: true,
    });
    expect(local[0]!.county.name).toBe("开化县");
    expect(local[0]!.sourceNote).toMatch(/2023/);
    expect(local[0]!.sourceNote).toMatch(/县城/);
    const city = await prisma.city.findUniqueOrThrow({ where: { divisionCode: "3308" } });
    expect([city.name, city.nameEn]).toEqual(["衢州市", "Quzhou"]);
    const kinds = await prisma.town.groupBy({
      by: ["kind"],
      _count: true,
      orderBy: { kind: "asc" },
    });
    expect(Object.fromEntries(kinds.map((k) => [k.kind, k._count]))).toEqual({
      TOWN: 43,
      TOWNSHIP: 38,
      ETHNIC_TOWNSHIP: 1,
      SUBDISTRICT: 18,
      OFFICE: 1,
    });
    const muchen = await prisma.town.findFirstOrThrow({ where: { name: "沐尘畲族乡" } });
    expect([muchen.kind, muchen.nameEn]).toEqual(["ETHNIC_TOWNSHIP", "Muchen She Ethnic Township"]);
    const xikou = await prisma.town.findUniqueOrThrow({ where: { divisionCode: "330825109" } });
    expect([xikou.name, xikou.nameEn]).toEqual(["溪口镇", "Xikou Town"]);
    expect(await prisma.town.count({ where: { nameEn: null } })).toBe(0);
  });

  it("keeps the named towns' facts", async () => {
    for (const name of ["溪口镇", "白石镇", "杜泽镇", "全旺镇"]) {
      const town = await prisma.town.findFirstOrThrow({
        where: { name },
        include: { events: { orderBy: [{ effectiveOn: "desc" }, { id: "desc" }], take: 1 } },
      });
      expect(town.events[0]?.attainmentAfter, name).toBe("PROVINCIAL_SAMPLE");
    }
    const seats = await prisma.town.findMany({
      where: { isCountySeat: true },
      include: { county: true, tasks: { where: { year: 2026 } } },
      orderBy: { divisionCode: "asc" },
    });
    expect(seats.map((t) => `${t.county.name}${t.name}`)).toEqual([
      "柯城区府山街道",
      "衢江区樟潭街道",
      "常山县天马街道",
      "开化县芹阳办事处",
      "龙游县龙洲街道",
      "江山市双塔街道",
    ]);
    for (const seat of seats) {
      expect(seat.tasks.map((t) => [t.track, t.status])).toEqual([["COUNTY_SEAT", "PUBLISHED"]]);
    }

    const cluster = await prisma.townCircle.findMany({
      where: { isModel: true },
      include: { towns: { include: { town: true } } },
    });
    const memberSets = cluster.map((c) =>
      c.towns
        .map((m) => m.town.name)
        .sort()
        .join(","),
    );
    expect(memberSets).toContain(
      ["溪口镇", "沐尘畲族乡", "庙下乡", "大街乡", "白石镇", "球川镇"].sort().join(","),
    );
    const belt = await prisma.belt.findFirstOrThrow({ include: { circles: true } });
    expect([belt.name, belt.nameEn, belt.circles.length]).toEqual([
      "诗画风光带",
      "Poetic Landscape Belt",
      22,
    ]);

    const sheep = await prisma.project.findMany({
      where: { task: { town: { name: "峡口镇" } }, name: { contains: "湖羊养殖共富工坊" } },
    });
    expect(sheep.length).toBeGreaterThanOrEqual(1);
    expect(sheep.every((p) => p.dimension === "INDUSTRY")).toBe(true);
    const workshops = await prisma.indicatorValue.findFirstOrThrow({
      where: {
        indicator: { code: "commonProsperityWorkshops" },
        report: {
          status: "CITY_CONFIRMED",
          period: { year: 2022, index: 4 },
          task: { town: { name: "峡口镇" } },
        },
      },
    });
    expect(Number(workshops.value)).toBeGreaterThanOrEqual(1);
    expect(workshops.note).toMatch(/湖羊/);

    const drone = await prisma.project.findMany({
      where: {
        task: { town: { name: "全旺镇" } },
        name: { contains: "无人机巡检系统" },
        dimension: "GOVERNANCE",
      },
    });
    expect(drone.length).toBeGreaterThanOrEqual(1);

    for (const name of ["莲花镇", "廿八都镇"]) {
      expect((await prisma.town.findFirstOrThrow({ where: { name } })).townType).toBe("TOURISM");
    }
  });

  it("creates every demo account with the right scope and the demo password", async () => {
    const counties = await prisma.county.findMany();
    for (const county of counties) {
      for (const [prefix, suffix] of [
        ["reviewer", ""],
        ["reviewer2", "（二）"],
      ]) {
        const user = await prisma.user.findUniqueOrThrow({
          where: { username: `${prefix}-${county.divisionCode}` },
        });
        expect([user.role, user.countyId, user.townId]).toEqual([
          "COUNTY_REVIEWER",
          county.id,
          null,
        ]);
        expect(user.displayName).toBe(`${county.name}审核员${suffix}`);
      }
    }
    const towns = await prisma.town.findMany();
    const staff = await prisma.user.findMany({ where: { role: "TOWNSHIP_STAFF" } });
    expect(staff).toHaveLength(101);
    const byName = new Map(staff.map((u) => [u.username, u]));
    for (const town of towns) {
      const user = byName.get(`staff-${town.divisionCode}`);
      expect(user, town.name).toBeDefined();
      expect([user!.townId, user!.countyId, user!.displayName]).toEqual([
        town.id,
        null,
        `${town.name}填报员`,
      ]);
    }
    expect(byName.has("staff-330824900")).toBe(true);
    const admin = await prisma.user.findUniqueOrThrow({ where: { username: "admin" } });
    const leader = await prisma.user.findUniqueOrThrow({ where: { username: "leader" } });
    expect([admin.role, leader.role]).toEqual(["CITY_ADMIN", "CITY_LEADER"]);
    expect(await prisma.user.count()).toBe(2 + 12 + 101);
    expect(await verifyPassword(admin.passwordHash, DEMO_PASSWORD)).toBe(true);
    expect(await prisma.user.count({ where: { passwordHash: { not: admin.passwordHash } } })).toBe(
      0,
    );
  });

  it("has the years 2020 to today's with four periods, 32 indicators a year and the ten ones", async () => {
    const years = await prisma.year.findMany({ orderBy: { year: "asc" } });
    expect(years.map((y) => [y.year, y.status])).toEqual([
      [2020, "CLOSED"],
      [2021, "CLOSED"],
      [2022, "CLOSED"],
      [2023, "CLOSED"],
      [2024, "CLOSED"],
      [2025, "CLOSED"],
      [2026, "OPEN"],
    ]);
    const periods = await prisma.reportingPeriod.findMany({
      where: { year: 2026 },
      orderBy: { index: "asc" },
    });
    expect(
      periods.map((p) => [p.startsOn, p.endsOn, p.dueOn].map((d) => d.toISOString().slice(5, 10))),
    ).toEqual([
      ["01-01", "03-31", "04-10"],
      ["04-01", "06-30", "07-10"],
      ["07-01", "09-30", "10-10"],
      ["10-01", "11-30", "12-10"],
    ]);
    for (const { year } of years) {
      expect(await prisma.indicator.count({ where: { year } })).toBe(32);
      expect(await prisma.basicRequirement.count({ where: { year } })).toBe(10);
    }
    const codes = (await prisma.indicator.findMany({ where: { year: 2026 } })).map((i) => i.code);
    for (const code of [
      "nankongReadingRooms",
      "communityGyms",
      "elderlyCareCentres",
      "neighbourhoodCentres",
      "fifteenMinuteCircle",
      "nightLandscape",
      "commonProsperityWorkshops",
      "localJobsCreated",
    ]) {
      expect(codes).toContain(code);
    }
    const dims = await prisma.indicator.groupBy({ by: ["dimension"], where: { year: 2026 } });
    expect(dims).toHaveLength(6);
    expect(
      await prisma.indicator.count({
        where: { year: 2026, kind: "SATISFACTION", valueType: "PERCENT" },
      }),
    ).toBe(3);
    expect(
      await prisma.indicator.count({
        where: { year: 2026, kind: "DISTINCTIVE", townTypes: { isEmpty: true } },
      }),
    ).toBe(0);
  });

  it("never has a project with completed > planned or planned ≤ 0, nor progress out of step", async () => {
    expect(await prisma.project.count({ where: { plannedInvestmentWan: { lte: 0 } } })).toBe(0);
    expect(
      await prisma.project.count({
        where: { completedInvestmentWan: { gt: prisma.project.fields.plannedInvestmentWan } },
      }),
    ).toBe(0);
    expect(
      await prisma.project.count({
        where: { specialBondsWan: { gt: prisma.project.fields.plannedInvestmentWan } },
      }),
    ).toBe(0);
    const [bad] = await prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "ProjectProgress" pp JOIN "Project" p ON p.id = pp."projectId"
      WHERE pp."completedInvestmentWan" > p."plannedInvestmentWan"
         OR pp."percentComplete" < 0 OR pp."percentComplete" > 100
         OR (pp.status = 'COMPLETED') <> (pp."percentComplete" = 100)
         OR (pp."percentComplete" = 100 AND pp."completedInvestmentWan" <> p."plannedInvestmentWan")`;
    expect(Number(bad!.n)).toBe(0);
    const range = await prisma.project.aggregate({
      _min: { plannedInvestmentWan: true },
      _max: { plannedInvestmentWan: true },
    });
    expect(Number(range._min.plannedInvestmentWan)).toBeGreaterThanOrEqual(80);
    expect(Number(range._max.plannedInvestmentWan)).toBeLessThanOrEqual(9000);
    const perTask = await prisma.project.groupBy({ by: ["taskId"], _count: true });
    expect(perTask.every((t) => t._count >= 2 && t._count <= 5)).toBe(true);
    expect(perTask).toHaveLength(await prisma.creationTask.count());
  });

  it("keeps indicator values inside their bounds (no percent above 100)", async () => {
    expect(
      await prisma.indicatorValue.count({
        where: { indicator: { valueType: "PERCENT" }, value: { gt: 100 } },
      }),
    ).toBe(0);
    const [outside] = await prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "IndicatorValue" v JOIN "Indicator" i ON i.id = v."indicatorId"
      WHERE v.value < i."minValue" OR v.value > i."maxValue"
         OR (i."valueType" = 'BOOLEAN' AND v.value NOT IN (0, 1))`;
    expect(Number(outside!.n)).toBe(0);
    // The stocks behind the published figures never fall from one year's annual report to the next.
    const [fell] = await prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "IndicatorValue" a
      JOIN "ProgressReport" ra ON ra.id = a."reportId" JOIN "ReportingPeriod" pa ON pa.id = ra."periodId"
      JOIN "CreationTask" ta ON ta.id = ra."taskId" JOIN "Indicator" ia ON ia.id = a."indicatorId"
      JOIN "CreationTask" tb ON tb."townId" = ta."townId" AND tb.year = ta.year + 1
      JOIN "ProgressReport" rb ON rb."taskId" = tb.id
      JOIN "ReportingPeriod" pb ON pb.id = rb."periodId" AND pb.index = 4
      JOIN "Indicator" ib ON ib.year = tb.year AND ib.code = ia.code
      JOIN "IndicatorValue" b ON b."reportId" = rb.id AND b."indicatorId" = ib.id
      WHERE pa.index = 4 AND b.value IS NOT NULL AND a.value IS NOT NULL
        AND ia.code IN ('nankongReadingRooms', 'fifteenMinuteCircle', 'commonProsperityWorkshops', 'localJobsCreated')
        AND b.value < a.value`;
    expect(Number(fell!.n)).toBe(0);
  });

  it("reviews every accepted report by the town's own county reviewer, then the city", async () => {
    const [wrongCounty] = await prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "Review" rv
      JOIN "User" u ON u.id = rv."reviewerId"
      JOIN "ProgressReport" r ON r.id = rv."reportId"
      JOIN "CreationTask" t ON t.id = r."taskId" JOIN "Town" tw ON tw.id = t."townId"
      WHERE rv.decision IN ('APPROVE', 'RETURN') AND (u.role <> 'COUNTY_REVIEWER' OR u."countyId" <> tw."countyId")`;
    expect(Number(wrongCounty!.n)).toBe(0);
    const confirmed = await prisma.progressReport.count({ where: { status: "CITY_CONFIRMED" } });
    expect(
      await prisma.review.count({
        where: { decision: "CONFIRM", reviewer: { role: "CITY_ADMIN" } },
      }),
    ).toBe(confirmed);
    const accepted = await prisma.progressReport.count({
      where: { status: { in: ["CITY_CONFIRMED", "COUNTY_APPROVED"] } },
    });
    expect(await prisma.review.count({ where: { decision: "APPROVE" } })).toBe(accepted);
    expect(
      await prisma.progressReport.count({
        where: { task: { year: { lt: 2026 } }, status: { not: "CITY_CONFIRMED" } },
      }),
    ).toBe(0);
    expect(
      await prisma.progressReport.count({
        where: { period: { year: 2026, index: { lt: 4 } }, status: { not: "CITY_CONFIRMED" } },
      }),
    ).toBe(0);
    // Six days before the annual report is due: drafts, submissions, returns, approvals.
    const q4 = await prisma.progressReport.groupBy({
      by: ["status"],
      where: { period: { year: 2026, index: 4 } },
      _count: true,
    });
    const mix = Object.fromEntries(q4.map((s) => [s.status, s._count]));
    expect(Object.keys(mix).sort()).toEqual([
      "CITY_CONFIRMED",
      "COUNTY_APPROVED",
      "DRAFT",
      "RETURNED",
      "SUBMITTED",
    ]);
    expect(mix.DRAFT).toBeGreaterThan(20);
    // Nothing in the data happens after the demo's now, and no report is overdue.
    const now = new Date(`${TODAY}T10:00:00+08:00`);
    expect(await prisma.progressReport.count({ where: { updatedAt: { gt: now } } })).toBe(0);
    expect(await prisma.review.count({ where: { createdAt: { gt: now } } })).toBe(0);
    expect(
      await prisma.progressReport.count({
        where: {
          status: { in: ["DRAFT", "RETURNED"] },
          period: { dueOn: { lt: new Date(TODAY) } },
        },
      }),
    ).toBe(0);
    const returned = await prisma.progressReport.findMany({
      where: { status: "RETURNED" },
      include: { reviews: { include: { comments: true } } },
    });
    for (const report of returned) {
      const last = report.reviews.at(-1)!;
      expect(last.decision).toBe("RETURN");
      expect(last.comments.some((c) => c.indicatorId !== null)).toBe(true);
    }
  });

  it("scores star ratings by panel: points follow the choices, results the submitted sheets", async () => {
    const ratings = await prisma.starRating.findMany({
      include: {
        panel: { include: { reviewer: true } },
        sheets: { include: { scores: { include: { item: { include: { criteria: true } } } } } },
        scheme: { include: { starBands: true, items: true } },
        selfAssessment: true,
        town: { include: { events: true } },
      },
    });
    expect(ratings.length).toBeGreaterThan(0);
    for (const rating of ratings) {
      const sampleAward = rating.town.events.find((e) => e.title === "PROVINCIAL_SAMPLE");
      expect(sampleAward?.year).toBeLessThan(rating.year);
      expect(rating.scheme.items.reduce((sum, i) => sum + Number(i.maxPoints), 0)).toBe(100);
      expect(rating.panel.map((p) => p.crossReview)).toEqual([false, false, true]);
      expect(
        rating.panel
          .filter((p) => !p.crossReview)
          .every((p) => p.reviewer.countyId === rating.town.countyId),
      ).toBe(true);
      for (const sheet of rating.sheets) {
        for (const score of sheet.scores) {
          const rule = {
            code: score.item.code,
            maxPoints: score.item.maxPoints.toFixed(),
            floorPoints: score.item.floorPoints.toFixed(),
            criteria: score.item.criteria.map((c): Criterion =>
              c.kind === "TIERED"
                ? { code: c.code, kind: "TIERED", tiers: c.tiers as Tier[] }
                : c.kind === "VETO"
                  ? { code: c.code, kind: "VETO", effect: c.vetoEffect!, capStars: c.vetoCapStars }
                  : c.kind === "DISCRETIONARY"
                    ? {
                        code: c.code,
                        kind: c.kind,
                        points: c.points!.toFixed(),
                        step: c.step!.toFixed(),
                      }
                    : { code: c.code, kind: c.kind, points: c.points!.toFixed() },
            ),
          };
          const expected = scoreItem(rule, score.choices as Choices | null).points;
          expect(score.points?.toFixed(2) ?? null).toBe(expected);
        }
        const total = sheetTotal(sheet.scores.map((x) => x.points?.toFixed(2) ?? null));
        if (sheet.status === "SUBMITTED") expect(sheet.totalPoints?.toFixed(2)).toBe(total);
      }
      const submitted = rating.sheets.filter((x) => x.status === "SUBMITTED");
      const result = combineSheets(
        submitted.map((x) => ({
          reviewerId: x.reviewerId,
          total: x.totalPoints!.toFixed(2),
          items: Object.fromEntries(x.scores.map((y) => [y.item.code, y.points!.toFixed(2)])),
          vetoes: [],
        })),
        {
          combination: rating.scheme.combination,
          trimMinSheets: rating.scheme.trimMinSheets,
          itemSpreadLimit: rating.scheme.itemSpreadLimit?.toFixed() ?? null,
          reviewerDeviationLimit: rating.scheme.reviewerDeviationLimit?.toFixed() ?? null,
          bands: rating.scheme.starBands.map((b) => ({
            stars: b.stars,
            minPoints: b.minPoints.toFixed(),
          })),
        },
      );
      expect([rating.totalPoints?.toFixed(2) ?? null, rating.stars]).toEqual([
        result.total,
        result.stars,
      ]);
      if (rating.status === "APPROVED") expect(submitted).toHaveLength(3);
    }
    const byYear = await prisma.starRating.groupBy({
      by: ["year", "status"],
      _count: true,
      orderBy: [{ year: "asc" }, { status: "asc" }],
    });
    expect(byYear.filter((r) => r.year < 2026).every((r) => r.status === "APPROVED")).toBe(true);
    // 2026: being scored — every town's self-assessment in, the panels' sheets partly submitted.
    expect(byYear.filter((r) => r.year === 2026).map((r) => r.status)).toEqual(["SCORING"]);
    const sheets = await prisma.scoreSheet.groupBy({
      by: ["status"],
      where: { rating: { year: 2026 } },
      _count: true,
    });
    expect(sheets.map((x) => x.status).sort()).toEqual(["DRAFT", "SUBMITTED"]);
    const selfs = await prisma.selfAssessment.groupBy({
      by: ["status"],
      where: { rating: { year: 2026 } },
      _count: true,
    });
    expect(selfs.find((x) => x.status === "SUBMITTED")!._count).toBeGreaterThan(30);
    // 2021 rates the 9 samples of 2020, 2026 the 36 holding the title on 1 November.
    expect(await prisma.starRating.count({ where: { year: 2021 } })).toBe(9);
    expect(await prisma.starRating.count({ where: { year: 2026 } })).toBe(36);
  });

  it("publishes the closed years' assessments, computed by lib/assessments over the demo data", async () => {
    expect(await prisma.assessmentRun.count({ where: { year: 2026 } })).toBe(0);
    const runs = await prisma.assessmentRun.findMany({
      orderBy: [{ year: "asc" }, { version: "asc" }],
      include: {
        assessments: {
          include: { county: true, results: { include: { item: true } } },
          orderBy: { rank: "asc" },
        },
      },
    });
    expect(runs.map((r) => [r.year, r.version, r.status])).toEqual([
      [2020, 1, "PUBLISHED"],
      [2021, 1, "PUBLISHED"],
      [2022, 1, "PUBLISHED"],
      [2023, 1, "PUBLISHED"],
      [2024, 1, "PUBLISHED"],
      [2025, 1, "SUPERSEDED"],
      [2025, 2, "PUBLISHED"],
    ]);
    for (const run of runs) {
      const snapshot = readSnapshot(run.snapshot);
      const base = (category: string) =>
        totalPoints(
          snapshot.scheme.items
            .filter((i) => i.category === category)
            .map((i) => ({ points: i.basePoints })),
        );
      expect([base("OUTCOME"), base("PROCESS")]).toEqual(["70.00", "30.00"]);
      // What is stored is what the frozen snapshot computes to, item by item.
      const stored = run.assessments.map((a) => ({
        code: a.county.divisionCode,
        total: a.totalPoints.toFixed(2),
        rank: a.rank,
        grade: a.grade,
        items: a.results
          .sort((x, y) => x.item.sortOrder - y.item.sortOrder)
          .map((r) => [r.item.code, r.basis, r.points.toFixed(2)]),
      }));
      const computed = computeFromSnapshot(snapshot).map((c) => ({
        code: c.code,
        total: c.total,
        rank: c.rank,
        grade: c.grade,
        items: c.items.map((i) => [i.code, i.basis, i.points]),
      }));
      expect(stored).toEqual(computed);
      expect(stored.map((c) => c.rank)[0]).toBe(1);
      expect(stored.filter((c) => c.grade === "EXCELLENT").length).toBeGreaterThanOrEqual(2);
      // Closed years are fully entered; computed items rest on data (ratings begin in 2021).
      const bases = new Set(stored.flatMap((c) => c.items.map((i) => i[1])));
      expect(bases.has("NOT_ENTERED")).toBe(false);
      expect(bases.has("COMPUTED") && bases.has("ENTERED")).toBe(true);
    }
    // The 2025 correction added one inspection issue to one county: −1 point there, nothing else.
    const [v1, v2] = runs.filter((r) => r.year === 2025);
    const totals = (r: typeof v1) =>
      Object.fromEntries(
        r!.assessments.map((a) => [a.county.divisionCode, a.totalPoints.toFixed(2)]),
      );
    const diff = Object.entries(totals(v2)).filter(([code, total]) => totals(v1)[code] !== total);
    expect(diff).toHaveLength(1);
    expect(Number(totals(v1)[diff[0]![0]]) - Number(diff[0]![1])).toBe(1);
    expect(v2!.reason).toMatch(/抽查通报/);
  });

  it("skips a second run and changes no rows", async () => {
    const before = await rowCounts(prisma);
    expect(await seedDemoData(prisma, { today: TODAY })).toEqual({ skipped: true, today: TODAY });
    expect(await rowCounts(prisma)).toEqual(before);
    expect(before.Town).toBe(101);
    const setting = await prisma.systemSetting.findUniqueOrThrow({ where: { key: "demoData" } });
    expect(setting.value).toMatchObject({ today: TODAY, version: DEMO_DATA_VERSION });
  });
});
