/**
 * A task's construction projects (建设项目) and indicator targets, kept by city administrators
 * (issue 4): add / edit / delete a project, and save all targets of a task at once. Each:
 * zod → access (task.publish) → one transaction → one audit row.
 */
import "server-only";
import { assertCan, type Actor } from "@/lib/access";
import { writeAudit } from "@/lib/audit/write";
import { db } from "@/lib/db";
import { parseIndicatorValue } from "@/lib/domain/indicator-value";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { indicatorsFor } from "@/lib/reports/queries";
import { deleteProjectSchema, projectSchema, targetsSchema } from "@/lib/validation/task";

type Tx = Prisma.TransactionClient;

async function loadTask(tx: Tx, taskId: number) {
  const task = await tx.creationTask.findUnique({
    where: { id: taskId },
    select: { id: true, year: true, status: true, town: { select: { townType: true } } },
  });
  if (!task) throw new AppError("NOT_FOUND", { entity: "CreationTask", id: taskId });
  if (task.status === "CLOSED") {
    throw new AppError("VALIDATION", { message: "tasks.taskClosed" });
  }
  return task;
}

function toDate(text: string | null, year: number, field: string): Date | null {
  if (text === null) return null;
  const date = new Date(`${text}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
    throw new AppError("VALIDATION", { field, message: "validation.format" });
  }
  if (date.getUTCFullYear() < year) {
    throw new AppError("VALIDATION", { field, message: "tasks.projectDateYear" });
  }
  return date;
}

/**
 * Adds a project to a task, or edits one (`id` given). Dates must fall in the task's year or
 * later, and the end may not precede the start; the code is unique within the task.
 * @returns the project id.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | VALIDATION (tasks.projectDateYear,
 *   tasks.projectDateOrder, tasks.projectCodeTaken, tasks.taskClosed)
 */
export async function saveProject(actor: Actor, input: unknown): Promise<{ id: number }> {
  assertCan(actor, "task.publish");
  const data = projectSchema.parse(input);
  return db().$transaction(async (tx) => {
    const task = await loadTask(tx, data.taskId);
    const startsOn = toDate(data.startsOn, task.year, "startsOn");
    const endsOn = toDate(data.endsOn, task.year, "endsOn");
    if (startsOn && endsOn && endsOn < startsOn) {
      throw new AppError("VALIDATION", { field: "endsOn", message: "tasks.projectDateOrder" });
    }
    const clash = await tx.project.findFirst({
      where: { taskId: task.id, code: data.code, ...(data.id ? { id: { not: data.id } } : {}) },
      select: { id: true },
    });
    if (clash) {
      throw new AppError("VALIDATION", { field: "code", message: "tasks.projectCodeTaken" });
    }
    const fields = {
      code: data.code,
      name: data.name,
      dimension: data.dimension,
      plannedInvestmentWan: new Prisma.Decimal(data.plannedInvestmentWan),
      specialBondsWan: new Prisma.Decimal(data.specialBondsWan),
      landSuppliedMu: new Prisma.Decimal(data.landSuppliedMu),
      startsOn,
      endsOn,
    };
    let id: number;
    let before: Prisma.InputJsonValue | null = null;
    if (data.id) {
      const existing = await tx.project.findFirst({ where: { id: data.id, taskId: task.id } });
      if (!existing) throw new AppError("NOT_FOUND", { entity: "Project", id: data.id });
      before = JSON.parse(JSON.stringify(existing)) as Prisma.InputJsonValue;
      await tx.project.update({ where: { id: existing.id }, data: fields });
      id = existing.id;
    } else {
      id = (await tx.project.create({ data: { taskId: task.id, ...fields } })).id;
    }
    await writeAudit(tx, {
      actor,
      action: data.id ? "project.update" : "project.create",
      entityType: "Project",
      entityId: id,
      before,
      after: { ...data, taskId: task.id },
    });
    return { id };
  });
}

/**
 * Deletes a project of a task, unless progress has already been reported on it.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | VALIDATION (tasks.projectHasProgress)
 */
export async function deleteProject(actor: Actor, input: unknown): Promise<void> {
  assertCan(actor, "task.publish");
  const data = deleteProjectSchema.parse(input);
  await db().$transaction(async (tx) => {
    await loadTask(tx, data.taskId);
    const project = await tx.project.findFirst({
      where: { id: data.id, taskId: data.taskId },
      include: { _count: { select: { progress: true } } },
    });
    if (!project) throw new AppError("NOT_FOUND", { entity: "Project", id: data.id });
    if (project._count.progress > 0) {
      throw new AppError("VALIDATION", { message: "tasks.projectHasProgress" });
    }
    const { _count, ...before } = project;
    void _count;
    await tx.project.delete({ where: { id: project.id } });
    await writeAudit(tx, {
      actor,
      action: "project.delete",
      entityType: "Project",
      entityId: project.id,
      before: JSON.parse(JSON.stringify(before)) as Prisma.InputJsonValue,
    });
  });
}

/**
 * Saves the indicator targets of a task: every indicator in `targets` must apply to the task
 * (indicatorsFor its year and town type); each text is parsed with the indicator's value rules
 * (parseIndicatorValue). Empty = no target (the row is deleted). All or nothing.
 * @returns how many targets were set and cleared.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | VALIDATION (tasks.unknownIndicator, or an
 *   `indicatorValue.*` key with `indicatorId`)
 */
export async function saveTargets(
  actor: Actor,
  input: unknown,
): Promise<{ set: number; cleared: number }> {
  assertCan(actor, "task.publish");
  const data = targetsSchema.parse(input);
  return db().$transaction(async (tx) => {
    const task = await loadTask(tx, data.taskId);
    const ids = Object.keys(data.targets).map(Number);
    const indicators = await tx.indicator.findMany({
      where: { AND: [indicatorsFor(task.year, task.town.townType), { id: { in: ids } }] },
      select: { id: true, valueType: true, minValue: true, maxValue: true },
    });
    if (indicators.length !== ids.length) {
      throw new AppError("VALIDATION", { message: "tasks.unknownIndicator" });
    }
    let set = 0;
    let cleared = 0;
    const after: Record<string, string | null> = {};
    for (const indicator of indicators) {
      const parsed = parseIndicatorValue(data.targets[String(indicator.id)], {
        ...indicator,
        isRequired: false,
      });
      if (!parsed.ok) {
        throw new AppError("VALIDATION", {
          indicatorId: indicator.id,
          message: parsed.error.key,
          values: parsed.error.values,
        });
      }
      const key = { taskId: task.id, indicatorId: indicator.id };
      if (parsed.value === null) {
        cleared += (await tx.indicatorTarget.deleteMany({ where: key })).count;
      } else {
        await tx.indicatorTarget.upsert({
          where: { taskId_indicatorId: key },
          create: { ...key, targetValue: parsed.value },
          update: { targetValue: parsed.value },
        });
        set++;
      }
      after[String(indicator.id)] = parsed.value?.toFixed() ?? null;
    }
    await writeAudit(tx, {
      actor,
      action: "task.targets",
      entityType: "CreationTask",
      entityId: task.id,
      after,
    });
    return { set, cleared };
  });
}
