/**
 * The towns behind each town-count figure of the dashboard: for a figure, the rule that picks
 * its towns from the year's town rows, so that the list behind a card has exactly as many
 * towns as the card says (lib/dashboard/summary.test.ts checks it). Rules come from
 * lib/domain: attainment (holdsTitle), report statuses, the indicator-figure mapping.
 */
import { holdsTitle } from "@/lib/domain/attainment";
import { INDICATOR_FIGURES, townCounts, type IndicatorFigure } from "@/lib/domain/figures";
import { isOutstanding } from "@/lib/domain/reporting";
import type { TownRow } from "./types";

const byIndicator = (key: keyof typeof INDICATOR_FIGURES) => {
  const figure: IndicatorFigure = INDICATOR_FIGURES[key];
  return (r: TownRow) =>
    townCounts(figure, r.values[figure.indicator as keyof TownRow["values"]] ?? null);
};

/** Figure key → the rule selecting the towns behind it. */
export const figureFilters = {
  townsInProgramme: (r: TownRow) => r.inProgramme,
  basicCompliance: (r: TownRow) => holdsTitle(r.attainment, "BASIC_COMPLIANCE"),
  provincialSamples: (r: TownRow) => holdsTitle(r.attainment, "PROVINCIAL_SAMPLE"),
  countySeatTowns: (r: TownRow) => r.inProgramme && r.track === "COUNTY_SEAT",
  sampleRenewals: (r: TownRow) => r.inProgramme && r.target === "SAMPLE_RENEWAL",
  townsInCircles: (r: TownRow) => r.circles > 0,
  townsWithNankongReadingRoom: byIndicator("townsWithNankongReadingRoom"),
  townsWithFifteenMinuteCircle: byIndicator("townsWithFifteenMinuteCircle"),
  townsWithNightLandscape: byIndicator("townsWithNightLandscape"),
  commonProsperityWorkshops: byIndicator("commonProsperityWorkshops"),
  localJobsCreated: byIndicator("localJobsCreated"),
  // The current period's report (lib/domain/reporting.ts): handed in, or still outstanding.
  reportsSubmitted: (r: TownRow) => r.inProgramme && !isOutstanding(r.reportStatus),
  reportsNotSubmitted: (r: TownRow) => r.inProgramme && isOutstanding(r.reportStatus),
  townsLate: (r: TownRow) => r.lateReports > 0,
} as const;

/** A figure that has a list of towns behind it. */
export type FigureKey = keyof typeof figureFilters;

/** True when `value` names a figure with a list behind it. */
export function isFigureKey(value: unknown): value is FigureKey {
  return typeof value === "string" && Object.hasOwn(figureFilters, value);
}
