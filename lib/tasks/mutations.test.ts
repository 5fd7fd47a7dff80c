/**
 * The creation list against a real database (a small fixture): bulk set creates and updates
 * tasks with one audit row, publishing marks towns as in the programme, reviewers are refused,
 * and a bad deadline or an unknown town writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access";
import { loadActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { createPrismaClient, type PrismaClient } from "@/lib/prisma-client";
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
  const city = await prisma.city.create({
    data: { divisionCode: "3308", name: "衢州市", nameEn: "Quzhou" },
  });
  const county = await prisma.county.create({
    data: {
      cityId: city.id,
      divisionCode: "330822",
      name: "常山县",
      nameEn: "Changshan",
      kind: "COUNTY",
    },
  });
  await prisma.town.createMany({
    data: [
      { countyId: county.id, divisionCode: "330822104", name: "白石镇", kind: "TOWN" },
      { countyId: county.id, divisionCode: "330822105", name: "招贤镇", kind: "TOWN" },
    ],
  });
  await prisma.year.createMany({
    data: [
      { year: 2024, status: "PLANNING" },
      { year: 2022, status: "CLOSED" },
    ],
  });
  const a = await prisma.user.create({
    data: { username: "admin", displayName: "管理员", role: "CITY_ADMIN", passwordHash: "x" },
  });
  const r = await prisma.user.create({
    data: {
      username: "reviewer",
      displayName: "审核员",
      role: "COUNTY_REVIEWER",
      countyId: county.id,
      passwordHash: "x",
    },
  });
  admin = (await loadActor(a.id))!;
  reviewer = (await loadActor(r.id))!;
});

afterAll(async () => {
  await prisma?.$disconnect();
  await database?.drop();
});

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "OK",
    (error: unknown) => {
      if (error instanceof AppError)
        return `${error.code}:${(error.detail as { message?: string })?.message ?? ""}`;
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
    expect(
      await codeOf(
        setTasks(admin, { ...base, year: 2022, deadline: "2022-12-31", townCodes: ["330822104"] }),
      ),
    ).toBe("VALIDATION:tasks.yearClosed");
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
    const towns = await prisma.town.findMany({ orderBy: { divisionCode: "asc" } });
    expect(towns.map((t) => t.inProgramme)).toEqual([false, true]);
    expect(
      (await prisma.auditLog.findMany({ orderBy: { id: "asc" } })).map((a) => a.action),
    ).toEqual(["task.set", "task.set", "task.publish"]);
  });
});
