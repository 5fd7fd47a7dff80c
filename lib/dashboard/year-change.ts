/**
 * How a key figure is compared with last year, like with like (the city's trial found the
 * cockpit comparing the quarter in progress with last year's finished one: "−64 points" in red).
 *
 * Last year's figures are always taken at its end (31 December: lib/domain/attainment.ts
 * `figureDate`). While the shown year runs, that is fair only for stocks (towns holding a
 * title, circles, cumulative indicator values), which are compared "since last year's end";
 * the year's flows (investment planned and completed in the year) are shown beside last year's
 * full-year total, uncoloured; the current period's rates (submitted, approved, late) restart
 * each period and are not compared, since the statuses of last year's reports on the same day
 * are not kept. Once the year is over, every figure is compared with last year's.
 */

/** What kind of figure a key figure is, for the comparison with last year. */
export type FigureKind = "stock" | "flow" | "periodRate";

/** How to show the comparison with last year. */
export type YearComparison =
  /** The change, "较上年" (year over) or "较上年末" (since last year's end, year in progress). */
  | { show: "change"; since: "lastYear" | "lastYearEnd" }
  /** Last year's full-year figure beside this year's so far, without a change. */
  | { show: "lastYearTotal" }
  | { show: "none" };

/**
 * The comparison of a figure of `kind` for a year still in progress (`inProgress`) or over.
 */
export function yearComparison(kind: FigureKind, inProgress: boolean): YearComparison {
  if (!inProgress) return { show: "change", since: "lastYear" };
  if (kind === "stock") return { show: "change", since: "lastYearEnd" };
  return kind === "flow" ? { show: "lastYearTotal" } : { show: "none" };
}

/**
 * True while `year` runs on `today` ("YYYY-MM-DD", Asia/Shanghai), up to 31 December, the day
 * its figures are taken on once over (`figureDate`). A year not begun counts as in progress.
 */
export function yearInProgress(year: number, today: string): boolean {
  return today <= `${year}-12-31`;
}
