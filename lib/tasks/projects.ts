/**
 * A task's construction projects (建设项目) and indicator targets, kept by city administrators
 * (issue 4): add / edit / delete a project, and save all targets of a task at once. Each:
 * zod → access (task.publish) → one transaction → one audit row.
 */
import "server-only";
import { authorize, type Actor, type Scope } from "@/lib/access";
import { changes, toJson, writeAudit } from "@/lib/audit/write";
import { db } from "@/lib/db";
import { parseIndicatorValue } from "@/lib/domain/indicator-value";
import { applicableIndicatorWhere } from "@/lib/domain/indicators";
import { AppError, fieldError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { deleteProjectSchema, projectSchema, targetsSchema } from "@/lib/validation/task";
import { assertYearWritable } from "@/lib/years/internal";

type Tx = Prisma.TransactionClient;

/** The task, if open for changes (neither it nor its year closed). @throws NOT_FOUND | VALIDATION */
async function loadTask(tx: Tx, scope: Scope, taskId: number) {
  const task = scope.found(
    await tx.creationTask.findFirst({
      where: { AND: [{ id: taskId }, scope.tasks] },
      select: { id: true, year: true, status: true, town: { select: { townType: true } } },
    }),
    { taskId },
  );
  if (task.status === "CLOSED") throw new AppError("VALIDATION", "tasks.taskClosed", { taskId });
  await assertYearWritable(tx, task.year);
  return task;
}

function toDate(text: string | null, year: number, field: string): Date | null {
  if (text === null) return null;
  const date = new Date(`${text}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
    throw fieldError(field, "validation.format");
  }
  if (date.getUTCFullYear() < year) throw fieldError(field, "tasks.projectDateYear");
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
  const scope = authorize(actor, "task.publish");
  const data = projectSchema.parse(input);
  return db().$transaction(async (tx) => {
    const task = await loadTask(tx, scope, data.taskId);
    const startsOn = toDate(data.startsOn, task.year, "startsOn");
    const endsOn = toDate(data.endsOn, task.year, "endsOn");
    if (startsOn && endsOn && endsOn < startsOn) {
      throw fieldError("endsOn", "tasks.projectDateOrder");
    }
    const clash = await tx.project.findFirst({
      where: { taskId: task.id, code: data.code, ...(data.id ? { id: { not: data.id } } : {}) },
      select: { id: true },
    });
    if (clash) throw fieldError("code", "tasks.projectCodeTaken");
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
    if (data.id) {
      const existing = scope.found(
        await tx.project.findFirst({ where: { id: data.id, taskId: task.id } }),
        { projectId: data.id },
      );
      await tx.project.update({ where: { id: existing.id }, data: fields });
      const recorded = Object.keys(fields) as (keyof typeof fields)[];
      await writeAudit(
        tx,
        actor,
        "project.update",
        existing.id,
        changes(existing, { ...existing, ...fields }, recorded),
      );
      return { id: existing.id };
    }
    const created = await tx.project.create({ data: { taskId: task.id, ...fields } });
    await writeAudit(tx, actor, "project.create", created.id, {
      after: { taskId: task.id, ...(toJson(fields) as Record<string, never>) },
    });
    return { id: created.id };
  });
}

/**
 * Deletes a project of a task, unless progress has already been reported on it.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | VALIDATION (tasks.projectHasProgress)
 */
export async function deleteProject(actor: Actor, input: unknown): Promise<void> {
  const scope = authorize(actor, "task.publish");
  const data = deleteProjectSchema.parse(input);
  await db().$transaction(async (tx) => {
    await loadTask(tx, scope, data.taskId);
    const project = scope.found(
      await tx.project.findFirst({
        where: { id: data.id, taskId: data.taskId },
        include: { _count: { select: { progress: true } } },
      }),
      { projectId: data.id },
    );
    if (project._count.progress > 0) {
      throw new AppError("VALIDATION", "tasks.projectHasProgress", { projectId: project.id });
    }
    const { _count, ...before } = project;
    void _count;
    await tx.project.delete({ where: { id: project.id } });
    await writeAudit(tx, actor, "project.delete", project.id, {
      before: toJson(before) as Record<string, never>,
    });
  });
}

/**
 * Saves the indicator targets of a task: every indicator in `targets` must apply to the task
 * (lib/domain/indicators.ts, for its year and town type); each text is parsed with the indicator's value rules
 * (parseIndicatorValue). Empty = no target (the row is deleted). All or nothing.
 * @returns how many targets were set and cleared.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | VALIDATION (tasks.unknownIndicator, or an
 *   `indicatorValue.*` message at the field `target-<indicatorId>`)
 */
export async function saveTargets(
  actor: Actor,
  input: unknown,
): Promise<{ set: number; cleared: number }> {
  const scope = authorize(actor, "task.publish");
  const data = targetsSchema.parse(input);
  return db().$transaction(async (tx) => {
    const task = await loadTask(tx, scope, data.taskId);
    const ids = Object.keys(data.targets).map(Number);
    const indicators = await tx.indicator.findMany({
      where: {
        AND: [
          applicableIndicatorWhere(task.year, task.town.townType, task.id),
          { id: { in: ids } },
        ],
      },
      select: { id: true, valueType: true, minValue: true, maxValue: true },
    });
    if (indicators.length !== ids.length) {
      throw new AppError("VALIDATION", "tasks.unknownIndicator", { taskId: task.id, ids });
    }
    const previous = await tx.indicatorTarget.findMany({
      where: { taskId: task.id, indicatorId: { in: ids } },
      select: { indicatorId: true, targetValue: true },
    });
    let set = 0;
    let cleared = 0;
    const after: Record<string, string | null> = {};
    for (const indicator of indicators) {
      const parsed = parseIndicatorValue(data.targets[String(indicator.id)], {
        ...indicator,
        isRequired: false,
      });
      if (!parsed.ok) {
        throw fieldError(`target-${indicator.id}`, parsed.error.key, parsed.error.values);
      }
      const key = { taskId: task.id, indicatorId: indicator.id };
      if (parsed.value === null) {
        cleared += (await tx.indicatorTarget.deleteMany({ where: key })).count;
      } else {
        await tx.indicatorTarget.upsert({
          where: { taskId_indicatorId: key },
          create: { ...key, targetValue: parsed.value.toFixed() },
          update: { targetValue: parsed.value.toFixed() },
        });
        set++;
      }
      after[String(indicator.id)] = parsed.value?.toFixed() ?? null;
    }
    const before = Object.fromEntries(
      ids.map((id) => [
        String(id),
        previous.find((p) => p.indicatorId === id)?.targetValue.toFixed() ?? null,
      ]),
    );
    await writeAudit(tx, actor, "task.targets", task.id, changes(before, after));
    return { set, cleared };
  });
}
