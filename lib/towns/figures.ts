/**
 * A town's figures over the years (the town page, the last level of the drill-down city →
 * county → town): each indicator's target and value per year, the value read from the task's
 * latest accepted report of that year (lib/domain/figures.ts, the report every figure of the
 * dashboard reads) so each value links to its report; and the projects of its tasks with
 * planned and completed investment (万元) and land (亩). Two statements, one per section.
 */
import "server-only";
import { authorize, type Actor } from "@/lib/access";
import { db, toPrismaSql } from "@/lib/db";
import { latestAcceptedReportsOfTownSql } from "@/lib/domain/figures";
import { decimal, roundHalfUp } from "@/lib/domain/numbers";
import { inProgrammeSql } from "@/lib/domain/programme";
import { raw, sql } from "@/lib/domain/sql";
import { liveFigures } from "@/lib/system/data-version";
import type { Dimension, ProjectStatus } from "@/lib/generated/prisma/enums";

/** One indicator of a year: target and value in the indicator's unit (decimal strings). */
export type TownIndicatorYear = {
  year: number;
  target: string | null;
  value: string | null;
  /** The report the value comes from (its period index), null without an accepted report. */
  periodIndex: number | null;
};

/** An indicator (by code) with its years, oldest first; names and unit of its newest year. */
export type TownIndicator = {
  code: string;
  name: string;
  nameEn: string;
  unit: string;
  unitEn: string;
  dimension: Dimension;
  years: TownIndicatorYear[];
};

/** A project of one of the town's tasks (万元 / 亩 as 2-decimal strings). */
export type TownProject = {
  year: number;
  code: string;
  name: string;
  dimension: Dimension | null;
  status: ProjectStatus;
  plannedInvestmentWan: string;
  completedInvestmentWan: string;
  landSuppliedMu: string;
};

/** A town's figures: the years of its tasks in the programme, indicators and projects. */
export type TownFigures = {
  years: number[];
  indicators: TownIndicator[];
  projects: TownProject[];
};

/** A numeric column as exact text without trailing zeros ("12.5000" → "12.5"); null stays null. */
const exact = (v: unknown) => (v === null || v === undefined ? null : decimal(String(v)).toFixed());

/**
 * The figures of a town over the years of its tasks in the programme (lib/domain/programme.ts):
 * indicators with a target or a value, and projects.
 * @param town the town as read for the actor through its scope (lib/towns/queries.ts
 *   getTownForActor, which throws NOT_FOUND out of scope); only its id is used.
 * @throws AppError NOT_FOUND (a role without town.view)
 */
export async function getTownFigures(actor: Actor, town: { id: number }): Promise<TownFigures> {
  authorize(actor, "town.view");
  // Once per figures version in this process (lib/system/data-version.ts): accepted reports and
  // the tasks' projects only, so a draft save leaves it cached.
  return liveFigures(`townFigures:${town.id}`, () => loadTownFigures(town.id), {
    readsDrafts: false,
  });
}

async function loadTownFigures(townId: number): Promise<TownFigures> {
  const ct = raw("ct");
  const [indicatorRows, projectRows] = await Promise.all([
    db().$queryRaw<
      {
        year: number;
        code: string;
        name: string;
        name_en: string;
        unit: string;
        unit_en: string;
        dimension: Dimension;
        sort_order: number;
        target: unknown;
        value: unknown;
        period_index: number | null;
      }[]
    >(
      toPrismaSql(sql`
      WITH latest AS ${latestAcceptedReportsOfTownSql(townId)}
      SELECT ct.year, i.code, i.name, i."nameEn" AS name_en, i.unit, i."unitEn" AS unit_en,
             i.dimension, i."sortOrder" AS sort_order, it."targetValue" AS target, iv.value,
             l."periodIndex" AS period_index
      FROM "CreationTask" ct
      JOIN "Indicator" i ON i.year = ct.year
      LEFT JOIN "IndicatorTarget" it ON it."taskId" = ct.id AND it."indicatorId" = i.id
      LEFT JOIN latest l ON l."taskId" = ct.id
      LEFT JOIN "IndicatorValue" iv ON iv."reportId" = l.id AND iv."indicatorId" = i.id
      WHERE ct."townId" = ${townId} AND ${inProgrammeSql(ct)}
        AND (it.id IS NOT NULL OR iv.value IS NOT NULL)
      ORDER BY i.dimension, i."sortOrder", i.code, ct.year`),
    ),
    db().$queryRaw<
      {
        year: number;
        code: string;
        name: string;
        dimension: Dimension | null;
        status: ProjectStatus;
        planned: unknown;
        completed: unknown;
        land: unknown;
      }[]
    >(
      toPrismaSql(sql`
      SELECT ct.year, p.code, p.name, p.dimension, p.status, p."plannedInvestmentWan" AS planned,
             p."completedInvestmentWan" AS completed, p."landSuppliedMu" AS land
      FROM "Project" p
      JOIN "CreationTask" ct ON ct.id = p."taskId"
      WHERE ct."townId" = ${townId} AND ${inProgrammeSql(ct)}
      ORDER BY ct.year DESC, p.code`),
    ),
  ]);
  const byCode = new Map<string, TownIndicator>();
  for (const r of indicatorRows) {
    const indicator = byCode.get(r.code) ?? {
      code: r.code,
      name: r.name,
      nameEn: r.name_en,
      unit: r.unit,
      unitEn: r.unit_en,
      dimension: r.dimension,
      years: [],
    };
    // Rows come oldest year first: the newest year's names win.
    Object.assign(indicator, { name: r.name, nameEn: r.name_en, unit: r.unit, unitEn: r.unit_en });
    indicator.years.push({
      year: r.year,
      target: exact(r.target),
      value: exact(r.value),
      periodIndex: r.value === null ? null : r.period_index,
    });
    byCode.set(r.code, indicator);
  }
  const years = [
    ...new Set([...indicatorRows.map((r) => r.year), ...projectRows.map((p) => p.year)]),
  ].sort((a, b) => a - b);
  return {
    years,
    indicators: [...byCode.values()],
    projects: projectRows.map((p) => ({
      year: p.year,
      code: p.code,
      name: p.name,
      dimension: p.dimension,
      status: p.status,
      plannedInvestmentWan: roundHalfUp(String(p.planned)),
      completedInvestmentWan: roundHalfUp(String(p.completed)),
      landSuppliedMu: roundHalfUp(String(p.land)),
    })),
  };
}
