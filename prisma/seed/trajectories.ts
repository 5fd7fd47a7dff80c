/**
 * Each demo town's path through the programme up to the demo's today (demo choices):
 * - 2020–2022 follow PATHS in ./divisions.ts, which reproduce the figures Quzhou published for
 *   2022 (80 towns compliant, 28 provincial samples, 7 renewals);
 * - later years continue plausibly: the one town not yet compliant (塘源口乡) and each later
 *   joiner reach basic compliance the year after joining; three basic-compliance towns become
 *   provincial samples at the end of every year from 2023, in a fixed order drawn from their
 *   codes; one sample loses its title after a failed spot check (STRIPPED_SAMPLES), keeping
 *   basic compliance; the towns the press named keep their titles.
 * Titles are awarded on 28 December of the year whose work earned them (./titles.ts) and only
 * when that date has come.
 */
import type { DemoClock } from "./clock";
import { LATER_JOINERS, STRIPPED_SAMPLES, type TownProfile } from "./divisions";
import { rand } from "./random";
import { awardDate } from "./titles";

/** A town with its demo path. */
export type PlanTown = TownProfile & {
  /** First year in the programme (null: never). */
  joinYear: number | null;
  /** Year whose work earned basic compliance / the provincial sample (null: not (yet)). */
  basicYear: number | null;
  sampleYear: number | null;
  /** When the sample title was stripped ("YYYY-MM-DD"), if it was by today. */
  strippedOn: string | null;
  /** 0–1: how strong the town is; drives sizes and scores. */
  quality: number;
};

/** Towns the press named as beautiful towns: their titles are never taken away in the demo. */
export const NAMED_TOWNS = ["溪口镇", "白石镇", "杜泽镇", "全旺镇"];

/** Samples added at the end of each year from 2023. */
const SAMPLES_PER_YEAR = 3;

function quality(t: TownProfile): number {
  const r = rand(`${t.code}|quality`);
  return t.sampleYear
    ? 0.78 + 0.17 * r
    : t.isCountySeat
      ? 0.72 + 0.18 * r
      : t.basicYear
        ? 0.5 + 0.25 * r
        : t.joinYear
          ? 0.3
          : 0.4 + 0.2 * r;
}

/** True when a title for `year`'s work has been awarded by the clock's today. */
export function awarded(year: number, clock: DemoClock): boolean {
  return awardDate(year) <= clock.today;
}

/** Builds every town's path up to the clock's year. */
export function planTowns(profiles: readonly TownProfile[], clock: DemoClock): PlanTown[] {
  const joiners = new Map(
    Object.entries(LATER_JOINERS).flatMap(([year, names]) => names.map((n) => [n, Number(year)])),
  );
  const towns: PlanTown[] = profiles.map((t) => {
    const joinYear = t.joinYear ?? joiners.get(t.name) ?? null;
    return {
      ...t,
      joinYear: joinYear !== null && joinYear <= clock.year ? joinYear : null,
      quality: quality(t),
      strippedOn: null,
    };
  });
  // Not yet compliant (or joined late): basic compliance the year after joining, once awarded.
  for (const town of towns) {
    if (town.joinYear === null || town.basicYear !== null) continue;
    const year = Math.max(2023, town.joinYear + 1);
    if (year <= clock.year && awarded(year, clock)) town.basicYear = year;
  }
  // Three new samples a year from 2023, once that year's titles are awarded.
  for (let year = 2023; year <= clock.year && awarded(year, clock); year++) {
    const candidates = towns
      .filter((t) => t.basicYear !== null && t.basicYear < year && t.sampleYear === null)
      .sort((a, b) => rand(`${a.code}|upgrade`) - rand(`${b.code}|upgrade`));
    for (const town of candidates.slice(0, SAMPLES_PER_YEAR)) town.sampleYear = year;
  }
  for (const strip of STRIPPED_SAMPLES) {
    if (strip.effectiveOn > clock.today) continue;
    const town = towns.find((t) => t.name === strip.town);
    if (!town || NAMED_TOWNS.includes(town.name)) throw new Error(`cannot strip ${strip.town}`);
    town.strippedOn = strip.effectiveOn;
  }
  return towns;
}

/** True when the town holds the provincial-sample title on `date` ("YYYY-MM-DD"). */
export function holdsSample(town: PlanTown, date: string): boolean {
  return (
    town.sampleYear !== null &&
    awardDate(town.sampleYear) <= date &&
    (town.strippedOn === null || date < town.strippedOn)
  );
}
