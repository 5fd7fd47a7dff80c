/**
 * The creation list (创建名单) of a year, kept by city administrators (issue 4, item 1): set
 * target, track and deadline on many towns at once (creating their task as a DRAFT, with
 * indicator targets carried over from the previous year), then publish: a published task puts
 * its town in the programme of the year (lib/domain/programme.ts). Each: zod → access
 * (task.publish) → one transaction → one audit row.
 */
import "server-only";
import { authorize, type Actor } from "@/lib/access";
import { writeAudit } from "@/lib/audit/write";
import { db } from "@/lib/db";
import { AppError, fieldError } from "@/lib/errors";
import { publishTasksSchema, setTasksSchema } from "@/lib/validation/task";
import { assertYearWritable } from "@/lib/years/internal";
import { townWithTask, upsertTask } from "./internal";

/**
 * Creates or updates the tasks of the chosen towns for a year. Closed tasks are left alone;
 * a published task keeps its status. The deadline is a calendar date (Asia/Shanghai).
 * @returns how many tasks were created and updated.
 * @throws ZodError; AppError FORBIDDEN | VALIDATION (unknown town, year missing or closed)
 */
export async function setTasks(
  actor: Actor,
  input: unknown,
): Promise<{ created: number; updated: number }> {
  const scope = authorize(actor, "task.publish");
  const data = setTasksSchema.parse(input);
  const deadline = new Date(`${data.deadline}T00:00:00Z`);
  if (Number.isNaN(deadline.getTime()) || deadline.getUTCFullYear() !== data.year) {
    throw fieldError("deadline", "tasks.deadlineInYear");
  }
  return db().$transaction(async (tx) => {
    await assertYearWritable(tx, data.year);
    const towns = await tx.town.findMany({
      where: { AND: [{ divisionCode: { in: data.townCodes } }, scope.towns] },
      select: townWithTask(data.year),
    });
    if (towns.length !== new Set(data.townCodes).size) {
      throw new AppError("VALIDATION", "validation.unknownTown", { townCodes: data.townCodes });
    }
    const fields = { target: data.target, track: data.track, deadline };
    let created = 0;
    let updated = 0;
    for (const town of towns) {
      const outcome = await upsertTask(tx, data.year, town, fields);
      if (outcome === "created") created++;
      if (outcome === "updated") updated++;
    }
    await writeAudit(tx, actor, "task.set", data.year, { after: { ...data, created, updated } });
    return { created, updated };
  });
}

/**
 * Publishes the chosen towns' DRAFT tasks of a year: townships can then report on them, and
 * the towns are in the programme of the year.
 * @returns how many tasks were published.
 * @throws ZodError; AppError FORBIDDEN | VALIDATION (year missing or closed)
 */
export async function publishTasks(actor: Actor, input: unknown): Promise<{ published: number }> {
  const scope = authorize(actor, "task.publish");
  const data = publishTasksSchema.parse(input);
  return db().$transaction(async (tx) => {
    await assertYearWritable(tx, data.year);
    const { count } = await tx.creationTask.updateMany({
      where: {
        AND: [
          { year: data.year, status: "DRAFT", town: { divisionCode: { in: data.townCodes } } },
          scope.tasks,
        ],
      },
      data: { status: "PUBLISHED" },
    });
    await writeAudit(tx, actor, "task.publish", data.year, {
      after: { townCodes: data.townCodes, published: count },
    });
    return { published: count };
  });
}
