/** Star bands with hand-worked totals (demo bands 60 / 70 / 80 / 88 / 95 points). */
import { describe, expect, it } from "vitest";
import { checkStarBands, nextBand, starsFor } from "./star-rating";

const bands = [
  { stars: 1, minPoints: "60.00" },
  { stars: 2, minPoints: "70.00" },
  { stars: 3, minPoints: "80.00" },
  { stars: 4, minPoints: "88.00" },
  { stars: 5, minPoints: "95.00" },
];

describe("starsFor", () => {
  it.each([
    ["59.99", null],
    ["60", 1],
    ["79.99", 2],
    ["80.00", 3],
    ["94.995", 4], // never rounded up into the next band
    ["100", 5],
  ])("%s points → %s stars", (total, stars) => {
    expect(starsFor(total, bands)).toBe(stars);
  });
  it("does not depend on the order the bands come in", () => {
    expect(starsFor("88.5", [...bands].reverse())).toBe(4);
  });
});

describe("nextBand", () => {
  it("says how many points are missing to the next star", () => {
    expect(nextBand("87.5", bands)).toEqual({ stars: 4, pointsNeeded: "0.50" });
    expect(nextBand("12", bands)).toEqual({ stars: 1, pointsNeeded: "48.00" });
    // 0.1 + 0.2 would be 0.30000000000000004 in floats
    expect(nextBand("79.7", bands)).toEqual({ stars: 3, pointsNeeded: "0.30" });
    expect(nextBand("95", bands)).toBeNull();
  });
});

describe("checkStarBands", () => {
  it("accepts the demo bands and names each problem", () => {
    expect(checkStarBands(bands)).toEqual([]);
    expect(checkStarBands([{ stars: 6, minPoints: 1 }])).toEqual(["starBands.range"]);
    expect(
      checkStarBands([
        { stars: 1, minPoints: 70 },
        { stars: 2, minPoints: 60 },
      ]),
    ).toEqual(["starBands.order"]);
    expect(
      checkStarBands([
        { stars: 1, minPoints: 60 },
        { stars: 1, minPoints: 61 },
      ]),
    ).toContain("starBands.duplicate");
    // two and three stars without a one-star band
    expect(
      checkStarBands([
        { stars: 2, minPoints: 70 },
        { stars: 3, minPoints: 80 },
      ]),
    ).toEqual(["starBands.gap"]);
    expect(checkStarBands([{ stars: 1, minPoints: 0 }])).toEqual([]);
  });
});
