/**
 * The one rule that a closed year is read-only everywhere (reports, the task register,
 * ratings, assessments): every use case that changes data of a year calls `assertYearWritable`
 * inside its transaction, which also locks the year's row (FOR SHARE), so a year cannot be
 * closed halfway through a change of its data. Unscoped: app/ and components/ may not import it.
 */
import "server-only";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { YearStatus } from "@/lib/generated/prisma/enums";

/**
 * Refuses a change to data of a year that does not exist or is CLOSED.
 * @returns the year's status (PLANNING or OPEN).
 * @throws AppError CONFLICT (years.closed) or NOT_FOUND (no such year).
 */
export async function assertYearWritable(
  tx: Prisma.TransactionClient,
  year: number,
): Promise<YearStatus> {
  const [row] = await tx.$queryRaw<{ status: YearStatus }[]>`
    SELECT status FROM "Year" WHERE year = ${year} FOR SHARE`;
  if (!row) throw new AppError("NOT_FOUND", "years.unknown", { year });
  if (row.status === "CLOSED") throw new AppError("CONFLICT", "years.closed", { year });
  return row.status;
}
