/**
 * Names for the ids in audit rows, every entity type the log records, resolved with one query
 * per type present (no query per row), in the user's language.
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

/** The entity types whose name says what they are without a type word (a person, a town…). */
export const SELF_NAMED_TYPES: ReadonlySet<string> = new Set([
  "User",
  "Town",
  "CreationTask",
  "ProgressReport",
]);

/**
 * Display names keyed `<EntityType>:<id>` for every entity type the audit log records
 * (lib/audit/catalogue.ts AuditEntityType), one query per type present (no query per row), in
 * the user's language: a user as "显示名 (username)", a town by name, a task as "town year", a
 * report as "town period"; a file as "「name」 · town period" (or "· town year" for a
 * self-assessment's), a rating, self-assessment or score sheet as "town year" (the sheet with
 * its reviewer), a scheme, circle, belt, indicator or requirement by name (a scheme with its
 * version: "v2"), an assessment entry as "county · item", a run as "year v<version>", a
 * project as "name · town year", a town event as "town", an API token as "「name」 · owner",
 * a year as "2026". The type word in front ("星级评价 · …") is the table's
 * (lib/audit/table.ts). Ids no longer in the database have no entry.
 * @param en English names where a record has one.
 */
export async function auditNames(refs: readonly AuditRef[], en: boolean) {
  const userIds = [
    ...new Set([
      ...idsOf(refs, "User"),
      ...refs.flatMap((r) => (r.actorId === null ? [] : [r.actorId])),
    ]),
  ];
  const named = (t: { name: string; nameEn: string | null }) => (en && t.nameEn) || t.name;
  const town = { select: { name: true, nameEn: true } } as const;
  const ratingOf = { select: { year: true, town } } as const;
  /** Runs `query` only when some row is about `type`. */
  const about = <T>(type: string, query: (ids: number[]) => Promise<T[]>): Promise<T[]> => {
    const ids = idsOf(refs, type);
    return ids.length === 0 ? Promise.resolve([]) : query(ids);
  };
  const [users, towns, tasks, reports] = await Promise.all([
    db().user.findMany({
      where: { id: { in: userIds } },
      select: { id: true, username: true, displayName: true },
    }),
    about("Town", (ids) =>
      db().town.findMany({
        where: { id: { in: ids } },
        select: { id: true, name: true, nameEn: true },
      }),
    ),
    about("CreationTask", (ids) =>
      db().creationTask.findMany({
        where: { id: { in: ids } },
        select: { id: true, year: true, town },
      }),
    ),
    about("ProgressReport", (ids) =>
      db().progressReport.findMany({
        where: { id: { in: ids } },
        select: {
          id: true,
          period: { select: { name: true, nameEn: true } },
          task: { select: { town } },
        },
      }),
    ),
  ]);
  const [evidence, ratings, sheets, selfAssessments, entries, runs, projects, events, tokens] =
    await Promise.all([
      about("Evidence", (ids) =>
        db().evidence.findMany({
          where: { id: { in: ids } },
          select: {
            id: true,
            fileName: true,
            report: {
              select: {
                period: { select: { name: true, nameEn: true } },
                task: { select: { town } },
              },
            },
            selfAssessment: { select: { rating: ratingOf } },
          },
        }),
      ),
      about("StarRating", (ids) =>
        db().starRating.findMany({
          where: { id: { in: ids } },
          select: { id: true, ...ratingOf.select },
        }),
      ),
      about("ScoreSheet", (ids) =>
        db().scoreSheet.findMany({
          where: { id: { in: ids } },
          select: { id: true, rating: ratingOf, reviewer: { select: { displayName: true } } },
        }),
      ),
      about("SelfAssessment", (ids) =>
        db().selfAssessment.findMany({
          where: { id: { in: ids } },
          select: { id: true, rating: ratingOf },
        }),
      ),
      about("AssessmentEntry", (ids) =>
        db().assessmentEntry.findMany({
          where: { id: { in: ids } },
          select: {
            id: true,
            county: { select: { name: true, nameEn: true } },
            item: { select: { name: true, nameEn: true } },
          },
        }),
      ),
      about("AssessmentRun", (ids) =>
        db().assessmentRun.findMany({
          where: { id: { in: ids } },
          select: { id: true, year: true, version: true },
        }),
      ),
      about("Project", (ids) =>
        db().project.findMany({
          where: { id: { in: ids } },
          select: { id: true, name: true, task: { select: { year: true, town } } },
        }),
      ),
      about("TownEvent", (ids) =>
        db().townEvent.findMany({ where: { id: { in: ids } }, select: { id: true, town } }),
      ),
      about("ApiToken", (ids) =>
        db().apiToken.findMany({
          where: { id: { in: ids } },
          select: { id: true, name: true, user: { select: { displayName: true } } },
        }),
      ),
    ]);
  const byName = { select: { id: true, name: true, nameEn: true } } as const;
  const [ratingSchemes, assessmentSchemes, belts, circles, indicators, requirements] =
    await Promise.all([
      about("RatingScheme", (ids) =>
        db().ratingScheme.findMany({
          where: { id: { in: ids } },
          select: { ...byName.select, version: true },
        }),
      ),
      about("AssessmentScheme", (ids) =>
        db().assessmentScheme.findMany({
          where: { id: { in: ids } },
          select: { ...byName.select, version: true },
        }),
      ),
      about("Belt", (ids) => db().belt.findMany({ where: { id: { in: ids } }, ...byName })),
      about("TownCircle", (ids) =>
        db().townCircle.findMany({ where: { id: { in: ids } }, ...byName }),
      ),
      about("Indicator", (ids) =>
        db().indicator.findMany({ where: { id: { in: ids } }, ...byName }),
      ),
      about("BasicRequirement", (ids) =>
        db().basicRequirement.findMany({ where: { id: { in: ids } }, ...byName }),
      ),
    ]);
  const townYear = (r: { year: number; town: { name: string; nameEn: string | null } }) =>
    `${named(r.town)} ${r.year}`;
  const period = (p: { name: string; nameEn: string }) => (en ? p.nameEn : p.name);
  const years = refs
    .filter((r) => r.entityType === "Year" && /^\d{4}$/.test(r.entityId))
    .map((r) => [`Year:${r.entityId}`, r.entityId] as const);
  return new Map<string, string>([
    ...users.map((u) => [`User:${u.id}`, `${u.displayName} (${u.username})`] as const),
    ...towns.map((t) => [`Town:${t.id}`, named(t)] as const),
    ...tasks.map((t) => [`CreationTask:${t.id}`, townYear(t)] as const),
    ...reports.map(
      (r) => [`ProgressReport:${r.id}`, `${named(r.task.town)} ${period(r.period)}`] as const,
    ),
    ...evidence.map((e) => {
      const where = e.report
        ? `${named(e.report.task.town)} ${period(e.report.period)}`
        : e.selfAssessment
          ? townYear(e.selfAssessment.rating)
          : null;
      return [`Evidence:${e.id}`, `「${e.fileName}」${where ? ` · ${where}` : ""}`] as const;
    }),
    ...ratings.map((r) => [`StarRating:${r.id}`, townYear(r)] as const),
    ...sheets.map(
      (s) => [`ScoreSheet:${s.id}`, `${townYear(s.rating)} · ${s.reviewer.displayName}`] as const,
    ),
    ...selfAssessments.map((s) => [`SelfAssessment:${s.id}`, townYear(s.rating)] as const),
    ...entries.map(
      (e) => [`AssessmentEntry:${e.id}`, `${named(e.county)} · ${named(e.item)}`] as const,
    ),
    ...runs.map((r) => [`AssessmentRun:${r.id}`, `${r.year} v${r.version}`] as const),
    ...projects.map((p) => [`Project:${p.id}`, `${p.name} · ${townYear(p.task)}`] as const),
    ...events.map((e) => [`TownEvent:${e.id}`, named(e.town)] as const),
    ...tokens.map((t) => [`ApiToken:${t.id}`, `「${t.name}」 · ${t.user.displayName}`] as const),
    ...ratingSchemes.map((x) => [`RatingScheme:${x.id}`, `${named(x)} v${x.version}`] as const),
    ...assessmentSchemes.map(
      (x) => [`AssessmentScheme:${x.id}`, `${named(x)} v${x.version}`] as const,
    ),
    ...belts.map((x) => [`Belt:${x.id}`, named(x)] as const),
    ...circles.map((x) => [`TownCircle:${x.id}`, named(x)] as const),
    ...indicators.map((x) => [`Indicator:${x.id}`, named(x)] as const),
    ...requirements.map((x) => [`BasicRequirement:${x.id}`, named(x)] as const),
    ...years,
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
