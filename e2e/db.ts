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
 * Puts a town's report of a period back to a fresh DRAFT: no reviews, evidence or submission
 * snapshots, version 1,
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
    db.reportSubmission.deleteMany({ where: { reportId: report.id } }),
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

/**
 * Puts a town's star rating of a year back to the start: no sheets, self-assessment or
 * decisions, SCORING at version 1 with no result, and the given reviewers as its panel.
 * @returns the rating id.
 */
export async function resetRating(
  townCode: string,
  year: number,
  panelUsernames: string[],
): Promise<number> {
  const db = testDb();
  const rating = await db.starRating.findFirstOrThrow({
    where: { year, town: { divisionCode: townCode } },
    select: { id: true },
  });
  const reviewers = await db.user.findMany({
    where: { username: { in: panelUsernames } },
    select: { id: true },
  });
  await db.$transaction([
    db.evidence.deleteMany({ where: { selfAssessment: { ratingId: rating.id } } }),
    db.selfAssessment.deleteMany({ where: { ratingId: rating.id } }),
    db.scoreSheet.deleteMany({ where: { ratingId: rating.id } }),
    db.ratingDecision.deleteMany({ where: { ratingId: rating.id } }),
    db.ratingPanelist.deleteMany({ where: { ratingId: rating.id } }),
    db.ratingPanelist.createMany({
      data: reviewers.map((r) => ({ ratingId: rating.id, reviewerId: r.id })),
    }),
    db.starRating.update({
      where: { id: rating.id },
      data: {
        status: "SCORING",
        version: 1,
        totalPoints: null,
        stars: null,
        flaggedItems: 0,
        flaggedReviewers: 0,
        approvedById: null,
        approvedAt: null,
      },
    }),
  ]);
  return rating.id;
}

/**
 * Puts a year's rating schemes back to what the demo data has: removes the schemes nobody
 * rates on that are not the demo's own (`isDemo` rows of version 1 stay), so a spec that makes
 * new versions starts from the demo and leaves nothing behind.
 */
export async function removeAddedSchemes(year: number): Promise<void> {
  const db = testDb();
  await db.ratingScheme.deleteMany({
    where: { year, ratings: { none: {} }, NOT: { isDemo: true, version: 1 } },
  });
}

/**
 * A programme year that is not in the demo data, in PLANNING (e.g. the next year, to try
 * something that must not touch the current year). @returns a function that removes it again
 * with its rating schemes, when nothing else was added to it.
 */
export async function openExtraYear(year: number): Promise<() => Promise<void>> {
  const db = testDb();
  await db.ratingScheme.deleteMany({ where: { year, ratings: { none: {} } } });
  await db.year.upsert({ where: { year }, create: { year, status: "PLANNING" }, update: {} });
  return async () => {
    await db.ratingScheme.deleteMany({ where: { year, ratings: { none: {} } } });
    await db.year.deleteMany({
      where: {
        year,
        periods: { none: {} },
        tasks: { none: {} },
        indicators: { none: {} },
        basicRequirements: { none: {} },
        starRatings: { none: {} },
        ratingSchemes: { none: {} },
        assessmentSchemes: { none: {} },
        countyAssessments: { none: {} },
      },
    });
  };
}
