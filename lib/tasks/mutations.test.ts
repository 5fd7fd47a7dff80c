/**
 * The creation list against a real database (a small fixture): bulk set creates and updates
 * tasks with one audit row, publishing marks towns as in the programme, reviewers are refused,
 * a bad deadline or an unknown town writes nothing, and a new task takes its indicator targets
 * from the town's previous-year task (only for indicators that apply to the town's type).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inProgrammeTownWhere } from "@/lib/domain/programme";
import type { Actor } from "@/lib/access";
import { AppError } from "@/lib/errors";
import { userKey } from "@/lib/testing/errors";
import type { IndicatorKind, TownType } from "@/lib/generated/prisma/enums";
import { createPrismaClient, type PrismaClient } from "@/lib/prisma-client";
import { seedCreationListFixture } from "@/lib/testing/creation-list-fixture";
import { createScratchDatabase, type ScratchDatabase } from "@/lib/testing/database";
import { publishTasks, setTasks } from "./mutations";

let database: ScratchDatabase;
let prisma: PrismaClient;
let admin: Actor;
let reviewer: Actor;

beforeAll(async () => {
  database = await createScratchDatabase("tasks");
  process.env.DATABASE_URL = database.url;
  prisma = createPrismaClient(database.url, { max: 2 });
  ({ admin, reviewer } = await seedCreationListFixture(prisma));
});

afterAll(async () => {
  await prisma?.$disconnect();
  await database?.drop();
});

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "OK",
    (error: unknown) => {
      if (error instanceof AppError) return `${error.code}:${userKey(error)}`;
      throw error;
    },
  );

const base = { year: 2024, target: "BASIC_COMPLIANCE", track: "STANDARD", deadline: "2024-12-31" };

describe("setTasks and publishTasks", () => {
  it("refuses reviewers, deadlines outside the year, closed years and unknown towns", async () => {
    expect(await codeOf(setTasks(reviewer, { ...base, townCodes: ["330822104"] }))).toBe(
      "FORBIDDEN:",
    );
    expect(
      await codeOf(setTasks(admin, { ...base, deadline: "2025-01-10", townCodes: ["330822104"] })),
    ).toBe("VALIDATION:tasks.deadlineInYear");
    // An impossible date is refused, never rolled over (2026-02-30 is not 2026-03-02).
    await expect(
      setTasks(admin, { ...base, deadline: "2024-02-30", townCodes: ["330822104"] }),
    ).rejects.toMatchObject({ issues: [{ path: ["deadline"], message: "validation.date" }] });
    expect(
      await codeOf(
        setTasks(admin, { ...base, year: 2022, deadline: "2022-12-31", townCodes: ["330822104"] }),
      ),
    ).toBe("CONFLICT:years.closed");
    expect(await codeOf(setTasks(admin, { ...base, townCodes: ["330822104", "330822999"] }))).toBe(
      "VALIDATION:validation.unknownTown",
    );
    expect(await prisma.creationTask.count()).toBe(0);
    expect(await prisma.auditLog.count()).toBe(0);
  });

  it("creates, then updates, then publishes", async () => {
    expect(await setTasks(admin, { ...base, townCodes: ["330822104"] })).toEqual({
      created: 1,
      updated: 0,
    });
    expect(
      await setTasks(admin, {
        ...base,
        target: "PROVINCIAL_SAMPLE",
        deadline: "2024-11-30",
        townCodes: ["330822104", "330822105"],
      }),
    ).toEqual({ created: 1, updated: 1 });
    const tasks = await prisma.creationTask.findMany({ orderBy: { townId: "asc" } });
    expect(tasks.map((t) => [t.target, t.status, t.deadline.toISOString().slice(0, 10)])).toEqual([
      ["PROVINCIAL_SAMPLE", "DRAFT", "2024-11-30"],
      ["PROVINCIAL_SAMPLE", "DRAFT", "2024-11-30"],
    ]);
    expect(await publishTasks(admin, { year: 2024, townCodes: ["330822105"] })).toEqual({
      published: 1,
    });
    const inProgramme = await prisma.town.findMany({
      where: inProgrammeTownWhere(2024),
      select: { divisionCode: true },
    });
    expect(inProgramme.map((t) => t.divisionCode)).toEqual(["330822105"]);
    expect(
      (await prisma.auditLog.findMany({ orderBy: { id: "asc" } })).map((a) => a.action),
    ).toEqual(["task.set", "task.set", "task.publish"]);
  });

  it("gives a new task the previous year's targets of the indicators that apply", async () => {
    const town = await prisma.town.update({
      where: { divisionCode: "330822106" },
      data: { townType: "TOURISM" },
    });
    const indicator = (year: number, code: string, kind: IndicatorKind, townTypes: TownType[]) =>
      prisma.indicator.create({
        data: {
          year,
          code,
          kind,
          townTypes,
          name: code,
          nameEn: code,
          dimension: "LIVING",
          unit: "个",
          unitEn: "",
          valueType: "DECIMAL",
        },
      });
    // 2023: every indicator applies; 2024: "industry" is for industrial towns only.
    const previous = {
      rooms: await indicator(2023, "rooms", "COMMON", []),
      tourists: await indicator(2023, "tourists", "DISTINCTIVE", ["TOURISM"]),
      satisfaction: await indicator(2023, "satisfaction", "SATISFACTION", []),
      industry: await indicator(2023, "industry", "DISTINCTIVE", []),
    };
    await indicator(2024, "rooms", "COMMON", []);
    await indicator(2024, "tourists", "DISTINCTIVE", ["TOURISM", "AGRICULTURE"]);
    await indicator(2024, "satisfaction", "SATISFACTION", []);
    await indicator(2024, "industry", "DISTINCTIVE", ["INDUSTRY"]);
    await indicator(2024, "gyms", "COMMON", []); // new in 2024: no previous target
    await prisma.creationTask.create({
      data: {
        townId: town.id,
        year: 2023,
        target: "BASIC_COMPLIANCE",
        deadline: new Date("2023-12-31"),
        indicatorTargets: {
          create: [
            { indicatorId: previous.rooms.id, targetValue: "3" },
            { indicatorId: previous.tourists.id, targetValue: "12.5" },
            { indicatorId: previous.satisfaction.id, targetValue: "90" },
            { indicatorId: previous.industry.id, targetValue: "2" },
          ],
        },
      },
    });

    expect(await setTasks(admin, { ...base, townCodes: ["330822106"] })).toEqual({
      created: 1,
      updated: 0,
    });
    const targets = await prisma.indicatorTarget.findMany({
      where: { task: { year: 2024, townId: town.id } },
      select: { targetValue: true, indicator: { select: { code: true, year: true } } },
      orderBy: { indicator: { code: "asc" } },
    });
    expect(
      targets.map((t) => [t.indicator.code, t.indicator.year, t.targetValue.toFixed()]),
    ).toEqual([
      ["rooms", 2024, "3"],
      ["satisfaction", 2024, "90"],
      ["tourists", 2024, "12.5"],
    ]);
    // An update leaves the targets alone; a town without a previous task gets none.
    await setTasks(admin, { ...base, target: "PROVINCIAL_SAMPLE", townCodes: ["330822106"] });
    expect(await prisma.indicatorTarget.count({ where: { task: { year: 2024 } } })).toBe(3);
  });
});
