/**
 * The dashboard's figures that read indicator values (驾驶舱指标), as data: which indicator each
 * figure reads and how (a sum over towns, or the number of towns at or above a threshold).
 * Source: the figures Quzhou published (中国建设报, 2023-02-24) and their definitions in
 * docs/DEMO-DATA.md; the indicator codes are the glossary's (docs/GLOSSARY.md).
 *
 * Every indicator figure of a year is read from each town's latest accepted report of that
 * year: the report of its task with an accepted status (ACCEPTED_REPORT_STATUSES) and the
 * highest period index ({@link latestAcceptedReportsSql}). Drafts, submissions awaiting review
 * and returned reports never count.
 */
import { inProgrammeSql } from "./programme";
import { acceptedStatusesSql } from "./report-status";
import { ident, join, raw, sql, type Sql } from "./sql";

/**
 * How a figure reads its indicator: `indicator` names the dashboard input (FIGURE_INPUTS) that
 * one indicator of each year supplies, marked on that indicator as `Indicator.figureInput`, so
 * an indicator can be recoded or replaced (the mark handed over) without touching this table.
 * Thresholds are decimal strings in the indicator's unit.
 */
export type IndicatorFigure =
  | { indicator: string; measure: "sum" }
  | { indicator: string; measure: "townsAtLeast"; threshold: string };

/** Where the mapping below comes from. */
export const INDICATOR_FIGURES_SOURCE =
  "中国建设报 2023-02-24 衢州市美丽城镇建设报道所列指标；口径见 docs/DEMO-DATA.md";

/** The figure → indicator mapping (keys are AreaFigures keys in lib/dashboard/summary.ts). */
export const INDICATOR_FIGURES = {
  townsWithNankongReadingRoom: {
    indicator: "nankongReadingRooms",
    measure: "townsAtLeast",
    threshold: "1",
  },
  nankongReadingRooms: { indicator: "nankongReadingRooms", measure: "sum" },
  communityGyms: { indicator: "communityGyms", measure: "sum" },
  elderlyCareCentres: { indicator: "elderlyCareCentres", measure: "sum" },
  neighbourhoodCentres: { indicator: "neighbourhoodCentres", measure: "sum" },
  townsWithFifteenMinuteCircle: {
    indicator: "fifteenMinuteCircle",
    measure: "townsAtLeast",
    threshold: "1",
  },
  townsWithNightLandscape: { indicator: "nightLandscape", measure: "townsAtLeast", threshold: "1" },
  commonProsperityWorkshops: { indicator: "commonProsperityWorkshops", measure: "sum" },
  localJobsCreated: { indicator: "localJobsCreated", measure: "sum" },
} as const satisfies Record<string, IndicatorFigure>;

/** A figure read from indicator values. */
export type IndicatorFigureKey = keyof typeof INDICATOR_FIGURES;

/** The indicator figure keys, in mapping order. */
export const INDICATOR_FIGURE_KEYS = Object.keys(INDICATOR_FIGURES) as IndicatorFigureKey[];

/**
 * The dashboard inputs the figures read (each once); each is an `Indicator.figureInput` value
 * and, in the demo catalogue, also that indicator's code.
 */
export const FIGURE_INPUTS = [
  ...new Set(Object.values(INDICATOR_FIGURES).map((f) => f.indicator)),
] as FigureIndicatorCode[];

/** A dashboard input that a figure reads (an `Indicator.figureInput` value). */
export type FigureIndicatorCode = (typeof INDICATOR_FIGURES)[IndicatorFigureKey]["indicator"];

/** True when a town's value (null = none) counts towards a "towns at least" figure. */
export function townCounts(figure: IndicatorFigure, value: number | null): boolean {
  if (figure.measure !== "townsAtLeast") return value !== null && value > 0;
  return value !== null && value >= Number(figure.threshold);
}

/**
 * SQL subquery: id, "taskId", "townId" of the latest accepted report of each task of `year`
 * whose town is in `countyIds`. The county filter sits inside the DISTINCT ON: filtering only
 * outside made PostgreSQL pick the latest report of every task first (docs/BENCHMARKS.md).
 */
export function latestAcceptedReportsSql(year: number, countyIds: readonly number[]): Sql {
  return latestAccepted(
    sql`la_ct.year = ${year} AND la_tw."countyId" = ANY(${countyIds as number[]})`,
  );
}

/**
 * SQL subquery: id, "taskId", "townId", year and "periodIndex" of the latest accepted report
 * of each task of one town (every year): the report each of the town's figures of a year is
 * read from (the town page).
 */
export function latestAcceptedReportsOfTownSql(townId: number): Sql {
  return latestAccepted(sql`la_ct."townId" = ${townId}`);
}

/** The one "latest accepted report per task" subquery, for the tasks `where` selects. */
function latestAccepted(where: Sql): Sql {
  return sql`(
    SELECT DISTINCT ON (la_pr."taskId") la_pr.id, la_pr."taskId", la_ct."townId",
           la_ct.year, la_rp.index AS "periodIndex"
    FROM "ProgressReport" la_pr
    JOIN "CreationTask" la_ct ON la_ct.id = la_pr."taskId"
    JOIN "Town" la_tw ON la_tw.id = la_ct."townId"
    JOIN "ReportingPeriod" la_rp ON la_rp.id = la_pr."periodId"
    WHERE ${where} AND la_pr.status IN ${acceptedStatusesSql}
    ORDER BY la_pr."taskId", la_rp.index DESC
  )`;
}

/**
 * The dashboard's figures that add up project columns (万元 / 亩), as data: which column, and
 * which tasks' projects count — `year`: the in-programme tasks of the figure's year;
 * `toYear`: of that year and every year before (land supplied accumulates; docs/DEMO-DATA.md).
 */
export const PROJECT_FIGURES = {
  plannedInvestmentWan: { column: "plannedInvestmentWan", years: "year" },
  completedInvestmentWan: { column: "completedInvestmentWan", years: "year" },
  landSuppliedMu: { column: "landSuppliedMu", years: "toYear" },
} as const satisfies Record<string, { column: string; years: "year" | "toYear" }>;

/** A figure that adds up a project column. */
export type ProjectFigureKey = keyof typeof PROJECT_FIGURES;

/** The project figure keys, in mapping order. */
export const PROJECT_FIGURE_KEYS = Object.keys(PROJECT_FIGURES) as ProjectFigureKey[];

/** True when `value` names a project figure. */
export function isProjectFigureKey(value: unknown): value is ProjectFigureKey {
  return typeof value === "string" && Object.hasOwn(PROJECT_FIGURES, value);
}

/**
 * SQL condition on "CreationTask" `task`: its projects count in some project figure of `year`
 * (an in-programme task of the year or before); each figure narrows it with
 * {@link projectFigureTaskSql}.
 */
export function projectFiguresTaskSql(task: Sql, year: number): Sql {
  return sql`${task}.year <= ${year} AND ${inProgrammeSql(task)}`;
}

/** SQL condition on "CreationTask" `task`: its projects count in `figure` of `year`. */
export function projectFigureTaskSql(task: Sql, year: number, figure: ProjectFigureKey): Sql {
  return PROJECT_FIGURES[figure].years === "year"
    ? sql`${task}.year = ${year} AND ${inProgrammeSql(task)}`
    : projectFiguresTaskSql(task, year);
}

/** SQL: the project `project`'s value in `figure` (万元 / 亩). */
export function projectFigureValueSql(project: Sql, figure: ProjectFigureKey): Sql {
  return sql`${project}.${ident(PROJECT_FIGURES[figure].column)}`;
}

/**
 * SQL select list of the project figures as sums over rows of "Project" `project` joined to
 * "CreationTask" `task` where {@link projectFiguresTaskSql} holds; one column per figure key.
 */
export function projectFigureColumnsSql(project: Sql, task: Sql, year: number): Sql {
  return join(
    PROJECT_FIGURE_KEYS.map((key) => {
      const value = projectFigureValueSql(project, key);
      const column = raw(`"${key}"`);
      return PROJECT_FIGURES[key].years === "year"
        ? sql`SUM(${value}) FILTER (WHERE ${task}.year = ${year}) AS ${column}`
        : sql`SUM(${value}) AS ${column}`;
    }),
    ",\n",
  );
}

/**
 * SQL select list of the indicator figures as aggregates over rows of "IndicatorValue" `value`
 * joined to "Indicator" `indicator`, one column per figure key (quoted).
 */
export function indicatorFigureColumnsSql(value: Sql, indicator: Sql): Sql {
  return join(
    INDICATOR_FIGURE_KEYS.map((key) => {
      const figure: IndicatorFigure = INDICATOR_FIGURES[key];
      const column = raw(`"${key}"`);
      return figure.measure === "sum"
        ? sql`SUM(${value}.value) FILTER (WHERE ${indicator}."figureInput" = ${figure.indicator}) AS ${column}`
        : sql`COUNT(*) FILTER (WHERE ${indicator}."figureInput" = ${figure.indicator}
                AND ${value}.value >= ${figure.threshold}::numeric) AS ${column}`;
    }),
    ",\n",
  );
}

/**
 * SQL select list of each figure input's value in one report, as aggregates over its rows
 * ("IndicatorValue" `value` joined to "Indicator" `indicator`); one column per input.
 */
export function figureIndicatorValuesSql(value: Sql, indicator: Sql): Sql {
  return join(
    FIGURE_INPUTS.map(
      (code) =>
        sql`MAX(${value}.value) FILTER (WHERE ${indicator}."figureInput" = ${code}) AS ${raw(`"${code}"`)}`,
    ),
    ",\n",
  );
}
