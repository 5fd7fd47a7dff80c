/**
 * Small builders for integration tests, so a test owns exactly the data it reads instead of
 * depending on the whole demo data set: a scratch database wired as the app's database, then
 * a city, counties, towns, years with periods, indicators, tasks, reports and actors, each with
 * the fewest fields a test must give. Calendar dates are "YYYY-MM-DD" (stored as `@db.Date`).
 */
import type { Actor } from "@/lib/access";
import { loadActor } from "@/lib/auth/actor";
import { foldTitleEvents, type Title } from "@/lib/domain/attainment";
import type {
  IndicatorKind,
  ReportStatus,
  Role,
  TaskStatus,
  TownType,
  ValueType,
  YearStatus,
} from "@/lib/generated/prisma/enums";
import { createPrismaClient, type PrismaClient } from "@/lib/prisma-client";
import { createScratchDatabase, type ScratchDatabase } from "./database";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/**
 * A scratch database that the app's own `db()` uses too (DATABASE_URL is set before any use),
 * and a client of the test's own. Call `drop()` in afterAll.
 */
export async function scratchApp(
  label: string,
): Promise<{ prisma: PrismaClient; database: ScratchDatabase; drop: () => Promise<void> }> {
  const database = await createScratchDatabase(label);
  process.env.DATABASE_URL = database.url;
  const prisma = createPrismaClient(database.url, { max: 3 });
  return {
    prisma,
    database,
    drop: async () => {
      await prisma.$disconnect();
      const shared = (globalThis as { meizhenPrisma?: PrismaClient }).meizhenPrisma;
      await shared?.$disconnect();
      await database.drop();
    },
  };
}

/** Builders bound to one database. */
export function builders(prisma: PrismaClient) {
  let cityId: number | undefined;
  let seq = 0;
  const next = () => ++seq;

  async function city(): Promise<number> {
    cityId ??= (
      await prisma.city.create({ data: { divisionCode: "3308", name: "衢州市", nameEn: "Quzhou" } })
    ).id;
    return cityId;
  }

  return {
    /** A county (6-digit code). */
    async county(divisionCode: string, name = `县${divisionCode}`) {
      return prisma.county.create({
        data: { cityId: await city(), divisionCode, name, nameEn: name, kind: "COUNTY" },
      });
    },

    /** A town (9-digit code) in a county. */
    async town(
      countyId: number,
      divisionCode: string,
      options: { name?: string; townType?: TownType; isCountySeat?: boolean } = {},
    ) {
      return prisma.town.create({
        data: {
          countyId,
          divisionCode,
          name: options.name ?? `镇${divisionCode}`,
          nameEn: `Town ${divisionCode}`,
          kind: "TOWN",
          townType: options.townType ?? "GENERAL",
          isCountySeat: options.isCountySeat ?? false,
        },
      });
    },

    /** A year with quarterly periods due on the given dates (default: 10 days after each quarter). */
    async year(
      year: number,
      status: YearStatus = "OPEN",
      dueOn: string[] = [`${year}-04-10`, `${year}-07-10`, `${year}-10-10`, `${year + 1}-01-10`],
    ) {
      await prisma.year.create({ data: { year, status } });
      const periods = [];
      for (let q = 1; q <= dueOn.length; q++) {
        const startsOn = `${year}-${String(q * 3 - 2).padStart(2, "0")}-01`;
        const endsOn = new Date(Date.UTC(year, q * 3, 0)).toISOString().slice(0, 10);
        periods.push(
          await prisma.reportingPeriod.create({
            data: {
              year,
              index: q,
              name: `${year}年第${q}季度`,
              nameEn: `${year} Q${q}`,
              startsOn: day(startsOn),
              endsOn: day(endsOn),
              dueOn: day(dueOn[q - 1]!),
            },
          }),
        );
      }
      return periods;
    },

    /** One more reporting period of a year (index after the existing ones). */
    async period(year: number, options: { startsOn?: string; dueOn?: string } = {}) {
      const last = await prisma.reportingPeriod.findFirst({
        where: { year },
        orderBy: { index: "desc" },
      });
      const index = (last?.index ?? 0) + 1;
      return prisma.reportingPeriod.create({
        data: {
          year,
          index,
          name: `${year}年第${index}期`,
          nameEn: `${year} P${index}`,
          startsOn: day(options.startsOn ?? `${year}-01-01`),
          endsOn: day(`${year}-12-31`),
          dueOn: day(options.dueOn ?? `${year}-12-31`),
        },
      });
    },

    /** An indicator of a year's catalogue. */
    async indicator(
      year: number,
      code: string,
      options: {
        kind?: IndicatorKind;
        townTypes?: TownType[];
        valueType?: ValueType;
        isRequired?: boolean;
      } = {},
    ) {
      return prisma.indicator.create({
        data: {
          year,
          code,
          name: code,
          nameEn: code,
          dimension: "LIVING",
          kind: options.kind ?? "COMMON",
          unit: "个",
          unitEn: "units",
          valueType: options.valueType ?? "INTEGER",
          minValue: "0",
          isRequired: options.isRequired ?? true,
          townTypes: options.townTypes ?? [],
        },
      });
    },

    /** A town's creation task of a year. */
    async task(
      townId: number,
      year: number,
      status: TaskStatus = "PUBLISHED",
      target:
        | "BASIC_COMPLIANCE"
        | "PROVINCIAL_SAMPLE"
        | "SAMPLE_RENEWAL"
        | "DEEPENING" = "BASIC_COMPLIANCE",
    ) {
      return prisma.creationTask.create({
        data: { townId, year, status, target, deadline: day(`${year}-12-31`) },
      });
    },

    /** A report of a task for a period, in a given status and version. */
    async report(taskId: number, periodId: number, status: ReportStatus = "DRAFT", version = 1) {
      return prisma.progressReport.create({
        data: {
          taskId,
          periodId,
          status,
          version,
          submissionCount: status === "DRAFT" ? 0 : 1,
          submittedAt: status === "DRAFT" ? null : new Date(),
          firstSubmittedAt: status === "DRAFT" ? null : new Date(),
        },
      });
    },

    /**
     * A town's title events, with their attainment written by the one rule (as the town
     * register's use cases do).
     */
    async titles(
      townId: number,
      events: { kind: "TITLE_AWARDED" | "TITLE_STRIPPED"; title: Title; effectiveOn: string }[],
    ) {
      const folded = foldTitleEvents(events.map((e, id) => ({ ...e, id })));
      for (const e of folded) {
        await prisma.townEvent.create({
          data: {
            townId,
            kind: e.kind,
            title: e.title,
            effectiveOn: day(e.effectiveOn),
            attainmentAfter: e.attainmentAfter,
            document: "测试文件",
          },
        });
      }
    },

    /**
     * A small ACTIVE rating scheme of a year (10 points; bands 1★ 6, 2★ 7, 3★ 8, 4★ 9, 5★ 9.5):
     * A1 (max 4) = FIXED f 2 + TIERED t [2, 1, 0]; A2 (max 3) = DISCRETIONARY d up to 3 in
     * steps of 0.5; A3 (max 3, floor 0) = FIXED base 3 − DEDUCTION k 1 per occurrence, with a
     * VETO v (VOID). Items come back by code with their ids.
     */
    async scheme(
      year: number,
      options: {
        status?: "DRAFT" | "ACTIVE" | "ARCHIVED";
        version?: number;
        combination?: "MEAN" | "TRIMMED_MEAN";
        itemSpreadLimit?: string | null;
        reviewerDeviationLimit?: string | null;
      } = {},
    ) {
      const scheme = await prisma.ratingScheme.create({
        data: {
          year,
          version: options.version ?? 1,
          name: `${year}年度测试细则`,
          nameEn: `${year} test scheme`,
          status: options.status ?? "ACTIVE",
          maxPoints: "10",
          combination: options.combination ?? "MEAN",
          trimMinSheets: 3,
          itemSpreadLimit: options.itemSpreadLimit === undefined ? "1.5" : options.itemSpreadLimit,
          reviewerDeviationLimit:
            options.reviewerDeviationLimit === undefined ? "1" : options.reviewerDeviationLimit,
          starBands: {
            createMany: {
              data: [
                { stars: 1, minPoints: "6" },
                { stars: 2, minPoints: "7" },
                { stars: 3, minPoints: "8" },
                { stars: 4, minPoints: "9" },
                { stars: 5, minPoints: "9.5" },
              ],
            },
          },
        },
      });
      const category = await prisma.ratingCategory.create({
        data: {
          schemeId: scheme.id,
          code: "A",
          name: "类别A",
          nameEn: "Category A",
          maxPoints: "10",
        },
      });
      const item = (code: string, maxPoints: string, sortOrder: number) =>
        prisma.ratingItem.create({
          data: {
            schemeId: scheme.id,
            categoryId: category.id,
            code,
            name: `要点${code}`,
            nameEn: `Item ${code}`,
            maxPoints,
            sortOrder,
          },
        });
      const a1 = await item("A1", "4", 1);
      const a2 = await item("A2", "3", 2);
      const a3 = await item("A3", "3", 3);
      const tiers = [
        { label: "好", labelEn: "good", points: "2" },
        { label: "中", labelEn: "fair", points: "1" },
        { label: "差", labelEn: "poor", points: "0" },
      ];
      await prisma.ratingCriterion.createMany({
        data: [
          { itemId: a1.id, code: "f", kind: "FIXED", label: "达到", labelEn: "met", points: "2" },
          {
            itemId: a1.id,
            code: "t",
            kind: "TIERED",
            label: "档次",
            labelEn: "tier",
            tiers,
            sortOrder: 1,
          },
          {
            itemId: a2.id,
            code: "d",
            kind: "DISCRETIONARY",
            label: "酌情",
            labelEn: "discretion",
            points: "3",
            step: "0.5",
          },
          {
            itemId: a3.id,
            code: "base",
            kind: "FIXED",
            label: "基础",
            labelEn: "base",
            points: "3",
          },
          {
            itemId: a3.id,
            code: "k",
            kind: "DEDUCTION",
            label: "每处扣1分",
            labelEn: "−1 each",
            points: "1",
            sortOrder: 1,
          },
          {
            itemId: a3.id,
            code: "v",
            kind: "VETO",
            label: "否决",
            labelEn: "veto",
            vetoEffect: "VOID",
            sortOrder: 2,
          },
        ],
      });
      return { ...scheme, items: { A1: a1.id, A2: a2.id, A3: a3.id } };
    },

    /** A town's star rating of a year on a scheme, with the given reviewers as its panel. */
    async rating(townId: number, year: number, schemeId: number, panel: number[] = []) {
      return prisma.starRating.create({
        data: {
          townId,
          year,
          schemeId,
          panel: { createMany: { data: panel.map((reviewerId) => ({ reviewerId })) } },
        },
      });
    },

    /** A user of a role (with its scope) loaded as the server would load the actor. */
    async actor(
      role: Role,
      scope: { countyId?: number; townId?: number } = {},
      username = `${role.toLowerCase()}-${next()}`,
    ): Promise<Actor> {
      const user = await prisma.user.create({
        data: { username, displayName: username, passwordHash: "x", role, ...scope },
      });
      return (await loadActor(user.id))!;
    },
  };
}

/** The builders' type. */
export type Builders = ReturnType<typeof builders>;
