/**
 * What is still missing from a progress report (issue 13, item 1): one pure function that both
 * the server's submit (lib/reports/mutations.ts `submitReport`, which refuses while a blocker
 * remains) and the checklist on the report page (components/reports/report-checklist.tsx, on
 * the live draft) call, so the page lists exactly what the server refuses.
 *
 * Items, and whether they block the submission (`CHECK_SEVERITY`, with the source of each):
 * - `missingValue` (blocks): a required indicator without a value (`Indicator.isRequired`;
 *   the one definition of "required value missing");
 * - `invalidValue` (blocks): typed text the save refuses (lib/domain/indicator-value.ts
 *   `parseIndicatorValue`: not a number, not whole, outside the catalogue's range); only the
 *   live draft can hold one, and it is named with its reason rather than as "not filled";
 * - `missingEvidence` (blocks): an indicator marked `evidenceRequired` ("needs an evidence file
 *   attached before the report is submitted", schema.prisma) that is required or has a value,
 *   with no evidence file attached to it;
 * - `unconfirmedValue` (blocks): an implausible value (lib/domain/plausibility.ts) the township
 *   has not confirmed with a note;
 * - `belowTarget` (warns): a value below the task's target for the indicator
 *   (lib/domain/indicator-value.ts `meetsTarget`). Targets are for the year and progress
 *   reports come each period, so falling short is shown, never refused;
 * - `projectNotReported` (warns): a project of the task with no progress in this report (the
 *   form stores a project's row only with both figures);
 * - `projectBehind` (warns): a project whose percent complete trails its planned share by more
 *   than `PROJECT_PLAN_RULE.tolerancePoints` (see `plannedPercentAt`). Completed projects are
 *   never behind.
 * Items come in the dimension order of the five beauties (then integration; projects without
 * a dimension last), indicators before projects, each in the order given.
 */
import { Dimension, type ProjectStatus, type ValueType } from "@/lib/generated/prisma/enums";
import { fromIsoDate } from "./calendar";
import { meetsTarget, type ValueError } from "./indicator-value";
import { decimal, roundDecimal, type DecimalLike } from "./numbers";
import { needsConfirmation, type PlausibilityBound } from "./plausibility";

/** The kinds of checklist item. */
export type CheckKind =
  | "missingValue"
  | "invalidValue"
  | "missingEvidence"
  | "unconfirmedValue"
  | "belowTarget"
  | "projectNotReported"
  | "projectBehind";

/** BLOCKER: the server refuses to submit; WARNING: shown, submission allowed. */
export type CheckSeverity = "BLOCKER" | "WARNING";

/** Whether each kind blocks a submission (the module header gives the source of each). */
export const CHECK_SEVERITY: Record<CheckKind, CheckSeverity> = {
  missingValue: "BLOCKER",
  invalidValue: "BLOCKER",
  missingEvidence: "BLOCKER",
  unconfirmedValue: "BLOCKER",
  belowTarget: "WARNING",
  projectNotReported: "WARNING",
  projectBehind: "WARNING",
};

/** How far behind its plan a project may be before it is shown (percentage points). */
export const PROJECT_PLAN_RULE = {
  tolerancePoints: 10,
  source:
    "Inferred for issue 13 (no published rule): a linear plan from the project's start to its end date; a gap of more than 10 percentage points is shown as behind.",
} as const;

/** One indicator of the report as the checklist reads it (values in the indicator's unit). */
export type ChecklistIndicator = {
  id: number;
  code: string;
  dimension: Dimension;
  valueType: ValueType;
  isRequired: boolean;
  evidenceRequired: boolean;
  /** null: not filled (or `invalid`). */
  value: DecimalLike | null;
  /** Why the typed text is refused (null: it is a value or empty; absent: as null). */
  invalid?: ValueError | null;
  /** The task's target for the indicator (null: none). */
  target: DecimalLike | null;
  /** Evidence files attached to this indicator in this report. */
  evidenceCount: number;
  bound: PlausibilityBound | null;
  /** The value the township confirmed, with its note (null: none). */
  confirmation: { value: DecimalLike | null; note: string | null } | null;
};

/** One project of the task (percent 0–100). */
export type ChecklistProject = {
  id: number;
  code: string;
  dimension: Dimension | null;
  /** The status reported in this report (or the project's own when not reported). */
  status: ProjectStatus;
  /** Percent complete reported in this report (null: not reported). */
  percent: DecimalLike | null;
  /** The planned share at the period's end (`plannedPercentAt`; null: no plan dates). */
  plannedPercent: DecimalLike | null;
};

/**
 * One item of the checklist. `field` names the form field it concerns (`value.<id>`,
 * `evidence.<id>`, `confirm.<id>` of an indicator; `project.<id>` of a project); `values` are
 * the message's placeholders (target, planned and reported percent; of `invalidValue`: `reason`,
 * the i18n key of why the text is refused, and that message's own placeholders).
 */
export type CheckItem = {
  kind: CheckKind;
  severity: CheckSeverity;
  dimension: Dimension | null;
  field: string;
  indicatorId: number | null;
  projectId: number | null;
  code: string;
  values: Record<string, string>;
};

/**
 * The linear plan of a project: the share (%, 0–100, half-up to 2 places) of the days from
 * `startsOn` to `endsOn` that have passed at the end of `on` (a period's last day, Asia/Shanghai
 * calendar dates as YYYY-MM-DD). 0 before the start, 100 from the end date on.
 * @returns null when either date is missing or the end is before the start.
 */
export function plannedPercentAt(
  startsOn: string | null,
  endsOn: string | null,
  on: string,
): string | null {
  if (!startsOn || !endsOn || endsOn < startsOn) return null;
  const day = (iso: string) => fromIsoDate(iso).getTime();
  const total = (day(endsOn) - day(startsOn)) / 86_400_000 + 1;
  const passed = Math.min(Math.max((day(on) - day(startsOn)) / 86_400_000 + 1, 0), total);
  return roundDecimal(decimal(passed).times(100).div(total), 2).toFixed();
}

const DIMENSION_ORDER: readonly Dimension[] = Object.values(Dimension);

function item(
  kind: CheckKind,
  field: string,
  ref: { dimension: Dimension | null; code: string },
  ids: { indicatorId?: number; projectId?: number },
  values: Record<string, string> = {},
): CheckItem {
  return {
    kind,
    severity: CHECK_SEVERITY[kind],
    dimension: ref.dimension,
    field,
    indicatorId: ids.indicatorId ?? null,
    projectId: ids.projectId ?? null,
    code: ref.code,
    values,
  };
}

function indicatorItems(i: ChecklistIndicator): CheckItem[] {
  const ids = { indicatorId: i.id };
  const items: CheckItem[] = [];
  if (i.invalid) {
    items.push(
      item("invalidValue", `value.${i.id}`, i, ids, { reason: i.invalid.key, ...i.invalid.values }),
    );
  } else if (i.isRequired && i.value === null) {
    items.push(item("missingValue", `value.${i.id}`, i, ids));
  }
  if (needsConfirmation(i.value, i.bound, i.confirmation)) {
    items.push(
      item("unconfirmedValue", `confirm.${i.id}`, i, ids, {
        limit: i.bound!.limit,
        reference: i.bound!.reference,
      }),
    );
  }
  if (i.target !== null && i.value !== null && !meetsTarget(i.value, i.target)) {
    items.push(
      item("belowTarget", `value.${i.id}`, i, ids, {
        target: decimal(i.target).toFixed(),
        value: decimal(i.value).toFixed(),
      }),
    );
  }
  if (i.evidenceRequired && i.evidenceCount === 0 && (i.isRequired || i.value !== null)) {
    items.push(item("missingEvidence", `evidence.${i.id}`, i, ids));
  }
  return items;
}

function projectItems(p: ChecklistProject): CheckItem[] {
  const ids = { projectId: p.id };
  if (p.percent === null) return [item("projectNotReported", `project.${p.id}`, p, ids)];
  if (p.status === "COMPLETED" || p.plannedPercent === null) return [];
  const gap = decimal(p.plannedPercent).minus(decimal(p.percent));
  if (!gap.gt(PROJECT_PLAN_RULE.tolerancePoints)) return [];
  return [
    item("projectBehind", `project.${p.id}`, p, ids, {
      planned: decimal(p.plannedPercent).toFixed(),
      percent: decimal(p.percent).toFixed(),
    }),
  ];
}

/** The dimension's place in the order of the five beauties; no dimension sorts last. */
function dimensionRank(dimension: Dimension | null): number {
  return dimension === null ? DIMENSION_ORDER.length : DIMENSION_ORDER.indexOf(dimension);
}

/**
 * Everything still missing or worth a look before a report is submitted (see the module
 * header for the items and their severity).
 * @returns the items in dimension order; empty when nothing is left.
 */
export function reportChecklist(
  indicators: readonly ChecklistIndicator[],
  projects: readonly ChecklistProject[],
): CheckItem[] {
  const items = [...indicators.flatMap(indicatorItems), ...projects.flatMap(projectItems)];
  // Array.prototype.sort is stable: within a dimension the input order is kept.
  return items.sort((a, b) => dimensionRank(a.dimension) - dimensionRank(b.dimension));
}

/** The items that block the submission. */
export function blockingItems(items: readonly CheckItem[]): CheckItem[] {
  return items.filter((i) => i.severity === "BLOCKER");
}

/** Items grouped by dimension in checklist order (`null`: projects without a dimension). */
export function itemsByDimension(items: readonly CheckItem[]): [Dimension | null, CheckItem[]][] {
  const groups = new Map<Dimension | null, CheckItem[]>();
  for (const i of items) groups.set(i.dimension, [...(groups.get(i.dimension) ?? []), i]);
  return [...groups];
}
