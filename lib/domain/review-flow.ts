/**
 * What the county reviewer is shown beside each item of a report (issue 13, item 5), as pure
 * rules over plain data:
 *
 * - A submission snapshot (`SubmissionSnapshot`, stored as JSON in ReportSubmission.snapshot,
 *   written in the submit transaction) holds what the township handed in: indicator values as
 *   decimal text (null = not filled, never 0), each project's progress (万元, percent 0–100,
 *   status, note) and the evidence files' metadata.
 * - `diffSubmissions(before, after)` lists what changed between two submissions: a value whose
 *   number differs (compared as decimals: "12.5" and "12.50" are the same), a project field
 *   that differs, evidence files added or removed (by file id).
 * - `isBelowTarget(value, target)`: a filled value that is numerically lower than the task's
 *   target for the indicator (a yes/no target of 1 is missed by 0). Not filled is not "below":
 *   the missing-value rule (indicator-value.ts `missingRequired`) covers it.
 */
import { meetsTarget } from "./indicator-value";
import { decimal, type DecimalLike } from "./numbers";

/** One project's progress as submitted: investment in 万元 and percent as decimal text. */
export type SnapshotProject = {
  completed: string;
  percent: string;
  status: string;
  note: string | null;
};

/** One evidence file as submitted. */
export type SnapshotEvidence = {
  id: number;
  fileName: string;
  indicatorId: number | null;
  projectId: number | null;
};

/** What the township handed in at one submission; keys of the records are ids as text. */
export type SubmissionSnapshot = {
  values: Record<string, string | null>;
  projects: Record<string, SnapshotProject>;
  evidence: SnapshotEvidence[];
};

/** A value before → after (decimal text; null = not filled / no row). */
export type ValueChange = { before: string | null; after: string | null };

/** The project fields a change can concern. */
export type ProjectField = keyof SnapshotProject;

/** What changed between two submissions. */
export type SubmissionChanges = {
  /** indicator id → its value before and after (only the changed ones). */
  values: Record<number, ValueChange>;
  /** project id → the changed fields with before and after. */
  projects: Record<number, Partial<Record<ProjectField, ValueChange>>>;
  evidenceAdded: SnapshotEvidence[];
  evidenceRemoved: SnapshotEvidence[];
};

const NUMERIC_PROJECT_FIELDS: ReadonlySet<ProjectField> = new Set(["completed", "percent"]);

/** True when two decimal texts (null = none) name the same number, or are both null. */
function sameNumber(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return decimal(a).eq(decimal(b));
}

/**
 * The changes from the `before` submission to the `after` one (see the module note).
 * An indicator or project present on one side only counts as null on the other.
 */
export function diffSubmissions(
  before: SubmissionSnapshot,
  after: SubmissionSnapshot,
): SubmissionChanges {
  const values: SubmissionChanges["values"] = {};
  for (const key of new Set([...Object.keys(before.values), ...Object.keys(after.values)])) {
    const change = { before: before.values[key] ?? null, after: after.values[key] ?? null };
    if (!sameNumber(change.before, change.after)) values[Number(key)] = change;
  }
  const projects: SubmissionChanges["projects"] = {};
  for (const key of new Set([...Object.keys(before.projects), ...Object.keys(after.projects)])) {
    const old = before.projects[key];
    const now = after.projects[key];
    const fields: Partial<Record<ProjectField, ValueChange>> = {};
    for (const field of ["completed", "percent", "status", "note"] as const) {
      const change = { before: old?.[field] ?? null, after: now?.[field] ?? null };
      const same = NUMERIC_PROJECT_FIELDS.has(field)
        ? sameNumber(change.before, change.after)
        : change.before === change.after;
      if (!same) fields[field] = change;
    }
    if (Object.keys(fields).length > 0) projects[Number(key)] = fields;
  }
  const beforeIds = new Set(before.evidence.map((e) => e.id));
  const afterIds = new Set(after.evidence.map((e) => e.id));
  return {
    values,
    projects,
    evidenceAdded: after.evidence.filter((e) => !beforeIds.has(e.id)),
    evidenceRemoved: before.evidence.filter((e) => !afterIds.has(e.id)),
  };
}

/** True when nothing changed between the two submissions. */
export function isUnchanged(changes: SubmissionChanges): boolean {
  return (
    Object.keys(changes.values).length === 0 &&
    Object.keys(changes.projects).length === 0 &&
    changes.evidenceAdded.length === 0 &&
    changes.evidenceRemoved.length === 0
  );
}

/**
 * True when a filled value lies below the task's target for its indicator (both decimal text
 * or Decimal; null = not filled / no target → false): the reviewer's highlight of what
 * `meetsTarget` (lib/domain/indicator-value.ts, the one definition) does not reach.
 */
export function isBelowTarget(value: DecimalLike | null, target: DecimalLike | null): boolean {
  if (value === null || target === null || value === "" || target === "") return false;
  return !meetsTarget(value, target);
}
