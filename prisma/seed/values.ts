/**
 * How each demo indicator's value moves over time for one town (demo choices). Values are
 * integers in the indicator's smallest unit: counts as they are, DECIMAL and PERCENT in
 * tenths. The published 2022 figures are the anchor: every stock reaches its allocated value
 * at the end of 2022 (reading rooms, workshops, jobs add up to the published totals), then keeps
 * growing a little each year; flags (15-minute circle, night lighting) switch on at a period;
 * flows are year-to-date figures that restart each year.
 */
import { PUBLISHED_FIGURES } from "./figures";
import { allocate, pick, rand } from "./random";
import type { PlanTown } from "./trajectories";

/** The year whose values reproduce the published figures. */
export const ANCHOR_YEAR = 2022;

/** Share of a stock's 2020→2022 growth reached at the end of each year 2020, 2021, 2022. */
type YearFractions = readonly [number, number, number];
/** Share of a year's change reached at the end of each reporting period (Q1, Q2, Q3, annual). */
const STOCK_PERIODS = [0.25, 0.5, 0.75, 1];
const FLOW_PERIODS = [0.22, 0.47, 0.73, 0.92];
const PERCENT_YEARS: YearFractions = [0.55, 0.8, 1];

/**
 * stock: grows from `base` (before 2020) to `final` (end of 2022), then by `growth` a year.
 * flow: a year-to-date figure. flag: 0 until `from`, then 1.
 */
export type ValueModel =
  | {
      kind: "stock";
      base: number;
      final: number;
      years: YearFractions;
      /** Yearly growth after 2022 (share of the 2022 value), and a ceiling (e.g. 1000 = 100.0%). */
      growth: number;
      ceiling?: number;
      /** A town without any in 2022 gets one from this year (facilities adopted later). */
      adoptFrom?: number;
      /** 0–1, the town's share of a unit of growth a year rounds to (so small stocks grow too). */
      jitter: number;
      tenths: boolean;
    }
  | { kind: "flow"; annual: (year: number) => number; tenths: boolean }
  | { kind: "flag"; from: { year: number; period: number } | null };

function stockYearEnd(model: Extract<ValueModel, { kind: "stock" }>, year: number): number {
  if (year < 2020) return model.base;
  if (year <= ANCHOR_YEAR) {
    return Math.floor(model.base + (model.final - model.base) * model.years[year - 2020]! + 1e-9);
  }
  const n = year - ANCHOR_YEAR;
  let value = model.final + Math.floor(model.final * model.growth * n + model.jitter);
  if (model.final === 0 && model.adoptFrom !== undefined && year >= model.adoptFrom) value = 1;
  return model.ceiling === undefined ? value : Math.min(model.ceiling, value);
}

/** The value (integer in the model's unit) of a model at the end of a reporting period. */
export function valueAt(model: ValueModel, year: number, period: number): number {
  if (model.kind === "stock") {
    const start = stockYearEnd(model, year - 1);
    const end = stockYearEnd(model, year);
    return Math.floor(start + (end - start) * STOCK_PERIODS[period - 1]! + 1e-9);
  }
  if (model.kind === "flow")
    return Math.floor(model.annual(year) * FLOW_PERIODS[period - 1]! + 1e-9);
  if (!model.from) return 0;
  return year > model.from.year || (year === model.from.year && period >= model.from.period)
    ? 1
    : 0;
}

/** Whether a model's values are in tenths. */
export const isTenths = (model: ValueModel) => model.kind !== "flag" && model.tenths;

/** Growth of flows over the years (2020 = 1), then 5% a year. */
const growth = (year: number) =>
  year <= 2023 ? [1, 1.08, 1.18, 1.26][year - 2020]! : 1.26 * 1.05 ** (year - 2023);

/** The towns with a Nankong reading room by 2022: the samples and county seats, with swaps. */
function hasReadingRoom(town: PlanTown): boolean {
  if (["大陈乡", "沐尘畲族乡"].includes(town.name)) return false;
  if (["小南海镇", "招贤镇"].includes(town.name)) return true;
  return (town.sampleYear !== null && town.sampleYear <= ANCHOR_YEAR) || town.isCountySeat;
}

/** Towns with a 15-minute living circle by 2022: the county seats and five large samples. */
const FIFTEEN_MINUTE_EXTRA = ["湖镇镇", "华埠镇", "杜泽镇", "溪口镇", "白石镇"];

/** The allocations that make the 2022 totals equal the published figures. */
export type Figures = {
  readingRooms: Map<string, number>;
  workshops: Map<string, number>;
  jobs: Map<string, number>;
};

/** Allocates the figure indicators over the towns in the programme in 2022. */
export function allocateFigures(towns: readonly PlanTown[]): Figures {
  const members = towns.filter((t) => t.joinYear !== null && t.joinYear <= ANCHOR_YEAR);
  const readingRooms = new Map<string, number>();
  for (const town of members) {
    if (!hasReadingRoom(town)) continue;
    readingRooms.set(
      town.code,
      1 + (rand(`${town.code}|nankong`) < 0.35 ? 1 : 0) + (town.isCountySeat ? 1 : 0),
    );
  }
  const early = (t: PlanTown) => t.sampleYear !== null && t.sampleYear <= ANCHOR_YEAR;
  const tier = (t: PlanTown) =>
    early(t) ? 0 : t.isCountySeat ? 1 : t.basicYear === 2020 ? 2 : t.basicYear ? 3 : 4;
  const workshopWeights = [3.2, 3, 2.6, 2.2, 1];
  const jobWeights = [520, 480, 300, 260, 120];
  const workshops = allocate(
    PUBLISHED_FIGURES.commonProsperityWorkshops,
    members.map((t) => ({
      weight: workshopWeights[tier(t)]! * (0.7 + 0.6 * rand(`${t.code}|workshops`)),
      min: t.name === "峡口镇" ? 3 : 1,
    })),
  );
  const jobs = allocate(
    PUBLISHED_FIGURES.localJobsCreated,
    members.map((t) => ({
      weight: jobWeights[tier(t)]! * (0.6 + 0.8 * rand(`${t.code}|jobs`)),
      min: 30,
    })),
  );
  return {
    readingRooms,
    workshops: new Map(members.map((t, i) => [t.code, workshops[i]!])),
    jobs: new Map(members.map((t, i) => [t.code, jobs[i]!])),
  };
}

const FLAG_FROM = [
  { year: 2020, period: 3 },
  { year: 2021, period: 2 },
  { year: 2021, period: 4 },
  { year: 2022, period: 2 },
  { year: 2022, period: 4 },
  { year: 2023, period: 1 },
  { year: 2023, period: 3 },
  { year: 2024, period: 2 },
  { year: 2025, period: 1 },
];

/** The value model of one indicator for one town. */
export function modelFor(town: PlanTown, code: string, figures: Figures): ValueModel {
  const k = `${town.code}|${code}`;
  const r1 = rand(`${k}|a`);
  const r2 = rand(`${k}|b`);
  const q = town.quality;
  const mix = 0.5 * q + 0.5 * r1;
  const seat = town.isCountySeat;
  // About two in five towns without a facility in 2022 get one in one of the next three years.
  const later = (from: number) =>
    rand(`${k}|adopts`) < 0.4 ? from + Math.floor(3 * rand(`${k}|adopt`)) : undefined;
  const jitter = rand(`${k}|jitter`);
  const percent = (final: number, drop: number): ValueModel => ({
    kind: "stock",
    final,
    base: Math.max(0, final - drop),
    years: PERCENT_YEARS,
    growth: 0.004 + 0.006 * r2,
    ceiling: 1000,
    jitter,
    tenths: true,
  });
  const count = (
    final: number,
    base: number,
    years: YearFractions,
    yearly: number,
    options: { tenths?: boolean; adoptFrom?: number } = {},
  ): ValueModel => ({
    kind: "stock",
    final,
    base,
    years,
    growth: yearly,
    adoptFrom: options.adoptFrom,
    jitter,
    tenths: options.tenths ?? false,
  });
  const flow = (
    annual: number,
    isTenths: boolean,
    curve: (year: number) => number = growth,
  ): ValueModel => ({ kind: "flow", annual: (year) => annual * curve(year), tenths: isTenths });
  switch (code) {
    case "sewageTreatmentRate":
      return percent(920 + Math.floor(75 * mix), 150 + Math.floor(100 * r2));
    case "garbageSortingCoverage":
      return percent(900 + Math.floor(100 * mix), 300 + Math.floor(150 * r2));
    case "greenwayKm": {
      const final = Math.round((2 + 16 * (0.4 * q + 0.6 * r1)) * (seat ? 1.5 : 1) * 10);
      return count(final, Math.floor(final * 0.3), [0.5, 0.8, 1], 0.06, { tenths: true });
    }
    case "publicParkingSpaces": {
      const final = (60 + Math.floor(380 * mix)) * (seat ? 2 : 1);
      return count(final, Math.floor(final * 0.55), [0.45, 0.75, 1], 0.05);
    }
    case "nightLandscape":
      return { kind: "flag", from: r1 < 0.45 + 0.5 * q ? pick(`${k}|from`, FLAG_FROM) : null };
    case "nankongReadingRooms":
      return count(figures.readingRooms.get(town.code) ?? 0, 0, [0, 0.5, 1], 0.15, {
        adoptFrom: later(2023),
      });
    case "communityGyms":
      return count(
        r1 < 0.35 + 0.5 * q ? 1 + Math.floor(r2 * (1 + 2 * q)) : 0,
        0,
        [0.3, 0.7, 1],
        0.1,
        { adoptFrom: later(2024) },
      );
    case "elderlyCareCentres":
      return count(seat ? 2 : r1 < 0.3 + 0.6 * q ? 1 : 0, 0, [0.4, 0.8, 1], 0, {
        adoptFrom: later(2024),
      });
    case "neighbourhoodCentres":
      return count(seat ? 1 + (r1 < 0.5 ? 1 : 0) : r1 < q - 0.35 ? 1 : 0, 0, [0, 0.5, 1], 0, {
        adoptFrom: later(2025),
      });
    case "fifteenMinuteCircle": {
      const has = seat || FIFTEEN_MINUTE_EXTRA.includes(town.name);
      const from = has
        ? pick(`${k}|from`, [
            { year: 2021, period: 4 },
            { year: 2022, period: 2 },
            { year: 2022, period: 3 },
            { year: 2022, period: 4 },
          ])
        : q > 0.8 && r1 < 0.5
          ? pick(`${k}|later`, [
              { year: 2023, period: 3 },
              { year: 2024, period: 2 },
              { year: 2025, period: 4 },
              { year: 2026, period: 2 },
            ])
          : null;
      return { kind: "flag", from };
    }
    case "familyDoctorCoverage":
      return percent(800 + Math.floor(180 * mix), 200 + Math.floor(80 * r2));
    case "commonProsperityWorkshops":
      return count(figures.workshops.get(town.code) ?? 0, 0, [0.3, 0.6, 1], 0.1 + 0.1 * r2, {
        adoptFrom: town.joinYear !== null ? 2024 + Math.floor(2 * rand(`${k}|join`)) : undefined,
      });
    case "localJobsCreated":
      return count(figures.jobs.get(town.code) ?? 0, 0, [0.35, 0.65, 1], 0.08 + 0.08 * r2);
    case "industryInvestmentWan":
      return flow((600 + 5400 * r1 * (0.5 + q)) * 10, true);
    case "villageIncomeShare":
      return percent(500 + Math.floor(450 * mix), 350 + Math.floor(100 * r2));
    case "historicBuildingsRestored": {
      const final = 2 + Math.floor(10 * r1 * (town.townType === "TOURISM" ? 1.6 : 1));
      return count(final, Math.floor(final * 0.2), [0.45, 0.75, 1], 0.12);
    }
    case "culturalAuditoriums": {
      const final = 4 + Math.floor(14 * r1);
      return count(final, Math.floor(final * 0.6), [0.5, 0.8, 1], 0.05);
    }
    case "culturalEvents":
      return flow(12 + Math.floor(40 * r1 * (0.5 + q)), false);
    case "gridMembers": {
      const final = 20 + Math.floor(90 * r1) + (seat ? 60 : 0);
      return count(final, Math.floor(final * 0.85), [0.4, 0.7, 1], 0.02);
    }
    case "onlineServiceRate":
      return percent(900 + Math.floor(95 * mix), 250 + Math.floor(100 * r2));
    case "disputeResolutionRate":
      return percent(950 + Math.floor(50 * mix), 60 + Math.floor(40 * r2));
    case "newArableLandMu":
      return flow((5 + 75 * r1) * 10, true);
    case "ruralTransitCoverage":
      return percent(850 + Math.floor(150 * mix), 200 + Math.floor(100 * r2));
    case "homesteadReformVillages":
      return count(Math.floor(6 * r1), 0, [0.3, 0.6, 1], 0.1);
    case "touristVisitsWan":
      return flow((10 + 110 * r1 * (0.5 + q)) * 10, true, (y) =>
        y <= 2023 ? [0.8, 0.95, 1, 1.35][y - 2020]! : 1.35 * 1.06 ** (y - 2023),
      );
    case "aScenicVillages": {
      const final = 2 + Math.floor(7 * r1);
      return count(final, Math.floor(final * 0.3), [0.5, 0.8, 1], 0.1);
    }
    case "industrialOutputWan":
      return flow((30000 + 250000 * r1) * 10, true);
    case "marketTurnoverWan":
      return flow((6000 + 70000 * r1) * (seat ? 2 : 1) * 10, true);
    case "premiumFarmlandMu": {
      const final = Math.round((300 + 2500 * r1) * 10);
      return count(final, Math.floor(final * 0.5), [0.5, 0.8, 1], 0.03, { tenths: true });
    }
    case "satisfactionEnvironment":
    case "satisfactionServices":
    case "satisfactionGovernance":
      return percent(880 + Math.floor(95 * (0.6 * q + 0.4 * r1)), 50 + Math.floor(40 * r2));
    default:
      throw new Error(`no value model for indicator ${code}`);
  }
}
