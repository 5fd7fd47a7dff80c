/**
 * The use cases of assessment schemes (考核方案), for city administrators: create a year's scheme,
 * copy last year's, edit a DRAFT (header, items with their per-county targets), activate it (it
 * is then frozen: the scheme in use), start a new version of a frozen one, delete a draft. Each:
 * zod → authorize (assessment.manage) → one transaction (the year must be writable, the scheme
 * row locked and its revision the one the user saw) → one audit row.
 */
import "server-only";
import { Decimal } from "@prisma/client-runtime-utils";
import { authorize, type Actor } from "@/lib/access";
import { changes, toJson, writeAudit } from "@/lib/audit/write";
import { db } from "@/lib/db";
import { missingTargets } from "@/lib/domain/county-assessment";
import { AppError, fieldError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SchemeStatus } from "@/lib/generated/prisma/enums";
import {
  copySchemesSchema,
  deleteItemSchema,
  itemSchema,
  schemeRevisionSchema,
  schemeSchema,
} from "@/lib/validation/assessment";
import { assertYearWritable } from "@/lib/years/internal";
import { copyAssessmentSchemes, copyScheme } from "./copy.internal";

type Tx = Prisma.TransactionClient;
type LockedScheme = {
  id: number;
  year: number;
  version: number;
  status: SchemeStatus;
  revision: number;
};

/**
 * Locks a scheme's row, checks its year is writable, the revision the user saw and (unless
 * `frozenToo`) that it is still a DRAFT.
 * @throws AppError NOT_FOUND | CONFLICT (assessments.staleScheme, assessments.schemeFrozen,
 *   years.closed)
 */
async function lockScheme(
  tx: Tx,
  id: number,
  expectedRevision: number | null,
  options: { frozenToo?: boolean } = {},
): Promise<LockedScheme> {
  const [scheme] = await tx.$queryRaw<LockedScheme[]>`
    SELECT id, year, version, status::text AS status, revision
    FROM "AssessmentScheme" WHERE id = ${id} FOR UPDATE`;
  if (!scheme) throw new AppError("NOT_FOUND", {}, { schemeId: id });
  await assertYearWritable(tx, scheme.year);
  if (expectedRevision !== null && scheme.revision !== expectedRevision) {
    throw new AppError("CONFLICT", "assessments.staleScheme", { schemeId: id, expectedRevision });
  }
  if (!options.frozenToo && scheme.status !== "DRAFT") {
    throw new AppError("CONFLICT", "assessments.schemeFrozen", { schemeId: id });
  }
  return scheme;
}

async function bumpRevision(tx: Tx, scheme: LockedScheme): Promise<number> {
  await tx.assessmentScheme.update({
    where: { id: scheme.id },
    data: { revision: { increment: 1 } },
  });
  return scheme.revision + 1;
}

/** The header fields of a parsed scheme form, as stored (the share from the percentage). */
function headerFields(data: ReturnType<typeof schemeSchema.parse>) {
  return {
    name: data.name,
    nameEn: data.nameEn,
    tieBreakers: data.tieBreakers,
    excellentShare: new Decimal(data.excellentPercent).div(100).toFixed(4),
    excellentRounding: data.excellentRounding,
    goodMinPoints: data.goodMinPoints,
    passMinPoints: data.passMinPoints,
    sourceNote: data.sourceNote,
  };
}

/**
 * Creates a DRAFT scheme of a year (the next version of that year), without items.
 * @returns the scheme's id.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | CONFLICT (years.closed)
 */
export async function createScheme(actor: Actor, input: unknown): Promise<{ id: number }> {
  authorize(actor, "assessment.manage");
  const data = schemeSchema.parse(input);
  return db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT year FROM "Year" WHERE year = ${data.year} FOR UPDATE`;
    await assertYearWritable(tx, data.year);
    const last = await tx.assessmentScheme.findFirst({
      where: { year: data.year },
      orderBy: { version: "desc" },
      select: { version: true },
    });
    const fields = headerFields(data);
    const scheme = await tx.assessmentScheme.create({
      data: { year: data.year, version: (last?.version ?? 0) + 1, ...fields },
      select: { id: true, version: true },
    });
    await writeAudit(tx, actor, "assessmentScheme.create", scheme.id, {
      after: { year: data.year, version: scheme.version, ...(toJson(fields) as object) },
    });
    return { id: scheme.id };
  });
}

/**
 * Edits a DRAFT scheme's header (names, tie rule, grade bands, source note).
 * @returns the new revision.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | CONFLICT (stale, frozen, closed year)
 */
export async function updateScheme(actor: Actor, input: unknown): Promise<{ revision: number }> {
  authorize(actor, "assessment.manage");
  const data = schemeSchema.parse(input);
  if (!data.id || !data.expectedRevision) throw fieldError("id", "validation.required");
  const schemeId = data.id;
  const expected = data.expectedRevision;
  return db().$transaction(async (tx) => {
    const locked = await lockScheme(tx, schemeId, expected);
    const before = await tx.assessmentScheme.findUniqueOrThrow({ where: { id: schemeId } });
    const fields = headerFields(data);
    await tx.assessmentScheme.update({ where: { id: schemeId }, data: fields });
    const revision = await bumpRevision(tx, locked);
    const recorded = Object.keys(fields) as (keyof typeof fields)[];
    const diff = changes(
      { ...before, excellentShare: before.excellentShare.toFixed(4) },
      { ...before, ...fields },
      recorded,
    );
    await writeAudit(tx, actor, "assessmentScheme.update", schemeId, diff);
    return { revision };
  });
}

/**
 * Adds an item to a DRAFT scheme, or edits one (`id`), with its per-county targets (county
 * code → value; empty = none). Codes are unique within a scheme.
 * @returns the item's id and the scheme's new revision.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | CONFLICT (stale, frozen, closed year) |
 *   VALIDATION (assessments.codeTaken, assessments.unknownCounty)
 */
export async function saveItem(
  actor: Actor,
  input: unknown,
): Promise<{ id: number; revision: number }> {
  authorize(actor, "assessment.manage");
  const data = itemSchema.parse(input);
  return db().$transaction(async (tx) => {
    const locked = await lockScheme(tx, data.schemeId, data.expectedRevision);
    const clash = await tx.assessmentItem.findFirst({
      where: { schemeId: locked.id, code: data.code, ...(data.id && { id: { not: data.id } }) },
      select: { id: true },
    });
    if (clash) throw fieldError("code", "assessments.codeTaken");
    const counties = await tx.county.findMany({ select: { id: true, divisionCode: true } });
    const countyId = new Map(counties.map((c) => [c.divisionCode, c.id]));
    const targets = Object.entries(data.targets).filter(
      (entry): entry is [string, string] => entry[1] !== null,
    );
    for (const [code] of targets) {
      if (!countyId.has(code)) throw fieldError(`targets.${code}`, "assessments.unknownCounty");
    }
    const fields = {
      code: data.code,
      name: data.name,
      nameEn: data.nameEn,
      category: data.category,
      kind: data.kind,
      scoring: data.scoring,
      metric: data.kind === "COMPUTED" ? data.metric : null,
      unit: data.unit,
      unitEn: data.unitEn,
      direction: data.direction,
      basePoints: data.basePoints,
      maxBonusPoints: data.maxBonusPoints,
      bonusStep: data.bonusStep,
      bonusPerStep: data.bonusPerStep,
      deductionStep: data.deductionStep,
      deductionPerStep: data.deductionPerStep,
      floorPoints: data.floorPoints,
      sourceNote: data.sourceNote,
      sortOrder: data.sortOrder,
    };
    const targetMap = Object.fromEntries(targets);
    let before: Record<string, unknown> | null = null;
    let itemId: number;
    if (data.id) {
      const existing = await tx.assessmentItem.findFirst({
        where: { id: data.id, schemeId: locked.id },
        include: { targets: { include: { county: { select: { divisionCode: true } } } } },
      });
      if (!existing) throw new AppError("NOT_FOUND", {}, { itemId: data.id });
      const { targets: oldTargets, ...rest } = existing;
      before = {
        ...rest,
        targets: Object.fromEntries(
          oldTargets.map((t) => [t.county.divisionCode, t.targetValue.toFixed()]),
        ),
      };
      await tx.assessmentItem.update({ where: { id: existing.id }, data: fields });
      await tx.assessmentTarget.deleteMany({ where: { itemId: existing.id } });
      itemId = existing.id;
    } else {
      itemId = (await tx.assessmentItem.create({ data: { ...fields, schemeId: locked.id } })).id;
    }
    await tx.assessmentTarget.createMany({
      data: targets.map(([code, value]) => ({
        itemId,
        countyId: countyId.get(code)!,
        targetValue: value,
      })),
    });
    const revision = await bumpRevision(tx, locked);
    const after = { ...fields, targets: targetMap };
    const recorded = [...Object.keys(fields), "targets"] as (keyof typeof after)[];
    await writeAudit(
      tx,
      actor,
      "assessmentScheme.itemSave",
      locked.id,
      before
        ? changes(before as typeof after, after, recorded, ["code"])
        : { after: toJson(after) as Record<string, never> },
    );
    return { id: itemId, revision };
  });
}

/**
 * Deletes an item of a DRAFT scheme (with its targets and entered values).
 * @returns the scheme's new revision.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | CONFLICT (stale, frozen, closed year)
 */
export async function deleteItem(actor: Actor, input: unknown): Promise<{ revision: number }> {
  authorize(actor, "assessment.manage");
  const data = deleteItemSchema.parse(input);
  return db().$transaction(async (tx) => {
    const locked = await lockScheme(tx, data.schemeId, data.expectedRevision);
    const item = await tx.assessmentItem.findFirst({
      where: { id: data.id, schemeId: locked.id },
    });
    if (!item) throw new AppError("NOT_FOUND", {}, { itemId: data.id });
    await tx.assessmentItem.delete({ where: { id: item.id } });
    const revision = await bumpRevision(tx, locked);
    await writeAudit(tx, actor, "assessmentScheme.itemDelete", locked.id, {
      before: toJson(item) as Record<string, never>,
    });
    return { revision };
  });
}

/**
 * Activates a DRAFT scheme: it becomes the year's scheme in use (ACTIVE, frozen) and the
 * previous ACTIVE one ARCHIVED. Values the city entered on the previous scheme's items carry
 * over to the items of the same code and scoring. A scheme needs items, and every TARGET item
 * a target for every county.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | CONFLICT (stale, frozen, closed year) |
 *   VALIDATION (assessments.noItems, assessments.targetsMissing)
 */
export async function activateScheme(actor: Actor, input: unknown): Promise<void> {
  authorize(actor, "assessment.manage");
  const data = schemeRevisionSchema.parse(input);
  await db().$transaction(async (tx) => {
    const locked = await lockScheme(tx, data.id, data.expectedRevision);
    const items = await tx.assessmentItem.findMany({
      where: { schemeId: locked.id },
      include: { targets: { include: { county: { select: { divisionCode: true } } } } },
    });
    if (items.length === 0) throw new AppError("VALIDATION", "assessments.noItems");
    const counties = await tx.county.findMany({ select: { divisionCode: true } });
    const missing = missingTargets(
      items.map((i) => ({
        code: i.code,
        scoring: i.scoring,
        targets: Object.fromEntries(i.targets.map((t) => [t.county.divisionCode, "x"])),
      })),
      counties.map((c) => c.divisionCode),
    );
    if (missing.length > 0) {
      throw new AppError(
        "VALIDATION",
        { message: { key: "assessments.targetsMissing", values: { items: missing.join("、") } } },
        { schemeId: locked.id, missing },
      );
    }
    const previous = await tx.assessmentScheme.findFirst({
      where: { year: locked.year, status: "ACTIVE" },
      include: { items: { include: { entries: true } } },
    });
    let carried = 0;
    if (previous) {
      await tx.assessmentScheme.update({
        where: { id: previous.id },
        data: { status: "ARCHIVED", revision: { increment: 1 } },
      });
      for (const item of items.filter((i) => i.kind === "ENTERED")) {
        const old = previous.items.find(
          (o) => o.code === item.code && o.kind === "ENTERED" && o.scoring === item.scoring,
        );
        for (const entry of old?.entries ?? []) {
          const { id: _id, itemId: _item, createdAt: _c, updatedAt: _u, ...rest } = entry;
          const copied = await tx.assessmentEntry.createMany({
            data: [{ ...rest, itemId: item.id, revision: 1 }],
            skipDuplicates: true,
          });
          carried += copied.count;
        }
      }
    }
    await tx.assessmentScheme.update({
      where: { id: locked.id },
      data: { status: "ACTIVE", revision: { increment: 1 } },
    });
    await writeAudit(tx, actor, "assessmentScheme.activate", locked.id, {
      before: { status: "DRAFT", archived: previous?.version ?? null },
      after: { status: "ACTIVE", version: locked.version, entriesCarried: carried },
    });
  });
}

/**
 * Starts a new DRAFT version of a frozen (ACTIVE or ARCHIVED) scheme in the same year: a copy
 * to change; the scheme in use stays in use until the copy is activated.
 * @returns the new scheme's id.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | CONFLICT (stale, closed year)
 */
export async function newSchemeVersion(actor: Actor, input: unknown): Promise<{ id: number }> {
  authorize(actor, "assessment.manage");
  const data = schemeRevisionSchema.parse(input);
  return db().$transaction(async (tx) => {
    const locked = await lockScheme(tx, data.id, data.expectedRevision, { frozenToo: true });
    const copy = await copyScheme(tx, locked.id, locked.year);
    await writeAudit(tx, actor, "assessmentScheme.create", copy.id, {
      after: { year: locked.year, version: copy.version, copiedFrom: locked.version },
    });
    return { id: copy.id };
  });
}

/**
 * Copies another year's current scheme (its ACTIVE one, else the newest version) into `toYear`
 * as a DRAFT (lib/assessments/copy.internal.ts), e.g. "copy from last year".
 * @returns how many schemes were copied.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | CONFLICT (years.closed) | VALIDATION
 *   (assessments.nothingToCopy)
 */
export async function copySchemes(actor: Actor, input: unknown): Promise<{ copied: number }> {
  authorize(actor, "assessment.manage");
  const data = copySchemesSchema.parse(input);
  return db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT year FROM "Year" WHERE year = ${data.toYear} FOR UPDATE`;
    await assertYearWritable(tx, data.toYear);
    const copied = await copyAssessmentSchemes(tx, data.fromYear, data.toYear);
    if (copied === 0) {
      throw fieldError("fromYear", "assessments.nothingToCopy", { year: data.fromYear });
    }
    await writeAudit(tx, actor, "assessmentScheme.copy", data.toYear, {
      after: { fromYear: data.fromYear, toYear: data.toYear, schemes: copied },
    });
    return { copied };
  });
}

/**
 * Deletes a DRAFT scheme (never used: runs are computed on ACTIVE schemes only).
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | CONFLICT (stale, frozen, closed year)
 */
export async function deleteScheme(actor: Actor, input: unknown): Promise<void> {
  authorize(actor, "assessment.manage");
  const data = schemeRevisionSchema.parse(input);
  await db().$transaction(async (tx) => {
    const locked = await lockScheme(tx, data.id, data.expectedRevision);
    const scheme = await tx.assessmentScheme.findUniqueOrThrow({
      where: { id: locked.id },
      select: { name: true, year: true, version: true },
    });
    await tx.assessmentScheme.delete({ where: { id: locked.id } });
    await writeAudit(tx, actor, "assessmentScheme.delete", locked.id, { before: scheme });
  });
}
