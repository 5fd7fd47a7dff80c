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
  return yearWritable(year, row?.status);
}

/**
 * The check of `assertYearWritable` on a status already read, for a use case that reads the
 * year's row (locked FOR SHARE, inside its transaction) in a statement of its own — e.g. joined
 * to the data it changes, one round trip fewer (lib/reports/mutations.ts loadForTransition).
 * @param status the row's status; undefined when the year has no row.
 * @returns the status (PLANNING or OPEN). @throws as assertYearWritable.
 */
export function yearWritable(year: number, status: YearStatus | undefined): YearStatus {
  if (!status) throw new AppError("NOT_FOUND", "years.unknown", { year });
  if (status === "CLOSED") throw new AppError("CONFLICT", "years.closed", { year });
  return status;
}
