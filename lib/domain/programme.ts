/**
 * In the programme (创建名单): a town is in the programme of a year when its creation task of
 * that year has been published by the city — status PUBLISHED, or CLOSED after the year ended.
 * A DRAFT task is a plan on the administrator's list, not yet in the programme: it opens no
 * report, is due nothing and counts in no figure.
 */
import type { Prisma } from "@/lib/generated/prisma/browser";
import type { TaskStatus } from "@/lib/generated/prisma/enums";
import { enumList, sql, type Sql } from "./sql";

/** Task statuses that put the town in the programme of the task's year. */
export const IN_PROGRAMME_TASK_STATUSES = [
  "PUBLISHED",
  "CLOSED",
] as const satisfies readonly TaskStatus[];

/** True when a task (or none) puts its town in the programme. */
export function isInProgramme(task: { status: TaskStatus } | null | undefined): boolean {
  return (
    task != null && (IN_PROGRAMME_TASK_STATUSES as readonly TaskStatus[]).includes(task.status)
  );
}

/** Prisma filter: the tasks of `year` that put their town in the programme. */
export function inProgrammeTaskWhere(year: number): Prisma.CreationTaskWhereInput {
  return { year, status: { in: [...IN_PROGRAMME_TASK_STATUSES] } };
}

/** Prisma filter: the towns in the programme of `year` (or, with `false`, not in it). */
export function inProgrammeTownWhere(year: number, inProgramme = true): Prisma.TownWhereInput {
  const some = { tasks: { some: inProgrammeTaskWhere(year) } };
  return inProgramme ? some : { NOT: some };
}

/** SQL condition on a "CreationTask" alias: the task puts its town in the programme. */
export function inProgrammeSql(task: Sql): Sql {
  return sql`${task}.status IN ${enumList(IN_PROGRAMME_TASK_STATUSES)}`;
}
