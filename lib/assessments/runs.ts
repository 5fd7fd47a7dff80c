/**
 * The use cases of an assessment run (考核结果版本), for city administrators: start a year's next
 * version (from the second on, with the reason for recomputing), compute it (again and again
 * while it is not published), confirm and publish it, or discard an unpublished one. Each:
 * zod → authorize (assessment.manage) → one transaction (the year must be writable, the run
 * row is locked and its revision must be the one the user saw) → one audit row.
 * Publishing freezes the run with the snapshot of its last computation (./snapshot.ts); the
 * year's previously published version is then SUPERSEDED.
 */
import "server-only";
import { authorize, type Actor } from "@/lib/access";
import { writeAudit } from "@/lib/audit/write";
import { db } from "@/lib/db";
import { currentInstant } from "@/lib/domain/calendar";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AssessmentRunStatus } from "@/lib/generated/prisma/enums";
import { runRevisionSchema, startRunSchema } from "@/lib/validation/assessment";
import { ZodError } from "zod";
import { assertYearWritable } from "@/lib/years/internal";
import {
  computeRunInternal,
  publishRunInternal,
  startRunInternal,
  type RunRow,
} from "./compute.internal";

type Tx = Prisma.TransactionClient;

/**
 * Locks the run's row and checks the revision the user saw and its status.
 * @throws AppError NOT_FOUND | CONFLICT (assessments.staleRun, assessments.runNotOpen)
 */
async function lockRun(
  tx: Tx,
  runId: number,
  expectedRevision: number,
  statuses: readonly AssessmentRunStatus[],
): Promise<RunRow> {
  const [run] = await tx.$queryRaw<RunRow[]>`
    SELECT id, year, version, status::text AS status, revision
    FROM "AssessmentRun" WHERE id = ${runId} FOR UPDATE`;
  if (!run) throw new AppError("NOT_FOUND", {}, { runId });
  await assertYearWritable(tx, run.year);
  if (run.revision !== expectedRevision) {
    throw new AppError("CONFLICT", "assessments.staleRun", { runId, expectedRevision });
  }
  if (!statuses.includes(run.status)) {
    throw new AppError("CONFLICT", "assessments.runNotOpen", { runId, status: run.status });
  }
  return run;
}

/**
 * Starts the next version of a year's assessment on its ACTIVE scheme (DRAFT). Only one
 * unpublished version at a time; once a version has been published, a new one needs a reason.
 * @returns the run's id and version.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND (year) | CONFLICT (years.closed,
 *   assessments.noActiveScheme, assessments.runOpen) | VALIDATION (reason)
 */
export async function startRun(
  actor: Actor,
  input: unknown,
): Promise<{ id: number; version: number; revision: number }> {
  authorize(actor, "assessment.manage");
  const data = startRunSchema.parse(input);
  return db().$transaction(async (tx) => {
    // Serialise starts of the same year (of two administrators at once, the second is refused
    // as "a version is open"), then the closed-year rule.
    await tx.$queryRaw`SELECT year FROM "Year" WHERE year = ${data.year} FOR UPDATE`;
    await assertYearWritable(tx, data.year);
    const run = await startRunInternal(tx, data.year, {
      reason: data.reason,
      now: new Date(),
    });
    await writeAudit(tx, actor, "assessmentRun.start", run.id, {
      after: { year: run.year, version: run.version, reason: data.reason },
    });
    return { id: run.id, version: run.version, revision: run.revision };
  });
}

/**
 * "开始计算" as one user action: starts the year's next run ({@link startRun}) and computes it
 * at once ({@link computeRun}) — two transactions, each with its audit row. A computation
 * refused (targets missing, no items, someone computed first) leaves the run a DRAFT, as if
 * only started: its page offers "计算" and says why when pressed.
 * @returns the run's id and whether it was computed.
 * @throws what startRun throws (nothing is started then).
 */
export async function startAndComputeRun(
  actor: Actor,
  input: unknown,
): Promise<{ id: number; computed: boolean }> {
  const started = await startRun(actor, input);
  try {
    await computeRun(actor, { runId: started.id, expectedRevision: started.revision });
    return { id: started.id, computed: true };
  } catch (error) {
    if (error instanceof AppError || error instanceof ZodError)
      return { id: started.id, computed: false };
    throw error;
  }
}

/**
 * Computes a DRAFT or COMPUTED run from the data as it stands (judged today in Asia/Shanghai,
 * or at MEIZHEN_NOW where a test pins the clock), replacing its earlier results.
 * @returns the new revision.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | CONFLICT (stale, not open, closed year,
 *   no active scheme) | VALIDATION (assessments.targetsMissing, assessments.noItems)
 */
export async function computeRun(actor: Actor, input: unknown): Promise<{ revision: number }> {
  authorize(actor, "assessment.manage");
  const data = runRevisionSchema.parse(input);
  return db().$transaction(
    async (tx) => {
      const run = await lockRun(tx, data.runId, data.expectedRevision, ["DRAFT", "COMPUTED"]);
      const { results, revision, judgedOn } = await computeRunInternal(tx, run, {
        now: currentInstant(),
        actorId: actor.id,
      });
      await writeAudit(tx, actor, "assessmentRun.compute", run.id, {
        before: { status: run.status, revision: run.revision },
        after: {
          status: "COMPUTED",
          revision,
          judgedOn,
          totals: Object.fromEntries(results.map((r) => [r.code, r.total])),
        },
      });
      return { revision };
    },
    { timeout: 60_000 },
  );
}

/**
 * Confirms and publishes a COMPUTED run: frozen from now on; the year's earlier published
 * version becomes SUPERSEDED. County reviewers see it from this moment.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | CONFLICT (stale, not computed, closed year)
 */
export async function publishRun(actor: Actor, input: unknown): Promise<{ revision: number }> {
  authorize(actor, "assessment.manage");
  const data = runRevisionSchema.parse(input);
  return db().$transaction(async (tx) => {
    const run = await lockRun(tx, data.runId, data.expectedRevision, ["COMPUTED"]);
    const { revision, superseded } = await publishRunInternal(tx, run, {
      now: new Date(),
      actorId: actor.id,
    });
    await writeAudit(tx, actor, "assessmentRun.publish", run.id, {
      before: { status: "COMPUTED", revision: run.revision },
      after: { status: "PUBLISHED", revision, superseded },
    });
    return { revision };
  });
}

/**
 * Discards an unpublished run (DRAFT or COMPUTED) with its results.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | CONFLICT (stale, published, closed year)
 */
export async function discardRun(actor: Actor, input: unknown): Promise<void> {
  authorize(actor, "assessment.manage");
  const data = runRevisionSchema.parse(input);
  await db().$transaction(async (tx) => {
    const run = await lockRun(tx, data.runId, data.expectedRevision, ["DRAFT", "COMPUTED"]);
    await tx.assessmentRun.delete({ where: { id: run.id } });
    await writeAudit(tx, actor, "assessmentRun.discard", run.id, {
      before: {
        status: run.status,
        revision: run.revision,
        year: run.year,
        version: run.version,
      },
    });
  });
}
