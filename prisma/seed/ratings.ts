/**
 * Star ratings of provincial samples (demo): every town that held the provincial-sample title
 * during a rating year (reached it in an earlier year) is rated on that year's rubric. Closed
 * years are APPROVED; 2023 is a mix of DRAFT, SUBMITTED and APPROVED. Item points are whole or
 * half points, the total is their sum, and the stars follow the year's bands
 * (lib/domain/star-rating.ts).
 */
import type { RatingStatus } from "@/lib/generated/prisma/enums";
import { ADMIN_USERNAME, reviewerUsername } from "./accounts";
import { OPEN_YEAR, RATING_ITEMS, RATING_YEARS, STAR_BANDS } from "./catalogue";
import { starsFor } from "@/lib/domain/star-rating";
import { calendarDate, hundredths, shanghaiTime } from "./format";
import type { PlanTown } from "./programme";
import { rand, randInt } from "./random";

export type PlanRating = {
  year: number;
  townCode: string;
  status: RatingStatus;
  totalHundredths: number | null;
  stars: number | null;
  version: number;
  scoredBy: string | null;
  approvedBy: string | null;
  submittedAt: Date | null;
  approvedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  scores: { itemCode: string; hundredths: number; comment: string | null }[];
};

/** 2023 (open) rating statuses, assigned over a fixed shuffle of that year's samples. */
const OPEN_MIX: readonly [RatingStatus, number][] = [
  ["DRAFT", 5],
  ["SUBMITTED", 9],
];

export function buildStarRatings(towns: readonly PlanTown[]): PlanRating[] {
  const ratings: PlanRating[] = [];
  for (const year of RATING_YEARS) {
    const rated = towns.filter((t) => t.sampleYear !== null && t.sampleYear < year);
    const order = [...rated].sort(
      (a, b) => rand(`${a.code}|rating|${year}`) - rand(`${b.code}|rating|${year}`),
    );
    const openStatus = new Map<string, RatingStatus>();
    let cursor = 0;
    if (year === OPEN_YEAR) {
      for (const [status, n] of OPEN_MIX)
        for (let i = 0; i < n; i++) openStatus.set(order[cursor++]!.code, status);
    }

    for (const town of rated) {
      const k = `${town.code}|rating|${year}`;
      const status: RatingStatus =
        year === OPEN_YEAR ? (openStatus.get(town.code) ?? "APPROVED") : "APPROVED";
      const townShift = (rand(`${k}|shift`) - 0.5) * 0.1;
      const items = status === "DRAFT" ? RATING_ITEMS.slice(0, 4) : RATING_ITEMS;
      const scores = items.map((item) => {
        const ratio = Math.min(
          1,
          Math.max(
            0.4,
            0.46 +
              0.5 * town.quality +
              townShift +
              (rand(`${k}|${item.code}`) - 0.5) * 0.2 +
              0.015 * (year - 2021),
          ),
        );
        const hundredths = Math.round(item.maxPoints * ratio * 2) * 50; // whole or half points
        return {
          itemCode: item.code,
          hundredths,
          comment: ratio < 0.8 ? "部分考核要点未达到评分标准，已按细则扣分" : null,
        };
      });
      const total = status === "DRAFT" ? null : scores.reduce((sum, s) => sum + s.hundredths, 0);
      const createdAt = shanghaiTime(calendarDate(year, 11, randInt(`${k}|created`, 1, 15)), 9);
      const submittedAt =
        status === "DRAFT"
          ? null
          : shanghaiTime(calendarDate(year, 12, randInt(`${k}|submitted`, 5, 20)), 16, 30);
      const approvedAt =
        status !== "APPROVED"
          ? null
          : year === OPEN_YEAR
            ? shanghaiTime(calendarDate(2024, 1, randInt(`${k}|approved`, 3, 10)), 11)
            : shanghaiTime(calendarDate(year, 12, randInt(`${k}|approved`, 22, 30)), 11);
      ratings.push({
        year,
        townCode: town.code,
        status,
        totalHundredths: total,
        stars: total === null ? null : starsFor(hundredths(total), STAR_BANDS),
        version: status === "DRAFT" ? 1 : status === "SUBMITTED" ? 2 : 3,
        scoredBy: reviewerUsername(town.countyCode),
        approvedBy: status === "APPROVED" ? ADMIN_USERNAME : null,
        submittedAt,
        approvedAt,
        createdAt,
        updatedAt:
          approvedAt ??
          submittedAt ??
          shanghaiTime(calendarDate(2024, 1, randInt(`${k}|draft`, 2, 10)), 15),
        scores,
      });
    }
  }
  return ratings;
}
