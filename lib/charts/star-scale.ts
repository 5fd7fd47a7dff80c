/**
 * The one colour scale for star levels (星级), used by every chart series, badge and table cell
 * that shows stars: a sequential scale from amber through orange and red to near-black (Tailwind
 * amber-600, orange-700, red-700, red-900, red-950), lighter for fewer stars and darker for
 * more, so the order reads in greyscale too, with a hue step between neighbours.
 * Every colour keeps at least 3:1 contrast on white (WCAG 1.4.11, graphical objects).
 */

/** Colours of 1 to 5 stars, index 0 = 1 star (hex sRGB). */
export const STAR_COLOURS = ["#d97706", "#c2410c", "#b91c1c", "#7f1d1d", "#450a0a"] as const;

/** The colour of unearned star marks (★ shown greyed after the earned ones). */
export const STAR_EMPTY_COLOUR = "#94a3b8";

/** The highest star level the scale covers. */
export const MAX_STARS = STAR_COLOURS.length;

/**
 * The colour of a star level `stars` (1…5); levels outside the range take the nearest end.
 */
export function starColour(stars: number): string {
  const index = Math.min(MAX_STARS, Math.max(1, Math.round(stars))) - 1;
  return STAR_COLOURS[index]!;
}
