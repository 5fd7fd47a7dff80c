/**
 * The demo data seed against a scratch PostgreSQL database: the divisions and named towns are
 * right, every account exists with its scope, the data is internally consistent and agrees with
 * the lib/domain rules, and a second run changes nothing. (The published figures are checked
 * through the dashboard's own queries in lib/dashboard/summary.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createPrismaClient } from "@/lib/prisma-client";
import { createScratchDatabase, type ScratchDatabase } from "@/lib/testing/database";
import { foldTitleEvents } from "@/lib/domain/attainment";
import { excellentCount, gradeFor } from "@/lib/domain/county-assessment";
import { starsFor } from "@/lib/domain/star-rating";
import { DEMO_PASSWORD, seedDemoData } from "./seed";

let database: ScratchDatabase;
let prisma: PrismaClient;
let firstRun: { skipped: boolean };

beforeAll(async () => {
  database = await createScratchDatabase("seed");
  prisma = createPrismaClient(database.url, { max: 2 });
  firstRun = await seedDemoData(prisma);
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
    expect(firstRun).toEqual({ skipped: false });
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
    // 80 basic compliance awards and 28 sample awards.
    expect(events).toBe(108);
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
      include: { county: true, tasks: { where: { year: 2023 } } },
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
          period: { year: 2023, index: 3 },
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
      const user = await prisma.user.findUniqueOrThrow({
        where: { username: `reviewer-${county.divisionCode}` },
      });
      expect([user.role, user.countyId, user.townId]).toEqual(["COUNTY_REVIEWER", county.id, null]);
      expect(user.displayName).toBe(`${county.name}审核员`);
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
    expect(await prisma.user.count()).toBe(2 + 6 + 101);
    expect(await verifyPassword(admin.passwordHash, DEMO_PASSWORD)).toBe(true);
    expect(await prisma.user.count({ where: { passwordHash: { not: admin.passwordHash } } })).toBe(
      0,
    );
  });

  it("has 4 years with quarterly periods, ~32 indicators a year and the ten ones", async () => {
    const years = await prisma.year.findMany({ orderBy: { year: "asc" } });
    expect(years.map((y) => [y.year, y.status])).toEqual([
      [2020, "CLOSED"],
      [2021, "CLOSED"],
      [2022, "CLOSED"],
      [2023, "OPEN"],
    ]);
    const q4 = await prisma.reportingPeriod.findUniqueOrThrow({
      where: { year_index: { year: 2023, index: 4 } },
    });
    expect([q4.startsOn, q4.endsOn, q4.dueOn].map((d) => d.toISOString().slice(0, 10))).toEqual([
      "2023-10-01",
      "2023-12-31",
      "2024-01-10",
    ]);
    for (const { year } of years) {
      expect(await prisma.indicator.count({ where: { year } })).toBe(32);
      expect(await prisma.basicRequirement.count({ where: { year } })).toBe(10);
    }
    const codes = (await prisma.indicator.findMany({ where: { year: 2023 } })).map((i) => i.code);
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
    const dims = await prisma.indicator.groupBy({ by: ["dimension"], where: { year: 2023 } });
    expect(dims).toHaveLength(6);
    expect(
      await prisma.indicator.count({
        where: { year: 2023, kind: "SATISFACTION", valueType: "PERCENT" },
      }),
    ).toBe(3);
    expect(
      await prisma.indicator.count({
        where: { year: 2023, kind: "DISTINCTIVE", townTypes: { isEmpty: true } },
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
    // Stocks behind the published figures are equal in 2023 Q3 and Q4.
    const [moved] = await prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "IndicatorValue" q3
      JOIN "ProgressReport" r3 ON r3.id = q3."reportId" JOIN "ReportingPeriod" p3 ON p3.id = r3."periodId"
      JOIN "Indicator" i ON i.id = q3."indicatorId"
      JOIN "ProgressReport" r4 ON r4."taskId" = r3."taskId"
      JOIN "ReportingPeriod" p4 ON p4.id = r4."periodId" AND p4.year = 2023 AND p4.index = 4
      JOIN "IndicatorValue" q4 ON q4."reportId" = r4.id AND q4."indicatorId" = q3."indicatorId"
      WHERE p3.year = 2023 AND p3.index = 3 AND q4.value IS NOT NULL
        AND i.code IN ('nankongReadingRooms', 'fifteenMinuteCircle', 'commonProsperityWorkshops', 'localJobsCreated')
        AND q4.value <> q3.value`;
    expect(Number(moved!.n)).toBe(0);
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
        where: { task: { year: { lt: 2023 } }, status: { not: "CITY_CONFIRMED" } },
      }),
    ).toBe(0);
    expect(
      await prisma.progressReport.count({
        where: { period: { year: 2023, index: { lt: 4 } }, status: { not: "CITY_CONFIRMED" } },
      }),
    ).toBe(0);
    const q4 = await prisma.progressReport.groupBy({
      by: ["status"],
      where: { period: { year: 2023, index: 4 } },
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
    expect(mix.CITY_CONFIRMED).toBeGreaterThan(81 / 2);
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

  it("scores star ratings that add up and agree with the year's bands", async () => {
    const ratings = await prisma.starRating.findMany({
      include: {
        scores: { include: { item: true } },
        scheme: { include: { starBands: true, items: true } },
        town: { include: { events: true } },
      },
    });
    expect(ratings.length).toBeGreaterThan(0);
    for (const rating of ratings) {
      const sampleAward = rating.town.events.find((e) => e.title === "PROVINCIAL_SAMPLE");
      expect(sampleAward?.year).toBeLessThan(rating.year);
      expect(rating.scheme.items.reduce((sum, i) => sum + Number(i.maxPoints), 0)).toBe(100);
      for (const score of rating.scores)
        expect(Number(score.points)).toBeLessThanOrEqual(Number(score.item.maxPoints));
      if (rating.totalPoints === null) {
        expect(rating.status).toBe("DRAFT");
        continue;
      }
      const sumCents = rating.scores.reduce(
        (sum, s) => sum + Math.round(Number(s.points) * 100),
        0,
      );
      expect(sumCents).toBe(Math.round(Number(rating.totalPoints) * 100));
      expect(rating.stars).toBe(starsFor(rating.totalPoints, rating.scheme.starBands));
    }
    const byYear = await prisma.starRating.groupBy({
      by: ["year", "status"],
      _count: true,
      orderBy: [{ year: "asc" }, { status: "asc" }],
    });
    expect(byYear.filter((r) => r.year < 2023).every((r) => r.status === "APPROVED")).toBe(true);
    expect(
      byYear
        .filter((r) => r.year === 2023)
        .map((r) => r.status)
        .sort(),
    ).toEqual(["APPROVED", "DRAFT", "SUBMITTED"]);
    expect(await prisma.starRating.count({ where: { year: 2023 } })).toBe(28);
  });

  it("publishes county assessments whose results add up, ranked 1–6 and graded by the scheme", async () => {
    expect(await prisma.countyAssessment.count({ where: { year: 2023 } })).toBe(0);
    for (const year of [2020, 2021, 2022]) {
      const assessments = await prisma.countyAssessment.findMany({
        where: { year },
        include: { results: true, scheme: { include: { items: true } } },
        orderBy: { rank: "asc" },
      });
      expect(assessments.map((a) => a.rank)).toEqual([1, 2, 3, 4, 5, 6]);
      const scheme = assessments[0]!.scheme;
      const base = (category: string) =>
        scheme.items
          .filter((i) => i.category === category)
          .reduce((sum, i) => sum + Number(i.basePoints), 0);
      expect([base("OUTCOME"), base("PROCESS")]).toEqual([70, 30]);
      let previous = Infinity;
      for (const a of assessments) {
        expect(a.status).toBe("PUBLISHED");
        const cents = a.results.reduce((sum, r) => sum + Math.round(Number(r.points) * 100), 0);
        expect(cents).toBe(Math.round(Number(a.totalPoints) * 100));
        for (const r of a.results) {
          expect(Math.round(Number(r.points) * 100)).toBe(
            Math.round(
              (Number(r.basePoints) + Number(r.bonusPoints) - Number(r.deductionPoints)) * 100,
            ),
          );
        }
        expect(Number(a.totalPoints)).toBeLessThan(previous);
        previous = Number(a.totalPoints);
        const excellent = excellentCount(
          { excellentShare: scheme.excellentShare, excellentRounding: "HALF_UP" },
          6,
        );
        expect(a.grade).toBe(gradeFor(a.rank!, a.totalPoints!, excellent, scheme));
      }
    }
  });

  it("skips a second run and changes no rows", async () => {
    const before = await rowCounts(prisma);
    expect(await seedDemoData(prisma)).toEqual({ skipped: true });
    expect(await rowCounts(prisma)).toEqual(before);
    expect(before.Town).toBe(101);
    const setting = await prisma.systemSetting.findUniqueOrThrow({ where: { key: "demoData" } });
    expect(setting.value).toMatchObject({ seededAt: "2024-01-12T09:00:00+08:00" });
  });
});
