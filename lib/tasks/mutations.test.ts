/**
 * The creation list against a real database (a small fixture): bulk set creates and updates
 * tasks with one audit row, publishing marks towns as in the programme, reviewers are refused,
 * and a bad deadline or an unknown town writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access";
import { AppError } from "@/lib/errors";
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
    expect(towns.map((t) => t.inProgramme)).toEqual([false, true, false]);
    expect(
      (await prisma.auditLog.findMany({ orderBy: { id: "asc" } })).map((a) => a.action),
    ).toEqual(["task.set", "task.set", "task.publish"]);
  });
});
