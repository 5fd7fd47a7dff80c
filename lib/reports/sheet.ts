/**
 * A report as plain JSON for the screens (form, read-only view, review): decimals as display
 * strings at their precision (indicator values per lib/domain/indicator-value.ts, money in 万元
 * with 2 places, percent with up to 2), names in the user's language, the comments of the
 * latest return attached to the items they concern, and for the reviewer (issue 13, item 5):
 * what changed since the last submission, values below target, and the city's return comment.
 */
import { isoDate } from "@/lib/domain/calendar";
import { formatIndicatorValue, parseIndicatorValue } from "@/lib/domain/indicator-value";
import { plausibilityBound, type PlausibilityBound } from "@/lib/domain/plausibility";
import {
  plannedPercentAt,
  reportChecklist,
  type CheckItem,
  type ChecklistIndicator,
} from "@/lib/domain/report-checklist";
import { isBelowTarget, type ProjectField, type SnapshotEvidence } from "@/lib/domain/review-flow";
import type {
  Dimension,
  ProjectStatus,
  ReportStatus,
  ReviewDecision,
  ValueType,
} from "@/lib/generated/prisma/enums";
import type { ReportDetail } from "./queries";

/** One evidence file's metadata. */
export type SheetEvidence = { id: number; fileName: string; sizeBytes: number };

/** One indicator row: typed value, target and last period as display strings ("" = none). */
export type SheetIndicator = {
  id: number;
  code: string;
  name: string;
  dimension: Dimension;
  unit: string;
  valueType: ValueType;
  /** The catalogue's bounds of a value in the indicator's unit ("" = none). */
  minValue: string;
  maxValue: string;
  isRequired: boolean;
  /** An evidence file must be attached before the report is submitted. */
  evidenceRequired: boolean;
  value: string;
  note: string;
  target: string;
  previous: string;
  /** The reviewer's comments from the latest return (only while the report is RETURNED). */
  comments: string[];
  /** The comments of the latest county return, whatever the status (the next review shows them). */
  earlierComments: string[];
  /** A filled value below the task's target (lib/domain/review-flow.ts isBelowTarget). */
  belowTarget: boolean;
  /** The value at the submission before the last one → now ("" = not filled); null: unchanged. */
  change: { before: string; after: string } | null;
  /** Evidence file names added / removed since the submission before the last one. */
  evidenceAdded: string[];
  evidenceRemoved: string[];
  evidence: SheetEvidence[];
  /** Above `plausibility.limit` a value asks for confirmation (lib/domain/plausibility.ts). */
  plausibility: PlausibilityBound | null;
  /** The value the township confirmed though implausible ("" = none), and its note. */
  confirmedValue: string;
  confirmationNote: string;
};

/** One project row: planned and completed investment in 万元, percent complete 0–100. */
export type SheetProject = {
  id: number;
  code: string;
  name: string;
  dimension: Dimension | null;
  planned: string;
  completed: string;
  percent: string;
  status: ProjectStatus;
  note: string;
  comments: string[];
  /** The planned percent complete at the period's end ("" = no plan dates). */
  plannedPercent: string;
  earlierComments: string[];
  /** Fields changed since the submission before the last one (numbers as display text). */
  changes: { field: ProjectField; before: string; after: string }[];
};

/** A review step, newest first. */
export type SheetReview = {
  decision: ReviewDecision;
  comment: string;
  reviewer: string;
  at: string;
  reportVersion: number;
};

/** Everything a report screen shows. Dates as ISO strings (calendar dates as YYYY-MM-DD). */
export type ReportSheet = {
  id: number;
  version: number;
  status: ReportStatus;
  townCode: string;
  townName: string;
  countyCode: string;
  year: number;
  periodIndex: number;
  periodName: string;
  dueOn: string;
  narrative: string;
  selfScore: string;
  indicators: SheetIndicator[];
  projects: SheetProject[];
  /** Evidence not tied to an indicator. */
  otherEvidence: SheetEvidence[];
  reviews: SheetReview[];
  /** What is still missing or worth a look, as saved (lib/domain/report-checklist.ts). */
  checklist: CheckItem[];
  /** The city's return to the county while the report waits in the county's queue again. */
  cityReturn: SheetReview | null;
  /** True when there are two submissions to compare (a resubmission). */
  resubmitted: boolean;
  /** Evidence not tied to an indicator, added / removed since the submission before. */
  otherEvidenceAdded: string[];
  otherEvidenceRemoved: string[];
};

/** Builds the sheet of a report for a locale (en: English names where the data has them). */
export function toReportSheet(report: ReportDetail, en: boolean): ReportSheet {
  const sheet = sheetWithoutChecklist(report, en);
  return { ...sheet, checklist: sheetChecklist(sheet) };
}

function sheetWithoutChecklist(report: ReportDetail, en: boolean): Omit<ReportSheet, "checklist"> {
  const periodEnd = isoDate(report.period.endsOn);
  const dateOf = (date: Date | null) => (date ? isoDate(date) : null);
  const values = new Map(report.values.map((v) => [v.indicatorId, v]));
  const targets = new Map(report.task.indicatorTargets.map((t) => [t.indicatorId, t.targetValue]));
  const progress = new Map(report.projectProgress.map((p) => [p.projectId, p]));
  const lastReturn =
    report.status === "RETURNED" ? report.reviews.find((r) => r.decision === "RETURN") : undefined;
  const latestReturn = report.reviews.find((r) => r.decision === "RETURN");
  const commentsOf = (
    review: typeof latestReturn,
    key: "indicatorId" | "projectId",
    id: number,
  ): string[] => review?.comments.filter((c) => c[key] === id).map((c) => c.comment) ?? [];
  const commentsOn = (key: "indicatorId" | "projectId", id: number) =>
    commentsOf(lastReturn, key, id);
  const changes = report.changes;
  // Files of one indicator, or (null) of the report itself (not of an indicator or project).
  const filesOf = (list: SnapshotEvidence[], indicatorId: number | null) =>
    list
      .filter((e) => e.indicatorId === indicatorId && (indicatorId !== null || !e.projectId))
      .map((e) => e.fileName);
  const toSheetReview = (r: (typeof report.reviews)[number]): SheetReview => ({
    decision: r.decision,
    comment: r.comment ?? "",
    reviewer: r.reviewer.displayName,
    at: r.createdAt.toISOString(),
    reportVersion: r.reportVersion,
  });
  const latestReview = report.reviews[0];
  const evidenceOf = (indicatorId: number | null) =>
    report.evidence
      .filter((e) => e.indicatorId === indicatorId)
      .map((e) => ({ id: e.id, fileName: e.fileName, sizeBytes: e.sizeBytes }));
  return {
    id: report.id,
    version: report.version,
    status: report.status,
    townCode: report.task.town.divisionCode,
    townName: (en && report.task.town.nameEn) || report.task.town.name,
    countyCode: report.task.town.county.divisionCode,
    year: report.period.year,
    periodIndex: report.period.index,
    periodName: en ? report.period.nameEn : report.period.name,
    dueOn: report.period.dueOn.toISOString().slice(0, 10),
    narrative: report.narrative ?? "",
    selfScore: report.selfScore?.toFixed(2) ?? "",
    indicators: report.indicators.map((i) => ({
      id: i.id,
      code: i.code,
      name: en ? i.nameEn : i.name,
      dimension: i.dimension,
      unit: en ? i.unitEn : i.unit,
      valueType: i.valueType,
      minValue: i.minValue?.toFixed() ?? "",
      maxValue: i.maxValue?.toFixed() ?? "",
      isRequired: i.isRequired,
      evidenceRequired: i.evidenceRequired,
      value: formatIndicatorValue(values.get(i.id)?.value ?? null, i.valueType),
      note: values.get(i.id)?.note ?? "",
      target: formatIndicatorValue(targets.get(i.id) ?? null, i.valueType),
      previous: formatIndicatorValue(report.previousValues.get(i.id) ?? null, i.valueType),
      comments: commentsOn("indicatorId", i.id),
      earlierComments: commentsOf(latestReturn, "indicatorId", i.id),
      belowTarget: isBelowTarget(values.get(i.id)?.value ?? null, targets.get(i.id) ?? null),
      change: changes?.values[i.id]
        ? {
            before: formatIndicatorValue(changes.values[i.id]!.before, i.valueType),
            after: formatIndicatorValue(changes.values[i.id]!.after, i.valueType),
          }
        : null,
      evidenceAdded: changes ? filesOf(changes.evidenceAdded, i.id) : [],
      evidenceRemoved: changes ? filesOf(changes.evidenceRemoved, i.id) : [],
      evidence: evidenceOf(i.id),
      plausibility: plausibilityBound(
        i.valueType,
        report.references.get(i.code) ?? { townMax: null, peerMax: null },
      ),
      confirmedValue: formatIndicatorValue(values.get(i.id)?.confirmedValue ?? null, i.valueType),
      confirmationNote: values.get(i.id)?.confirmationNote ?? "",
    })),
    projects: report.task.projects.map((p) => {
      const row = progress.get(p.id);
      return {
        id: p.id,
        code: p.code,
        name: p.name,
        dimension: p.dimension,
        planned: p.plannedInvestmentWan.toFixed(2),
        completed: row?.completedInvestmentWan.toFixed(2) ?? "",
        percent: row ? formatIndicatorValue(row.percentComplete, "PERCENT") : "",
        status: row?.status ?? p.status,
        note: row?.note ?? "",
        comments: commentsOn("projectId", p.id),
        plannedPercent: plannedPercentAt(dateOf(p.startsOn), dateOf(p.endsOn), periodEnd) ?? "",
        earlierComments: commentsOf(latestReturn, "projectId", p.id),
        changes: Object.entries(changes?.projects[p.id] ?? {}).map(([field, change]) => ({
          field: field as ProjectField,
          before: change.before ?? "",
          after: change.after ?? "",
        })),
      };
    }),
    otherEvidence: evidenceOf(null),
    reviews: report.reviews.map(toSheetReview),
    cityReturn:
      report.status === "SUBMITTED" && latestReview?.decision === "CITY_RETURN"
        ? toSheetReview(latestReview)
        : null,
    resubmitted: changes !== null,
    otherEvidenceAdded: changes ? filesOf(changes.evidenceAdded, null) : [],
    otherEvidenceRemoved: changes ? filesOf(changes.evidenceRemoved, null) : [],
  };
}

/**
 * What the township changed but has not necessarily saved: indicator values as typed, the
 * confirmations of implausible values (indicator id → the value text confirmed and its note)
 * and project progress rows as typed (both figures empty = not reported).
 */
export type SheetDraft = {
  values: Record<string, string>;
  confirmations: Record<string, { value: string; note: string }>;
  projects: {
    projectId: number;
    completedInvestmentWan: string;
    percentComplete: string;
    status: ProjectStatus;
  }[];
};

/**
 * Typed text → the number it stands for, as text ("１２．5" → "12.5"), for the checklist and the
 * plausibility confirmation: empty text, or text that does not parse, is null (not filled).
 */
export function typedNumber(text: string, valueType: ValueType): string | null {
  const parsed = parseIndicatorValue(text, {
    valueType,
    minValue: null,
    maxValue: null,
    isRequired: false,
  });
  return parsed.ok && parsed.value !== null ? parsed.value.toFixed() : null;
}

/**
 * The checklist of a sheet (lib/domain/report-checklist.ts `reportChecklist`): of what was
 * saved, or with `draft` of what the form holds now. The server's submit and the page's
 * checklist both come through here.
 */
export function sheetChecklist(
  sheet: Omit<ReportSheet, "checklist">,
  draft?: SheetDraft,
): CheckItem[] {
  const rows = new Map(draft?.projects.map((p) => [p.projectId, p]));
  const indicators: ChecklistIndicator[] = sheet.indicators.map((i) => {
    const confirmation = draft?.confirmations[i.id] ?? {
      value: i.confirmedValue,
      note: i.confirmationNote,
    };
    const text = draft?.values[i.id] ?? i.value;
    // Typed text the save refuses (not a number, out of the catalogue's range) is not a value.
    const parsed = parseIndicatorValue(text, {
      valueType: i.valueType,
      minValue: i.minValue === "" ? null : i.minValue,
      maxValue: i.maxValue === "" ? null : i.maxValue,
      isRequired: false,
    });
    return {
      id: i.id,
      code: i.code,
      dimension: i.dimension,
      valueType: i.valueType,
      isRequired: i.isRequired,
      evidenceRequired: i.evidenceRequired,
      value: parsed.ok && parsed.value !== null ? parsed.value.toFixed() : null,
      invalid: parsed.ok ? null : parsed.error,
      target: i.target === "" ? null : i.target,
      evidenceCount: i.evidence.length,
      bound: i.plausibility,
      confirmation: {
        value: typedNumber(confirmation.value, i.valueType),
        note: confirmation.note,
      },
    };
  });
  const projects = sheet.projects.map((p) => {
    const row = rows.get(p.id);
    const completed = row ? row.completedInvestmentWan : p.completed;
    const percent = typedNumber(row ? row.percentComplete : p.percent, "PERCENT");
    return {
      id: p.id,
      code: p.code,
      dimension: p.dimension,
      status: row?.status ?? p.status,
      percent: typedNumber(completed, "DECIMAL") === null ? null : percent,
      plannedPercent: p.plannedPercent === "" ? null : p.plannedPercent,
    };
  });
  return reportChecklist(indicators, projects);
}
