/**
 * Names for the ids in audit rows: users, towns, creation tasks and progress reports, resolved
 * with one query per kind (no query per row), in the user's language.
 */
import "server-only";
import { db } from "@/lib/db";

/** An audit row's references: who did it and what it is about. */
export type AuditRef = { actorId: number | null; entityType: string; entityId: string };

/** The numeric ids of `refs` of one entity type (rows about "register" or a year are skipped). */
function idsOf(refs: readonly AuditRef[], type: string): number[] {
  const ids = refs
    .filter((r) => r.entityType === type && /^\d{1,9}$/.test(r.entityId))
    .map((r) => Number(r.entityId));
  return [...new Set(ids)];
}

/**
 * Display names keyed `User:12`, `Town:5`, `CreationTask:7`, `ProgressReport:40`: a user as
 * "显示名 (username)", a town by name, a task as "town year", a report as "town period".
 * Ids no longer in the database have no entry (the page then shows the id).
 * @param en English names where a town or period has one.
 */
export async function auditNames(refs: readonly AuditRef[], en: boolean) {
  const userIds = [
    ...new Set([
      ...idsOf(refs, "User"),
      ...refs.flatMap((r) => (r.actorId === null ? [] : [r.actorId])),
    ]),
  ];
  const townName = (t: { name: string; nameEn: string | null }) => (en && t.nameEn) || t.name;
  const [users, towns, tasks, reports] = await Promise.all([
    db().user.findMany({
      where: { id: { in: userIds } },
      select: { id: true, username: true, displayName: true },
    }),
    db().town.findMany({
      where: { id: { in: idsOf(refs, "Town") } },
      select: { id: true, name: true, nameEn: true },
    }),
    db().creationTask.findMany({
      where: { id: { in: idsOf(refs, "CreationTask") } },
      select: { id: true, year: true, town: { select: { name: true, nameEn: true } } },
    }),
    db().progressReport.findMany({
      where: { id: { in: idsOf(refs, "ProgressReport") } },
      select: {
        id: true,
        period: { select: { name: true, nameEn: true } },
        task: { select: { town: { select: { name: true, nameEn: true } } } },
      },
    }),
  ]);
  return new Map<string, string>([
    ...users.map((u) => [`User:${u.id}`, `${u.displayName} (${u.username})`] as const),
    ...towns.map((t) => [`Town:${t.id}`, townName(t)] as const),
    ...tasks.map((t) => [`CreationTask:${t.id}`, `${townName(t.town)} ${t.year}`] as const),
    ...reports.map(
      (r) =>
        [
          `ProgressReport:${r.id}`,
          `${townName(r.task.town)} ${en ? r.period.nameEn : r.period.name}`,
        ] as const,
    ),
  ]);
}

/**
 * The audit rows about a town: the town itself, its creation tasks and their progress reports,
 * as a Prisma `where` fragment (two queries for the task and report ids).
 */
export async function aboutTown(townId: number) {
  const tasks = await db().creationTask.findMany({ where: { townId }, select: { id: true } });
  const reports = await db().progressReport.findMany({
    where: { taskId: { in: tasks.map((t) => t.id) } },
    select: { id: true },
  });
  return {
    OR: [
      { entityType: "Town", entityId: String(townId) },
      { entityType: "CreationTask", entityId: { in: tasks.map((t) => String(t.id)) } },
      { entityType: "ProgressReport", entityId: { in: reports.map((r) => String(r.id)) } },
    ],
  };
}
