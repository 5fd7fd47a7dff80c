/**
 * The snapshot of an assessment run (AssessmentRun.snapshot, JSON): the scheme as it was used
 * (items, rules, per-county targets, tie rule, grade bands) and every input of the computation
 * (each county's towns, reports, ratings, projects and indicator targets, and the city's
 * entered values with their reasons), with the dates it judged on. Written at each computation
 * and frozen with the run at publication, so a published result can always be shown, opened
 * down to the rows behind each number, and recomputed to the same figures, whatever later
 * happens to the data. Format 1; runs migrated from before runs existed have `counties: null`
 * (their inputs were never recorded) and `migrated: true`.
 * Pure (no I/O): importable from pages and components.
 */
import {
  computeAssessment,
  type CountyInputs,
  type CountyResult,
  type MetricContext,
  type SchemeItemRule,
  type SchemeRule,
} from "@/lib/domain/county-assessment";
import type {
  AssessmentCategory,
  AssessmentDirection,
  AssessmentItemKind,
  AssessmentScoring,
  AssessmentTieBreaker,
  ExcellentRounding,
} from "@/lib/generated/prisma/enums";

/** One item of a scheme as the snapshot keeps it (decimals as strings; null = no such rule). */
export type ItemSnapshot = {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  category: AssessmentCategory;
  kind: AssessmentItemKind;
  scoring: AssessmentScoring;
  metric: string | null;
  unit: string | null;
  unitEn: string | null;
  direction: AssessmentDirection;
  basePoints: string;
  maxBonusPoints: string;
  bonusStep: string | null;
  bonusPerStep: string | null;
  deductionStep: string | null;
  deductionPerStep: string | null;
  floorPoints: string;
  sourceNote: string | null;
  sortOrder: number;
  /** County division code → target in the item's unit. */
  targets: Record<string, string>;
};

/** A scheme as the snapshot keeps it. excellentShare is a share (0.3 = 30%). */
export type SchemeSnapshot = {
  id: number;
  year: number;
  version: number;
  name: string;
  nameEn: string;
  sourceNote: string | null;
  tieBreakers: AssessmentTieBreaker[];
  excellentShare: string;
  excellentRounding: ExcellentRounding;
  goodMinPoints: string;
  passMinPoints: string;
  items: ItemSnapshot[];
};

/** An entered value as it went into the computation. */
export type EntrySnapshot = {
  value: string;
  reason: string;
  evidence: string | null;
  enteredBy: string;
  enteredAt: string;
};

/** One county's inputs. */
export type CountySnapshot = {
  code: string;
  name: string;
  nameEn: string;
  /** Null when the scheme has no computed item (nothing was loaded). */
  inputs: CountyInputs | null;
  /** Item code → the city's entered value. */
  entries: Record<string, EntrySnapshot>;
};

/** A run's snapshot. */
export type RunSnapshot = {
  format: 1;
  migrated?: boolean;
  judgedOn: string | null;
  figureDate: string | null;
  scheme: SchemeSnapshot;
  /** Null for a migrated run (inputs not recorded). */
  counties: CountySnapshot[] | null;
};

/**
 * Reads a stored snapshot. @throws Error when it is missing or not of format 1 (a run that was
 * never computed has none).
 */
export function readSnapshot(value: unknown): RunSnapshot {
  const snapshot = value as RunSnapshot | null;
  if (!snapshot || snapshot.format !== 1 || !snapshot.scheme) {
    throw new Error("assessment run snapshot missing or of an unknown format");
  }
  return snapshot;
}

/** The domain's view of a snapshot's item. */
export function itemRule(item: ItemSnapshot): SchemeItemRule {
  return {
    code: item.code,
    category: item.category,
    kind: item.kind,
    scoring: item.scoring,
    metric: item.metric,
    direction: item.direction,
    basePoints: item.basePoints,
    maxBonusPoints: item.maxBonusPoints,
    bonusStep: item.bonusStep,
    bonusPerStep: item.bonusPerStep,
    deductionStep: item.deductionStep,
    deductionPerStep: item.deductionPerStep,
    floorPoints: item.floorPoints,
    targets: item.targets,
  };
}

/** The domain's view of a snapshot's scheme. */
export function schemeRule(scheme: SchemeSnapshot): SchemeRule {
  return {
    items: scheme.items.map(itemRule),
    tieBreakers: scheme.tieBreakers,
    excellentShare: scheme.excellentShare,
    excellentRounding: scheme.excellentRounding,
    goodMinPoints: scheme.goodMinPoints,
    passMinPoints: scheme.passMinPoints,
  };
}

/** The dates the snapshot's computation judged on. @throws Error for a migrated snapshot. */
export function snapshotContext(snapshot: RunSnapshot): MetricContext {
  if (!snapshot.judgedOn || !snapshot.figureDate) throw new Error("snapshot without dates");
  return { judgedOn: snapshot.judgedOn, figureDate: snapshot.figureDate };
}

/**
 * Computes the results a snapshot stands for (lib/domain/county-assessment.ts): what a run
 * stores at its computation, and what anyone can recompute from a published snapshot.
 * @throws Error for a migrated snapshot; RangeError as computeAssessment.
 */
export function computeFromSnapshot(snapshot: RunSnapshot): CountyResult[] {
  if (!snapshot.counties) throw new Error("a migrated snapshot has no inputs to compute from");
  return computeAssessment(
    schemeRule(snapshot.scheme),
    snapshot.counties.map((c) => ({
      code: c.code,
      inputs: c.inputs,
      entries: Object.fromEntries(Object.entries(c.entries).map(([code, e]) => [code, e.value])),
    })),
    snapshotContext(snapshot),
  );
}
