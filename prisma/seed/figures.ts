/**
 * The programme figures Quzhou published (中国建设报, 2023-02-24). The demo data reproduces each
 * for PUBLISHED_FIGURES_YEAR, as the dashboard computes them with the lib/domain definitions
 * (lib/dashboard/summary.test.ts checks it; docs/DEMO-DATA.md, "Published figures").
 */

/** The year whose figures match the publication. */
export const PUBLISHED_FIGURES_YEAR = 2022;

/** The published values; landSuppliedMu ("3,000+ mu") is the demo's exact choice. */
export const PUBLISHED_FIGURES = {
  townsInProgramme: 81,
  basicCompliance: 80,
  provincialSamples: 28,
  countySeatTowns: 6,
  sampleRenewals: 7,
  circles: 22,
  townsInCircles: 29,
  modelCircles: 4,
  townsWithNankongReadingRoom: 31,
  townsWithFifteenMinuteCircle: 11,
  commonProsperityWorkshops: 204,
  localJobsCreated: 25_800,
  landSuppliedMu: "3126.40",
} as const;

/** Every figure is a count or sum (number), except land, a 2-place decimal string in 亩. */
export type ProgrammeFigures = {
  [K in keyof typeof PUBLISHED_FIGURES]: K extends "landSuppliedMu" ? string : number;
};
