/**
 * Reporting periods of a programme year (填报周期): the rules a year's list of periods must
 * keep, and the quarters the editor offers as a starting point. Dates are calendar dates
 * "YYYY-MM-DD" in Asia/Shanghai (lib/domain/calendar.ts), compared as text (same format, so
 * text order is date order). Pure, no I/O.
 */

/** One period as the editor gives it (index = position in the list, from 1). */
export type PeriodDraft = {
  name: string;
  nameEn: string;
  startsOn: string;
  endsOn: string;
  dueOn: string;
};

/** A broken rule: the field of the period at `index` (0-based) and the message key. */
export type PeriodIssue = { index: number; field: keyof PeriodDraft; key: string };

/**
 * Checks a year's periods: each starts and ends inside the year's calendar (1 Jan – 31 Dec),
 * ends on or after it starts, is due on or after it ends, and starts after the previous one
 * ends (in order, not overlapping). The due date may fall in the next year (the fourth
 * quarter is reported in January). Names are checked by the zod schema.
 * @returns every broken rule, empty when the list is valid.
 */
export function periodIssues(year: number, periods: readonly PeriodDraft[]): PeriodIssue[] {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const issues: PeriodIssue[] = [];
  periods.forEach((p, index) => {
    if (p.startsOn < first || p.startsOn > last) {
      issues.push({ index, field: "startsOn", key: "programmeYears.periods.outsideYear" });
    }
    if (p.endsOn < first || p.endsOn > last) {
      issues.push({ index, field: "endsOn", key: "programmeYears.periods.outsideYear" });
    } else if (p.endsOn < p.startsOn) {
      issues.push({ index, field: "endsOn", key: "programmeYears.periods.endBeforeStart" });
    }
    if (p.dueOn < p.endsOn) {
      issues.push({ index, field: "dueOn", key: "programmeYears.periods.dueBeforeEnd" });
    }
    const previous = periods[index - 1];
    if (previous && p.startsOn <= previous.endsOn) {
      issues.push({ index, field: "startsOn", key: "programmeYears.periods.overlap" });
    }
  });
  return issues;
}

const QUARTER_ZH = ["第一季度", "第二季度", "第三季度", "第四季度（年报）"];
const QUARTER_EN = ["Q1", "Q2", "Q3", "Q4 (annual)"];

/**
 * The four quarters of a year as a starting suggestion, and the periods of the demo data
 * (prisma/seed/catalogue.ts turns these into rows): Q1–Q3 are calendar quarters due 10 days after they end; the
 * annual report covers October–November (the year-end assessment takes data to 30 November)
 * and is due on 10 December. The administrator changes any of it.
 */
export function quarterPeriods(year: number): PeriodDraft[] {
  const iso = (month: number, day: number) =>
    new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
  return [1, 2, 3, 4].map((q) => ({
    name: `${year}年${QUARTER_ZH[q - 1]}`,
    nameEn: `${year} ${QUARTER_EN[q - 1]}`,
    startsOn: iso(q * 3 - 2, 1),
    endsOn: q === 4 ? iso(11, 30) : iso(q * 3 + 1, 0),
    dueOn: q === 4 ? iso(12, 10) : iso(q * 3 + 1, 10),
  }));
}
