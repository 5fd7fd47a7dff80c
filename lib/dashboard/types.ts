/**
 * The shapes the dashboard's reads return (importable by components). Money in 万元 and land
 * in 亩 as 2-decimal strings rounded half-up, rates as percentages with 2 decimals as strings,
 * counts as numbers. The definitions behind each figure: lib/dashboard/summary.internal.ts.
 */
import type { FigureIndicatorCode } from "@/lib/domain/figures";
import type {
  Attainment,
  CreationTarget,
  ReportStatus,
  TownKind,
  TownType,
  Track,
} from "@/lib/generated/prisma/enums";

/** The figures of one area (a county, or the whole city) for one year. */
export type AreaFigures = {
  towns: number;
  townsInProgramme: number;
  basicCompliance: number;
  provincialSamples: number;
  countySeatTowns: number;
  sampleRenewals: number;
  circles: number;
  townsInCircles: number;
  modelCircles: number;
  townsWithNankongReadingRoom: number;
  nankongReadingRooms: number;
  communityGyms: number;
  elderlyCareCentres: number;
  neighbourhoodCentres: number;
  townsWithFifteenMinuteCircle: number;
  townsWithNightLandscape: number;
  commonProsperityWorkshops: number;
  localJobsCreated: number;
  landSuppliedMu: string;
  plannedInvestmentWan: string;
  completedInvestmentWan: string;
  reportsDue: number;
  reportsSubmitted: number;
  reportsApproved: number;
  /** Towns with at least one late report of the year (lib/domain/reporting.ts). */
  townsLate: number;
  submissionRate: string;
  approvalRate: string;
  /** Approved star ratings by star level: index 0 = 1 star … index 4 = 5 stars. */
  stars: [number, number, number, number, number];
};

/** One county's figures with its identity. */
export type CountyFigures = AreaFigures & {
  countyId: number;
  code: string;
  name: string;
  nameEn: string;
};

/** A year's summary: the area and each county in it. */
export type Summary = {
  year: number;
  /** The date the year's figures are taken on (lib/domain/attainment.ts figureDate). */
  asOfDate: string;
  /** Today in Asia/Shanghai ("YYYY-MM-DD"), which decides what is late. */
  today: string;
  /** The reporting period the report rates refer to (null when the year has none yet). */
  period: { id: number; index: number; name: string; nameEn: string; dueOn: string } | null;
  total: AreaFigures;
  byCounty: CountyFigures[];
};

/** The figure keys whose values are numbers that add up across counties. */
export const additiveCountKeys = [
  "towns",
  "townsInProgramme",
  "basicCompliance",
  "provincialSamples",
  "countySeatTowns",
  "sampleRenewals",
  "townsInCircles",
  "townsWithNankongReadingRoom",
  "nankongReadingRooms",
  "communityGyms",
  "elderlyCareCentres",
  "neighbourhoodCentres",
  "townsWithFifteenMinuteCircle",
  "townsWithNightLandscape",
  "commonProsperityWorkshops",
  "localJobsCreated",
  "reportsDue",
  "reportsSubmitted",
  "reportsApproved",
  "townsLate",
] as const satisfies readonly (keyof AreaFigures)[];

/** A town's row for a year. Money in 万元 and land in 亩 as 2-decimal strings. */
export type TownRow = {
  code: string;
  name: string;
  nameEn: string | null;
  kind: TownKind;
  townType: TownType;
  countyCode: string;
  countyName: string;
  countyNameEn: string;
  /** Its task of the year has been published (lib/domain/programme.ts). */
  inProgramme: boolean;
  isCountySeat: boolean;
  /** Target and track of the year's task, when in the programme. */
  target: CreationTarget | null;
  track: Track | null;
  /** The title held on the year's figure date. */
  attainment: Attainment;
  /** Status of the report for the year's current period (null: not started). */
  reportStatus: ReportStatus | null;
  /** Reports of the year that are late today. */
  lateReports: number;
  /** Required indicators without a value in the current period's report (null: not in the programme). */
  missingItems: number | null;
  stars: number | null;
  circles: number;
  /** The figure indicators' values in the town's latest accepted report of the year. */
  values: Record<FigureIndicatorCode, number | null>;
  plannedInvestmentWan: string;
  completedInvestmentWan: string;
  landSuppliedMu: string;
};
