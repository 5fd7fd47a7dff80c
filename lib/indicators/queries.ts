/**
 * Reads of the indicator catalogue (指标库) and the basic requirements (十个一) of a year.
 * The catalogue is read with programme.view (city administrator and leader); the basic
 * requirements, which every township page shows, with town.view.
 */
import "server-only";
import { createHash } from "node:crypto";
import { authorize, type Actor } from "@/lib/access";
import { db } from "@/lib/db";
import { liveFigures } from "@/lib/system/data-version";
import { FIGURE_INPUTS, type FigureIndicatorCode } from "@/lib/domain/figures";
import { canSupplyFigureInput } from "@/lib/domain/indicators";
import type { Dimension, IndicatorKind, TownType, ValueType } from "@/lib/generated/prisma/enums";

/** The indicator fields whose change an editor must have seen (optimistic concurrency). */
type Versioned = {
  code: string;
  name: string;
  nameEn: string;
  dimension: Dimension;
  kind: IndicatorKind;
  unit: string;
  unitEn: string;
  valueType: ValueType;
  minValue: { toString(): string } | string | null;
  maxValue: { toString(): string } | string | null;
  isRequired: boolean;
  evidenceRequired: boolean;
  townTypes: readonly TownType[];
  sourceNote: string | null;
  sortOrder: number;
  figureInput: string | null;
  retiredAt: Date | null;
};

/**
 * The version of an indicator row: a digest of every field an editor sees, so a save or a
 * retirement based on what another administrator has since changed is refused (Indicator has
 * no version column; the digest plays its part).
 */
export function indicatorVersion(row: Versioned): string {
  const limit = (v: Versioned["minValue"]) => (v === null ? null : Number(v.toString()));
  const fields = [
    row.code,
    row.name,
    row.nameEn,
    row.dimension,
    row.kind,
    row.unit,
    row.unitEn,
    row.valueType,
    limit(row.minValue),
    limit(row.maxValue),
    row.isRequired,
    row.evidenceRequired,
    [...row.townTypes].sort(),
    row.sourceNote,
    row.sortOrder,
    row.figureInput,
    row.retiredAt?.toISOString() ?? null,
  ];
  return createHash("sha256").update(JSON.stringify(fields)).digest("hex").slice(0, 16);
}

/** One indicator as the catalogue shows it; limits as decimal strings, dates as ISO. */
export type IndicatorRow = {
  id: number;
  year: number;
  code: string;
  name: string;
  nameEn: string;
  dimension: Dimension;
  kind: IndicatorKind;
  unit: string;
  unitEn: string;
  valueType: ValueType;
  minValue: string | null;
  maxValue: string | null;
  isRequired: boolean;
  evidenceRequired: boolean;
  townTypes: TownType[];
  sourceNote: string | null;
  sortOrder: number;
  figureInput: string | null;
  retiredAt: string | null;
  /** Reports (IndicatorValue rows) holding a value for it. */
  values: number;
  version: string;
};

/**
 * The catalogue of a year, in catalogue order (dimension, sortOrder, code), retired included.
 * @throws AppError NOT_FOUND (a role without programme.view)
 */
export async function listIndicators(actor: Actor, year: number): Promise<IndicatorRow[]> {
  authorize(actor, "programme.view");
  if (!Number.isInteger(year)) return [];
  const rows = await db().indicator.findMany({
    where: { year },
    orderBy: [{ dimension: "asc" }, { sortOrder: "asc" }, { code: "asc" }],
    include: { _count: { select: { values: { where: { value: { not: null } } } } } },
  });
  return rows.map(({ _count, ...row }) => ({
    ...row,
    minValue: row.minValue?.toFixed() ?? null,
    maxValue: row.maxValue?.toFixed() ?? null,
    retiredAt: row.retiredAt?.toISOString() ?? null,
    values: _count.values,
    version: indicatorVersion(row),
  }));
}

/**
 * One indicator by id with its year's status, for the edit page.
 * @returns null when there is no such indicator.
 * @throws AppError NOT_FOUND (a role without programme.view)
 */
export async function getIndicator(actor: Actor, id: number): Promise<IndicatorRow | null> {
  authorize(actor, "programme.view");
  if (!Number.isInteger(id)) return null;
  const row = await db().indicator.findUnique({ where: { id }, select: { year: true } });
  if (!row) return null;
  return (await listIndicators(actor, row.year)).find((r) => r.id === id) ?? null;
}

/** One basic requirement (十个一) of a year. */
export type BasicRequirementRow = {
  id: number;
  year: number;
  code: string;
  name: string;
  nameEn: string;
  sortOrder: number;
};

/**
 * The basic requirements of a year, in order (sortOrder, code). Every role that sees a town
 * may read them (the township page shows them as a checklist).
 * @throws AppError NOT_FOUND (a role without town.view)
 */
export async function listBasicRequirements(
  actor: Actor,
  year: number,
): Promise<BasicRequirementRow[]> {
  authorize(actor, "town.view");
  if (!Number.isInteger(year)) return [];
  // Once per data version in this process (lib/system/data-version.ts): the same for everyone.
  return liveFigures(
    `basicRequirements:${year}`,
    () =>
      db().basicRequirement.findMany({
        where: { year },
        orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
      }),
    { readsDrafts: false },
  );
}

/** An indicator offered as a taker of a dashboard input. */
export type ReplacementOption = { id: number; code: string; name: string; nameEn: string };

/**
 * The indicators of `rows` (one year) that may take over the dashboard input `figureInput`:
 * fit for it (canSupplyFigureInput: current, numeric for its figures) and supplying no other.
 */
export function replacementsFor(
  rows: readonly IndicatorRow[],
  figureInput: string,
): ReplacementOption[] {
  return rows
    .filter((r) => r.figureInput === null && canSupplyFigureInput(r, figureInput))
    .map(({ id, code, name, nameEn }) => ({ id, code, name, nameEn }));
}

/** One dashboard input and the indicator that supplies it in the year (null = unassigned). */
export type FigureInputRow = {
  input: FigureIndicatorCode;
  holder: ReplacementOption | null;
  /** The indicators that could take it (replacementsFor). */
  candidates: ReplacementOption[];
};

/** The year's dashboard inputs (FIGURE_INPUTS order) with their indicators, from its catalogue. */
export function figureInputRows(rows: readonly IndicatorRow[]): FigureInputRow[] {
  return FIGURE_INPUTS.map((input) => {
    const holder = rows.find((r) => r.figureInput === input);
    return {
      input,
      holder: holder
        ? { id: holder.id, code: holder.code, name: holder.name, nameEn: holder.nameEn }
        : null,
      candidates: replacementsFor(rows, input),
    };
  });
}
