/**
 * Rating-scheme administration on PostgreSQL: new versions copy deep and leave the source
 * alone, ACTIVE and ARCHIVED schemes refuse every change, activation moves only the ratings
 * that have not started, and only the city administrator changes schemes. Schemes are the
 * builders' 10-point test scheme (lib/testing/builders.ts `scheme`); each test uses its own
 * year so none depends on another's data.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { Actor } from "@/lib/access";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/prisma-client";
import { builders, scratchApp } from "@/lib/testing/builders";
import {
  activateScheme,
  createSchemeVersion,
  deleteDraftScheme,
  getScheme,
  listSchemes,
  retireScheme,
  updateSchemeSettings,
} from "./schemes";
import { readSchemeContent } from "./schemes.internal";

let prisma: PrismaClient;
let drop: () => Promise<void>;
let build: ReturnType<typeof builders>;
const people = {} as Record<"admin" | "leader" | "reviewer" | "staff", Actor>;
const townIds: number[] = [];

beforeAll(async () => {
  const app = await scratchApp("schemes");
  prisma = app.prisma;
  drop = app.drop;
  build = builders(prisma);
  const county = await build.county("330825", "龙游县");
  for (const code of ["330825101", "330825102", "330825103", "330825104"]) {
    townIds.push((await build.town(county.id, code)).id);
  }
  people.admin = await build.actor("CITY_ADMIN");
  people.leader = await build.actor("CITY_LEADER");
  people.reviewer = await build.actor("COUNTY_REVIEWER", { countyId: county.id });
  people.staff = await build.actor("TOWNSHIP_STAFF", { townId: townIds[0] });
});

afterAll(async () => {
  await drop?.();
});

/** The error code a promise fails with ("OK" when it does not), and the AppError's user part. */
async function outcome(promise: Promise<unknown>): Promise<{ code: string; error?: AppError }> {
  try {
    await promise;
    return { code: "OK" };
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, error };
    if (error instanceof ZodError) return { code: "ZOD" };
    throw error;
  }
}

const ref = async (schemeId: number) => {
  const s = await prisma.ratingScheme.findUniqueOrThrow({ where: { id: schemeId } });
  return { schemeId, expectedUpdatedAt: s.updatedAt.toISOString() };
};

/** A settings form for a scheme as it stands, with changes. */
async function settings(schemeId: number, change: Record<string, unknown> = {}) {
  return {
    ...(await ref(schemeId)),
    name: "细则",
    nameEn: "Scheme",
    combination: "TRIMMED_MEAN",
    trimMinSheets: "5",
    itemSpreadLimit: "1.5",
    reviewerDeviationLimit: "",
    selfAssessmentDueOn: "2026-11-20",
    sheetsDueOn: "2026-12-15",
    sourceNote: "市美镇办 2026 年第 3 次会议",
    isDemo: false,
    bands: [
      { stars: 1, minPoints: "5" },
      { stars: 2, minPoints: "6.5" },
      { stars: 3, minPoints: "8" },
    ],
    ...change,
  };
}

describe("new versions", () => {
  it("copy the year's ACTIVE scheme deep as a DRAFT and leave the source unchanged", async () => {
    await build.year(2026);
    const source = await build.scheme(2026);
    const sourceBefore = await readSchemeContent(prisma, source.id);
    const sourceRow = await prisma.ratingScheme.findUniqueOrThrow({ where: { id: source.id } });

    const { id, copiedFrom } = await createSchemeVersion(people.admin, { year: "2026" });
    expect(copiedFrom).toEqual({ id: source.id, year: 2026, version: 1 });
    const copy = await readSchemeContent(prisma, id);
    expect(copy).toMatchObject({ year: 2026, version: 2, status: "DRAFT" });
    // the same content: settings, bands, 1 category, 3 items, 6 criteria (tiers too)
    expect({ ...copy, id: 0, version: 0, status: "" }).toEqual({
      ...sourceBefore,
      id: 0,
      version: 0,
      status: "",
    });
    expect(copy!.categories[0]!.items.map((i) => i.criteria.length)).toEqual([2, 1, 3]);
    // new rows, not shared ones
    const items = await prisma.ratingItem.findMany({
      where: { schemeId: { in: [source.id, id] } },
    });
    expect(items).toHaveLength(6);
    expect(await prisma.ratingCriterion.count({ where: { item: { schemeId: id } } })).toBe(6);
    // the source is untouched
    expect(await readSchemeContent(prisma, source.id)).toEqual(sourceBefore);
    expect(
      (await prisma.ratingScheme.findUniqueOrThrow({ where: { id: source.id } })).updatedAt,
    ).toEqual(sourceRow.updatedAt);
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "ratingScheme.create", entityId: String(id) },
    });
    expect(audit.after).toEqual({ year: 2026, version: 2, copiedFrom: source.id });

    // one draft per year
    const again = await outcome(createSchemeVersion(people.admin, { year: 2026 }));
    expect(again.code).toBe("CONFLICT");
    expect(again.error?.user.message).toEqual({
      key: "ratingSchemes.draftExists",
      values: { version: 2 },
    });
  });

  it("start a year without a scheme from last year's active one, years moved on", async () => {
    await build.year(2031);
    await build.year(2032, "PLANNING");
    const last = await build.scheme(2031, { version: 1, status: "ARCHIVED" });
    const active = await build.scheme(2031, { version: 2 });
    await prisma.ratingScheme.update({
      where: { id: active.id },
      data: {
        name: "2031年度测试细则（第2版）",
        isDemo: true,
        sourceNote: "演示",
        selfAssessmentDueOn: new Date("2031-11-20T00:00:00Z"),
        sheetsDueOn: new Date("2032-01-10T00:00:00Z"),
      },
    });
    const { id, copiedFrom } = await createSchemeVersion(people.admin, { year: 2032 });
    expect(copiedFrom).toEqual({ id: active.id, year: 2031, version: 2 });
    expect(last.id).not.toBe(active.id);
    const copy = (await readSchemeContent(prisma, id))!;
    expect(copy).toMatchObject({ year: 2032, version: 1, status: "DRAFT" });
    expect(copy.settings).toMatchObject({
      name: "2032年度测试细则（第2版）",
      nameEn: "2032 test scheme",
      isDemo: true,
      sourceNote: "演示",
      selfAssessmentDueOn: "2032-11-20",
      sheetsDueOn: "2033-01-10",
      maxPoints: "10.00",
    });
  });

  it("start empty when neither the year nor the one before has a scheme; never in a closed year", async () => {
    await build.year(2040, "PLANNING");
    const { id, copiedFrom } = await createSchemeVersion(people.admin, { year: 2040 });
    expect(copiedFrom).toBeNull();
    const empty = (await readSchemeContent(prisma, id))!;
    expect(empty.categories).toEqual([]);
    expect(empty.settings.maxPoints).toBe("0.00");
    const view = await getScheme(people.admin, id);
    expect(view.problems.map((p) => p.field)).toEqual(["bands", "scheme"]);

    await build.year(2020, "CLOSED");
    const closed = await outcome(createSchemeVersion(people.admin, { year: 2020 }));
    expect(closed.code).toBe("CONFLICT");
    expect(closed.error?.user.message?.key).toBe("years.closed");
    expect((await outcome(createSchemeVersion(people.admin, { year: 2099 }))).code).toBe(
      "NOT_FOUND",
    );
  });
});

describe("a draft's settings", () => {
  it("are saved with their bands, once, and audited", async () => {
    await build.year(2033);
    const draft = await build.scheme(2033, { status: "DRAFT" });
    const stale = await settings(draft.id);
    await updateSchemeSettings(people.admin, await settings(draft.id));
    const saved = (await readSchemeContent(prisma, draft.id))!;
    expect(saved.settings).toMatchObject({
      name: "细则",
      combination: "TRIMMED_MEAN",
      trimMinSheets: 5,
      itemSpreadLimit: "1.50",
      reviewerDeviationLimit: null,
      selfAssessmentDueOn: "2026-11-20",
      sourceNote: "市美镇办 2026 年第 3 次会议",
    });
    expect(saved.bands).toEqual([
      { stars: 1, minPoints: "5.00" },
      { stars: 2, minPoints: "6.50" },
      { stars: 3, minPoints: "8.00" },
    ]);
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "ratingScheme.update", entityId: String(draft.id) },
    });
    expect(audit.before).toMatchObject({ reviewerDeviationLimit: "1.00", combination: "MEAN" });
    expect(audit.after).toMatchObject({
      reviewerDeviationLimit: null,
      bands: "1:5.00 2:6.50 3:8.00",
    });

    // the form loaded before that save is refused
    const again = await outcome(updateSchemeSettings(people.admin, stale));
    expect(again.error?.user.message?.key).toBe("ratingSchemes.stale");
  });

  it("refuse bands out of order, with a gap or above the scheme's 10 points", async () => {
    await build.year(2034);
    const draft = await build.scheme(2034, { status: "DRAFT" });
    const gap = await outcome(
      updateSchemeSettings(
        people.admin,
        await settings(draft.id, {
          bands: [
            { stars: 1, minPoints: "6" },
            { stars: 3, minPoints: "8" },
          ],
        }),
      ),
    );
    expect(gap.code).toBe("ZOD");
    const high = await outcome(
      updateSchemeSettings(
        people.admin,
        await settings(draft.id, { bands: [{ stars: 1, minPoints: "10.5" }] }),
      ),
    );
    expect(high.code).toBe("VALIDATION");
    expect(high.error?.user.fields?.bands?.key).toBe("ratingSchemes.check.bandAboveMax");
    const late = await outcome(
      updateSchemeSettings(
        people.admin,
        await settings(draft.id, { selfAssessmentDueOn: "2026-12-20", sheetsDueOn: "2026-12-15" }),
      ),
    );
    expect(late.code).toBe("ZOD");
    expect((await readSchemeContent(prisma, draft.id))!.bands).toHaveLength(5);
  });
});

describe("schemes in use", () => {
  it("refuse every change: ACTIVE and ARCHIVED never change", async () => {
    await build.year(2035);
    const archived = await build.scheme(2035, { status: "ARCHIVED" });
    const active = await build.scheme(2035, { version: 2 });
    for (const s of [archived, active]) {
      const before = await readSchemeContent(prisma, s.id);
      for (const change of [
        async () => updateSchemeSettings(people.admin, await settings(s.id)),
        async () => activateScheme(people.admin, await ref(s.id)),
        async () => deleteDraftScheme(people.admin, await ref(s.id)),
      ]) {
        const result = await outcome(change());
        expect(result.code).toBe("CONFLICT");
        expect(result.error?.user.message?.key).toBe("ratingSchemes.locked");
      }
      expect(await readSchemeContent(prisma, s.id)).toEqual(before);
    }
    const retired = await outcome(retireScheme(people.admin, await ref(archived.id)));
    expect(retired.error?.user.message?.key).toBe("ratingSchemes.notActive");
  });

  it("retire: the ACTIVE scheme is ARCHIVED, its ratings stay on it", async () => {
    await build.year(2036);
    const active = await build.scheme(2036);
    const rating = await build.rating(townIds[0]!, 2036, active.id);
    await retireScheme(people.admin, await ref(active.id));
    const after = await prisma.ratingScheme.findUniqueOrThrow({ where: { id: active.id } });
    expect(after.status).toBe("ARCHIVED");
    expect((await prisma.starRating.findUniqueOrThrow({ where: { id: rating.id } })).schemeId).toBe(
      active.id,
    );
    expect(
      await prisma.auditLog.count({
        where: { action: "ratingScheme.retire", entityId: String(active.id) },
      }),
    ).toBe(1);
  });
});

describe("activation", () => {
  it("archives the year's active scheme and moves only the ratings that have not started", async () => {
    const year = 2037;
    await build.year(year);
    const old = await build.scheme(year);
    const reviewer = people.reviewer.id;
    // r0: nothing yet; r1: a sheet with no item scored yet; r2: one item scored (partly) on a
    // sheet; r3: a self-assessment with one item filled
    const r = [] as { id: number; version: number }[];
    for (const townId of townIds) r.push(await build.rating(townId, year, old.id, [reviewer]));
    await prisma.scoreSheet.create({ data: { ratingId: r[1]!.id, reviewerId: reviewer } });
    await prisma.scoreSheet.create({
      data: {
        ratingId: r[2]!.id,
        reviewerId: reviewer,
        scores: { create: { itemId: old.items.A1, choices: { f: true } } },
      },
    });
    await prisma.selfAssessment.create({
      data: {
        ratingId: r[3]!.id,
        items: { create: { itemId: old.items.A2, points: "2" } },
      },
    });
    const { id } = await createSchemeVersion(people.admin, { year });
    const preview = await getScheme(people.admin, id);
    expect(preview.problems).toEqual([]);
    expect(preview.activation).toEqual({
      replaces: { id: old.id, version: 1 },
      moving: 2,
      staying: 2,
    });

    const result = await activateScheme(people.admin, await ref(id));
    expect(result).toEqual({ archived: { id: old.id, version: 1 }, moved: 2, stayed: 2 });
    const statuses = await prisma.ratingScheme.findMany({
      where: { year },
      select: { id: true, status: true },
      orderBy: { version: "asc" },
    });
    expect(statuses).toEqual([
      { id: old.id, status: "ARCHIVED" },
      { id, status: "ACTIVE" },
    ]);
    const ratings = await prisma.starRating.findMany({
      where: { year },
      select: { id: true, schemeId: true, version: true },
      orderBy: { id: "asc" },
    });
    expect(ratings).toEqual([
      { id: r[0]!.id, schemeId: id, version: 2 },
      { id: r[1]!.id, schemeId: id, version: 2 },
      { id: r[2]!.id, schemeId: old.id, version: 1 },
      { id: r[3]!.id, schemeId: old.id, version: 1 },
    ]);
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "ratingScheme.activate", entityId: String(id) },
    });
    expect(audit.after).toEqual({
      status: "ACTIVE",
      archived: old.id,
      movedRatings: 2,
      stayed: 2,
    });
  });

  it("refuses a scheme that does not add up, naming each problem", async () => {
    await build.year(2038);
    const draft = await build.scheme(2038, { status: "DRAFT" });
    // A2 (max 3) can now reach only 2; the category (10) no longer equals 4 + 3 + 3 once A3 is 4
    await prisma.ratingCriterion.updateMany({
      where: { itemId: draft.items.A2 },
      data: { points: "2" },
    });
    await prisma.ratingItem.update({ where: { id: draft.items.A3 }, data: { maxPoints: "4" } });
    const refused = await outcome(activateScheme(people.admin, await ref(draft.id)));
    expect(refused.code).toBe("VALIDATION");
    expect(refused.error?.user.message).toEqual({
      key: "ratingSchemes.invalid",
      values: { count: 3 },
    });
    expect(refused.error?.user.fields).toEqual({
      "item:A2": {
        key: "ratingSchemes.check.unreachable",
        values: { code: "A2", reach: "2.00", max: "3.00" },
      },
      "item:A3": {
        key: "ratingSchemes.check.unreachable",
        values: { code: "A3", reach: "3.00", max: "4.00" },
      },
      "category:A": {
        key: "ratingSchemes.check.categorySum",
        values: { code: "A", max: "10.00", sum: "11.00" },
      },
    });
    expect((await prisma.ratingScheme.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe(
      "DRAFT",
    );
  });
});

describe("drafts", () => {
  it("are deleted with their bands, categories, items and criteria", async () => {
    await build.year(2039);
    const draft = await build.scheme(2039, { status: "DRAFT" });
    const { year } = await deleteDraftScheme(people.admin, await ref(draft.id));
    expect(year).toBe(2039);
    expect(await prisma.ratingScheme.count({ where: { id: draft.id } })).toBe(0);
    expect(await prisma.ratingItem.count({ where: { schemeId: draft.id } })).toBe(0);
    expect(await prisma.ratingCriterion.count({ where: { itemId: draft.items.A1 } })).toBe(0);
    expect(await prisma.starBand.count({ where: { schemeId: draft.id } })).toBe(0);
  });
});

describe("access", () => {
  it("lets the leader read schemes and refuses the leader, a reviewer and staff every change", async () => {
    await build.year(2041);
    const active = await build.scheme(2041);
    const draft = await build.scheme(2041, { version: 2, status: "DRAFT" });
    const count = () =>
      prisma.auditLog.count({ where: { action: { startsWith: "ratingScheme." } } });
    const audited = await count();
    const snapshot = async () => [
      await readSchemeContent(prisma, active.id),
      await readSchemeContent(prisma, draft.id),
      await prisma.ratingScheme.count(),
    ];
    const before = await snapshot();
    for (const actor of [people.leader, people.reviewer, people.staff]) {
      for (const change of [
        async () => createSchemeVersion(actor, { year: 2041 }),
        async () => updateSchemeSettings(actor, await settings(draft.id)),
        async () => activateScheme(actor, await ref(draft.id)),
        async () => retireScheme(actor, await ref(active.id)),
        async () => deleteDraftScheme(actor, await ref(draft.id)),
      ]) {
        expect((await outcome(change())).code).toBe("FORBIDDEN");
      }
    }
    expect(await snapshot()).toEqual(before);
    expect(await count()).toBe(audited);

    const rows = await listSchemes(people.leader, 2041);
    expect(rows.map((r) => [r.version, r.status, r.maxPoints, r.items])).toEqual([
      [2, "DRAFT", "10.00", 3],
      [1, "ACTIVE", "10.00", 3],
    ]);
    const view = await getScheme(people.leader, draft.id);
    expect(view.categories[0]!.items.map((i) => i.code)).toEqual(["A1", "A2", "A3"]);
    expect((await outcome(getScheme(people.leader, 999_999))).code).toBe("NOT_FOUND");
  });
});
