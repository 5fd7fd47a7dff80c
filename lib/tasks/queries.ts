/**
 * Reads of annual creation tasks (年度创建任务), through the actor's town scope.
 */
import "server-only";
import { authorize, type Actor } from "@/lib/access";
import { db } from "@/lib/db";
import { formatIndicatorValue } from "@/lib/domain/indicator-value";
import { applicableIndicatorWhere } from "@/lib/domain/indicators";
import { isInProgramme } from "@/lib/domain/programme";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CreationTarget, TaskStatus, Track, ValueType } from "@/lib/generated/prisma/enums";
import { townWithCountySelect } from "@/lib/towns/select";

const taskSelect = {
  id: true,
  year: true,
  target: true,
  track: true,
  status: true,
  deadline: true,
  town: { select: townWithCountySelect },
  _count: { select: { indicatorTargets: true, projects: true } },
  projects: { select: { plannedInvestmentWan: true } },
} as const satisfies Prisma.CreationTaskSelect;

/** One task with its town, as lists and the API show it. */
export type TaskRow = Prisma.CreationTaskGetPayload<{ select: typeof taskSelect }>;

/** The tasks of a year (all years when omitted) in the actor's scope, by town code. */
export async function listTasksForActor(actor: Actor, filter: { year?: number } = {}) {
  const scope = authorize(actor, "town.view");
  return db().creationTask.findMany({
    where: {
      AND: [scope.tasks, filter.year === undefined ? {} : { year: filter.year }],
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

/** One line of the creation list screen: a town and its task of the year, if any. */
export type CreationListRow = {
  townCode: string;
  townName: string;
  townNameEn: string | null;
  countyName: string;
  countyNameEn: string;
  /** The task of the year has been published (lib/domain/programme.ts). */
  inProgramme: boolean;
  task: {
    target: CreationTarget;
    track: Track;
    status: TaskStatus;
    deadline: string;
  } | null;
};

/**
 * Every town with its task of `year` (null when not on the list), by division code, for the
 * city administrator's creation list.
 * @throws AppError FORBIDDEN (not a city administrator)
 */
export async function listCreationList(actor: Actor, year: number): Promise<CreationListRow[]> {
  const scope = authorize(actor, "task.publish");
  const towns = await db().town.findMany({
    where: scope.towns,
    select: {
      divisionCode: true,
      name: true,
      nameEn: true,
      county: { select: { name: true, nameEn: true } },
      tasks: {
        where: { year },
        select: { target: true, track: true, status: true, deadline: true },
      },
    },
    orderBy: { divisionCode: "asc" },
  });
  return towns.map((town) => {
    const task = town.tasks[0];
    return {
      townCode: town.divisionCode,
      townName: town.name,
      townNameEn: town.nameEn,
      countyName: town.county.name,
      countyNameEn: town.county.nameEn,
      inProgramme: isInProgramme(task),
      task: task ? { ...task, deadline: task.deadline.toISOString().slice(0, 10) } : null,
    };
  });
}

/** A task's page for the city administrator: its projects and every applicable indicator. */
export type TaskDetail = {
  id: number;
  year: number;
  status: TaskStatus;
  townCode: string;
  townName: string;
  townNameEn: string | null;
  projects: {
    id: number;
    code: string;
    name: string;
    dimension: string;
    plannedInvestmentWan: string;
    specialBondsWan: string;
    landSuppliedMu: string;
    startsOn: string;
    endsOn: string;
    hasProgress: boolean;
  }[];
  indicators: {
    id: number;
    code: string;
    name: string;
    nameEn: string;
    unit: string;
    unitEn: string;
    valueType: ValueType;
    /** As lib/domain/indicator-value formats it ("1"/"0" for a yes/no indicator); "" when none. */
    target: string;
  }[];
};

/**
 * The town's task of `year` with its projects (by code) and the year's indicators that apply
 * to the town (lib/domain/indicators.ts), each with its target as text ("" = none).
 * @throws AppError FORBIDDEN (not a city administrator) | NOT_FOUND (no such task)
 */
export async function getTaskDetail(
  actor: Actor,
  year: number,
  townCode: string,
): Promise<TaskDetail> {
  const scope = authorize(actor, "task.publish");
  const valid = Number.isInteger(year) && /^\d{9}$/.test(townCode);
  const task = scope.found(
    valid
      ? await db().creationTask.findFirst({
          where: { AND: [{ year, town: { divisionCode: townCode } }, scope.tasks] },
          select: {
            id: true,
            year: true,
            status: true,
            town: { select: { divisionCode: true, name: true, nameEn: true, townType: true } },
            projects: {
              orderBy: { code: "asc" },
              include: { _count: { select: { progress: true } } },
            },
            indicatorTargets: { select: { indicatorId: true, targetValue: true } },
          },
        })
      : null,
    { year, townCode },
  );
  const indicators = await db().indicator.findMany({
    where: applicableIndicatorWhere(year, task.town.townType, task.id),
    orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
  });
  const targets = new Map(task.indicatorTargets.map((t) => [t.indicatorId, t.targetValue]));
  const day = (d: Date | null) => d?.toISOString().slice(0, 10) ?? "";
  return {
    id: task.id,
    year: task.year,
    status: task.status,
    townCode: task.town.divisionCode,
    townName: task.town.name,
    townNameEn: task.town.nameEn,
    projects: task.projects.map((p) => ({
      id: p.id,
      code: p.code,
      name: p.name,
      dimension: p.dimension ?? "",
      plannedInvestmentWan: p.plannedInvestmentWan.toFixed(2),
      specialBondsWan: p.specialBondsWan.toFixed(2),
      landSuppliedMu: p.landSuppliedMu.toFixed(2),
      startsOn: day(p.startsOn),
      endsOn: day(p.endsOn),
      hasProgress: p._count.progress > 0,
    })),
    indicators: indicators.map((i) => {
      const target = targets.get(i.id);
      return {
        id: i.id,
        code: i.code,
        name: i.name,
        nameEn: i.nameEn,
        unit: i.unit,
        unitEn: i.unitEn,
        valueType: i.valueType,
        target: target ? formatIndicatorValue(target, i.valueType) : "",
      };
    }),
  };
}
