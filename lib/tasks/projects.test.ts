/**
 * A task's projects and indicator targets against a real database (the creation-list
 * fixture): add / edit / delete with exact stored values and audit rows, bad input writes
 * nothing, a project with reported progress cannot be deleted, targets are parsed with the
 * indicator's rules and cleared when empty, reviewers and township staff are refused.
 */
import { ZodError } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access";
import { loadActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { userKey } from "@/lib/testing/errors";
import { createPrismaClient, type PrismaClient } from "@/lib/prisma-client";
import { seedCreationListFixture } from "@/lib/testing/creation-list-fixture";
import { createScratchDatabase, type ScratchDatabase } from "@/lib/testing/database";
import { deleteProject, saveProject, saveTargets } from "./projects";
import { issueFields } from "@/lib/validation/issues";

let database: ScratchDatabase;
let prisma: PrismaClient;
let admin: Actor;
let reviewer: Actor;
let staff: Actor;
let taskId: number;

beforeAll(async () => {
  database = await createScratchDatabase("task_projects");
  process.env.DATABASE_URL = database.url;
  prisma = createPrismaClient(database.url, { max: 2 });
  ({ admin, reviewer } = await seedCreationListFixture(prisma));
  const town = await prisma.town.findUniqueOrThrow({ where: { divisionCode: "330822104" } });
  const user = await prisma.user.create({
    data: {
      username: "staff",
      displayName: "镇干部",
      role: "TOWNSHIP_STAFF",
      townId: town.id,
      passwordHash: "x",
    },
  });
  staff = (await loadActor(user.id))!;
  taskId = (
    await prisma.creationTask.create({
      data: {
        townId: town.id,
        year: 2024,
        target: "BASIC_COMPLIANCE",
        deadline: new Date("2024-12-31"),
      },
    })
  ).id;
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
      if (error instanceof Error && error.name === "ZodError") return "ZOD";
      throw error;
    },
  );

const project = {
  code: "P-01",
  name: "老街改造",
  dimension: "LIVING",
  plannedInvestmentWan: "1234.56",
  specialBondsWan: "200",
  landSuppliedMu: "",
  startsOn: "2024-03-01",
  endsOn: "2025-06-30",
};

describe("projects", () => {
  it("refuses reviewers and township staff", async () => {
    for (const actor of [reviewer, staff]) {
      expect(await codeOf(saveProject(actor, { ...project, taskId }))).toBe("FORBIDDEN:");
      expect(await codeOf(deleteProject(actor, { taskId, id: 1 }))).toBe("FORBIDDEN:");
      expect(await codeOf(saveTargets(actor, { taskId, targets: {} }))).toBe("FORBIDDEN:");
    }
    expect(await prisma.auditLog.count()).toBe(0);
  });

  it("adds, edits and deletes a project with exact values; bad input writes nothing", async () => {
    const { id } = await saveProject(admin, { ...project, taskId });
    const stored = await prisma.project.findUniqueOrThrow({ where: { id } });
    expect([
      stored.code,
      stored.name,
      stored.dimension,
      stored.plannedInvestmentWan.toFixed(2),
      stored.specialBondsWan.toFixed(2),
      stored.landSuppliedMu.toFixed(2),
      stored.startsOn?.toISOString().slice(0, 10),
      stored.endsOn?.toISOString().slice(0, 10),
    ]).toEqual([
      "P-01",
      "老街改造",
      "LIVING",
      "1234.56",
      "200.00",
      "0.00",
      "2024-03-01",
      "2025-06-30",
    ]);

    await saveProject(admin, {
      ...project,
      taskId,
      id,
      name: "老街改造二期",
      dimension: "",
      plannedInvestmentWan: "99.9",
      landSuppliedMu: "3.25",
      endsOn: "",
    });
    const edited = await prisma.project.findUniqueOrThrow({ where: { id } });
    expect([
      edited.name,
      edited.dimension,
      edited.plannedInvestmentWan.toFixed(2),
      edited.landSuppliedMu.toFixed(2),
      edited.endsOn,
    ]).toEqual(["老街改造二期", null, "99.90", "3.25", null]);

    const audits = await prisma.auditLog.count();
    expect(
      await codeOf(saveProject(admin, { ...project, taskId, plannedInvestmentWan: "0" })),
    ).toBe("ZOD");
    expect(await codeOf(saveProject(admin, { ...project, taskId, code: "P-01" }))).toBe(
      "VALIDATION:tasks.projectCodeTaken",
    );
    expect(
      await codeOf(
        saveProject(admin, { ...project, taskId, code: "P-02", startsOn: "2023-12-31" }),
      ),
    ).toBe("VALIDATION:tasks.projectDateYear");
    // Land past its column, Decimal(12, 2): out of range under its field (it was a 500).
    const land = await saveProject(admin, {
      ...project,
      taskId,
      code: "P-03",
      landSuppliedMu: "123456789012",
    }).catch((e: unknown) => e);
    expect(land).toBeInstanceOf(ZodError);
    expect(issueFields((land as ZodError).issues)).toEqual({
      landSuppliedMu: "validation.outOfRange",
    });
    expect(await prisma.project.count()).toBe(1);
    expect(await prisma.auditLog.count()).toBe(audits);

    await deleteProject(admin, { taskId, id });
    expect(await prisma.project.count()).toBe(0);
    const actions = await prisma.auditLog.findMany({ orderBy: { id: "asc" } });
    expect(actions.map((a) => a.action)).toEqual([
      "project.create",
      "project.update",
      "project.delete",
    ]);
  });

  it("refuses to delete a project with reported progress", async () => {
    const { id } = await saveProject(admin, { ...project, taskId, code: "P-03" });
    const period = await prisma.reportingPeriod.create({
      data: {
        year: 2024,
        index: 1,
        name: "一季度",
        nameEn: "Q1",
        startsOn: new Date("2024-01-01"),
        endsOn: new Date("2024-03-31"),
        dueOn: new Date("2024-04-10"),
      },
    });
    await prisma.progressReport.create({
      data: {
        taskId,
        periodId: period.id,
        projectProgress: {
          create: {
            projectId: id,
            completedInvestmentWan: "10",
            percentComplete: "5",
            status: "IN_PROGRESS",
          },
        },
      },
    });
    expect(await codeOf(deleteProject(admin, { taskId, id }))).toBe(
      "VALIDATION:tasks.projectHasProgress",
    );
    expect(await prisma.project.count({ where: { id } })).toBe(1);
  });
});

describe("saveTargets", () => {
  it("saves targets with the indicator's rules, clears empty ones, all or nothing", async () => {
    const indicator = (code: string, valueType: "DECIMAL" | "PERCENT", maxValue?: string) =>
      prisma.indicator.create({
        data: {
          year: 2024,
          code,
          kind: "COMMON",
          townTypes: [],
          name: code,
          nameEn: code,
          dimension: "LIVING",
          unit: "个",
          unitEn: "",
          valueType,
          maxValue,
        },
      });
    const rooms = await indicator("rooms", "DECIMAL", "50");
    const rate = await indicator("rate", "PERCENT");
    const other = await prisma.indicator.create({
      data: {
        year: 2024,
        code: "industry",
        kind: "DISTINCTIVE",
        townTypes: ["INDUSTRY"],
        name: "industry",
        nameEn: "industry",
        dimension: "INDUSTRY",
        unit: "个",
        unitEn: "",
        valueType: "DECIMAL",
      },
    });

    expect(
      await saveTargets(admin, {
        taskId,
        targets: { [rooms.id]: "12.345", [rate.id]: "85%" },
      }),
    ).toEqual({ set: 2, cleared: 0 });
    const values = async () =>
      (
        await prisma.indicatorTarget.findMany({
          where: { taskId },
          orderBy: { indicatorId: "asc" },
        })
      ).map((t) => [t.indicatorId, t.targetValue.toFixed()]);
    expect(await values()).toEqual([
      [rooms.id, "12.35"],
      [rate.id, "85"],
    ]);

    expect(
      await codeOf(saveTargets(admin, { taskId, targets: { [rooms.id]: "", [rate.id]: "120" } })),
    ).toBe("VALIDATION:indicatorValue.aboveMax");
    expect(await codeOf(saveTargets(admin, { taskId, targets: { [other.id]: "1" } }))).toBe(
      "VALIDATION:tasks.unknownIndicator",
    );
    expect(await values()).toHaveLength(2);

    expect(
      await saveTargets(admin, { taskId, targets: { [rooms.id]: "", [rate.id]: "90" } }),
    ).toEqual({ set: 1, cleared: 1 });
    expect(await values()).toEqual([[rate.id, "90"]]);
  });
});
