/**
 * Programme years for administration (创建管理 › 年度): the list with each year's dates and
 * counts, and the use cases that change a year's settings. Reading needs programme.view (city
 * administrator and leader), changing needs programme.manage (administrator only). Every change:
 * zod → authorize → one transaction (the year row locked by assertYearWritable) → one audit row.
 */
import "server-only";
import { authorize, type Actor } from "@/lib/access";
import { writeAudit } from "@/lib/audit/write";
import { db } from "@/lib/db";
import { fromIsoDate, isoDate } from "@/lib/domain/calendar";
import type { YearStatus } from "@/lib/generated/prisma/enums";
import { yearSettingsSchema } from "@/lib/validation/programme";
import { assertYearWritable } from "./internal";

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
