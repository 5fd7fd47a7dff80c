/**
 * Which indicators of a year's catalogue apply to a town (适用指标). COMMON (共性) and
 * SATISFACTION (满意度) indicators apply to every town. A DISTINCTIVE (个性) indicator applies to
 * the town types in its `townTypes`, or to every town when that list is empty (schema.prisma,
 * Indicator). The report form, submission checks, evidence, targets, imports and the
 * dashboard's "missing items" all ask this module.
 */
import type { Prisma } from "@/lib/generated/prisma/browser";
import type { IndicatorKind, TownType } from "@/lib/generated/prisma/enums";
import { sql, type Sql } from "./sql";

/** The kind whose indicators are limited by town type. */
export const TYPE_LIMITED_KIND: IndicatorKind = "DISTINCTIVE";

/** True when an indicator applies to a town of `townType`. */
export function indicatorApplies(
  indicator: { kind: IndicatorKind; townTypes: readonly TownType[] },
  townType: TownType,
): boolean {
  return (
    indicator.kind !== TYPE_LIMITED_KIND ||
    indicator.townTypes.length === 0 ||
    indicator.townTypes.includes(townType)
  );
}

/** Prisma filter: the indicators of `year` that apply to a town of `townType`. */
export function applicableIndicatorWhere(
  year: number,
  townType: TownType,
): Prisma.IndicatorWhereInput {
  return {
    year,
    OR: [
      { kind: { not: TYPE_LIMITED_KIND } },
      { townTypes: { isEmpty: true } },
      { townTypes: { has: townType } },
    ],
  };
}

/**
 * SQL condition: the indicator row `indicator` (an "Indicator" alias) applies to a town whose
 * type is the SQL expression `townType`.
 */
export function indicatorAppliesSql(indicator: Sql, townType: Sql): Sql {
  return sql`(${indicator}.kind <> ${TYPE_LIMITED_KIND}::"IndicatorKind"
    OR cardinality(${indicator}."townTypes") = 0
    OR ${townType} = ANY(${indicator}."townTypes"))`;
}
