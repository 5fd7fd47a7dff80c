/**
 * The fixture of the crash proofs (lib/prove/crash.test.ts through a worker process,
 * e2e/crash.spec.ts through the real server): the report fixture (./report-fixture.ts: two
 * SUBMITTED P4 reports of 龙游县 for a bulk approval), year 2027 in PLANNING (a creation list is
 * imported into it), and a 2026 assessment scheme with one entered item (组织保障, base 30
 * points) whose run the proofs publish. Everything the proofs check is read back by the
 * functions below, so the worker test and the server test judge a trial the same way.
 */
import type { Actor } from "@/lib/access";
import { hashPassword } from "@/lib/auth/password";
import type { PrismaClient } from "@/lib/prisma-client";
import { assessmentBuilders } from "./assessment-builders";
import { builders } from "./builders";
import { seedReportFixture, type ReportFixture } from "./report-fixture";

/** The year a creation list is imported into (PLANNING, no tasks before a trial). */
export const IMPORT_YEAR = 2027;

/** The creation list the import trials send: every fixture town, one row each (CSV, UTF-8). */
export const CRASH_IMPORT_CSV = [
  "区划代码,乡镇名称,创建目标,创建路径,截止日期",
  "330825109,溪口镇,省级样板,乡镇,2027-12-31",
  "330825101,湖镇镇,基本达标,乡镇,2027-12-31",
  "330825102,小南海镇,持续深化,乡镇,2027-11-30",
  "330802001,府山街道,省级样板续创,乡镇,2027-10-31",
].join("\n");

/** How many tasks the import creates (the CSV's data rows). */
export const CRASH_IMPORT_ROWS = 4;

/** What the crash fixture made. */
export type CrashFixture = ReportFixture & { schemeId: number };

/**
 * Loads the crash fixture into an empty, migrated database. With `password`, every account
 * gets it (hashed as sign-in expects), for the proofs that sign in through the server.
 */
export async function seedCrashFixture(
  prisma: PrismaClient,
  options: { password?: string } = {},
): Promise<CrashFixture> {
  const fixture = await seedReportFixture(prisma);
  await builders(prisma).year(IMPORT_YEAR, "PLANNING");
  const scheme = await assessmentBuilders(prisma).scheme(2026, [
    { code: "org", category: "PROCESS", scoring: "POINTS", basePoints: "30" },
  ]);
  if (options.password) {
    await prisma.user.updateMany({
      data: { passwordHash: await hashPassword(options.password), mustChangePassword: false },
    });
  }
  return { ...fixture, schemeId: scheme.id };
}

/** Counts what a trial of each operation leaves: the data and the audit rows that go with it. */
export async function crashState(prisma: PrismaClient, fixture: CrashFixture) {
  const [approved, approveAudits, tasks, importAudits, runs, publishAudits] = await Promise.all([
    prisma.progressReport.count({
      where: { id: { in: fixture.submittedIds }, status: "COUNTY_APPROVED" },
    }),
    prisma.auditLog.count({ where: { action: "report.approve" } }),
    prisma.creationTask.count({ where: { year: IMPORT_YEAR } }),
    prisma.auditLog.count({ where: { action: "task.import" } }),
    prisma.assessmentRun.findMany({
      where: { year: 2026 },
      select: { id: true, status: true, revision: true },
      orderBy: { version: "asc" },
    }),
    prisma.auditLog.findMany({
      where: { action: "assessmentRun.publish" },
      select: { entityId: true },
    }),
  ]);
  return {
    approved,
    approveAudits,
    tasks,
    importAudits,
    published: runs.filter((r) => r.status === "PUBLISHED").map((r) => r.id),
    superseded: runs.filter((r) => r.status === "SUPERSEDED").map((r) => r.id),
    publishAudits: publishAudits.map((a) => Number(a.entityId)),
    runs,
  };
}

/** Puts the two approved reports back to SUBMITTED (a bulk approval's next trial). */
export async function resetApproval(prisma: PrismaClient, fixture: CrashFixture): Promise<void> {
  await prisma.progressReport.updateMany({
    where: { id: { in: fixture.submittedIds } },
    data: { status: "SUBMITTED", approvedAt: null },
  });
}

/** Removes the imported tasks (with their indicator targets): the import's next trial. */
export async function resetImport(prisma: PrismaClient): Promise<void> {
  await prisma.indicatorTarget.deleteMany({ where: { task: { year: IMPORT_YEAR } } });
  await prisma.creationTask.deleteMany({ where: { year: IMPORT_YEAR } });
}

/**
 * A COMPUTED run of 2026 ready to publish: the open one, or a new version (with a reason once
 * one has been published) started and computed through the use cases.
 * @returns the run's id and its revision.
 */
export async function computedRun(
  admin: Actor,
  prisma: PrismaClient,
): Promise<{ runId: number; expectedRevision: number }> {
  const { computeRun, startRun } = await import("@/lib/assessments/runs");
  const open = await prisma.assessmentRun.findFirst({
    where: { year: 2026, status: { in: ["DRAFT", "COMPUTED"] } },
  });
  const published = await prisma.assessmentRun.count({ where: { year: 2026 } });
  const runId =
    open?.id ??
    (await startRun(admin, { year: 2026, reason: published > 0 ? "崩溃试验：重新计算" : "" })).id;
  const run = await prisma.assessmentRun.findUniqueOrThrow({ where: { id: runId } });
  if (run.status === "COMPUTED") return { runId, expectedRevision: run.revision };
  const { revision } = await computeRun(admin, { runId, expectedRevision: run.revision });
  return { runId, expectedRevision: revision };
}
