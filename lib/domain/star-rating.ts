/**
 * Star levels of provincial samples (省级样板星级): a rating's total (points, Decimal) falls
 * in the highest band whose minimum it reaches. Bands are data of each year's rating scheme
 * (StarBand rows), configured by the city administrator; public sources give no official
 * bands (../shared/DOMAIN.md), so none is written in code.
 * All arithmetic is decimal (STYLE.md: half-up, 2 places), never binary floating point.
 */
import { Decimal } from "@prisma/client-runtime-utils";
import { roundHalfUp } from "./numbers";

/** One band: the lowest total (points) that earns `stars`. */
export type StarBand = { stars: number; minPoints: Decimal.Value };

/** Bands sorted from the lowest minimum to the highest. */
function ascending(bands: readonly StarBand[]): StarBand[] {
  return [...bands].sort((a, b) => new Decimal(a.minPoints).comparedTo(b.minPoints));
}

/**
 * The star level of `total` (points): the most stars among the bands whose minimum it
 * reaches, or null below the lowest band.
 */
export function starsFor(total: Decimal.Value, bands: readonly StarBand[]): number | null {
  const points = new Decimal(total);
  let stars: number | null = null;
  for (const band of bands) {
    if (points.greaterThanOrEqualTo(band.minPoints) && (stars === null || band.stars > stars)) {
      stars = band.stars;
    }
  }
  return stars;
}

/**
 * The next band above `total`'s and the points still missing to reach it (2-place string), or
 * null when the total is in the top band.
 */
export function nextBand(
  total: Decimal.Value,
  bands: readonly StarBand[],
): { stars: number; pointsNeeded: string } | null {
  const points = new Decimal(total);
  const current = starsFor(points, bands);
  const next = ascending(bands).find(
    (band) => points.lessThan(band.minPoints) && (current === null || band.stars > current),
  );
  return next
    ? { stars: next.stars, pointsNeeded: roundHalfUp(new Decimal(next.minPoints).minus(points)) }
    : null;
}

/**
 * Checks a scheme's bands: stars 1–5 each at most once and without a gap (1..n: a town cannot
 * earn two stars where no band gives one), minimums ≥ 0, and more stars need strictly more
 * points. @returns the problems found (empty = valid), as message keys of `starBands`.
 */
export function checkStarBands(bands: readonly StarBand[]): string[] {
  const problems: string[] = [];
  const stars = bands.map((b) => b.stars);
  const inRange = !stars.some((s) => !Number.isInteger(s) || s < 1 || s > 5);
  if (!inRange) problems.push("starBands.range");
  if (new Set(stars).size !== stars.length) problems.push("starBands.duplicate");
  else if (inRange && stars.some((s) => s > stars.length)) problems.push("starBands.gap");
  if (bands.some((b) => new Decimal(b.minPoints).isNegative())) problems.push("starBands.negative");
  const byStars = [...bands].sort((a, b) => a.stars - b.stars);
  for (let i = 1; i < byStars.length; i++) {
    if (new Decimal(byStars[i]!.minPoints).lessThanOrEqualTo(byStars[i - 1]!.minPoints)) {
      problems.push("starBands.order");
      break;
    }
  }
  return problems;
}
