/**
 * Programme years for administration (创建管理 › 年度): the list with each year's dates and
 * counts, and the use cases that change a year's settings. Reading needs programme.view (city
 * administrator and leader), changing needs programme.manage (administrator only). Every change:
 * zod → authorize → one transaction (the year row locked by assertYearWritable) → one audit row.
 */
import "server-only";
import { authorize, type Actor } from "@/lib/access";
import { writeAudit } from "@/lib/audit/write";
import { copyAssessmentSchemes } from "@/lib/assessments/copy.internal";
import { db } from "@/lib/db";
import { currentInstant, fromIsoDate, isoDate } from "@/lib/domain/calendar";
import { inProgrammeTaskWhere } from "@/lib/domain/programme";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { YearStatus } from "@/lib/generated/prisma/enums";
import { copyRatingScheme } from "@/lib/ratings/copy.internal";
import { townWithTask, upsertTask } from "@/lib/tasks/internal";
import {
  closeYearSchema,
  createYearSchema,
  openYearSchema,
  programmeYear,
  yearPeriodsSchema,
  yearSettingsSchema,
} from "@/lib/validation/programme";
import { assertYearWritable } from "./internal";

type Tx = Prisma.TransactionClient;

/** One year as the administration list shows it; dates are "YYYY-MM-DD" (Asia/Shanghai). */
export type ProgrammeYearRow = {
  year: number;
  status: YearStatus;
  taskDeadlineOn: string | null;
  copiedFromYear: number | null;
  openedAt: Date | null;
  closedAt: Date | null;
  periods: number;
  indicators: number;
  tasks: number;
};

/**
 * Every programme year, newest first, with its settings and how much hangs off it.
 * @throws AppError NOT_FOUND (a role without programme.view)
 */
export async function listProgrammeYears(actor: Actor): Promise<ProgrammeYearRow[]> {
  authorize(actor, "programme.view");
  const rows = await db().year.findMany({
    orderBy: { year: "desc" },
    include: { _count: { select: { periods: true, indicators: true, tasks: true } } },
  });
  return rows.map((y) => ({
    year: y.year,
    status: y.status,
    taskDeadlineOn: y.taskDeadlineOn ? isoDate(y.taskDeadlineOn) : null,
    copiedFromYear: y.copiedFromYear,
    openedAt: y.openedAt,
    closedAt: y.closedAt,
    periods: y._count.periods,
    indicators: y._count.indicators,
    tasks: y._count.tasks,
  }));
}

/**
 * Sets a year's default task deadline (the deadline new creation tasks of the year get).
 * @throws ZodError; AppError FORBIDDEN (not the administrator) | NOT_FOUND (no such year) |
 *   CONFLICT years.closed (the year is closed)
 */
export async function updateYearSettings(actor: Actor, input: unknown): Promise<void> {
  authorize(actor, "programme.manage");
  const data = yearSettingsSchema.parse(input);
  await db().$transaction(async (tx) => {
    await assertYearWritable(tx, data.year);
    const before = await tx.year.findUniqueOrThrow({
      where: { year: data.year },
      select: { taskDeadlineOn: true },
    });
    await tx.year.update({
      where: { year: data.year },
      data: { taskDeadlineOn: data.taskDeadlineOn ? fromIsoDate(data.taskDeadlineOn) : null },
    });
    await writeAudit(tx, actor, "year.update", data.year, {
      before: { taskDeadlineOn: before.taskDeadlineOn ? isoDate(before.taskDeadlineOn) : null },
      after: { taskDeadlineOn: data.taskDeadlineOn },
    });
  });
}

/** One reporting period as the editor shows it; dates "YYYY-MM-DD"; `reports` = how many use it. */
export type YearPeriodRow = {
  index: number;
  name: string;
  nameEn: string;
  startsOn: string;
  endsOn: string;
  dueOn: string;
  reports: number;
};

/** A year's page: its settings, its periods in order, and the counts the list shows. */
export type ProgrammeYearDetail = ProgrammeYearRow & { periodRows: YearPeriodRow[] };

/**
 * One year with its periods (in order) for the year's page.
 * @returns null when the year does not exist.
 * @throws AppError NOT_FOUND (a role without programme.view)
 */
export async function getProgrammeYear(
  actor: Actor,
  year: number,
): Promise<ProgrammeYearDetail | null> {
  authorize(actor, "programme.view");
  const row = (await listProgrammeYears(actor)).find((y) => y.year === year);
  if (!row) return null;
  const periods = await db().reportingPeriod.findMany({
    where: { year },
    orderBy: { index: "asc" },
    include: { _count: { select: { reports: true } } },
  });
  return {
    ...row,
    periodRows: periods.map((p) => ({
      index: p.index,
      name: p.name,
      nameEn: p.nameEn,
      startsOn: isoDate(p.startsOn),
      endsOn: isoDate(p.endsOn),
      dueOn: isoDate(p.dueOn),
      reports: p._count.reports,
    })),
  };
}

/** What the opening of the next year copied from the newest year (row counts). */
export type YearCopyCounts = {
  indicators: number;
  basicRequirements: number;
  ratingSchemes: number;
  assessmentSchemes: number;
  tasks: number;
};

/**
 * Creates the next programme year (newest + 1, PLANNING) as a copy of the newest year, and
 * nothing else: its indicator catalogue without retired indicators, its "ten ones", its
 * rating scheme in use (ACTIVE, else the newest ARCHIVED, else the newest version) as a DRAFT
 * version 1 (lib/ratings/copy.internal.ts), its assessment scheme as a DRAFT
 * (lib/assessments/copy.internal.ts), and its creation list as DRAFT tasks: one per town in
 * the programme that year (lib/domain/programme.ts) that has not merged into another town,
 * same target and track, due on the new year's default deadline or 31 December, with its
 * indicator targets carried over by code (lib/tasks/internal.ts upsertTask). No periods,
 * reports, ratings, runs or values. With no year at all, creates the calendar year, empty.
 * @returns the new year and what was copied.
 * @throws ZodError; AppError FORBIDDEN | CONFLICT (years.exists: another administrator
 *   created it first)
 */
export async function createNextYear(
  actor: Actor,
  input: unknown,
): Promise<{ year: number; copiedFromYear: number | null; copied: YearCopyCounts }> {
  authorize(actor, "programme.manage");
  const data = createYearSchema.parse(input);
  return db().$transaction(
    async (tx) => {
      // Two administrators creating at once: the second waits here, then sees the new year.
      await tx.$executeRaw`LOCK TABLE "Year" IN SHARE ROW EXCLUSIVE MODE`;
      const newest = await tx.year.findFirst({ orderBy: { year: "desc" }, select: { year: true } });
      const from = newest?.year ?? null;
      const year = from === null ? currentInstant().getUTCFullYear() : from + 1;
      if (data.year !== undefined && data.year !== year) {
        throw new AppError("CONFLICT", "programmeYears.exists", { year: data.year });
      }
      if (!programmeYear.safeParse(year).success) {
        throw new AppError("CONFLICT", "programmeYears.tooLate", { year });
      }
      await tx.year.create({
        data: {
          year,
          status: "PLANNING",
          copiedFromYear: from,
          taskDeadlineOn: data.taskDeadlineOn ? fromIsoDate(data.taskDeadlineOn) : null,
        },
      });
      const copied =
        from === null
          ? {
              indicators: 0,
              basicRequirements: 0,
              ratingSchemes: 0,
              assessmentSchemes: 0,
              tasks: 0,
            }
          : await copyYear(tx, from, year, data.taskDeadlineOn ?? `${year}-12-31`);
      await writeAudit(tx, actor, "year.create", year, {
        after: { year, copiedFromYear: from, copied },
      });
      return { year, copiedFromYear: from, copied };
      // A whole year's catalogue, schemes and creation list (about 100 towns, a few statements
      // each) take longer than the default 5 s on a busy server; all or nothing still holds.
    },
    { timeout: 60_000 },
  );
}

/** Copies year `from`'s catalogue, schemes and creation list into the new year `to`. */
async function copyYear(
  tx: Tx,
  from: number,
  to: number,
  deadline: string,
): Promise<YearCopyCounts> {
  const indicators = await tx.indicator.findMany({
    where: { year: from, retiredAt: null },
    orderBy: { id: "asc" },
  });
  await tx.indicator.createMany({
    data: indicators.map((i) => ({
      year: to,
      code: i.code,
      name: i.name,
      nameEn: i.nameEn,
      dimension: i.dimension,
      kind: i.kind,
      unit: i.unit,
      unitEn: i.unitEn,
      valueType: i.valueType,
      minValue: i.minValue,
      maxValue: i.maxValue,
      isRequired: i.isRequired,
      evidenceRequired: i.evidenceRequired,
      townTypes: i.townTypes,
      sourceNote: i.sourceNote,
      sortOrder: i.sortOrder,
      figureInput: i.figureInput,
    })),
  });
  const requirements = await tx.basicRequirement.findMany({
    where: { year: from },
    orderBy: { id: "asc" },
  });
  await tx.basicRequirement.createMany({
    data: requirements.map((r) => ({
      year: to,
      code: r.code,
      name: r.name,
      nameEn: r.nameEn,
      sortOrder: r.sortOrder,
    })),
  });
  const schemes = await tx.ratingScheme.findMany({
    where: { year: from },
    select: { id: true, status: true },
    orderBy: { version: "desc" },
  });
  const ratingSource =
    schemes.find((s) => s.status === "ACTIVE") ??
    schemes.find((s) => s.status === "ARCHIVED") ??
    schemes[0];
  if (ratingSource) await copyRatingScheme(tx, ratingSource.id, { year: to, version: 1 });
  const assessmentSchemes = await copyAssessmentSchemes(tx, from, to);
  const sourceTasks = await tx.creationTask.findMany({
    where: { AND: [inProgrammeTaskWhere(from), { town: { mergedIntoId: null } }] },
    select: { target: true, track: true, town: { select: townWithTask(to) } },
    orderBy: { townId: "asc" },
  });
  for (const task of sourceTasks) {
    await upsertTask(tx, to, task.town, {
      target: task.target,
      track: task.track,
      deadline: fromIsoDate(deadline),
    });
  }
  return {
    indicators: indicators.length,
    basicRequirements: requirements.length,
    ratingSchemes: ratingSource ? 1 : 0,
    assessmentSchemes,
    tasks: sourceTasks.length,
  };
}

/**
 * Replaces a year's reporting periods with the given list (index = position from 1): periods
 * already there are corrected in place (their reports stay attached), new ones are added, and
 * those past the end of the list are removed unless a report uses them.
 * @throws ZodError (names, dates: lib/domain/periods.ts); AppError FORBIDDEN | NOT_FOUND |
 *   CONFLICT years.closed | CONFLICT programmeYears.periods.hasReports (with the period's name)
 */
export async function setYearPeriods(actor: Actor, input: unknown): Promise<void> {
  authorize(actor, "programme.manage");
  const data = yearPeriodsSchema.parse(input);
  await db().$transaction(async (tx) => {
    await assertYearWritable(tx, data.year);
    const existing = await tx.reportingPeriod.findMany({
      where: { year: data.year },
      orderBy: { index: "asc" },
      include: { _count: { select: { reports: true } } },
    });
    const removed = existing.filter((p) => p.index > data.periods.length);
    const used = removed.find((p) => p._count.reports > 0);
    if (used) {
      throw new AppError(
        "CONFLICT",
        {
          message: {
            key: "programmeYears.periods.hasReports",
            values: { name: used.name, reports: used._count.reports },
          },
        },
        { year: data.year, periodId: used.id },
      );
    }
    await tx.reportingPeriod.deleteMany({ where: { id: { in: removed.map((p) => p.id) } } });
    for (const [i, p] of data.periods.entries()) {
      const fields = {
        name: p.name,
        nameEn: p.nameEn,
        startsOn: fromIsoDate(p.startsOn),
        endsOn: fromIsoDate(p.endsOn),
        dueOn: fromIsoDate(p.dueOn),
      };
      await tx.reportingPeriod.upsert({
        where: { year_index: { year: data.year, index: i + 1 } },
        create: { year: data.year, index: i + 1, ...fields },
        update: fields,
      });
    }
    await writeAudit(tx, actor, "year.periods", data.year, {
      before: existing.map((p) => ({
        index: p.index,
        name: p.name,
        nameEn: p.nameEn,
        startsOn: isoDate(p.startsOn),
        endsOn: isoDate(p.endsOn),
        dueOn: isoDate(p.dueOn),
      })),
      after: data.periods.map((p, i) => ({ index: i + 1, ...p })),
    });
  });
}

/**
 * Opens a PLANNING year for reporting (PLANNING → OPEN, openedAt now).
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | CONFLICT (years.closed;
 *   programmeYears.notPlanning; programmeYears.noPeriods; programmeYears.noIndicators)
 */
export async function openYear(actor: Actor, input: unknown): Promise<void> {
  authorize(actor, "programme.manage");
  const { year } = openYearSchema.parse(input);
  await db().$transaction(async (tx) => {
    const status = await lockYear(tx, year);
    if (status !== "PLANNING")
      throw new AppError("CONFLICT", "programmeYears.notPlanning", { year, status });
    const [periods, indicators] = await Promise.all([
      tx.reportingPeriod.count({ where: { year } }),
      tx.indicator.count({ where: { year, retiredAt: null } }),
    ]);
    if (periods === 0) throw new AppError("CONFLICT", "programmeYears.noPeriods", { year });
    if (indicators === 0) throw new AppError("CONFLICT", "programmeYears.noIndicators", { year });
    await tx.year.update({ where: { year }, data: { status: "OPEN", openedAt: currentInstant() } });
    await writeAudit(tx, actor, "year.open", year, {
      before: { status },
      after: { status: "OPEN" },
    });
  });
}

/** What is unfinished in a year, shown as warnings before it is closed. */
export type CloseWarnings = {
  /** Reports of the year not CITY_CONFIRMED. */
  reportsUnconfirmed: number;
  /** Star ratings of the year not APPROVED. */
  ratingsUnapproved: number;
  /** True when the year has no PUBLISHED county assessment run. */
  assessmentUnpublished: boolean;
};

async function closeWarnings(tx: Tx | ReturnType<typeof db>, year: number): Promise<CloseWarnings> {
  const [reportsUnconfirmed, ratingsUnapproved, published] = await Promise.all([
    tx.progressReport.count({
      where: { period: { year }, status: { not: "CITY_CONFIRMED" } },
    }),
    tx.starRating.count({ where: { year, status: { not: "APPROVED" } } }),
    tx.assessmentRun.count({ where: { year, status: "PUBLISHED" } }),
  ]);
  return { reportsUnconfirmed, ratingsUnapproved, assessmentUnpublished: published === 0 };
}

/** True when closing would leave something unfinished. */
export function hasCloseWarnings(w: CloseWarnings): boolean {
  return w.reportsUnconfirmed > 0 || w.ratingsUnapproved > 0 || w.assessmentUnpublished;
}

/**
 * What is unfinished in a year (for the confirmation before closing it).
 * @throws AppError NOT_FOUND (a role without programme.view)
 */
export async function getCloseWarnings(actor: Actor, year: number): Promise<CloseWarnings> {
  authorize(actor, "programme.view");
  return closeWarnings(db(), year);
}

/**
 * Closes an OPEN year (OPEN → CLOSED, closedAt now): from then on every change to its data is
 * refused (lib/years/internal.ts assertYearWritable). When something is unfinished
 * (getCloseWarnings), the administrator must have confirmed the warnings.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | CONFLICT (years.closed;
 *   programmeYears.notOpen; programmeYears.confirmWarnings)
 */
export async function closeYear(actor: Actor, input: unknown): Promise<CloseWarnings> {
  authorize(actor, "programme.manage");
  const { year, confirmed } = closeYearSchema.parse(input);
  return db().$transaction(async (tx) => {
    const status = await lockYear(tx, year);
    if (status !== "OPEN")
      throw new AppError("CONFLICT", "programmeYears.notOpen", { year, status });
    const warnings = await closeWarnings(tx, year);
    if (hasCloseWarnings(warnings) && !confirmed) {
      throw new AppError("CONFLICT", "programmeYears.confirmWarnings", { year, warnings });
    }
    await tx.year.update({
      where: { year },
      data: { status: "CLOSED", closedAt: currentInstant() },
    });
    await writeAudit(tx, actor, "year.close", year, {
      before: { status },
      after: { status: "CLOSED", warnings },
    });
    return warnings;
  });
}

/**
 * Locks a year's row for a change of its status (FOR UPDATE: waits for every change of the
 * year's data in progress, which holds it FOR SHARE through assertYearWritable).
 * @throws AppError NOT_FOUND (years.unknown) | CONFLICT (years.closed)
 */
async function lockYear(tx: Tx, year: number): Promise<YearStatus> {
  const [row] = await tx.$queryRaw<{ status: YearStatus }[]>`
    SELECT status FROM "Year" WHERE year = ${year} FOR UPDATE`;
  if (!row) throw new AppError("NOT_FOUND", "years.unknown", { year });
  if (row.status === "CLOSED") throw new AppError("CONFLICT", "years.closed", { year });
  return row.status;
}
