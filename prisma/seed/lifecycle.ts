/**
 * When each step of a progress report happens in the demo (demo choices), and so where every
 * report stands on the demo's today: a township starts its report some days into the period,
 * submits it around the due date (most a few days early, a few a few days late), the county
 * reviews it within days (now and then returning it once, after which the township fixes and
 * resubmits it), and the city confirms it within a week. A step happens only when its moment
 * has come, so on the demo's today the earlier periods are confirmed, the period due next is
 * partly drafted, submitted, returned and approved, and later periods are not started.
 */
import type { ReportStatus } from "@/lib/generated/prisma/enums";
import type { PeriodSeed } from "./catalogue";
import { addDays, shanghaiTime } from "./format";
import { rand, randInt } from "./random";

/** The moments of one report's life (null: that step never happens). */
export type ReportTimeline = {
  createdAt: Date;
  firstSubmitAt: Date;
  returnedAt: Date | null;
  resubmitAt: Date | null;
  approvedAt: Date;
  confirmedAt: Date;
};

/**
 * The timeline of the report of `key` (town and period) for a period.
 * @param returnChance the chance the county returns it once (higher in the current year).
 */
export function reportTimeline(
  key: string,
  period: PeriodSeed,
  returnChance: number,
): ReportTimeline {
  const r = (suffix: string) => rand(`${key}|${suffix}`);
  const late = r("late") < 0.06;
  const submitDay = late ? randInt(`${key}|lateDay`, 1, 5) : -randInt(`${key}|early`, 0, 12);
  const firstSubmitAt = shanghaiTime(
    addDays(period.dueOn, submitDay),
    randInt(`${key}|h`, 9, 17),
    randInt(`${key}|m`, 0, 59),
  );
  const createdAt = shanghaiTime(
    addDays(period.endsOn, -randInt(`${key}|start`, 5, 25)),
    9,
    randInt(`${key}|cm`, 0, 59),
  );
  const returned = r("returned") < returnChance;
  const returnedAt = returned
    ? shanghaiTime(addDays(firstSubmitAt, randInt(`${key}|rv`, 1, 3)), 10, 15)
    : null;
  const resubmitAt = returnedAt
    ? shanghaiTime(addDays(returnedAt, randInt(`${key}|fix`, 1, 4)), 15, 40)
    : null;
  const approvedAt = shanghaiTime(
    addDays(resubmitAt ?? firstSubmitAt, randInt(`${key}|approve`, 1, 4)),
    14,
    20,
  );
  const confirmedAt = shanghaiTime(addDays(approvedAt, randInt(`${key}|confirm`, 2, 8)), 10, 45);
  return {
    createdAt: createdAt < firstSubmitAt ? createdAt : addDays(firstSubmitAt, -2),
    firstSubmitAt,
    returnedAt,
    resubmitAt,
    approvedAt,
    confirmedAt,
  };
}

/** Where a report stands at `now` (null: not started yet). */
export function statusAt(timeline: ReportTimeline, now: Date): ReportStatus | null {
  const t = timeline;
  if (now < t.createdAt) return null;
  if (now < t.firstSubmitAt) return "DRAFT";
  if (t.returnedAt && t.resubmitAt) {
    if (now < t.returnedAt) return "SUBMITTED";
    if (now < t.resubmitAt) return "RETURNED";
  }
  if (now < t.approvedAt) return "SUBMITTED";
  if (now < t.confirmedAt) return "COUNTY_APPROVED";
  return "CITY_CONFIRMED";
}
