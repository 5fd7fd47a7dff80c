/**
 * Which towns are rated in a year and who scores them. By default the rated list proposes the
 * towns holding the provincial-sample title (lib/domain/attainment.ts, on the year's figure
 * date) and the towns whose task of the year aims at the sample or its renewal
 * (PROVINCIAL_SAMPLE, SAMPLE_RENEWAL); the administrator confirms it, which creates each
 * rating on the year's ACTIVE scheme with its county's active reviewers as the panel. The city
 * may add reviewers of other counties to a panel (交叉评审) and remove a panelist who has not
 * submitted. zod → access (rating.manage) → one transaction (year open) → an audit row.
 */
import "server-only";
import { authorize, type Actor } from "@/lib/access";
import { writeAudit } from "@/lib/audit/write";
import { db, toPrismaSql } from "@/lib/db";
import { attainmentOnSql, figureDate, holdsTitleSql } from "@/lib/domain/attainment";
import { isoDate, shanghaiToday } from "@/lib/domain/calendar";
import { inProgrammeSql } from "@/lib/domain/programme";
import { raw, sql } from "@/lib/domain/sql";
import { AppError } from "@/lib/errors";
import type { CreationTarget } from "@/lib/generated/prisma/enums";
import { createRatingsSchema, panelistSchema } from "@/lib/validation/rating";
import { assertYearWritable } from "@/lib/years/internal";
import { refreshRating } from "./internal";
import { isLocked } from "@/lib/domain/rating-status";

/** A town proposed for the rated list, with why. */
export type RatedCandidate = {
  townCode: string;
  townName: string;
  townNameEn: string | null;
  countyName: string;
  countyNameEn: string;
  holdsSample: boolean;
  target: CreationTarget | null;
  rated: boolean;
};

/**
 * The towns proposed for a year's rated list (see the module rule), marked when already rated.
 * @throws AppError FORBIDDEN
 */
export async function proposeRatedTowns(actor: Actor, year: number): Promise<RatedCandidate[]> {
  const scope = authorize(actor, "rating.manage");
  const counties = await db().county.findMany({ where: scope.counties, select: { id: true } });
  const ids = counties.map((c) => c.id);
  const date = figureDate(year, isoDate(shanghaiToday()));
  const rows = await db().$queryRaw<
    {
      code: string;
      name: string;
      name_en: string | null;
      county_name: string;
      county_name_en: string;
      holds: boolean;
      target: CreationTarget | null;
      rated: boolean;
    }[]
  >(
    toPrismaSql(sql`
      SELECT tw."divisionCode" AS code, tw.name, tw."nameEn" AS name_en,
             c.name AS county_name, c."nameEn" AS county_name_en,
             ${holdsTitleSql(raw("att.attainment"), "PROVINCIAL_SAMPLE")} AS holds,
             ct.target,
             EXISTS (SELECT 1 FROM "StarRating" sr WHERE sr."townId" = tw.id AND sr.year = ${year}) AS rated
      FROM "Town" tw
      JOIN "County" c ON c.id = tw."countyId"
      LEFT JOIN "CreationTask" ct ON ct."townId" = tw.id AND ct.year = ${year} AND ${inProgrammeSql(raw("ct"))}
      LEFT JOIN ${attainmentOnSql(date, ids)} att ON att."townId" = tw.id
      WHERE tw."countyId" = ANY(${ids})
        AND (${holdsTitleSql(raw("att.attainment"), "PROVINCIAL_SAMPLE")}
             OR ct.target IN ('PROVINCIAL_SAMPLE', 'SAMPLE_RENEWAL'))
      ORDER BY c."divisionCode", tw."divisionCode"`),
  );
  return rows.map((r) => ({
    townCode: r.code,
    townName: r.name,
    townNameEn: r.name_en,
    countyName: r.county_name,
    countyNameEn: r.county_name_en,
    holdsSample: r.holds,
    target: r.target,
    rated: r.rated,
  }));
}

/**
 * Confirms the rated list of a year: creates the ratings of the given towns not rated yet, on
 * the year's ACTIVE scheme, each with its county's active reviewers as the panel.
 * @returns how many ratings were created.
 * @throws ZodError; AppError FORBIDDEN | VALIDATION (unknown town; ratings.noActiveScheme) | CONFLICT
 */
export async function createRatings(actor: Actor, input: unknown): Promise<{ created: number }> {
  const scope = authorize(actor, "rating.manage");
  const data = createRatingsSchema.parse(input);
  return db().$transaction(async (tx) => {
    await assertYearWritable(tx, data.year);
    const scheme = await tx.ratingScheme.findFirst({
      where: { year: data.year, status: "ACTIVE" },
      select: { id: true },
    });
    if (!scheme) throw new AppError("VALIDATION", "ratings.noActiveScheme", { year: data.year });
    const towns = await tx.town.findMany({
      where: { AND: [{ divisionCode: { in: data.townCodes } }, scope.towns] },
      select: {
        id: true,
        divisionCode: true,
        countyId: true,
        starRatings: { where: { year: data.year }, select: { id: true } },
      },
    });
    if (towns.length !== new Set(data.townCodes).size) {
      throw new AppError("VALIDATION", "validation.unknownTown", { townCodes: data.townCodes });
    }
    const reviewers = await tx.user.findMany({
      where: {
        role: "COUNTY_REVIEWER",
        isActive: true,
        countyId: { in: towns.map((t) => t.countyId) },
      },
      select: { id: true, countyId: true },
    });
    let created = 0;
    for (const town of towns) {
      if (town.starRatings.length > 0) continue;
      await tx.starRating.create({
        data: {
          townId: town.id,
          year: data.year,
          schemeId: scheme.id,
          panel: {
            createMany: {
              data: reviewers
                .filter((r) => r.countyId === town.countyId)
                .map((r) => ({ reviewerId: r.id })),
            },
          },
        },
      });
      created++;
    }
    await writeAudit(tx, actor, "rating.create", data.year, {
      after: { year: data.year, townCodes: data.townCodes, created },
    });
    return { created };
  });
}

/**
 * Adds a reviewer (of any county: another county's is a cross review) to a rating's panel, or
 * removes one whose sheet is not submitted. The rating's status follows the panel (a new
 * panelist means the panel is not complete).
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | VALIDATION (ratings.notReviewer) | CONFLICT
 *   (approved rating, submitted sheet, year closed)
 */
export async function setPanelist(actor: Actor, input: unknown): Promise<void> {
  const scope = authorize(actor, "rating.manage");
  const data = panelistSchema.parse(input);
  await db().$transaction(async (tx) => {
    const rating = scope.found(
      await tx.starRating.findFirst({
        where: { AND: [{ id: data.ratingId }, scope.ratings] },
        select: { id: true, year: true, status: true, town: { select: { countyId: true } } },
      }),
      { ratingId: data.ratingId },
    );
    await assertYearWritable(tx, rating.year);
    if (isLocked(rating.status))
      throw new AppError("CONFLICT", "ratings.approvedLocked", { ratingId: rating.id });
    const reviewer = await tx.user.findUnique({
      where: { username: data.username },
      select: { id: true, role: true, isActive: true, countyId: true, username: true },
    });
    if (!reviewer || reviewer.role !== "COUNTY_REVIEWER" || !reviewer.isActive) {
      throw new AppError(
        "VALIDATION",
        {
          message: { key: "validation.fixFields" },
          fields: { username: { key: "ratings.notReviewer" } },
        },
        { username: data.username },
      );
    }
    const key = { ratingId: rating.id, reviewerId: reviewer.id };
    if (data.remove) {
      // Only a draft is deleted, a condition PostgreSQL checks again after waiting for the row:
      // a submission committed meanwhile leaves it SUBMITTED, so it stays and the removal is
      // refused (the attack pass found a removal racing a submission deleting a submitted
      // sheet). A sheet left after the delete is a submitted one.
      await tx.scoreSheet.deleteMany({ where: { ...key, status: "DRAFT" } });
      if ((await tx.scoreSheet.count({ where: key })) > 0) {
        throw new AppError("CONFLICT", "ratings.panelistSubmitted", key);
      }
      await tx.ratingPanelist.deleteMany({ where: key });
    } else {
      await tx.ratingPanelist.upsert({
        where: { ratingId_reviewerId: key },
        create: { ...key, crossReview: reviewer.countyId !== rating.town.countyId },
        update: {},
      });
    }
    await refreshRating(tx, rating.id);
    await writeAudit(tx, actor, "rating.panel", rating.id, {
      after: { reviewer: reviewer.username, removed: data.remove },
    });
  });
}

/**
 * The active county reviewers of the city, for adding to a panel (the city's choice).
 * @throws AppError FORBIDDEN
 */
export async function listReviewers(
  actor: Actor,
): Promise<{ username: string; displayName: string; countyName: string; countyNameEn: string }[]> {
  const scope = authorize(actor, "rating.manage");
  const users = await db().user.findMany({
    where: { role: "COUNTY_REVIEWER", isActive: true, county: scope.counties },
    select: {
      username: true,
      displayName: true,
      county: { select: { name: true, nameEn: true, divisionCode: true } },
    },
    orderBy: [{ county: { divisionCode: "asc" } }, { username: "asc" }],
  });
  return users.map((u) => ({
    username: u.username,
    displayName: u.displayName,
    countyName: u.county?.name ?? "",
    countyNameEn: u.county?.nameEn ?? "",
  }));
}
