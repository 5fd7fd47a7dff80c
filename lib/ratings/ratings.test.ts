/**
 * Star ratings end to end on PostgreSQL: reviewers' sheets, blind scoring, the panel result
 * from submitted sheets only, the city's decisions, and concurrency. Scheme: the builders'
 * 10-point test scheme (lib/testing/builders.ts `scheme`): A1 max 4 = FIXED f 2 + TIERED t
 * [2, 1, 0]; A2 max 3 = DISCRETIONARY d (step 0.5); A3 max 3 = FIXED base 3 − DEDUCTION k 1
 * each, VETO v; bands 1★ 6, 2★ 7, 3★ 8, 4★ 9, 5★ 9.5; spread limit 1.5, deviation limit 1.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/prisma-client";
import { builders, scratchApp } from "@/lib/testing/builders";
import { decideRating } from "./decisions";
import { setPanelist } from "./panels";
import { getRatingView, listRatings } from "./queries";
import { saveSelfAssessment, submitSelfAssessment } from "./self-assessment";
import { saveSheet, submitSheet } from "./sheets";

const YEAR = 2026;
let prisma: PrismaClient;
let drop: () => Promise<void>;
let build: ReturnType<typeof builders>;
let items: { A1: number; A2: number; A3: number };
let schemeId: number;
const people = {} as Record<"admin" | "r1" | "r2" | "r3" | "other" | "staff", Actor>;
let towns: { a1: number; a2: number; b1: number };

beforeAll(async () => {
  const app = await scratchApp("ratings");
  prisma = app.prisma;
  drop = app.drop;
  build = builders(prisma);
  const a = await build.county("330825", "龙游县");
  const b = await build.county("330822", "常山县");
  towns = {
    a1: (await build.town(a.id, "330825109", { name: "溪口镇" })).id,
    a2: (await build.town(a.id, "330825101", { name: "湖镇镇" })).id,
    b1: (await build.town(b.id, "330822101", { name: "白石镇" })).id,
  };
  await build.year(YEAR);
  const scheme = await build.scheme(YEAR);
  items = scheme.items;
  schemeId = scheme.id;
  people.admin = await build.actor("CITY_ADMIN");
  people.r1 = await build.actor("COUNTY_REVIEWER", { countyId: a.id }, "reviewer-a1");
  people.r2 = await build.actor("COUNTY_REVIEWER", { countyId: a.id }, "reviewer-a2");
  people.r3 = await build.actor("COUNTY_REVIEWER", { countyId: b.id }, "reviewer-b1");
  people.other = await build.actor("COUNTY_REVIEWER", { countyId: b.id }, "reviewer-b2");
  people.staff = await build.actor("TOWNSHIP_STAFF", { townId: towns.a1 });
});

afterAll(async () => {
  await drop?.();
});

/** Sheet r1: A1 = 2 + 2 = 4, A2 = 2.5, A3 = 3 − 1 = 2 → 8.5 (A2 and A3 need comments). */
const sheet1 = () => ({
  [items.A1]: { choices: { f: true, t: 0 } },
  [items.A2]: { choices: { d: "2.5" }, comment: "亮点不够突出" },
  [items.A3]: { choices: { base: true, k: "1", v: false }, comment: "发现一处垃圾乱堆" },
});
/** Sheet r2: A1 = 2 + 1 = 3, A2 = 3, A3 = 3 → 9. */
const sheet2 = () => ({
  [items.A1]: { choices: { f: true, t: 1 }, comment: "档次一般" },
  [items.A2]: { choices: { d: "3" } },
  [items.A3]: { choices: { base: true, k: "0" } },
});
/** Sheet r3 (cross review): A1 = 0 + 0 = 0, A2 = 0.5, A3 = 3 → 3.5. */
const sheet3 = () => ({
  [items.A1]: { choices: { f: false, t: 2 }, comment: "未达到" },
  [items.A2]: { choices: { d: "0.5" }, comment: "基本没有" },
  [items.A3]: { choices: { base: true, k: "0" } },
});

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describe("a panel of three scores a town", () => {
  let ratingId: number;

  it("the city adds a reviewer of another county to the panel (cross review)", async () => {
    ratingId = (await build.rating(towns.a1, YEAR, schemeId, [people.r1.id, people.r2.id])).id;
    await setPanelist(people.admin, { ratingId, username: "reviewer-b1" });
    const panel = await prisma.ratingPanelist.findMany({
      where: { ratingId },
      orderBy: { reviewerId: "asc" },
    });
    expect(panel.map((p) => p.crossReview)).toEqual([false, false, true]);
    // The cross reviewer now reaches the rating; their county colleague does not.
    await expect(getRatingView(people.r3, "330825109", YEAR)).resolves.toMatchObject({
      id: ratingId,
    });
    expect(await code(getRatingView(people.other, "330825109", YEAR))).toBe("NOT_FOUND");
  });

  it("a blank or whitespace discretionary entry is 'not scored', never 0", async () => {
    const saved = await saveSheet(people.r1, {
      ratingId,
      expectedVersion: 0,
      items: { [items.A2]: { choices: { d: "   " } } },
    });
    expect(saved.points[items.A2]).toBeNull();
    expect(saved.total).toBeNull();
    const row = await prisma.sheetItemScore.findFirstOrThrow({ where: { itemId: items.A2 } });
    expect(row.points).toBeNull();
  });

  it("refuses out-of-range and off-step points per criterion", async () => {
    const error = await saveSheet(people.r1, {
      ratingId,
      expectedVersion: 1,
      items: { [items.A2]: { choices: { d: "3.5" } }, [items.A1]: { choices: { f: true, t: 7 } } },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    const fields = (error as AppError).user.fields!;
    expect(fields[`item.${items.A2}.d`]).toMatchObject({
      key: "ratings.outOfRange",
      values: { max: "3" },
    });
    expect(fields[`item.${items.A1}.t`]).toMatchObject({ key: "ratings.badChoice" });
    const offStep = await saveSheet(people.r1, {
      ratingId,
      expectedVersion: 1,
      items: { [items.A2]: { choices: { d: "1.2" } } },
    }).catch((e: unknown) => e);
    expect((offStep as AppError).user.fields![`item.${items.A2}.d`]).toMatchObject({
      key: "ratings.notStep",
    });
  });

  it("a sheet with an unscored item or a deduction without comment cannot be submitted", async () => {
    await saveSheet(people.r1, {
      ratingId,
      expectedVersion: 1,
      items: {
        [items.A1]: { choices: { f: true, t: 0 } },
        [items.A3]: { choices: { base: true, k: "1" } },
      },
    });
    const error = (await submitSheet(people.r1, { ratingId, expectedVersion: 2 }).catch(
      (e: unknown) => e,
    )) as AppError;
    expect(error.code).toBe("VALIDATION");
    expect(error.user.message).toEqual({ key: "ratings.sheetIncomplete" });
    expect(Object.keys(error.user.fields!).sort()).toEqual(
      [`comment.${items.A3}`, `item.${items.A2}`].sort(),
    );
  });

  it("two reviewers submit; the third's draft does not count; 8.5 and 9 → 8.75, 3 stars", async () => {
    const s1 = await saveSheet(people.r1, { ratingId, expectedVersion: 2, items: sheet1() });
    expect(s1.total).toBe("8.50");
    await submitSheet(people.r1, { ratingId, expectedVersion: s1.version });
    const s2 = await saveSheet(people.r2, { ratingId, expectedVersion: 0, items: sheet2() });
    expect(s2.total).toBe("9.00");
    await submitSheet(people.r2, { ratingId, expectedVersion: s2.version });
    // r3 has a complete draft that would pull the mean down to 7.
    await saveSheet(people.r3, { ratingId, expectedVersion: 0, items: sheet3() });

    const stored = await prisma.starRating.findUniqueOrThrow({ where: { id: ratingId } });
    expect(stored.status).toBe("SCORING");
    expect(stored.totalPoints?.toFixed(2)).toBe("8.75");
    expect(stored.stars).toBe(3);
    expect([stored.flaggedItems, stored.flaggedReviewers]).toEqual([0, 0]);

    const view = await getRatingView(people.admin, "330825109", YEAR);
    expect(view.result).toMatchObject({
      total: "8.75",
      stars: 3,
      next: { stars: 4, pointsNeeded: "0.25" },
      items: { A1: "3.50", A2: "2.75", A3: "2.50" },
    });
  });

  it("is blind: a reviewer sees no other points before submitting their own", async () => {
    const blind = await getRatingView(people.r3, "330825109", YEAR);
    expect(blind.panelVisible).toBe(false);
    expect(blind.result).toBeNull();
    const others = blind.panel.filter((p) => p.reviewerId !== people.r3.id);
    expect(others.map((p) => [p.status, p.total, Object.keys(p.scores).length])).toEqual([
      ["SUBMITTED", null, 0],
      ["SUBMITTED", null, 0],
    ]);
    expect(blind.ownSheet?.total).toBe("3.50");
    const rows = await listRatings(people.r3, YEAR);
    expect(rows).toEqual([expect.objectContaining({ total: null, stars: null, mySheet: "DRAFT" })]);
    // Township staff see nothing of the panel before approval.
    const staff = await getRatingView(people.staff, "330825109", YEAR);
    expect(staff.result).toBeNull();
    expect(staff.panel.every((p) => p.total === null && Object.keys(p.scores).length === 0)).toBe(
      true,
    );
  });

  it("the last sheet completes the panel: (8.5 + 9 + 3.5) / 3 = 7, 2 stars, flagged", async () => {
    const own = (await getRatingView(people.r3, "330825109", YEAR)).ownSheet!;
    await submitSheet(people.r3, { ratingId, expectedVersion: own.version });
    const stored = await prisma.starRating.findUniqueOrThrow({ where: { id: ratingId } });
    expect(stored.status).toBe("SUBMITTED");
    expect(stored.totalPoints?.toFixed(2)).toBe("7.00");
    expect(stored.stars).toBe(2);
    // A1 spread 4 − 0 = 4 and A2 3 − 0.5 = 2.5 exceed 1.5; deviations 1.5, 2, 3.5 exceed 1.
    expect([stored.flaggedItems, stored.flaggedReviewers]).toEqual([2, 3]);
    const view = await getRatingView(people.r3, "330825109", YEAR);
    expect(view.panelVisible).toBe(true);
    expect(view.result?.spreadItems).toEqual([
      { code: "A1", spread: "4.00" },
      { code: "A2", spread: "2.50" },
    ]);
  });

  it("the city approves: the rating is locked and the town sees its stars", async () => {
    const before = await prisma.starRating.findUniqueOrThrow({ where: { id: ratingId } });
    expect(
      await code(
        decideRating(people.admin, {
          ratingId,
          expectedVersion: before.version - 1,
          decision: "APPROVE",
        }),
      ),
    ).toBe("CONFLICT");
    await decideRating(people.admin, {
      ratingId,
      expectedVersion: before.version,
      decision: "APPROVE",
    });
    const own = (await getRatingView(people.r1, "330825109", YEAR)).ownSheet!;
    const refused = await saveSheet(people.r1, {
      ratingId,
      expectedVersion: own.version,
      items: sheet2(),
    }).catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: "CONFLICT",
      user: { message: { key: "ratings.sheetsClosed" } },
    });
    const staff = await getRatingView(people.staff, "330825109", YEAR);
    expect(staff.result).toMatchObject({ total: "7.00", stars: 2 });
    expect(await prisma.auditLog.count({ where: { action: "rating.decide" } })).toBe(1);
  });

  it("reopening needs a reason, keeps the earlier result and opens the sheets again", async () => {
    const { version } = await prisma.starRating.findUniqueOrThrow({ where: { id: ratingId } });
    await expect(
      decideRating(people.admin, {
        ratingId,
        expectedVersion: version,
        decision: "REOPEN",
        comment: " ",
      }),
    ).rejects.toThrow();
    await decideRating(people.admin, {
      ratingId,
      expectedVersion: version,
      decision: "REOPEN",
      comment: "复核发现佐证材料有误",
    });
    const view = await getRatingView(people.admin, "330825109", YEAR);
    expect(view.status).toBe("RETURNED");
    expect(view.decisions.map((d) => [d.decision, d.total, d.stars])).toEqual([
      ["APPROVE", "7.00", 2],
      ["REOPEN", "7.00", 2],
    ]);
    expect(view.panel.map((p) => p.status)).toEqual(["DRAFT", "DRAFT", "DRAFT"]);
    // r3 revises A1 up to 4 (A1 f + t good): 4 + 0.5 + 3 = 7.5 and resubmits; the others resubmit as they were.
    const r3 = view.panel.find((p) => p.reviewerId === people.r3.id)!;
    const saved = await saveSheet(people.r3, {
      ratingId,
      expectedVersion: r3.version,
      items: { [items.A1]: { choices: { f: true, t: 0 } } },
    });
    expect(saved.total).toBe("7.50");
    await submitSheet(people.r3, { ratingId, expectedVersion: saved.version });
    for (const p of [people.r1, people.r2]) {
      const own = (await getRatingView(p, "330825109", YEAR)).ownSheet!;
      await submitSheet(p, { ratingId, expectedVersion: own.version });
    }
    const stored = await prisma.starRating.findUniqueOrThrow({ where: { id: ratingId } });
    // (8.5 + 9 + 7.5) / 3 = 8.333… → 8.33, 3 stars.
    expect([stored.status, stored.totalPoints?.toFixed(2), stored.stars]).toEqual([
      "SUBMITTED",
      "8.33",
      3,
    ]);
  });
});

describe("scope and concurrency", () => {
  it("a reviewer of another county cannot read or write a sheet of a panel they are not on", async () => {
    const rating = await build.rating(towns.a2, YEAR, schemeId, [people.r1.id]);
    expect(await code(getRatingView(people.other, "330825101", YEAR))).toBe("NOT_FOUND");
    expect(
      await code(saveSheet(people.other, { ratingId: rating.id, expectedVersion: 0, items: {} })),
    ).toBe("NOT_FOUND");
    expect(await code(submitSheet(people.other, { ratingId: rating.id, expectedVersion: 0 }))).toBe(
      "NOT_FOUND",
    );
    // A county colleague not on the panel may read it but not score it.
    expect(
      await code(saveSheet(people.r2, { ratingId: rating.id, expectedVersion: 0, items: {} })),
    ).toBe("NOT_FOUND");
    expect(await prisma.scoreSheet.count({ where: { ratingId: rating.id } })).toBe(0);
  });

  it("50 rounds of two concurrent saves of one sheet at the same version: exactly one wins", async () => {
    const rating = await build.rating(towns.b1, YEAR, schemeId, [people.other.id]);
    let version = (
      await saveSheet(people.other, { ratingId: rating.id, expectedVersion: 0, items: {} })
    ).version;
    for (let round = 0; round < 50; round++) {
      const results = await Promise.allSettled([
        saveSheet(people.other, {
          ratingId: rating.id,
          expectedVersion: version,
          items: { [items.A2]: { choices: { d: "1" } } },
        }),
        saveSheet(people.other, {
          ratingId: rating.id,
          expectedVersion: version,
          items: { [items.A2]: { choices: { d: "2" } } },
        }),
      ]);
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r) => r.status === "rejected");
      expect(won).toHaveLength(1);
      expect((lost[0] as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
      version += 1;
    }
    const sheet = await prisma.scoreSheet.findFirstOrThrow({ where: { ratingId: rating.id } });
    expect(sheet.version).toBe(version);
  });

  it("the township's self-assessment: its own town only, blank stays unfilled, submit needs every item", async () => {
    const rating = await prisma.starRating.findFirstOrThrow({ where: { townId: towns.a2 } });
    expect(
      await code(
        saveSelfAssessment(people.staff, { ratingId: rating.id, expectedVersion: 0, items: {} }),
      ),
    ).toBe("NOT_FOUND");
    const own = await prisma.starRating.findFirstOrThrow({ where: { townId: towns.a1 } });
    await prisma.starRating.update({ where: { id: own.id }, data: { status: "SCORING" } });
    const saved = await saveSelfAssessment(people.staff, {
      ratingId: own.id,
      expectedVersion: 0,
      items: { [items.A1]: { points: "3.5", note: "已完成" }, [items.A2]: { points: " " } },
    });
    const refused = (await submitSelfAssessment(people.staff, {
      ratingId: own.id,
      expectedVersion: saved.version,
    }).catch((e: unknown) => e)) as AppError;
    expect(refused.user.message).toEqual({ key: "ratings.selfIncomplete" });
    expect(Object.keys(refused.user.fields!).sort()).toEqual(
      [`points.${items.A2}`, `points.${items.A3}`].sort(),
    );
    const tooMuch = (await saveSelfAssessment(people.staff, {
      ratingId: own.id,
      expectedVersion: saved.version,
      items: { [items.A2]: { points: "3.01" } },
    }).catch((e: unknown) => e)) as AppError;
    expect(tooMuch.user.fields![`points.${items.A2}`]).toMatchObject({ key: "ratings.outOfRange" });
    const full = await saveSelfAssessment(people.staff, {
      ratingId: own.id,
      expectedVersion: saved.version,
      items: { [items.A2]: { points: "2" }, [items.A3]: { points: "3" } },
    });
    await expect(
      submitSelfAssessment(people.staff, { ratingId: own.id, expectedVersion: full.version }),
    ).resolves.toMatchObject({ total: "8.50" });
  });

  it("a closed year refuses every change", async () => {
    const rating = await prisma.starRating.findFirstOrThrow({ where: { townId: towns.b1 } });
    const sheet = await prisma.scoreSheet.findFirstOrThrow({ where: { ratingId: rating.id } });
    await prisma.year.update({ where: { year: YEAR }, data: { status: "CLOSED" } });
    try {
      const refused = await saveSheet(people.other, {
        ratingId: rating.id,
        expectedVersion: sheet.version,
        items: {},
      }).catch((e: unknown) => e);
      expect(refused).toMatchObject({
        code: "CONFLICT",
        user: { message: { key: "years.closed" } },
      });
    } finally {
      await prisma.year.update({ where: { year: YEAR }, data: { status: "OPEN" } });
    }
  });
});
