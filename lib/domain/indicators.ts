/**
 * Which indicators of a year's catalogue apply to a town (适用指标). COMMON (共性) and
 * SATISFACTION (满意度) indicators apply to every town. A DISTINCTIVE (个性) indicator applies to
 * the town types in its `townTypes`, or to every town when that list is empty (schema.prisma,
 * Indicator). The report form, submission checks, evidence, targets, imports and the
 * dashboard's "missing items" all ask this module.
 *
 * Retired indicators (停用, `Indicator.retiredAt` set; issue 12): gone from new tasks and from
 * the forms of towns that never gave them a value, still shown where a value was given. The
 * rule is "not retired, or the task (any of its reports) holds a value for it": a `taskId` of
 * null (a task being created, a target carried over) keeps no retired indicator.
 */
import type { Prisma } from "@/lib/generated/prisma/browser";
import type { IndicatorKind, TownType, ValueType } from "@/lib/generated/prisma/enums";
import { INDICATOR_FIGURES } from "./figures";
import { sql, type Sql } from "./sql";

/** The kind whose indicators are limited by town type. */
export const TYPE_LIMITED_KIND: IndicatorKind = "DISTINCTIVE";

/**
 * True when an indicator applies to a town of `townType`.
 * @param hasValue whether the town's task holds a value for it (only matters once retired;
 *   omitted = no value, as for a new task).
 */
export function indicatorApplies(
  indicator: {
    kind: IndicatorKind;
    townTypes: readonly TownType[];
    retiredAt?: Date | string | null;
  },
  townType: TownType,
  hasValue = false,
): boolean {
  if (indicator.retiredAt && !hasValue) return false;
  return (
    indicator.kind !== TYPE_LIMITED_KIND ||
    indicator.townTypes.length === 0 ||
    indicator.townTypes.includes(townType)
  );
}

/**
 * Prisma filter: the indicators of `year` that apply to a town of `townType`.
 * @param taskId the town's task of that year whose values keep a retired indicator; null for
 *   a task without values yet (new tasks, carried-over targets): only current indicators.
 */
export function applicableIndicatorWhere(
  year: number,
  townType: TownType,
  taskId: number | null,
): Prisma.IndicatorWhereInput {
  return {
    year,
    AND: [
      {
        OR: [
          { kind: { not: TYPE_LIMITED_KIND } },
          { townTypes: { isEmpty: true } },
          { townTypes: { has: townType } },
        ],
      },
      {
        OR: [
          { retiredAt: null },
          ...(taskId === null
            ? []
            : [{ values: { some: { value: { not: null }, report: { taskId } } } }]),
        ],
      },
    ],
  };
}

/**
 * SQL condition: the indicator row `indicator` (an "Indicator" alias) applies to a town whose
 * type is the SQL expression `townType`, and is current or kept by a value in a report of the
 * task `taskId` (an SQL expression for the task's id).
 */
export function indicatorAppliesSql(indicator: Sql, townType: Sql, taskId: Sql): Sql {
  return sql`((${indicator}.kind <> ${TYPE_LIMITED_KIND}::"IndicatorKind"
    OR cardinality(${indicator}."townTypes") = 0
    OR ${townType} = ANY(${indicator}."townTypes"))
    AND (${indicator}."retiredAt" IS NULL OR EXISTS (
      SELECT 1 FROM "IndicatorValue" kept_iv JOIN "ProgressReport" kept_pr ON kept_pr.id = kept_iv."reportId"
      WHERE kept_iv."indicatorId" = ${indicator}.id AND kept_iv.value IS NOT NULL
        AND kept_pr."taskId" = ${taskId})))`;
}

/** The value types a "sum" figure may add up (a sum of yes/no or of percentages means nothing). */
export const SUMMABLE_VALUE_TYPES: readonly ValueType[] = ["INTEGER", "DECIMAL"];

/**
 * Whether an indicator may supply the dashboard input `figureInput` (lib/domain/figures.ts
 * FIGURE_INPUTS): it must be current (not retired) and numeric for every figure that reads the
 * input — a "sum" figure needs an INTEGER or DECIMAL indicator, a "towns at least" figure
 * compares any value type with its threshold. Same-year and "holds no other input" are the
 * use case's checks (lib/indicators/mutations.ts).
 * @returns false also for an unknown input.
 */
export function canSupplyFigureInput(
  indicator: { valueType: ValueType; retiredAt: Date | string | null },
  figureInput: string,
): boolean {
  const figures = Object.values(INDICATOR_FIGURES).filter((f) => f.indicator === figureInput);
  if (figures.length === 0 || indicator.retiredAt) return false;
  return figures.every(
    (f) => f.measure !== "sum" || SUMMABLE_VALUE_TYPES.includes(indicator.valueType),
  );
}
