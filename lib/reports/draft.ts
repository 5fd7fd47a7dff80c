/**
 * The report form's draft (what the township edits and the auto-save sends) and the rule that
 * reconciles two versions of it after an edit conflict (issue 13, item 4): which fields differ
 * between the user's unsaved draft ("mine") and the version someone else saved ("theirs"), and
 * the draft that keeps mine or takes theirs field by field. Pure: the form and the draft read
 * endpoint both use it.
 *
 * A field is one indicator's value (with its implausibility confirmation, which belongs to the
 * value it confirms), one indicator's note, one field of one project's progress, the narrative
 * or the self-score. Numbers are compared as numbers ("12.50" and "１２.5" are the same value,
 * read by lib/reports/sheet.ts `typedNumber`), text after trimming (the server trims it).
 */
import type { ProjectStatus, ValueType } from "@/lib/generated/prisma/enums";
import { typedNumber, type ReportSheet } from "./sheet";

/** An implausible value the township confirmed (as typed) and its note; "" = none. */
export type DraftConfirmation = { value: string; note: string };

/** One project's progress as typed: investment in 万元, percent 0–100. */
export type DraftProject = {
  projectId: number;
  completedInvestmentWan: string;
  percentComplete: string;
  status: ProjectStatus;
  note: string;
};

/**
 * The report form's draft: indicator id → value as typed / note / confirmation, project
 * progress rows, narrative and self-score as typed. The body of POST /api/reports/{id}/draft
 * (lib/validation/report.ts saveReportSchema, without reportId and expectedVersion).
 */
export type ReportDraft = {
  values: Record<string, string>;
  notes: Record<string, string>;
  confirmations: Record<string, DraftConfirmation>;
  projects: DraftProject[];
  narrative: string;
  selfScore: string;
};

/** The editable project fields, in the order the form shows them. */
export const DRAFT_PROJECT_FIELDS = [
  "completedInvestmentWan",
  "percentComplete",
  "status",
  "note",
] as const;

/** One editable field of a project row. */
export type DraftProjectField = (typeof DRAFT_PROJECT_FIELDS)[number];

/** Which field of the draft a difference is about. */
export type DraftField =
  | { kind: "value"; indicatorId: number }
  | { kind: "note"; indicatorId: number }
  | { kind: "project"; projectId: number; field: DraftProjectField }
  | { kind: "narrative" }
  | { kind: "selfScore" };

/**
 * One field that differs: its key ("value.12", "note.12", "project.5.percentComplete",
 * "narrative", "selfScore"), what it is, and both versions as typed (for a value, with the
 * confirmation of each side).
 */
export type DraftDifference = {
  key: string;
  field: DraftField;
  mine: string;
  theirs: string;
  mineConfirmation?: DraftConfirmation;
  theirsConfirmation?: DraftConfirmation;
};

/** Which side to keep for a field. */
export type DraftChoice = "mine" | "theirs";

/** The draft of a report as saved (the form starts from it; the read endpoint answers it). */
export function draftOfSheet(
  sheet: Pick<ReportSheet, "indicators" | "projects" | "narrative" | "selfScore">,
): ReportDraft {
  return {
    values: Object.fromEntries(sheet.indicators.map((i) => [i.id, i.value])),
    notes: Object.fromEntries(sheet.indicators.map((i) => [i.id, i.note])),
    confirmations: Object.fromEntries(
      sheet.indicators
        .filter((i) => i.confirmedValue !== "")
        .map((i) => [i.id, { value: i.confirmedValue, note: i.confirmationNote }]),
    ),
    projects: sheet.projects.map((p) => ({
      projectId: p.id,
      completedInvestmentWan: p.completed,
      percentComplete: p.percent,
      status: p.status,
      note: p.note,
    })),
    narrative: sheet.narrative,
    selfScore: sheet.selfScore,
  };
}

/** The value type each numeric project field and the self-score is read with. */
const NUMBER_TYPES: Partial<Record<DraftProjectField | "selfScore", ValueType>> = {
  completedInvestmentWan: "DECIMAL",
  percentComplete: "PERCENT",
  selfScore: "DECIMAL",
};

/** True when two typed texts say the same: the same number, else the same trimmed text. */
function sameTyped(a: string, b: string, valueType?: ValueType): boolean {
  if (a.trim() === b.trim()) return true;
  if (!valueType) return false;
  const x = typedNumber(a, valueType);
  return x !== null && x === typedNumber(b, valueType);
}

const NO_CONFIRMATION: DraftConfirmation = { value: "", note: "" };

/** A confirmation counts only with a note (an empty note withdraws it, as the server reads it). */
function sameConfirmation(
  a: DraftConfirmation | undefined,
  b: DraftConfirmation | undefined,
  valueType: ValueType,
): boolean {
  const x = a?.note.trim() ? a : NO_CONFIRMATION;
  const y = b?.note.trim() ? b : NO_CONFIRMATION;
  return x.note.trim() === y.note.trim() && sameTyped(x.value, y.value, valueType);
}

/**
 * The fields where `mine` and `theirs` differ, in the form's order: indicator values and notes
 * (in the order of `indicators`), project fields (in the order of `theirs.projects`), narrative,
 * self-score.
 * @param indicators the report's indicators with their value types (decides how values compare).
 */
export function diffDrafts(
  mine: ReportDraft,
  theirs: ReportDraft,
  indicators: { id: number; valueType: ValueType }[],
): DraftDifference[] {
  const differences: DraftDifference[] = [];
  for (const { id, valueType } of indicators) {
    const [a, b] = [mine.values[id] ?? "", theirs.values[id] ?? ""];
    const [ca, cb] = [mine.confirmations[id], theirs.confirmations[id]];
    if (!sameTyped(a, b, valueType) || !sameConfirmation(ca, cb, valueType)) {
      differences.push({
        key: `value.${id}`,
        field: { kind: "value", indicatorId: id },
        mine: a,
        theirs: b,
        mineConfirmation: ca ?? NO_CONFIRMATION,
        theirsConfirmation: cb ?? NO_CONFIRMATION,
      });
    }
  }
  for (const { id } of indicators) {
    const [a, b] = [mine.notes[id] ?? "", theirs.notes[id] ?? ""];
    if (!sameTyped(a, b)) {
      differences.push({
        key: `note.${id}`,
        field: { kind: "note", indicatorId: id },
        mine: a,
        theirs: b,
      });
    }
  }
  const myRows = new Map(mine.projects.map((p) => [p.projectId, p]));
  for (const row of theirs.projects) {
    const my = myRows.get(row.projectId);
    if (!my) continue;
    for (const field of DRAFT_PROJECT_FIELDS) {
      if (!sameTyped(my[field], row[field], NUMBER_TYPES[field])) {
        differences.push({
          key: `project.${row.projectId}.${field}`,
          field: { kind: "project", projectId: row.projectId, field },
          mine: my[field],
          theirs: row[field],
        });
      }
    }
  }
  if (!sameTyped(mine.narrative, theirs.narrative)) {
    differences.push({
      key: "narrative",
      field: { kind: "narrative" },
      mine: mine.narrative,
      theirs: theirs.narrative,
    });
  }
  if (!sameTyped(mine.selfScore, theirs.selfScore, NUMBER_TYPES.selfScore)) {
    differences.push({
      key: "selfScore",
      field: { kind: "selfScore" },
      mine: mine.selfScore,
      theirs: theirs.selfScore,
    });
  }
  return differences;
}

/**
 * `mine` with `theirs` taken for the fields whose key `choices` maps to "theirs" (a key not
 * mapped keeps mine). Taking their value takes their confirmation with it (none on their side
 * withdraws mine). Fields that do not differ are the same on both sides, so a draft built this
 * way equals `theirs` on every field not chosen as mine.
 */
export function mergeDrafts(
  mine: ReportDraft,
  theirs: ReportDraft,
  choices: Record<string, DraftChoice>,
): ReportDraft {
  const take = (key: string) => choices[key] === "theirs";
  const values = { ...mine.values };
  const notes = { ...mine.notes };
  const confirmations = { ...mine.confirmations };
  for (const id of new Set([...Object.keys(mine.values), ...Object.keys(theirs.values)])) {
    if (!take(`value.${id}`)) continue;
    values[id] = theirs.values[id] ?? "";
    confirmations[id] = theirs.confirmations[id] ?? NO_CONFIRMATION;
  }
  for (const id of new Set([...Object.keys(mine.notes), ...Object.keys(theirs.notes)])) {
    if (take(`note.${id}`)) notes[id] = theirs.notes[id] ?? "";
  }
  const theirRows = new Map(theirs.projects.map((p) => [p.projectId, p]));
  const projects = mine.projects.map((row) => {
    const their = theirRows.get(row.projectId);
    if (!their) return row;
    const merged = { ...row };
    for (const field of DRAFT_PROJECT_FIELDS) {
      if (take(`project.${row.projectId}.${field}`)) {
        (merged as Record<DraftProjectField, string>)[field] = their[field];
      }
    }
    return merged;
  });
  return {
    values,
    notes,
    confirmations,
    projects,
    narrative: take("narrative") ? theirs.narrative : mine.narrative,
    selfScore: take("selfScore") ? theirs.selfScore : mine.selfScore,
  };
}
