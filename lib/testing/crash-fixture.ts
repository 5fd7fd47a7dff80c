/**
 * The fixture of the crash proofs (lib/prove/crash.test.ts through a worker process,
 * e2e/crash.spec.ts through the real server): the report fixture (./report-fixture.ts: two
 * SUBMITTED P4 reports of 龙游县 for a bulk approval), year 2027 in PLANNING (a creation list is
 * imported into it), and a 2026 assessment scheme with one entered item (base 30 points) whose
 * runs the proofs publish. This module holds what both proofs judge a trial by (plain Prisma
 * reads and writes, importable from the browser tests); ./crash-seed.ts loads it.
 */
import type { PrismaClient } from "@/lib/prisma-client";
import type { ReportFixture } from "./report-fixture";

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

/** The operations under trial (the crash worker's names). */
export type CrashOperation = "bulkApprove" | "importTasks" | "publishRun";

/** What a publication trial is judged against: the run published and the published ones before. */
export type PublishTrial = { runId: number; earlier: number[] };

/** Throws the proof's failure unless `ok`. */
function check(ok: boolean, message: string, state: unknown): void {
  if (!ok) throw new Error(`${message}: ${JSON.stringify(state)}`);
}

/**
 * Judges one trial of `operation`: all of it written with its audit rows, or none of it and no
 * audit row (for a publication: this run PUBLISHED, the earlier ones SUPERSEDED and one
 * `assessmentRun.publish` row per published or superseded run; or this run still COMPUTED and
 * the earlier ones as they were).
 * @returns true when all was written, false when nothing.
 * @throws Error naming what was half-written or where the audit log disagrees.
 */
export async function judgeTrial(
  prisma: PrismaClient,
  fixture: CrashFixture,
  operation: CrashOperation,
  publish?: PublishTrial,
): Promise<boolean> {
  const s = await crashState(prisma, fixture);
  switch (operation) {
    case "bulkApprove":
      check([0, fixture.submittedIds.length].includes(s.approved), "half approved", s);
      check(s.approveAudits === s.approved, "approvals and audit rows differ", s);
      return s.approved > 0;
    case "importTasks":
      check([0, CRASH_IMPORT_ROWS].includes(s.tasks), "half imported", s);
      check(s.importAudits === (s.tasks > 0 ? 1 : 0), "import and audit rows differ", s);
      return s.tasks > 0;
    case "publishRun": {
      const { runId, earlier } = publish!;
      const published = s.published.includes(runId);
      const same = (a: number[], b: number[]) =>
        JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
      check(same(s.published, published ? [runId] : earlier), "published versions", s);
      if (published)
        check(
          earlier.every((id) => s.superseded.includes(id)),
          "not superseded",
          s,
        );
      else check(s.runs.find((r) => r.id === runId)?.status === "COMPUTED", "run changed", s);
      check(same(s.publishAudits, [...s.published, ...s.superseded]), "publish audit rows", s);
      return published;
    }
  }
}

/** Undoes a trial that wrote all of it, for the next one (a publication needs no undoing). */
export async function undoTrial(
  prisma: PrismaClient,
  fixture: CrashFixture,
  operation: CrashOperation,
): Promise<void> {
  if (operation === "bulkApprove") {
    await resetApproval(prisma, fixture);
    await prisma.auditLog.deleteMany({ where: { action: "report.approve" } });
  } else if (operation === "importTasks") {
    await resetImport(prisma);
    await prisma.auditLog.deleteMany({ where: { action: "task.import" } });
  }
}
