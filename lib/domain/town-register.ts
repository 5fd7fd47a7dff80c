/**
 * The town register (乡镇名册): the rules of a town's dated history apart from titles (titles:
 * ./attainment.ts). Events are calendar dates in Asia/Shanghai ("YYYY-MM-DD"), each with the
 * document that decided it (文号).
 *
 * - ADDED: a town enters the register (e.g. a local unit missing from the NBS list, like 开化县
 *   芹阳办事处). Its 9-digit division code starts with its county's 6-digit code and is unique.
 * - RENAMED / CODE_CHANGED: previousValue → newValue; the town's current name / code change.
 * - MERGED (撤并): the town merged into another town of the same county (relatedTownId) on
 *   effectiveOn. From that date it is no separate town: its history, tasks and reports are
 *   shown under the surviving town, its values count under the survivor in the dashboard
 *   ({@link survivingTownSql}, {@link separateTownSql}), and it takes no new task. A town merges
 *   once, never into itself nor into a town that has itself merged (so chains only arise when a
 *   survivor later merges on, and are followed to the end).
 *   Merges stay inside a county so that a county's figures keep adding up to the same totals.
 */
import type { TownEventKind } from "@/lib/generated/prisma/enums";
import { sql, type Sql } from "./sql";

/** The event kinds of the register that are not title events (those: ./attainment.ts). */
export const REGISTER_EVENT_KINDS = [
  "ADDED",
  "RENAMED",
  "CODE_CHANGED",
  "MERGED",
] as const satisfies readonly TownEventKind[];

/** Every town event kind in the order the register's timeline legend lists them. */
export const TOWN_EVENT_KINDS = [
  ...REGISTER_EVENT_KINDS,
  "TITLE_AWARDED",
  "TITLE_STRIPPED",
] as const satisfies readonly TownEventKind[];

/** True when a 9-digit town code lies under a 6-digit county code (统计用区划代码 prefix). */
export function codeInsideCounty(townCode: string, countyCode: string): boolean {
  return /^\d{9}$/.test(townCode) && /^\d{6}$/.test(countyCode) && townCode.startsWith(countyCode);
}

/** A town as the merge rule reads it. */
export type MergeParty = { id: number; countyId: number; mergedIntoId: number | null };

/** Why a merge is refused: a message key of the townRegister catalogue's `errors`. */
export type MergeRefusal =
  | "townRegister.errors.mergeIntoItself"
  | "townRegister.errors.alreadyMerged"
  | "townRegister.errors.mergeIntoMerged"
  | "townRegister.errors.mergeAcrossCounties";

/**
 * Checks that `town` may merge into `into`.
 * @returns null when allowed, else the reason (see the module header for the rule).
 */
export function mergeRefusal(town: MergeParty, into: MergeParty): MergeRefusal | null {
  if (town.id === into.id) return "townRegister.errors.mergeIntoItself";
  if (town.mergedIntoId !== null) return "townRegister.errors.alreadyMerged";
  if (into.mergedIntoId !== null) return "townRegister.errors.mergeIntoMerged";
  if (town.countyId !== into.countyId) return "townRegister.errors.mergeAcrossCounties";
  return null;
}

/**
 * True when a town is a separate town on `date` ("YYYY-MM-DD"): not merged, or merged only
 * after that date. `mergedOn` is "YYYY-MM-DD" or null.
 */
export function isSeparateOn(town: { mergedOn: string | null }, date: string): boolean {
  return town.mergedOn === null || town.mergedOn > date;
}

/** True when a town may be given a new creation task on `date` (a merged town takes none). */
export function takesNewTask(town: { mergedOn: string | null }, date: string): boolean {
  return isSeparateOn(town, date);
}

const onDate = (date: string | Sql): Sql => (typeof date === "string" ? sql`${date}::date` : date);

/**
 * SQL condition on a "Town" alias: the town is a separate town on `date` (a "YYYY-MM-DD"
 * string or an SQL date expression), the SQL form of {@link isSeparateOn}.
 */
export function separateTownSql(town: Sql, date: string | Sql): Sql {
  return sql`(${town}."mergedOn" IS NULL OR ${town}."mergedOn" > ${onDate(date)})`;
}

/**
 * SQL subquery with columns "townId", "survivorId": every town mapped to the town it counts
 * under on `date` — itself while separate, else the town it merged into, followed along later
 * merges of that town (at most 20 steps). The one mapping the dashboard uses to count a
 * merged town's values under its survivor.
 */
export function survivingTownSql(date: string | Sql): Sql {
  const on = onDate(date);
  return sql`(
    WITH RECURSIVE sv_chain AS (
      SELECT sv_t.id AS "townId", sv_t.id AS "survivorId", 0 AS depth FROM "Town" sv_t
      UNION ALL
      SELECT c."townId", s."mergedIntoId", c.depth + 1
      FROM sv_chain c JOIN "Town" s ON s.id = c."survivorId"
      WHERE s."mergedIntoId" IS NOT NULL AND s."mergedOn" <= ${on} AND c.depth < 20
    )
    SELECT DISTINCT ON ("townId") "townId", "survivorId" FROM sv_chain
    ORDER BY "townId", depth DESC
  )`;
}

/**
 * The town a town counts under on `date`, in TypeScript ({@link survivingTownSql}'s rule).
 * @param towns every town that may be on the chain, by id (mergedOn "YYYY-MM-DD" or null).
 */
export function survivorOn(
  towns: ReadonlyMap<number, { mergedIntoId: number | null; mergedOn: string | null }>,
  id: number,
  date: string,
): number {
  let current = id;
  for (let step = 0; step < 20; step++) {
    const town = towns.get(current);
    if (!town || town.mergedIntoId === null || isSeparateOn(town, date)) return current;
    current = town.mergedIntoId;
  }
  return current;
}
