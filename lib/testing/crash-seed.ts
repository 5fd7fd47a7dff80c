/**
 * Loads the crash proofs' fixture (./crash-fixture.ts) and makes the COMPUTED assessment runs
 * they publish, through the use cases (server code: run under vitest or with
 * `tsx --conditions=react-server`, as lib/prove/crash-worker.ts does).
 */
import type { Actor } from "@/lib/access";
import { computeRun, startRun } from "@/lib/assessments/runs";
import { hashPassword } from "@/lib/auth/password";
import type { PrismaClient } from "@/lib/prisma-client";
import { assessmentBuilders } from "./assessment-builders";
import { builders } from "./builders";
import { IMPORT_YEAR, type CrashFixture } from "./crash-fixture";
import { seedReportFixture } from "./report-fixture";

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

/**
 * A COMPUTED run of 2026 ready to publish: the open one, or a new version (with a reason once
 * one has been published) started and computed through the use cases.
 * @returns the run's id and its revision.
 */
export async function computedRun(
  admin: Actor,
  prisma: PrismaClient,
): Promise<{ runId: number; expectedRevision: number }> {
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
