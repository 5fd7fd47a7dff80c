/**
 * The city's entered values (录入) of an assessment: for each ENTERED item of the year's scheme
 * in use and each county, the points (POINTS items: organisation, special work…), the number
 * of occurrences (BONUS / DEDUCTION items: honours, notices…) or a measured value (TARGET
 * items), always with the reason and the evidence (a document number or description). Each
 * use case: zod → authorize (assessment.manage) → one transaction (year writable, the entry's
 * revision the one the user saw) → one audit row. Published runs keep the values they were
 * computed with (their snapshot); a change here counts from the next computation.
 */
import "server-only";
import { Decimal } from "@prisma/client-runtime-utils";
import { authorize, type Actor } from "@/lib/access";
import { changes, writeAudit } from "@/lib/audit/write";
import { db } from "@/lib/db";
import { AppError, createOrConflict, fieldError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { deleteEntrySchema, entrySchema } from "@/lib/validation/assessment";
import { assertYearWritable } from "@/lib/years/internal";

type Tx = Prisma.TransactionClient;

/**
 * The ENTERED item of an ACTIVE scheme, and the county, for an entry.
 * @throws AppError NOT_FOUND | CONFLICT (years.closed, assessments.schemeNotActive) |
 *   VALIDATION (assessments.notEntered)
 */
async function loadTarget(tx: Tx, itemId: number, countyCode: string) {
  const item = await tx.assessmentItem.findUnique({
    where: { id: itemId },
    include: { scheme: { select: { year: true, status: true } } },
  });
  if (!item) throw new AppError("NOT_FOUND", {}, { itemId });
  await assertYearWritable(tx, item.scheme.year);
  if (item.scheme.status !== "ACTIVE") {
    throw new AppError("CONFLICT", "assessments.schemeNotActive", { itemId });
  }
  if (item.kind !== "ENTERED") throw new AppError("VALIDATION", "assessments.notEntered");
  const county = await tx.county.findUnique({
    where: { divisionCode: countyCode },
    select: { id: true },
  });
  if (!county) throw new AppError("NOT_FOUND", {}, { countyCode });
  return { item, county };
}

/**
 * Checks a value against its item's scoring: a whole count ≥ 0 for OCCURRENCES; points between
 * the floor and base + cap for POINTS; any number for TARGET.
 * @throws AppError VALIDATION at the field `value`
 */
function checkValue(
  item: {
    scoring: string;
    basePoints: Decimal.Value;
    maxBonusPoints: Decimal.Value;
    floorPoints: Decimal.Value;
  },
  value: string,
): void {
  const v = new Decimal(value);
  if (item.scoring === "OCCURRENCES" && (!v.isInteger() || v.isNegative())) {
    throw fieldError("value", "assessments.countFormat");
  }
  if (item.scoring === "POINTS") {
    const min = new Decimal(item.floorPoints);
    const max = new Decimal(item.basePoints).plus(item.maxBonusPoints);
    if (v.lessThan(min) || v.greaterThan(max) || v.decimalPlaces() > 2) {
      throw fieldError("value", "assessments.pointsRange", {
        min: min.toFixed(2),
        max: max.toFixed(2),
      });
    }
  }
}

/**
 * Enters (or changes) the value of an entered item for one county, with reason and evidence.
 * A new entry has no expectedRevision; changing one needs the revision the user saw.
 * @returns the entry's new revision.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | CONFLICT (assessments.staleEntry,
 *   assessments.schemeNotActive, years.closed) | VALIDATION (value out of the item's range)
 */
export async function saveEntry(actor: Actor, input: unknown): Promise<{ revision: number }> {
  authorize(actor, "assessment.manage");
  const data = entrySchema.parse(input);
  return db().$transaction(async (tx) => {
    const { item, county } = await loadTarget(tx, data.itemId, data.countyCode);
    checkValue(item, data.value);
    const key = { itemId: item.id, countyId: county.id };
    const existing = await tx.assessmentEntry.findUnique({ where: { itemId_countyId: key } });
    const fields = { value: data.value, reason: data.reason, evidence: data.evidence };
    const identity = { item: item.code, county: data.countyCode };
    if (!existing) {
      if (data.expectedRevision !== undefined) {
        throw new AppError("CONFLICT", "assessments.staleEntry", identity);
      }
      // Two first entries at once: the second one's insert is refused, as a stale revision.
      const created = await createOrConflict(
        tx.assessmentEntry.create({ data: { ...key, ...fields, enteredById: actor.id } }),
        new AppError("CONFLICT", "assessments.staleEntry", identity),
      );
      await writeAudit(tx, actor, "assessmentEntry.save", created.id, {
        after: { ...identity, ...fields },
      });
      return { revision: created.revision };
    }
    const { count } = await tx.assessmentEntry.updateMany({
      where: { id: existing.id, revision: data.expectedRevision ?? -1 },
      data: { ...fields, enteredById: actor.id, revision: { increment: 1 } },
    });
    if (count === 0) throw new AppError("CONFLICT", "assessments.staleEntry", identity);
    const before = { ...existing, value: existing.value.toFixed() };
    await writeAudit(
      tx,
      actor,
      "assessmentEntry.save",
      existing.id,
      changes(
        { ...before, ...identity },
        { ...before, ...fields, ...identity },
        ["value", "reason", "evidence"],
        ["item", "county"],
      ),
    );
    return { revision: existing.revision + 1 };
  });
}

/**
 * Clears an entered value (the item then counts as not entered).
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | CONFLICT (stale, not active, closed year)
 */
export async function deleteEntry(actor: Actor, input: unknown): Promise<void> {
  authorize(actor, "assessment.manage");
  const data = deleteEntrySchema.parse(input);
  await db().$transaction(async (tx) => {
    const { item, county } = await loadTarget(tx, data.itemId, data.countyCode);
    const existing = await tx.assessmentEntry.findUnique({
      where: { itemId_countyId: { itemId: item.id, countyId: county.id } },
    });
    if (!existing)
      throw new AppError("NOT_FOUND", {}, { itemId: item.id, county: data.countyCode });
    const { count } = await tx.assessmentEntry.deleteMany({
      where: { id: existing.id, revision: data.expectedRevision },
    });
    if (count === 0) {
      throw new AppError("CONFLICT", "assessments.staleEntry", { entryId: existing.id });
    }
    await writeAudit(tx, actor, "assessmentEntry.delete", existing.id, {
      before: {
        item: item.code,
        county: data.countyCode,
        value: existing.value.toFixed(),
        reason: existing.reason,
      },
    });
  });
}
