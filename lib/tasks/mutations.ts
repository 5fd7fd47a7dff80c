/**
 * The creation list (创建名单) of a year, kept by city administrators (issue 4, item 1): set
 * target, track and deadline on many towns at once (creating their task as a DRAFT), then
 * publish. Each: zod → access (task.publish) → one transaction → one audit row.
 */
import "server-only";
import { assertCan, type Actor } from "@/lib/access";
import { writeAudit } from "@/lib/audit/write";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { publishTasksSchema, setTasksSchema } from "@/lib/validation/task";

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
  assertCan(actor, "task.publish");
  const data = setTasksSchema.parse(input);
  const deadline = new Date(`${data.deadline}T00:00:00Z`);
  if (Number.isNaN(deadline.getTime()) || deadline.getUTCFullYear() !== data.year) {
    throw new AppError("VALIDATION", { field: "deadline", message: "tasks.deadlineInYear" });
  }
  return db().$transaction(async (tx) => {
    const year = await tx.year.findUnique({ where: { year: data.year } });
    if (!year || year.status === "CLOSED") {
      throw new AppError("VALIDATION", { message: "tasks.yearClosed" });
    }
    const towns = await tx.town.findMany({
      where: { divisionCode: { in: data.townCodes } },
      select: { id: true, divisionCode: true, tasks: { where: { year: data.year } } },
    });
    if (towns.length !== new Set(data.townCodes).size) {
      throw new AppError("VALIDATION", { message: "validation.unknownTown" });
    }
    const fields = { target: data.target, track: data.track, deadline };
    let created = 0;
    let updated = 0;
    for (const town of towns) {
      const task = town.tasks[0];
      if (!task) {
        await tx.creationTask.create({ data: { townId: town.id, year: data.year, ...fields } });
        created++;
      } else if (task.status !== "CLOSED") {
        await tx.creationTask.update({ where: { id: task.id }, data: fields });
        updated++;
      }
    }
    await writeAudit(tx, {
      actor,
      action: "task.set",
      entityType: "Year",
      entityId: data.year,
      after: { ...data, created, updated },
    });
    return { created, updated };
  });
}

/**
 * Publishes the chosen towns' DRAFT tasks of a year: townships can then report on them, and
 * the towns count as in the programme (Town.inProgramme).
 * @returns how many tasks were published.
 * @throws ZodError; AppError FORBIDDEN
 */
export async function publishTasks(actor: Actor, input: unknown): Promise<{ published: number }> {
  assertCan(actor, "task.publish");
  const data = publishTasksSchema.parse(input);
  return db().$transaction(async (tx) => {
    const where = {
      year: data.year,
      status: "DRAFT" as const,
      town: { divisionCode: { in: data.townCodes } },
    };
    const tasks = await tx.creationTask.findMany({ where, select: { id: true, townId: true } });
    await tx.creationTask.updateMany({
      where: { id: { in: tasks.map((t) => t.id) } },
      data: { status: "PUBLISHED" },
    });
    await tx.town.updateMany({
      where: { id: { in: tasks.map((t) => t.townId) } },
      data: { inProgramme: true },
    });
    await writeAudit(tx, {
      actor,
      action: "task.publish",
      entityType: "Year",
      entityId: data.year,
      after: { townCodes: data.townCodes, published: tasks.length },
    });
    return { published: tasks.length };
  });
}
