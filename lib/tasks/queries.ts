/**
 * Reads of annual creation tasks (年度创建任务), through the actor's town scope.
 */
import "server-only";
import { decide, enforce, townScope, type Actor } from "@/lib/access";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

const taskSelect = {
  id: true,
  year: true,
  target: true,
  track: true,
  status: true,
  deadline: true,
  town: {
    select: {
      divisionCode: true,
      name: true,
      nameEn: true,
      county: { select: { divisionCode: true, name: true, nameEn: true } },
    },
  },
  _count: { select: { indicatorTargets: true, projects: true } },
  projects: { select: { plannedInvestmentWan: true } },
} as const satisfies Prisma.CreationTaskSelect;

/** One task with its town, as lists and the API show it. */
export type TaskRow = Prisma.CreationTaskGetPayload<{ select: typeof taskSelect }>;

/** The tasks of a year (all years when omitted) in the actor's scope, by town code. */
export async function listTasksForActor(actor: Actor, filter: { year?: number } = {}) {
  enforce(decide(actor, "town.view", true));
  return db().creationTask.findMany({
    where: {
      AND: [{ town: townScope(actor) }, filter.year === undefined ? {} : { year: filter.year }],
    },
    select: taskSelect,
    orderBy: [{ year: "desc" }, { town: { divisionCode: "asc" } }],
  });
}

/** The JSON form of a task for /api/v1 (planned investment summed in 万元, 2 places). */
export function taskToJson(task: TaskRow) {
  const planned = task.projects.reduce(
    (sum, p) => sum.plus(p.plannedInvestmentWan),
    new Prisma.Decimal(0),
  );
  return {
    id: task.id,
    year: task.year,
    target: task.target,
    track: task.track,
    status: task.status,
    deadline: task.deadline.toISOString().slice(0, 10),
    town: { code: task.town.divisionCode, name: task.town.name, nameEn: task.town.nameEn },
    county: {
      code: task.town.county.divisionCode,
      name: task.town.county.name,
      nameEn: task.town.county.nameEn,
    },
    indicatorTargets: task._count.indicatorTargets,
    projects: task._count.projects,
    plannedInvestmentWan: planned.toFixed(2),
  };
}
