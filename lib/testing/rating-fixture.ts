/**
 * A star rating being scored, owned by the test (no demo data): 龙游县 (330825) with 溪口镇
 * (330825109), `year` OPEN with periods due on its 04-10 and 12-10 and a published
 * BASIC_COMPLIANCE task, the test rubric of that year (lib/testing/builders.ts scheme: items A1–A3,
 * 10 points) and 溪口镇's rating with one county reviewer on its panel.
 */
import type { Actor } from "@/lib/access";
import type { PrismaClient } from "@/lib/prisma-client";
import { builders } from "./builders";

/** What the fixture made. */
export type RatingFixture = {
  countyId: number;
  schemeId: number;
  /** The rubric's item ids by code (A1, A2, A3). */
  items: Record<string, number>;
  /** The reviewer on the rating's panel. */
  reviewer: Actor;
  ratingId: number;
};

/** Loads the fixture into an empty, migrated database. */
export async function seedRatingFixture(
  prisma: PrismaClient,
  year: number,
): Promise<RatingFixture> {
  const build = builders(prisma);
  const county = await build.county("330825", "龙游县");
  const town = await build.town(county.id, "330825109", { name: "溪口镇" });
  await build.year(year, "OPEN", [`${year}-04-10`, `${year}-12-10`]);
  await build.task(town.id, year, "PUBLISHED", "BASIC_COMPLIANCE");
  const scheme = await build.scheme(year);
  const reviewer = await build.actor("COUNTY_REVIEWER", { countyId: county.id });
  const rating = await build.rating(town.id, year, scheme.id, [reviewer.id]);
  return {
    countyId: county.id,
    schemeId: scheme.id,
    items: scheme.items,
    reviewer,
    ratingId: rating.id,
  };
}
