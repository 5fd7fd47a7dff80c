/**
 * Direct access to the browser tests' database (E2E_DATABASE_URL, set by `npm test`), so a
 * spec can put the data it starts from into a known state instead of depending on what another
 * spec did before it.
 */
import { createPrismaClient, type PrismaClient } from "@/lib/prisma-client";

let client: PrismaClient | undefined;

/** The tests' database client (one per worker). */
export function testDb(): PrismaClient {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set: run the browser tests with npm test");
  client ??= createPrismaClient(url, { max: 2 });
  return client;
}

/**
 * Puts a town's report of a period back to a fresh DRAFT: no reviews or evidence, version 1,
 * never submitted, and the given indicator codes not filled.
 * @returns the report id.
 */
export async function resetReportToDraft(
  townCode: string,
  year: number,
  periodIndex: number,
  emptyCodes: string[],
): Promise<number> {
  const db = testDb();
  const report = await db.progressReport.findFirstOrThrow({
    where: { task: { year, town: { divisionCode: townCode } }, period: { index: periodIndex } },
    select: { id: true },
  });
  await db.$transaction([
    db.review.deleteMany({ where: { reportId: report.id } }),
    db.evidence.deleteMany({ where: { reportId: report.id } }),
    db.progressReport.update({
      where: { id: report.id },
      data: {
        status: "DRAFT",
        version: 1,
        submissionCount: 0,
        submittedAt: null,
        approvedAt: null,
        confirmedAt: null,
      },
    }),
    db.indicatorValue.updateMany({
      where: { reportId: report.id, indicator: { code: { in: emptyCodes } } },
      data: { value: null },
    }),
  ]);
  return report.id;
}
