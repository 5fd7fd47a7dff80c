/**
 * Attainment (达标状态): the title a town holds on a calendar date — NONE, BASIC_COMPLIANCE
 * (基本达标) or PROVINCIAL_SAMPLE (省级样板; a sample counts as compliant too).
 *
 * Titles change only through dated town events (TownEvent): TITLE_AWARDED and TITLE_STRIPPED
 * (摘帽, after a failed spot check). The rule, applied to a town's title events in
 * (effectiveOn, id) order from NONE:
 * - awarding title t raises the attainment to t when it is lower (an award never lowers it);
 * - stripping title t, when the town holds t or more, leaves the title below t (a stripped
 *   sample keeps basic compliance; stripped basic compliance leaves NONE); otherwise nothing.
 * Each title event stores the attainment it leaves (`TownEvent.attainmentAfter`, written from
 * {@link foldTitleEvents}), so "attainment on date D" is the attainmentAfter of the town's
 * latest title event on or before D, in TypeScript ({@link attainmentOn}) and in SQL
 * ({@link attainmentOnSql}) alike. A title stops counting from its stripping date, not before.
 *
 * A year's figures are taken on {@link figureDate}: the year's last day, or today while the
 * year is still running.
 */
import type { Prisma } from "@/lib/generated/prisma/browser";
import type { Attainment } from "@/lib/generated/prisma/enums";
import { enumList, sql, type Sql } from "./sql";

/** The attainment levels, lowest first (also the order of the PostgreSQL enum). */
export const ATTAINMENT_LEVELS = [
  "NONE",
  "BASIC_COMPLIANCE",
  "PROVINCIAL_SAMPLE",
] as const satisfies readonly Attainment[];

/** A title that can be awarded or stripped. */
export type Title = Exclude<Attainment, "NONE">;

/** The titles, lowest first. */
export const TITLES: readonly Title[] = ["BASIC_COMPLIANCE", "PROVINCIAL_SAMPLE"];

/** The kinds of town event that change a title. */
export type TitleEventKind = "TITLE_AWARDED" | "TITLE_STRIPPED";

/** The title event kinds. */
export const TITLE_EVENT_KINDS: readonly TitleEventKind[] = ["TITLE_AWARDED", "TITLE_STRIPPED"];

/** Position of a level in {@link ATTAINMENT_LEVELS} (NONE = 0). */
export function attainmentRank(level: Attainment): number {
  return ATTAINMENT_LEVELS.indexOf(level);
}

/** True when `level` is `title` or higher (a sample holds basic compliance too). */
export function holdsTitle(level: Attainment, title: Title): boolean {
  return attainmentRank(level) >= attainmentRank(title);
}

/** The levels that hold `title` (e.g. BASIC_COMPLIANCE → both titles). */
export function levelsHolding(title: Title): Attainment[] {
  return ATTAINMENT_LEVELS.filter((level) => holdsTitle(level, title));
}

/** The attainment after one title event, from `current`. */
export function applyTitleEvent(
  current: Attainment,
  event: { kind: TitleEventKind; title: Title },
): Attainment {
  const rank = attainmentRank(current);
  const titleRank = attainmentRank(event.title);
  if (event.kind === "TITLE_AWARDED") return rank >= titleRank ? current : event.title;
  return rank >= titleRank ? ATTAINMENT_LEVELS[titleRank - 1]! : current;
}

/** One title event as the rule reads it; effectiveOn is a calendar date "YYYY-MM-DD". */
export type TitleEvent = {
  id: number;
  kind: TitleEventKind;
  title: Title;
  effectiveOn: string;
};

/** Sorts title events into the order the rule applies them: effectiveOn, then id. */
export function inEventOrder<E extends TitleEvent>(events: readonly E[]): E[] {
  return [...events].sort((a, b) =>
    a.effectiveOn === b.effectiveOn ? a.id - b.id : a.effectiveOn < b.effectiveOn ? -1 : 1,
  );
}

/**
 * Applies a town's title events in order from NONE.
 * @returns each event (in rule order) with the attainment it leaves: the values to store in
 *   `TownEvent.attainmentAfter`.
 */
export function foldTitleEvents<E extends TitleEvent>(
  events: readonly E[],
): (E & { attainmentAfter: Attainment })[] {
  let level: Attainment = "NONE";
  return inEventOrder(events).map((event) => {
    level = applyTitleEvent(level, event);
    return { ...event, attainmentAfter: level };
  });
}

/** A town's attainment on `date` ("YYYY-MM-DD"), from its title events. */
export function attainmentOn(events: readonly TitleEvent[], date: string): Attainment {
  const folded = foldTitleEvents(events.filter((e) => e.effectiveOn <= date));
  return folded.at(-1)?.attainmentAfter ?? "NONE";
}

/**
 * The date a year's figures are taken on: 31 December of `year`, or `today` while the year
 * runs (both "YYYY-MM-DD", Asia/Shanghai). A year that has not begun is taken on its first day.
 */
export function figureDate(year: number, today: string): string {
  const last = `${year}-12-31`;
  const first = `${year}-01-01`;
  if (today > last) return last;
  return today < first ? first : today;
}

/** Prisma filter for a town's title events in effect on `date` ("YYYY-MM-DD"). */
export function titleEventsOnWhere(date: string): Prisma.TownEventWhereInput {
  return {
    kind: { in: [...TITLE_EVENT_KINDS] },
    effectiveOn: { lte: new Date(`${date}T00:00:00Z`) },
  };
}

/**
 * SQL date expression equal to {@link figureDate} for the SQL integer expression `year` and
 * `today` ("YYYY-MM-DD").
 */
export function figureDateSql(year: Sql, today: string): Sql {
  return sql`LEAST(make_date(${year}, 12, 31), GREATEST(make_date(${year}, 1, 1), ${today}::date))`;
}

/**
 * SQL subquery with columns "townId", attainment: each town's attainment on `date` (a
 * "YYYY-MM-DD" string or an SQL date expression), for the towns of `countyIds` that have a
 * title event by then (a town without a row holds NONE). Reads the `attainmentAfter`
 * projection written by {@link foldTitleEvents}.
 */
export function attainmentOnSql(date: string | Sql, countyIds: readonly number[]): Sql {
  const on = typeof date === "string" ? sql`${date}::date` : date;
  return sql`(
    SELECT DISTINCT ON (te."townId") te."townId", te."attainmentAfter" AS attainment
    FROM "TownEvent" te
    WHERE te.kind IN ${enumList(TITLE_EVENT_KINDS)}
      AND te."effectiveOn" <= ${on}
      AND te."townId" IN (SELECT id FROM "Town" WHERE "countyId" = ANY(${countyIds as number[]}))
    ORDER BY te."townId", te."effectiveOn" DESC, te.id DESC
  )`;
}

/** SQL condition: the attainment expression `column` (NULL = NONE) holds `title`. */
export function holdsTitleSql(column: Sql, title: Title): Sql {
  return sql`COALESCE(${column}, 'NONE') IN ${enumList(levelsHolding(title))}`;
}
