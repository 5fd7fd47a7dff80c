/**
 * The creation list (创建名单) of a year, kept by city administrators (issue 4, item 1): set
 * target, track and deadline on many towns at once (creating their task as a DRAFT, with
 * indicator targets carried over from the previous year), then publish. Each: zod → access
 * (task.publish) → one transaction → one audit row.
 */
import "server-only";
import { assertCan, type Actor } from "@/lib/access";
import { writeAudit } from "@/lib/audit/write";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { indicatorsFor } from "@/lib/reports/queries";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CreationTarget, Track } from "@/lib/generated/prisma/enums";
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
    await assertYearOpen(tx, data.year);
    const towns = await tx.town.findMany({
      where: { divisionCode: { in: data.townCodes } },
      select: townWithTask(data.year),
    });
    if (towns.length !== new Set(data.townCodes).size) {
      throw new AppError("VALIDATION", { message: "validation.unknownTown" });
    }
    const fields = { target: data.target, track: data.track, deadline };
    let created = 0;
    let updated = 0;
    for (const town of towns) {
      const outcome = await upsertTask(tx, data.year, town, fields);
      if (outcome === "created") created++;
      if (outcome === "updated") updated++;
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
 * Refuses changes to the creation list of a year that does not exist or is closed.
 * @throws AppError VALIDATION (tasks.yearClosed)
 */
export async function assertYearOpen(tx: Prisma.TransactionClient, year: number): Promise<void> {
  const row = await tx.year.findUnique({ where: { year } });
  if (!row || row.status === "CLOSED") {
    throw new AppError("VALIDATION", { message: "tasks.yearClosed" });
  }
}

/** The town fields upsertTask needs, with the town's task of `year` (at most one). */
export function townWithTask(year: number) {
  return {
    id: true,
    divisionCode: true,
    townType: true,
    tasks: { where: { year }, select: { id: true, status: true } },
  } as const satisfies Prisma.TownSelect;
}

/** A town as selected by townWithTask. */
export type TownWithTask = Prisma.TownGetPayload<{ select: ReturnType<typeof townWithTask> }>;

/** What a task is given by the creation list: target, track and deadline (UTC midnight). */
export type TaskFields = { target: CreationTarget; track: Track; deadline: Date };

/**
 * Creates the town's task of `year` as a DRAFT with its indicator targets
 * (createIndicatorTargets), or updates an existing one (a published task keeps its status,
 * its targets are left as they are); a CLOSED task is left alone. Runs inside the caller's
 * transaction.
 * @returns what happened to the task.
 */
export async function upsertTask(
  tx: Prisma.TransactionClient,
  year: number,
  town: TownWithTask,
  fields: TaskFields,
): Promise<"created" | "updated" | "closed"> {
  const task = town.tasks[0];
  if (!task) {
    const created = await tx.creationTask.create({ data: { townId: town.id, year, ...fields } });
    await createIndicatorTargets(tx, created.id, year, town);
    return "created";
  }
  if (task.status === "CLOSED") return "closed";
  await tx.creationTask.update({ where: { id: task.id }, data: fields });
  return "updated";
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

/**
 * Gives a new task its indicator targets (IndicatorTarget) from the year's catalogue.
 * Rule: for each indicator of `year` that applies to the town (COMMON and SATISFACTION ones,
 * and DISTINCTIVE ones whose townTypes include the town's type or are empty; the filter is
 * lib/reports/queries.ts `indicatorsFor`, the same one the report form uses), the target value
 * is the one the town's task of the previous year had on the indicator with the same code.
 * Indicators without such a previous target get no row: no number is invented, the
 * administrator sets it later. Runs inside the caller's transaction.
 * @returns how many targets were created.
 */
export async function createIndicatorTargets(
  tx: Prisma.TransactionClient,
  taskId: number,
  year: number,
  town: Pick<TownWithTask, "id" | "townType">,
): Promise<number> {
  const previous = await tx.indicatorTarget.findMany({
    where: { task: { townId: town.id, year: year - 1 } },
    select: { targetValue: true, indicator: { select: { code: true } } },
  });
  if (previous.length === 0) return 0;
  const valueOf = new Map(previous.map((p) => [p.indicator.code, p.targetValue]));
  const indicators = await tx.indicator.findMany({
    where: { AND: [indicatorsFor(year, town.townType), { code: { in: [...valueOf.keys()] } }] },
    select: { id: true, code: true },
  });
  const { count } = await tx.indicatorTarget.createMany({
    data: indicators.map((i) => ({ taskId, indicatorId: i.id, targetValue: valueOf.get(i.code)! })),
  });
  return count;
}
