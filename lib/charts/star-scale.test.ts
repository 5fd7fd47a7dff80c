import { describe, expect, it } from "vitest";
import { STAR_COLOURS, starColour } from "./star-scale";

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string) {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrastOnWhite = (hex: string) => 1.05 / (luminance(hex) + 0.05);

describe("the star colour scale", () => {
  it("darkens with every star (sequential) and keeps 3:1 on white", () => {
    const contrasts = STAR_COLOURS.map(contrastOnWhite);
    // amber-600 on white is 3.19:1 (worked out: L = 0.279)
    expect(contrasts[0]).toBeCloseTo(3.19, 2);
    for (let i = 1; i < contrasts.length; i++)
      expect(contrasts[i]).toBeGreaterThan(contrasts[i - 1]!);
    for (const c of contrasts) expect(c).toBeGreaterThanOrEqual(3);
  });
  it("gives each level its colour and clamps levels outside 1…5", () => {
    expect(starColour(1)).toBe("#d97706");
    expect(starColour(3)).toBe("#b91c1c");
    expect(starColour(5)).toBe("#450a0a");
    expect(starColour(0)).toBe("#d97706");
    expect(starColour(7)).toBe("#450a0a");
  });
});
