/**
 * Belts and circles by year on PostgreSQL (a scratch database of their own): the dashboard's
 * circle figures and the /circles list count each year's circles and memberships
 * (lib/domain/circles.ts); the administration's changes keep closed years as they were, are
 * audited, and answer bad input with messages in both languages.
 *
 * The data, worked by hand. Years 2024 and 2025 CLOSED, 2026 OPEN. Counties A (330825: towns
 * a1, a2) and B (330822: towns b1, b2, b3). Belt QZ-B from 2024.
 *   C1 model, 2024–      a1 (lead) 2024–, b1 2024–
 *   C2       2024–       a2 (lead) 2024–, b2 2024–      (ended "until 2025" by a test below)
 *   C3       2024–       a1 (lead) 2024–                (b3 joins from 2026 in a test below)
 * Before any change, 2025 and 2026 alike: circles 3, model circles 1, towns in circles
 * a1 a2 b1 b2 = 4; county A: C1 C2 C3 = 3 circles, 2 towns; county B: C1 C2 = 2 circles, 2 towns.
 * After C2 ends until 2025: 2026 has circles C1 C3 = 2, model 1, towns a1 b1 = 2; 2025 unchanged.
 * After b3 joins C3 from 2026: 2026 towns a1 b1 b3 = 3, county B: C1 C3 = 2 circles, 2 towns;
 * 2025 unchanged (b3 counts nowhere before 2026).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { Actor } from "@/lib/access";
import { getSummaries } from "@/lib/dashboard/queries";
import { AppError } from "@/lib/errors";
import zhCore from "@/lib/i18n/messages/zh-CN/core.json";
import enCore from "@/lib/i18n/messages/en/core.json";
import zhCircles from "@/lib/i18n/messages/zh-CN/circle-admin.json";
import enCircles from "@/lib/i18n/messages/en/circle-admin.json";
import type { PrismaClient } from "@/lib/prisma-client";
import { builders, scratchApp } from "@/lib/testing/builders";
import { userKey } from "@/lib/testing/errors";
import {
  addTownToCircle,
  createBelt,
  createCircle,
  deleteCircle,
  endCircle,
  removeTownFromCircle,
  updateBelt,
  updateCircle,
  updateCircleTown,
} from "./mutations";
import { getBeltAdmin, getCircleAdmin, listCircleAdmin, listCircles } from "./queries";

let prisma: PrismaClient;
let drop: () => Promise<void>;
let admin: Actor;
let leader: Actor;
let reviewer: Actor;
const A = "330825";
const B = "330822";
const town = {
  a1: "330825101",
  a2: "330825102",
  b1: "330822101",
  b2: "330822102",
  b3: "330822103",
};
/** 2026-12-04 10:00 in Shanghai. */
const NOW = new Date("2026-12-04T02:00:00Z");

beforeAll(async () => {
  const app = await scratchApp("circles");
  prisma = app.prisma;
  drop = app.drop;
  const b = builders(prisma);
  const countyA = await b.county(A, "龙游县");
  const countyB = await b.county(B, "常山县");
  const ids: Record<string, number> = {};
  for (const [key, code] of Object.entries(town)) {
    ids[key] = (await b.town(code.startsWith(A) ? countyA.id : countyB.id, code)).id;
  }
  await prisma.year.createMany({
    data: [
      { year: 2024, status: "CLOSED" },
      { year: 2025, status: "CLOSED" },
      { year: 2026, status: "OPEN" },
    ],
  });
  const city = await prisma.city.findFirstOrThrow();
  const belt = await prisma.belt.create({
    data: { cityId: city.id, code: "QZ-B", name: "诗画风光带", nameEn: "Belt", fromYear: 2024 },
  });
  const circle = (code: string, isModel: boolean, members: [string, boolean][]) =>
    prisma.townCircle.create({
      data: {
        beltId: belt.id,
        code,
        name: `${code}圈`,
        nameEn: `${code} circle`,
        isModel,
        fromYear: 2024,
        towns: {
          create: members.map(([key, isLead]) => ({ townId: ids[key]!, isLead, fromYear: 2024 })),
        },
      },
    });
  await circle("C1", true, [
    ["a1", true],
    ["b1", false],
  ]);
  await circle("C2", false, [
    ["a2", true],
    ["b2", false],
  ]);
  await circle("C3", false, [["a1", true]]);
  admin = await b.actor("CITY_ADMIN");
  leader = await b.actor("CITY_LEADER");
  reviewer = await b.actor("COUNTY_REVIEWER", { countyId: countyA.id });
});

afterAll(async () => {
  await drop?.();
});

/** The dashboard's circle figures for the city and per county in `year`. */
async function figures(year: number) {
  const { current } = await getSummaries(leader, { kind: "city" }, year, { now: NOW });
  const pick = (f: { circles: number; modelCircles: number; townsInCircles: number }) => [
    f.circles,
    f.modelCircles,
    f.townsInCircles,
  ];
  return {
    city: pick(current.total),
    ...Object.fromEntries(current.byCounty.map((c) => [c.code, pick(c)])),
  };
}

/** Every row of the circle tables and the audit log's length: "nothing changed" is equality. */
async function snapshot() {
  return {
    belts: await prisma.belt.findMany({ orderBy: { id: "asc" } }),
    circles: await prisma.townCircle.findMany({ orderBy: { id: "asc" } }),
    members: await prisma.townCircleTown.findMany({
      orderBy: [{ circleId: "asc" }, { townId: "asc" }],
    }),
    audit: await prisma.auditLog.count(),
  };
}

/** What a use case threw: "CODE:key" for an AppError, "ZOD:path=key,…" for bad input. */
async function refusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError) return `${error.code}:${userKey(error)}`;
    if (error instanceof ZodError) {
      return `ZOD:${error.issues.map((i) => `${i.path.join(".")}=${i.message}`).join(",")}`;
    }
    throw error;
  }
  return "OK";
}

const circle = (code: string, year = 2026) => getCircleAdmin(admin, code, year);
const member = async (code: string, townCode: string) =>
  (await circle(code)).memberships.find((m) => m.townCode === townCode)!;

describe("each year counts that year's circles", () => {
  it("before any change, 2025 and 2026 count the same three circles", async () => {
    const expected = { city: [3, 1, 4], [A]: [3, 1, 2], [B]: [2, 1, 2] };
    expect(await figures(2025)).toEqual(expected);
    expect(await figures(2026)).toEqual(expected);
  });

  it("a circle ended last year is not counted this year", async () => {
    const c2 = await circle("C2");
    await endCircle(admin, { id: c2.id, expectedVersion: c2.version, untilYear: 2025 });
    expect(await figures(2026)).toEqual({ city: [2, 1, 2], [A]: [2, 1, 1], [B]: [1, 1, 1] });
    expect(await figures(2025)).toEqual({ city: [3, 1, 4], [A]: [3, 1, 2], [B]: [2, 1, 2] });
    // The /circles page and its export read the same rule.
    expect((await listCircles(leader, 2026)).map((c) => c.code)).toEqual(["C1", "C3"]);
    expect((await listCircles(leader, 2025)).map((c) => c.code)).toEqual(["C1", "C2", "C3"]);
    // Its memberships ended with it, and the change is audited.
    const ended = await circle("C2", 2025);
    expect([ended.untilYear, ended.counts, ended.towns]).toEqual([2025, true, 2]);
    expect(ended.memberships.map((m) => m.untilYear)).toEqual([2025, 2025]);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "circle.end" } });
    expect([audit.entityType, audit.entityId, audit.actorId]).toEqual([
      "TownCircle",
      String(c2.id),
      admin.id,
    ]);
    expect(audit.after).toEqual({ code: "C2", untilYear: 2025 });
  });

  it("a membership from a later year is not counted earlier", async () => {
    const c3 = await circle("C3");
    await addTownToCircle(admin, {
      circleId: c3.id,
      townCode: town.b3,
      isLead: false,
      fromYear: 2026,
    });
    expect(await figures(2026)).toEqual({ city: [2, 1, 3], [A]: [2, 1, 1], [B]: [2, 1, 2] });
    expect(await figures(2025)).toEqual({ city: [3, 1, 4], [A]: [3, 1, 2], [B]: [2, 1, 2] });
    const byYear = async (year: number) =>
      (await listCircles(leader, year)).find((c) => c.code === "C3")!.towns.map((t) => t.code);
    expect(await byYear(2026)).toEqual([town.a1, town.b3]);
    expect(await byYear(2025)).toEqual([town.a1]);
    expect((await circle("C3", 2025)).towns).toBe(1);
    expect((await circle("C3", 2026)).counties).toBe(2);
  });
});

describe("a change never rewrites a closed year", () => {
  it("refuses every edit that would change 2024 or 2025, and changes no row", async () => {
    const before = await snapshot();
    const c1 = await circle("C1");
    const base = {
      id: c1.id,
      expectedVersion: c1.version,
      beltCode: "QZ-B",
      code: "C1",
      name: c1.name,
      nameEn: c1.nameEn,
      isModel: true,
      fromYear: 2024,
      untilYear: "",
    };
    const closed = "CONFLICT:circleAdmin.errors.closedYears";
    // moving the start past a closed year, or ending it before one
    expect(await refusal(() => updateCircle(admin, { ...base, fromYear: 2025 }))).toBe(closed);
    expect(
      await refusal(() =>
        endCircle(admin, { id: c1.id, expectedVersion: c1.version, untilYear: 2024 }),
      ),
    ).toBe(closed);
    // the 2024 and 2025 model-circle figures would change
    expect(await refusal(() => updateCircle(admin, { ...base, isModel: false }))).toBe(
      "CONFLICT:circleAdmin.errors.modelInClosedYear",
    );
    // history is ended, not deleted
    expect(
      await refusal(() => deleteCircle(admin, { id: c1.id, expectedVersion: c1.version })),
    ).toBe("CONFLICT:circleAdmin.errors.countedInClosedYear");
    const b1 = await member("C1", town.b1);
    expect(
      await refusal(() =>
        removeTownFromCircle(admin, {
          circleId: c1.id,
          townCode: town.b1,
          expectedVersion: b1.version,
        }),
      ),
    ).toBe("CONFLICT:circleAdmin.errors.memberCountedInClosedYear");
    expect(
      await refusal(() =>
        updateCircleTown(admin, {
          circleId: c1.id,
          townCode: town.b1,
          isLead: false,
          fromYear: 2025,
          untilYear: "",
          expectedVersion: b1.version,
        }),
      ),
    ).toBe(closed);
    // joining a circle in a closed year, or a new circle or belt counting in one
    expect(
      await refusal(() =>
        addTownToCircle(admin, { circleId: c1.id, townCode: town.a2, fromYear: 2025 }),
      ),
    ).toBe("CONFLICT:years.closed");
    expect(
      await refusal(() =>
        createCircle(admin, {
          code: "C9",
          name: "新圈",
          nameEn: "New",
          fromYear: 2025,
          townCodes: [town.a2],
          leadTownCode: town.a2,
        }),
      ),
    ).toBe("CONFLICT:years.closed");
    expect(
      await refusal(() =>
        createBelt(admin, { code: "QZ-B2", name: "新带", nameEn: "New belt", fromYear: 2024 }),
      ),
    ).toBe(closed);
    const belt = await getBeltAdmin(admin, "QZ-B", 2026);
    expect(
      await refusal(() =>
        updateBelt(admin, { ...belt, id: belt.id, expectedVersion: belt.version, fromYear: 2025 }),
      ),
    ).toBe(closed);
    expect(await snapshot()).toEqual(before);
    expect(await figures(2025)).toEqual({ city: [3, 1, 4], [A]: [3, 1, 2], [B]: [2, 1, 2] });
  });

  it("allows what leaves the closed years alone: end as of last year, hand over the lead", async () => {
    const c1 = await circle("C1");
    const b1 = await member("C1", town.b1);
    // b1 leads from now on; the lead of the shared years moves with it (not a figure)
    await updateCircleTown(admin, {
      circleId: c1.id,
      townCode: town.b1,
      isLead: true,
      fromYear: 2024,
      untilYear: "",
      expectedVersion: b1.version,
    });
    const after = await circle("C1");
    expect(after.memberships.map((m) => [m.townCode, m.isLead])).toEqual([
      [town.b1, true],
      [town.a1, false],
    ]);
    // a1 leaves the circle as of last year: 2025 keeps it
    const a1 = await member("C1", town.a1);
    await updateCircleTown(admin, {
      circleId: c1.id,
      townCode: town.a1,
      isLead: false,
      fromYear: 2024,
      untilYear: 2025,
      expectedVersion: a1.version,
    });
    expect((await figures(2025)).city).toEqual([3, 1, 4]);
    expect((await circle("C1", 2026)).towns).toBe(1);
    const audit = await prisma.auditLog.findMany({
      where: { action: "circle.updateTown" },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => a.after)).toEqual([
      { circle: "C1", townCode: town.b1, isLead: true },
      { circle: "C1", townCode: town.a1, untilYear: 2025 },
    ]);
  });

  it("a stale edit is refused: someone saved since the page loaded", async () => {
    const c3 = await circle("C3");
    const form = {
      id: c3.id,
      expectedVersion: c3.version,
      beltCode: "QZ-B",
      code: "C3",
      name: "改名一",
      nameEn: c3.nameEn,
      fromYear: 2024,
    };
    await updateCircle(admin, form);
    expect(await refusal(() => updateCircle(admin, { ...form, name: "改名二" }))).toBe(
      "CONFLICT:circleAdmin.errors.stale",
    );
    expect((await circle("C3")).name).toBe("改名一");
  });
});

describe("a new circle across counties, and the lead town", () => {
  it("creates a circle in 2026 with towns of two counties, then deletes it (never counted in a closed year)", async () => {
    const before = (await figures(2026)).city;
    await createCircle(admin, {
      beltCode: "QZ-B",
      code: "C4",
      name: "跨县新圈",
      nameEn: "Cross-county circle",
      isModel: "on",
      fromYear: 2026,
      townCodes: [town.a2, town.b2],
      leadTownCode: town.b2,
    });
    const created = await circle("C4");
    expect([created.counties, created.towns, created.isModel, created.deletable]).toEqual([
      2,
      2,
      true,
      true,
    ]);
    expect(created.memberships.map((m) => [m.townCode, m.isLead])).toEqual([
      [town.b2, true],
      [town.a2, false],
    ]);
    // a2 and b2 were in no circle counting in 2026 (C2 ended): +1 circle, +1 model, +2 towns
    expect((await figures(2026)).city).toEqual([before[0]! + 1, before[1]! + 1, before[2]! + 2]);
    expect((await figures(2025)).city).toEqual([3, 1, 4]);
    // the lead cannot just go: another town must lead first
    const b2 = created.memberships[0]!;
    expect(
      await refusal(() =>
        removeTownFromCircle(admin, {
          circleId: created.id,
          townCode: town.b2,
          expectedVersion: b2.version,
        }),
      ),
    ).toBe("CONFLICT:circleAdmin.errors.lead");
    await deleteCircle(admin, { id: created.id, expectedVersion: created.version });
    expect((await figures(2026)).city).toEqual(before);
    expect(await prisma.townCircleTown.count({ where: { circleId: created.id } })).toBe(0);
    const actions = await prisma.auditLog.findMany({
      where: { entityType: "TownCircle", entityId: String(created.id) },
      orderBy: { id: "asc" },
      select: { action: true },
    });
    expect(actions.map((a) => a.action)).toEqual(["circle.create", "circle.delete"]);
  });

  it("the leader and a county reviewer read and change nothing", async () => {
    const c3 = await circle("C3");
    expect((await listCircleAdmin(leader, 2026)).circles.map((c) => c.code)).toEqual([
      "C1",
      "C2",
      "C3",
    ]);
    expect(
      await refusal(() =>
        endCircle(leader, { id: c3.id, expectedVersion: c3.version, untilYear: 2025 }),
      ),
    ).toBe("FORBIDDEN:");
    expect(await refusal(() => listCircleAdmin(reviewer, 2026))).toBe("NOT_FOUND:");
  });
});

describe("validation messages", () => {
  const zh = { ...zhCore, ...zhCircles } as Record<string, unknown>;
  const en = { ...enCore, ...enCircles } as Record<string, unknown>;
  const say = (messages: Record<string, unknown>, key: string) =>
    key
      .split(".")
      .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], messages);

  it("names each bad field with a message in both languages", async () => {
    const answer = await refusal(() =>
      createCircle(admin, {
        code: "圈 1",
        name: "",
        nameEn: "x",
        fromYear: 2026,
        untilYear: 2025,
        townCodes: [],
        leadTownCode: "",
      }),
    );
    expect(answer).toBe(
      "ZOD:code=circleAdmin.validation.codeFormat,name=validation.required,townCodes=circleAdmin.validation.townsRequired,untilYear=circleAdmin.validation.untilBeforeFrom,leadTownCode=circleAdmin.validation.leadRequired",
    );
    for (const key of [
      "circleAdmin.validation.codeFormat",
      "circleAdmin.validation.untilBeforeFrom",
      "circleAdmin.validation.townsRequired",
      "circleAdmin.validation.leadRequired",
    ]) {
      expect(typeof say(zh, key)).toBe("string");
      expect(typeof say(en, key)).toBe("string");
    }
    expect(say(zh, "circleAdmin.validation.untilBeforeFrom")).toBe("截止年度不能早于起始年度。");
  });

  it("refuses a circle outside its belt's years, a taken code and a town twice", async () => {
    const base = {
      beltCode: "QZ-B",
      name: "圈",
      nameEn: "Circle",
      fromYear: 2026,
      townCodes: [town.a2],
      leadTownCode: town.a2,
    };
    await prisma.belt.update({ where: { code: "QZ-B" }, data: { untilYear: 2027 } });
    expect(await refusal(() => createCircle(admin, { ...base, code: "C5" }))).toBe(
      "VALIDATION:circleAdmin.validation.outsideBelt",
    );
    await prisma.belt.update({ where: { code: "QZ-B" }, data: { untilYear: null } });
    expect(await refusal(() => createCircle(admin, { ...base, code: "C1" }))).toBe(
      "CONFLICT:circleAdmin.validation.codeTaken",
    );
    expect(
      await refusal(() =>
        createCircle(admin, { ...base, code: "C5", townCodes: [town.a2, town.a2] }),
      ),
    ).toBe("ZOD:townCodes=circleAdmin.validation.townTwice");
    const c1 = await circle("C1");
    expect(
      await refusal(() =>
        addTownToCircle(admin, { circleId: c1.id, townCode: town.b1, fromYear: 2026 }),
      ),
    ).toBe("CONFLICT:circleAdmin.validation.alreadyMember");
  });
});
