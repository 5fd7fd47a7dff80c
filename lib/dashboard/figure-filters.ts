/**
 * The list behind each key figure of the dashboard (驾驶舱): for a town figure, the rule that
 * picks its towns from the year's town rows and how the list adds up to the figure (a count of
 * towns, the sum of an indicator's values, or a rate of the reports due); for a project figure,
 * the projects list (lib/dashboard/queries.ts listFigureProjects); for the circle figures, the
 * circles list. Each card links to its list (`cardHref`) and the list's total equals the card
 * (lib/dashboard/figure-lists.test.ts checks every card). Rules come from lib/domain:
 * attainment (holdsTitle), report statuses, the indicator and project figure mappings.
 * URLs carry identifiers only (figure keys, division codes), never labels.
 */
import { holdsTitle } from "@/lib/domain/attainment";
import {
  INDICATOR_FIGURES,
  townCounts,
  type IndicatorFigure,
  type IndicatorFigureKey,
  type ProjectFigureKey,
} from "@/lib/domain/figures";
import { percent } from "@/lib/domain/numbers";
import { ACCEPTED_REPORT_STATUSES } from "@/lib/domain/report-status";
import { isOutstanding } from "@/lib/domain/reporting";
import type { AreaFigures, TownRow } from "./types";

const byIndicator = (key: IndicatorFigureKey) => {
  const figure: IndicatorFigure = INDICATOR_FIGURES[key];
  return (r: TownRow) =>
    townCounts(figure, r.values[figure.indicator as keyof TownRow["values"]] ?? null);
};

const reportIn =
  (statuses: readonly string[]) =>
  (r: TownRow): boolean =>
    r.reportStatus !== null && statuses.includes(r.reportStatus);

/** Figure key → the rule selecting the towns behind it. */
export const figureFilters = {
  townsInProgramme: (r: TownRow) => r.inProgramme,
  basicCompliance: (r: TownRow) => holdsTitle(r.attainment, "BASIC_COMPLIANCE"),
  provincialSamples: (r: TownRow) => holdsTitle(r.attainment, "PROVINCIAL_SAMPLE"),
  countySeatTowns: (r: TownRow) => r.inProgramme && r.track === "COUNTY_SEAT",
  sampleRenewals: (r: TownRow) => r.inProgramme && r.target === "SAMPLE_RENEWAL",
  townsInCircles: (r: TownRow) => r.circles > 0,
  townsWithNankongReadingRoom: byIndicator("townsWithNankongReadingRoom"),
  communityGyms: byIndicator("communityGyms"),
  elderlyCareCentres: byIndicator("elderlyCareCentres"),
  neighbourhoodCentres: byIndicator("neighbourhoodCentres"),
  townsWithFifteenMinuteCircle: byIndicator("townsWithFifteenMinuteCircle"),
  townsWithNightLandscape: byIndicator("townsWithNightLandscape"),
  commonProsperityWorkshops: byIndicator("commonProsperityWorkshops"),
  localJobsCreated: byIndicator("localJobsCreated"),
  // The current period's report (lib/domain/reporting.ts): handed in, or still outstanding.
  reportsSubmitted: (r: TownRow) => r.inProgramme && !isOutstanding(r.reportStatus),
  reportsNotSubmitted: (r: TownRow) => r.inProgramme && isOutstanding(r.reportStatus),
  reportsApproved: reportIn(ACCEPTED_REPORT_STATUSES),
  townsLate: (r: TownRow) => r.lateReports > 0,
  // The star level of the year (rating-status.ts starLevelSql, in the rows), levels 1–5.
  stars: (r: TownRow) => r.stars !== null && r.stars >= 1 && r.stars <= 5,
} as const;

/** A figure that has a list of towns behind it. */
export type FigureKey = keyof typeof figureFilters;

/** True when `value` names a figure with a list of towns behind it. */
export function isFigureKey(value: unknown): value is FigureKey {
  return typeof value === "string" && Object.hasOwn(figureFilters, value);
}

/** The town figures that are rates of the reports due (the town rows in the programme). */
const RATE_FIGURES = {
  reportsSubmitted: "submissionRate",
  reportsApproved: "approvalRate",
} as const;

/**
 * How the towns behind a figure add up to it: `count` (towns), `sum` (an indicator's values;
 * `indicator` is its dashboard input), or `rate` (the towns' reports of the current period
 * against the towns in the programme, in %, lib/domain/numbers.ts percent).
 */
export type FigureTotal =
  | { kind: "count"; value: number }
  | { kind: "sum"; indicator: string; value: number }
  | { kind: "rate"; part: number; whole: number; value: string };

/**
 * The total of the towns `shown` behind `figure`, out of all the area's `rows`.
 * @param hasPeriod the year has a current period (before its first one nothing is due, as in
 *   the summary).
 */
export function figureTotal(
  figure: FigureKey,
  shown: TownRow[],
  rows: TownRow[],
  hasPeriod: boolean,
): FigureTotal {
  if (figure in RATE_FIGURES) {
    const whole = hasPeriod ? rows.filter((r) => r.inProgramme).length : 0;
    return { kind: "rate", part: shown.length, whole, value: percent(shown.length, whole) };
  }
  const mapped = (INDICATOR_FIGURES as Record<string, IndicatorFigure>)[figure];
  if (mapped?.measure === "sum") {
    const code = mapped.indicator as keyof TownRow["values"];
    return {
      kind: "sum",
      indicator: mapped.indicator,
      value: shown.reduce((n, r) => n + (r.values[code] ?? 0), 0),
    };
  }
  return { kind: "count", value: shown.length };
}

/**
 * The towns behind `figure` out of the area's `rows` (all of them without a figure), their
 * total, and the indicator whose values the list shows as a column (for a figure that sums one).
 * One owner for the /towns page and its export.
 * @param hasPeriod as for figureTotal.
 */
export function figureTownList(figure: FigureKey | null, rows: TownRow[], hasPeriod: boolean) {
  const shown = figure ? rows.filter(figureFilters[figure]) : rows;
  const total = figure ? figureTotal(figure, shown, rows, hasPeriod) : null;
  return { shown, total, valueColumn: total?.kind === "sum" ? total.indicator : undefined };
}

/** Where a key figure's list is: towns (by figure), projects (by figure) or circles. */
export type CardList =
  | { list: "towns"; figure: FigureKey }
  | { list: "projects"; figure: ProjectFigureKey }
  | { list: "circles"; model: boolean };

/** A key figure card of the dashboard: an AreaFigures key. */
export type CardKey = keyof AreaFigures;

/** Key figure card → the list behind it (every card shown has one). */
export const cardLists = {
  townsInProgramme: { list: "towns", figure: "townsInProgramme" },
  basicCompliance: { list: "towns", figure: "basicCompliance" },
  provincialSamples: { list: "towns", figure: "provincialSamples" },
  countySeatTowns: { list: "towns", figure: "countySeatTowns" },
  sampleRenewals: { list: "towns", figure: "sampleRenewals" },
  circles: { list: "circles", model: false },
  townsInCircles: { list: "towns", figure: "townsInCircles" },
  modelCircles: { list: "circles", model: true },
  townsWithNankongReadingRoom: { list: "towns", figure: "townsWithNankongReadingRoom" },
  communityGyms: { list: "towns", figure: "communityGyms" },
  elderlyCareCentres: { list: "towns", figure: "elderlyCareCentres" },
  neighbourhoodCentres: { list: "towns", figure: "neighbourhoodCentres" },
  townsWithFifteenMinuteCircle: { list: "towns", figure: "townsWithFifteenMinuteCircle" },
  townsWithNightLandscape: { list: "towns", figure: "townsWithNightLandscape" },
  commonProsperityWorkshops: { list: "towns", figure: "commonProsperityWorkshops" },
  localJobsCreated: { list: "towns", figure: "localJobsCreated" },
  landSuppliedMu: { list: "projects", figure: "landSuppliedMu" },
  plannedInvestmentWan: { list: "projects", figure: "plannedInvestmentWan" },
  completedInvestmentWan: { list: "projects", figure: "completedInvestmentWan" },
  submissionRate: { list: "towns", figure: "reportsSubmitted" },
  approvalRate: { list: "towns", figure: "reportsApproved" },
  townsLate: { list: "towns", figure: "townsLate" },
  stars: { list: "towns", figure: "stars" },
} as const satisfies Partial<Record<CardKey, CardList>>;

/** A card that links to a list. */
export type LinkedCardKey = keyof typeof cardLists;

/**
 * The link from a key figure card to its list, for `year` and the city or one county
 * (`county`: its division code).
 */
export function cardHref(card: LinkedCardKey, year: number, county?: string): string {
  const list: CardList = cardLists[card];
  const params = new URLSearchParams({ year: String(year) });
  if (list.list === "circles") {
    if (list.model) params.set("model", "1");
  } else {
    params.set("figure", list.figure);
  }
  if (county) params.set("county", county);
  return `/${list.list}?${params.toString()}`;
}
