/**
 * Use cases of the indicator catalogue (指标库) and the basic requirements (十个一) of a year
 * (issue 12 part 2). Each: zod (lib/validation/indicator.ts) → authorize programme.manage (the
 * city administrator) → one transaction: assertYearWritable (a CLOSED year refuses every
 * change) → rule checks → write → one audit row.
 *
 * Rules:
 * - a code is unique in its year;
 * - an indicator that a report has used (a value, evidence or a review comment on it, or a
 *   target of a published task) cannot be deleted, only retired; retiring hides it from new
 *   tasks and from forms without a value (lib/domain/indicators.ts), and can be undone;
 * - the dashboard input an indicator supplies (`figureInput`, lib/domain/figures.ts) never
 *   goes missing: retiring, deleting or recoding such an indicator needs a replacement of the
 *   same year (current, numeric for the figure: canSupplyFigureInput, holding no other input)
 *   that receives the input in the same transaction;
 * - the value type of an indicator holding values does not change (they were parsed under it),
 *   nor does a dashboard input's indicator take a type its figures cannot read;
 * - edits, retirements and deletions carry the version the editor saw (indicatorVersion).
 */
import "server-only";
import { authorize, type Actor } from "@/lib/access";
import type { AuditRecord } from "@/lib/audit/catalogue";
import { changes, toJson, writeAudit } from "@/lib/audit/write";
import { db } from "@/lib/db";
import { canSupplyFigureInput } from "@/lib/domain/indicators";
import { FIGURE_INPUTS } from "@/lib/domain/figures";
import { AppError, fieldError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  assignFigureInputSchema,
  basicRequirementDeleteSchema,
  basicRequirementSchema,
  createIndicatorSchema,
  indicatorChangeSchema,
  updateIndicatorSchema,
} from "@/lib/validation/indicator";
import { assertYearWritable } from "@/lib/years/internal";
import { indicatorVersion } from "./queries";

type Tx = Prisma.TransactionClient;
type IndicatorRecord = NonNullable<Awaited<ReturnType<Tx["indicator"]["findUnique"]>>>;

/** The fields an audit row records of an indicator. */
const AUDITED = [
  "code",
  "name",
  "nameEn",
  "dimension",
  "kind",
  "unit",
  "unitEn",
  "valueType",
  "minValue",
  "maxValue",
  "isRequired",
  "evidenceRequired",
  "townTypes",
  "sourceNote",
  "sortOrder",
  "figureInput",
  "retiredAt",
] as const;

/** An indicator's audited fields as an audit row records them. */
function snapshot(row: IndicatorRecord): AuditRecord {
  return Object.fromEntries(AUDITED.map((field) => [field, toJson(row[field])]));
}

/**
 * Locks an indicator's row (FOR UPDATE), refuses a closed year and a stale version.
 * @throws AppError NOT_FOUND | CONFLICT (years.closed, indicatorCatalogue.errors.stale)
 */
async function lockIndicator(tx: Tx, id: number, expectedVersion: string) {
  const [locked] = await tx.$queryRaw<{ year: number }[]>`
    SELECT year FROM "Indicator" WHERE id = ${id} FOR UPDATE`;
  if (!locked) throw new AppError("NOT_FOUND", "indicatorCatalogue.errors.unknown", { id });
  await assertYearWritable(tx, locked.year);
  const row = await tx.indicator.findUniqueOrThrow({ where: { id } });
  if (indicatorVersion(row) !== expectedVersion) {
    throw new AppError("CONFLICT", "indicatorCatalogue.errors.stale", { id });
  }
  return row;
}

/**
 * Hands `row`'s dashboard input to `replacementId` when `row` supplies one; nothing to do
 * otherwise.
 * @returns the replacement's code when the input moved, else null.
 * @throws AppError VALIDATION at the field `replacementId` (indicatorCatalogue.errors.
 *   replacementRequired | badReplacement)
 */
async function handOverFigureInput(
  tx: Tx,
  row: IndicatorRecord,
  replacementId: number | undefined,
  actor: Actor,
): Promise<string | null> {
  if (row.figureInput === null) return null;
  if (replacementId === undefined) {
    throw fieldError("replacementId", "indicatorCatalogue.errors.replacementRequired", {
      input: row.figureInput,
    });
  }
  const replacement = await tx.indicator.findUnique({ where: { id: replacementId } });
  if (
    !replacement ||
    replacement.id === row.id ||
    replacement.year !== row.year ||
    replacement.figureInput !== null ||
    !canSupplyFigureInput(replacement, row.figureInput)
  ) {
    throw fieldError(
      "replacementId",
      "indicatorCatalogue.errors.badReplacement",
      undefined,
      "VALIDATION",
      {
        replacementId,
      },
    );
  }
  // Free the input first: (year, figureInput) is unique.
  await tx.indicator.update({ where: { id: row.id }, data: { figureInput: null } });
  await tx.indicator.update({
    where: { id: replacement.id },
    data: { figureInput: row.figureInput },
  });
  await writeAudit(tx, actor, "indicator.assignFigureInput", replacement.id, {
    before: { figureInput: null, from: row.code },
    after: { figureInput: row.figureInput, code: replacement.code },
  });
  return replacement.code;
}

/** Refuses a code already used by another indicator of the year. @throws AppError CONFLICT */
async function assertCodeFree(tx: Tx, year: number, code: string, exceptId?: number) {
  const taken = await tx.indicator.findUnique({
    where: { year_code: { year, code } },
    select: { id: true },
  });
  if (taken && taken.id !== exceptId) {
    throw fieldError("code", "indicatorCatalogue.errors.codeTaken", { code, year }, "CONFLICT");
  }
}

/**
 * Adds an indicator to a year's catalogue (not a dashboard input: assign one separately).
 * @returns the new indicator's id.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND (no such year) | CONFLICT (years.closed, code taken)
 */
export async function createIndicator(actor: Actor, input: unknown): Promise<{ id: number }> {
  authorize(actor, "programme.manage");
  const data = createIndicatorSchema.parse(input);
  return db().$transaction(async (tx) => {
    await assertYearWritable(tx, data.year);
    await assertCodeFree(tx, data.year, data.code);
    const created = await tx.indicator.create({ data });
    await writeAudit(tx, actor, "indicator.create", created.id, {
      after: snapshot(created),
    });
    return { id: created.id };
  });
}

/**
 * Changes an indicator's fields. Recoding a dashboard input's indicator hands the input to
 * `replacementId` (the figures read the mark, not the code, but a recode is a new indicator to
 * the people reading the dashboard, so the issue asks for an explicit choice).
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | CONFLICT (years.closed, stale, code taken,
 *   valueTypeInUse) | VALIDATION (replacement, unfitForFigure)
 */
export async function updateIndicator(actor: Actor, input: unknown): Promise<void> {
  authorize(actor, "programme.manage");
  const { id, expectedVersion, replacementId, ...data } = updateIndicatorSchema.parse(input);
  await db().$transaction(async (tx) => {
    const before = await lockIndicator(tx, id, expectedVersion);
    if (data.valueType !== before.valueType) {
      // Stored values were parsed under the old type (e.g. 2.5 under DECIMAL is no INTEGER).
      const values = await tx.indicatorValue.count({
        where: { indicatorId: id, value: { not: null } },
      });
      if (values > 0) {
        throw fieldError(
          "valueType",
          "indicatorCatalogue.errors.valueTypeInUse",
          undefined,
          "CONFLICT",
        );
      }
      if (
        before.figureInput !== null &&
        data.code === before.code &&
        !canSupplyFigureInput({ ...data, retiredAt: before.retiredAt }, before.figureInput)
      ) {
        throw fieldError("valueType", "indicatorCatalogue.errors.unfitForFigure");
      }
    }
    if (data.code !== before.code) {
      await assertCodeFree(tx, before.year, data.code, id);
      await handOverFigureInput(tx, before, replacementId, actor);
    }
    const after = await tx.indicator.update({ where: { id }, data });
    const diff = changes(
      before as unknown as Record<string, unknown>,
      after as unknown as Record<string, unknown>,
      AUDITED,
      ["code"],
    );
    await writeAudit(tx, actor, "indicator.update", id, diff);
  });
}

/**
 * Retires an indicator (停用): gone from new tasks and from forms without a value for it. A
 * dashboard input moves to `replacementId` in the same transaction.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | CONFLICT (years.closed, stale, already
 *   retired) | VALIDATION (replacement)
 */
export async function retireIndicator(actor: Actor, input: unknown): Promise<void> {
  authorize(actor, "programme.manage");
  const data = indicatorChangeSchema.parse(input);
  await db().$transaction(async (tx) => {
    const before = await lockIndicator(tx, data.id, data.expectedVersion);
    if (before.retiredAt) {
      throw new AppError("CONFLICT", "indicatorCatalogue.errors.alreadyRetired", { id: data.id });
    }
    const to = await handOverFigureInput(tx, before, data.replacementId, actor);
    const after = await tx.indicator.update({
      where: { id: data.id },
      data: { retiredAt: new Date() },
    });
    await writeAudit(tx, actor, "indicator.retire", data.id, {
      before: { code: before.code, retiredAt: null, figureInput: before.figureInput },
      after: { retiredAt: after.retiredAt!.toISOString(), figureInputTo: to },
    });
  });
}

/**
 * Restores a retired indicator (it appears in new tasks again; a dashboard input it handed
 * over stays with its replacement).
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | CONFLICT (years.closed, stale, not retired)
 */
export async function restoreIndicator(actor: Actor, input: unknown): Promise<void> {
  authorize(actor, "programme.manage");
  const data = indicatorChangeSchema.parse(input);
  await db().$transaction(async (tx) => {
    const before = await lockIndicator(tx, data.id, data.expectedVersion);
    if (!before.retiredAt) {
      throw new AppError("CONFLICT", "indicatorCatalogue.errors.notRetired", { id: data.id });
    }
    await tx.indicator.update({ where: { id: data.id }, data: { retiredAt: null } });
    await writeAudit(tx, actor, "indicator.restore", data.id, {
      before: { code: before.code, retiredAt: before.retiredAt.toISOString() },
      after: { retiredAt: null },
    });
  });
}

/**
 * How many things of a report use an indicator: values, evidence, review comments and
 * targets of published (or closed) tasks. Targets of draft tasks do not count: they go with
 * the indicator.
 */
async function usesOf(tx: Tx, indicatorId: number): Promise<number> {
  const [values, evidence, comments, targets] = [
    await tx.indicatorValue.count({ where: { indicatorId } }),
    await tx.evidence.count({ where: { indicatorId } }),
    await tx.reviewComment.count({ where: { indicatorId } }),
    await tx.indicatorTarget.count({
      where: { indicatorId, task: { status: { not: "DRAFT" } } },
    }),
  ];
  return values + evidence + comments + targets;
}

/**
 * Deletes an indicator no report has used (see usesOf); its draft tasks' targets go with it.
 * A dashboard input moves to `replacementId` first.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | CONFLICT (years.closed, stale,
 *   indicatorCatalogue.errors.inUse: retire it instead) | VALIDATION (replacement)
 */
export async function deleteIndicator(actor: Actor, input: unknown): Promise<void> {
  authorize(actor, "programme.manage");
  const data = indicatorChangeSchema.parse(input);
  await db().$transaction(async (tx) => {
    const before = await lockIndicator(tx, data.id, data.expectedVersion);
    const uses = await usesOf(tx, data.id);
    if (uses > 0) {
      throw new AppError(
        "CONFLICT",
        { message: { key: "indicatorCatalogue.errors.inUse" } },
        {
          id: data.id,
          uses,
        },
      );
    }
    const to = await handOverFigureInput(tx, before, data.replacementId, actor);
    await tx.indicatorTarget.deleteMany({ where: { indicatorId: data.id } });
    await tx.indicator.delete({ where: { id: data.id } });
    await writeAudit(tx, actor, "indicator.delete", data.id, {
      before: { ...snapshot(before), year: before.year },
      after: to ? { figureInputTo: to } : undefined,
    });
  });
}

/**
 * Gives an unassigned dashboard input (FIGURE_INPUTS) of a year to one of its indicators.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | CONFLICT (years.closed,
 *   indicatorCatalogue.errors.inputTaken) | VALIDATION (unknown input, unfit indicator)
 */
export async function assignFigureInput(actor: Actor, input: unknown): Promise<void> {
  authorize(actor, "programme.manage");
  const data = assignFigureInputSchema.parse(input);
  if (!(FIGURE_INPUTS as readonly string[]).includes(data.figureInput)) {
    throw fieldError("figureInput", "indicatorCatalogue.errors.unknownInput");
  }
  await db().$transaction(async (tx) => {
    await assertYearWritable(tx, data.year);
    const holder = await tx.indicator.findUnique({
      where: { year_figureInput: { year: data.year, figureInput: data.figureInput } },
      select: { code: true },
    });
    if (holder) {
      throw new AppError("CONFLICT", {
        message: { key: "indicatorCatalogue.errors.inputTaken", values: { code: holder.code } },
      });
    }
    const [locked] = await tx.$queryRaw<{ id: number }[]>`
      SELECT id FROM "Indicator" WHERE id = ${data.indicatorId} FOR UPDATE`;
    const indicator = locked
      ? await tx.indicator.findUnique({ where: { id: data.indicatorId } })
      : null;
    if (
      !indicator ||
      indicator.year !== data.year ||
      indicator.figureInput !== null ||
      !canSupplyFigureInput(indicator, data.figureInput)
    ) {
      throw fieldError("indicatorId", "indicatorCatalogue.errors.badReplacement");
    }
    await tx.indicator.update({
      where: { id: indicator.id },
      data: { figureInput: data.figureInput },
    });
    await writeAudit(tx, actor, "indicator.assignFigureInput", indicator.id, {
      before: { figureInput: null },
      after: { figureInput: data.figureInput, code: indicator.code },
    });
  });
}

/**
 * Adds (no id) or edits a basic requirement (十个一) of a year; the code is unique in the year.
 * @returns the requirement's id.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | CONFLICT (years.closed, code taken)
 */
export async function saveBasicRequirement(actor: Actor, input: unknown): Promise<{ id: number }> {
  authorize(actor, "programme.manage");
  const { id, ...data } = basicRequirementSchema.parse(input);
  return db().$transaction(async (tx) => {
    await assertYearWritable(tx, data.year);
    const taken = await tx.basicRequirement.findUnique({
      where: { year_code: { year: data.year, code: data.code } },
      select: { id: true },
    });
    if (taken && taken.id !== id) {
      throw fieldError("code", "indicatorCatalogue.errors.codeTaken", data, "CONFLICT");
    }
    if (id === undefined) {
      const created = await tx.basicRequirement.create({ data });
      await writeAudit(tx, actor, "basicRequirement.create", created.id, { after: data });
      return { id: created.id };
    }
    const before = await tx.basicRequirement.findFirst({ where: { id, year: data.year } });
    if (!before) throw new AppError("NOT_FOUND", "indicatorCatalogue.errors.unknown", { id });
    const after = await tx.basicRequirement.update({ where: { id }, data });
    await writeAudit(
      tx,
      actor,
      "basicRequirement.update",
      id,
      changes(before, after, ["code", "name", "nameEn", "sortOrder"], ["code"]),
    );
    return { id };
  });
}

/**
 * Deletes a basic requirement (nothing refers to one: it is a checklist).
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | CONFLICT (years.closed)
 */
export async function deleteBasicRequirement(actor: Actor, input: unknown): Promise<void> {
  authorize(actor, "programme.manage");
  const { id } = basicRequirementDeleteSchema.parse(input);
  await db().$transaction(async (tx) => {
    const before = await tx.basicRequirement.findUnique({ where: { id } });
    if (!before) throw new AppError("NOT_FOUND", "indicatorCatalogue.errors.unknown", { id });
    await assertYearWritable(tx, before.year);
    await tx.basicRequirement.delete({ where: { id } });
    await writeAudit(tx, actor, "basicRequirement.delete", id, {
      before: { year: before.year, code: before.code, name: before.name },
    });
  });
}
