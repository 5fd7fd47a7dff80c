/**
 * Helpers of the creation-list use cases (./mutations.ts, ./import.ts) that run inside their
 * transaction after access was decided. Unscoped, so app/ and components/ may not import them
 * (eslint.config.mjs: `*internal*` modules).
 */
import "server-only";
import { isoDate, shanghaiToday } from "@/lib/domain/calendar";
import { applicableIndicatorWhere } from "@/lib/domain/indicators";
import { takesNewTask } from "@/lib/domain/town-register";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CreationTarget, Track } from "@/lib/generated/prisma/enums";

type Tx = Prisma.TransactionClient;

/** The town fields upsertTask needs, with the town's task of `year` (at most one). */
export function townWithTask(year: number) {
  return {
    id: true,
    divisionCode: true,
    townType: true,
    mergedOn: true,
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
 * its targets are left as they are); a CLOSED task is left alone.
 * @returns what happened to the task.
 * @throws AppError VALIDATION when the town has merged into another (lib/domain/town-register.ts:
 *   a merged town takes no new task).
 */
export async function upsertTask(
  tx: Tx,
  year: number,
  town: TownWithTask,
  fields: TaskFields,
): Promise<"created" | "updated" | "closed"> {
  const task = town.tasks[0];
  if (!task) {
    const mergedOn = town.mergedOn && isoDate(town.mergedOn);
    if (!takesNewTask({ mergedOn }, isoDate(shanghaiToday()))) {
      throw new AppError("VALIDATION", "townRegister.errors.mergedTakesNoTask", {
        townCode: town.divisionCode,
      });
    }
    const created = await tx.creationTask.create({ data: { townId: town.id, year, ...fields } });
    await createIndicatorTargets(tx, created.id, year, town);
    return "created";
  }
  if (task.status === "CLOSED") return "closed";
  await tx.creationTask.update({ where: { id: task.id }, data: fields });
  return "updated";
}

/**
 * Gives a new task its indicator targets (IndicatorTarget) from the year's catalogue: for each
 * indicator of `year` that applies to the town (lib/domain/indicators.ts), the target value the
 * town's task of the previous year had on the indicator with the same code. Indicators without
 * such a previous target get no row: no number is invented, the administrator sets it later.
 * @returns how many targets were created.
 */
export async function createIndicatorTargets(
  tx: Tx,
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
    where: {
      AND: [
        applicableIndicatorWhere(year, town.townType, null),
        { code: { in: [...valueOf.keys()] } },
      ],
    },
    select: { id: true, code: true },
  });
  const { count } = await tx.indicatorTarget.createMany({
    data: indicators.map((i) => ({ taskId, indicatorId: i.id, targetValue: valueOf.get(i.code)! })),
  });
  return count;
}
