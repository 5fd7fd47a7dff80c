/**
 * A draft save in a few set-based statements (issue 15, part 3), on the report fixture
 * (lib/testing/report-fixture.ts): the number of statements does not grow with the number of
 * values or projects saved; only the keys present are written (a value alone keeps its note,
 * a note alone keeps its value); an incomplete project row is removed; and of many saves from
 * the same version exactly one wins. Counted at the pg driver (lib/testing/statements.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/prisma-client";
import { scratchApp } from "@/lib/testing/builders";
import { seedReportFixture, type ReportFixture } from "@/lib/testing/report-fixture";
import { countStatements } from "@/lib/testing/statements";
import { saveReport } from "./mutations";

let prisma: PrismaClient;
let drop: () => Promise<void>;
let fixture: ReportFixture;
let staff: Actor;
let reportId: number;
let projectIds: number[];

beforeAll(async () => {
  const app = await scratchApp("save_statements");
  prisma = app.prisma;
  drop = app.drop;
  fixture = await seedReportFixture(prisma);
  ({ staff, reportId } = fixture);
  const { taskId } = await prisma.progressReport.findUniqueOrThrow({ where: { id: reportId } });
  projectIds = [];
  for (const code of ["P1", "P2", "P3"]) {
    const project = await prisma.project.create({
      data: { taskId, code, name: `项目${code}`, plannedInvestmentWan: "1000" },
    });
    projectIds.push(project.id);
  }
  // Warm the shared client and its pool, so that connecting is not counted.
  await saveReport(staff, { reportId, expectedVersion: await version() });
});

afterAll(async () => {
  await drop?.();
});

const version = async () =>
  (await prisma.progressReport.findUniqueOrThrow({ where: { id: reportId } })).version;

const stored = async () =>
  Object.fromEntries(
    (await prisma.indicatorValue.findMany({ where: { reportId } })).map((v) => [
      v.indicatorId,
      { value: v.value?.toFixed() ?? null, note: v.note },
    ]),
  );

describe("a draft save", () => {
  it("writes one value in 8 statements, and five values, notes and three projects in 10", async () => {
    const ids = fixture.indicators;
    const first = await version();
    const one = await countStatements(async () =>
      saveReport(staff, {
        reportId,
        expectedVersion: first,
        values: { [ids.greenwayKm]: "7.5" },
      }),
    );
    const all = await countStatements(async () =>
      saveReport(staff, {
        reportId,
        expectedVersion: first + 1,
        values: {
          [ids.sewageTreatmentRate]: "95.5",
          [ids.nankongReadingRooms]: "3",
          [ids.greenwayKm]: "8.25",
          [ids.nightLandscape]: "1",
          [ids.touristVisits]: "",
        },
        notes: {
          [ids.sewageTreatmentRate]: "二季度数据",
          [ids.nankongReadingRooms]: "",
          [ids.greenwayKm]: "含新建段",
          [ids.nightLandscape]: "是",
          [ids.touristVisits]: "未统计",
        },
        projects: [
          {
            projectId: projectIds[0],
            completedInvestmentWan: "120.5",
            percentComplete: "12",
            status: "IN_PROGRESS",
            note: "开工",
          },
          {
            projectId: projectIds[1],
            completedInvestmentWan: "1000",
            percentComplete: "100",
            status: "COMPLETED",
          },
          {
            projectId: projectIds[2],
            completedInvestmentWan: "",
            percentComplete: "50",
            status: "IN_PROGRESS",
          },
        ],
        narrative: "本季度进展顺利",
      }),
    );
    const writes = (statements: string[], table: string) =>
      statements.filter((q) => q.startsWith(`INSERT INTO "${table}"`)).length;
    // BEGIN, the scoped report, its period, task, town and projects in one join, the year's
    // status, the indicators, the version bump, the values, the audit row, COMMIT.
    expect(one.count).toBe(8);
    expect(writes(one.statements, "IndicatorValue")).toBe(1);
    // Five values with their notes are still one statement; three projects are two (the
    // complete ones upserted together, the incomplete one deleted). It was 19 (one per row).
    expect(all.count).toBe(10);
    expect(writes(all.statements, "IndicatorValue")).toBe(1);
    expect(writes(all.statements, "ProjectProgress")).toBe(1);

    expect(await stored()).toEqual({
      [ids.sewageTreatmentRate]: { value: "95.5", note: "二季度数据" },
      [ids.nankongReadingRooms]: { value: "3", note: null },
      [ids.greenwayKm]: { value: "8.25", note: "含新建段" },
      [ids.nightLandscape]: { value: "1", note: "是" },
      [ids.touristVisits]: { value: null, note: "未统计" },
    });
    const progress = await prisma.projectProgress.findMany({
      where: { reportId },
      orderBy: { projectId: "asc" },
    });
    expect(
      progress.map((p) => [
        p.projectId,
        p.completedInvestmentWan.toFixed(),
        p.percentComplete.toFixed(),
        p.status,
        p.note,
      ]),
    ).toEqual([
      [projectIds[0], "120.5", "12", "IN_PROGRESS", "开工"],
      [projectIds[1], "1000", "100", "COMPLETED", null],
    ]);
  });

  it("writes only the keys present: a value alone keeps its note, a note alone its value", async () => {
    const ids = fixture.indicators;
    await saveReport(staff, {
      reportId,
      expectedVersion: await version(),
      values: { [ids.greenwayKm]: "9" },
      notes: { [ids.sewageTreatmentRate]: "已核实" },
      projects: [
        {
          projectId: projectIds[0],
          completedInvestmentWan: "",
          percentComplete: "",
          status: "IN_PROGRESS",
        },
      ],
    });
    const after = await stored();
    expect(after[ids.greenwayKm]).toEqual({ value: "9", note: "含新建段" });
    expect(after[ids.sewageTreatmentRate]).toEqual({ value: "95.5", note: "已核实" });
    expect(after[ids.nightLandscape]).toEqual({ value: "1", note: "是" });
    // The emptied project row is gone ("not reported yet"); the other one stays.
    expect(
      (await prisma.projectProgress.findMany({ where: { reportId } })).map((p) => p.projectId),
    ).toEqual([projectIds[1]]);
  });

  it("of eight saves from the same version, exactly one wins and is audited", async () => {
    const ids = fixture.indicators;
    const from = await version();
    const audits = await prisma.auditLog.count({ where: { action: "report.save" } });
    const outcomes = await Promise.all(
      ["1", "2", "3", "4", "5", "6", "7", "8"].map((n) =>
        saveReport(staff, {
          reportId,
          expectedVersion: from,
          values: { [ids.nankongReadingRooms]: n, [ids.greenwayKm]: n },
        }).then(
          () => n,
          (error: unknown) => (error instanceof AppError ? error.code : String(error)),
        ),
      ),
    );
    const winners = outcomes.filter((o) => o !== "CONFLICT");
    expect(winners).toHaveLength(1);
    expect(await version()).toBe(from + 1);
    const after = await stored();
    // Both values come from the one winner: nothing of a losing save was written.
    expect(after[ids.nankongReadingRooms]!.value).toBe(winners[0]);
    expect(after[ids.greenwayKm]!.value).toBe(winners[0]);
    expect(await prisma.auditLog.count({ where: { action: "report.save" } })).toBe(audits + 1);
  });
});
