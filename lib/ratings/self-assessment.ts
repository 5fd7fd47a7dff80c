/**
 * The rated town's self-assessment (自评): its own points (within each item's floor and
 * maximum, blank = not filled) and a note per item, with evidence — files attached to an item,
 * or evidence of the town's reports of the year picked for it — submitted by the scheme's
 * deadline (a late submission is accepted and shown as late). Reviewers see it beside their
 * sheet. Each: zod → access (rating.selfAssess, the town's staff) → one transaction (year open,
 * version checked) → an audit row.
 */
import "server-only";
import { authorize, type Actor, type Scope } from "@/lib/access";
import { writeAudit } from "@/lib/audit/write";
import { db } from "@/lib/db";
import type { FileInput } from "@/lib/evidence/upload-source";
import {
  checkUpload,
  discardStoredFile,
  EVIDENCE_TRANSACTION,
  storeEvidence,
  withStagedFile,
} from "@/lib/evidence/store.internal";
import { parseSelfPoints, sheetTotal } from "@/lib/domain/rating";
import { AppError, assertNoFieldErrors, createOrConflict, type UserMessage } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  selfEvidenceTargetSchema,
  linkEvidenceSchema,
  saveSelfAssessmentSchema,
  submitVersionSchema,
} from "@/lib/validation/rating";
import { z } from "zod";
import { assertYearWritable } from "@/lib/years/internal";
import { isLocked } from "@/lib/domain/rating-status";

type Tx = Prisma.TransactionClient;

/** The rating of the actor's town, open for its self-assessment, and the self-assessment row. */
async function loadOwn(tx: Tx, scope: Scope, ratingId: number) {
  const rating = scope.found(
    await tx.starRating.findFirst({
      where: { AND: [{ id: ratingId }, scope.ratings] },
      select: {
        id: true,
        year: true,
        status: true,
        townId: true,
        schemeId: true,
        selfAssessment: { select: { id: true, status: true, version: true } },
      },
    }),
    { ratingId },
  );
  await assertYearWritable(tx, rating.year);
  if (isLocked(rating.status)) {
    throw new AppError("CONFLICT", "ratings.approvedLocked", { ratingId });
  }
  return rating;
}

/**
 * Whether the self-assessment is submitted, read under a shared row lock: a submission (which
 * updates the row) waits for this transaction and this one for a submission in progress, so no
 * evidence changes while it is being submitted.
 */
async function selfSubmitted(tx: Tx, self: { id: number } | null): Promise<boolean> {
  if (!self) return false;
  const rows = await tx.$queryRaw<{ status: string }[]>`
    SELECT status FROM "SelfAssessment" WHERE id = ${self.id} FOR SHARE`;
  return rows[0]?.status === "SUBMITTED";
}

async function bump(
  tx: Tx,
  id: number,
  expected: number,
  data: Prisma.SelfAssessmentUpdateManyMutationInput = {},
) {
  const { count } = await tx.selfAssessment.updateMany({
    where: { id, version: expected },
    data: { ...data, version: { increment: 1 } },
  });
  if (count === 0) throw new AppError("CONFLICT", "ratings.staleSheet", { selfAssessmentId: id });
  return expected + 1;
}

/**
 * Saves points and notes of some items (creating the self-assessment with expectedVersion 0).
 * @returns the new version. @throws ZodError; AppError FORBIDDEN | NOT_FOUND | VALIDATION
 *   (a message per refused field `points.<itemId>`) | CONFLICT
 */
export async function saveSelfAssessment(
  actor: Actor,
  input: unknown,
): Promise<{ version: number }> {
  const scope = authorize(actor, "rating.selfAssess");
  const data = saveSelfAssessmentSchema.parse(input);
  return db().$transaction(async (tx) => {
    const rating = await loadOwn(tx, scope, data.ratingId);
    if (rating.selfAssessment?.status === "SUBMITTED") {
      throw new AppError("CONFLICT", "ratings.selfSubmitted", { ratingId: rating.id });
    }
    const items = await tx.ratingItem.findMany({
      where: { schemeId: rating.schemeId, id: { in: Object.keys(data.items).map(Number) } },
      select: { id: true, maxPoints: true, floorPoints: true },
    });
    const byId = new Map(items.map((i) => [String(i.id), i]));
    const fields: Record<string, UserMessage> = {};
    const parsed = new Map<string, string | null>();
    for (const [key, entry] of Object.entries(data.items)) {
      const item = byId.get(key);
      if (!item) {
        fields[`points.${key}`] = { key: "ratings.unknownItem" };
        continue;
      }
      if (entry.points === undefined) continue;
      const result = parseSelfPoints(
        { maxPoints: item.maxPoints.toFixed(), floorPoints: item.floorPoints.toFixed() },
        entry.points,
      );
      if (result.ok) parsed.set(key, result.points);
      else fields[`points.${key}`] = { key: result.key, values: result.values };
    }
    assertNoFieldErrors(fields, { ratingId: rating.id });
    let id: number;
    let version: number;
    if (!rating.selfAssessment) {
      if (data.expectedVersion !== 0)
        throw new AppError("CONFLICT", "ratings.staleSheet", { ratingId: rating.id });
      // Two first saves at once: the second one's insert is refused, as a stale version.
      id = (
        await createOrConflict(
          tx.selfAssessment.create({ data: { ratingId: rating.id }, select: { id: true } }),
          new AppError("CONFLICT", "ratings.staleSheet", { ratingId: rating.id }),
        )
      ).id;
      version = 1;
    } else {
      id = rating.selfAssessment.id;
      version = await bump(tx, id, data.expectedVersion);
    }
    for (const [key, entry] of Object.entries(data.items)) {
      const itemId = Number(key);
      const values = {
        ...(parsed.has(key) && { points: parsed.get(key) }),
        ...(entry.note !== undefined && { note: entry.note || null }),
      };
      await tx.selfAssessmentItem.upsert({
        where: { selfAssessmentId_itemId: { selfAssessmentId: id, itemId } },
        create: { selfAssessmentId: id, itemId, ...values },
        update: values,
      });
    }
    await writeAudit(tx, actor, "rating.selfSave", id, {
      before: { version: data.expectedVersion },
      after: { version, ratingId: rating.id, points: Object.fromEntries(parsed) },
    });
    return { version };
  });
}

/**
 * Submits the self-assessment: every item of the scheme has points.
 * @returns the new version and the total. @throws ZodError; AppError FORBIDDEN | NOT_FOUND |
 *   VALIDATION (ratings.selfIncomplete, `points.<itemId>` per missing item) | CONFLICT
 */
export async function submitSelfAssessment(
  actor: Actor,
  input: unknown,
): Promise<{ version: number; total: string }> {
  const scope = authorize(actor, "rating.selfAssess");
  const data = submitVersionSchema.parse(input);
  return db().$transaction(async (tx) => {
    const rating = await loadOwn(tx, scope, data.ratingId);
    const self = rating.selfAssessment;
    if (!self) throw new AppError("CONFLICT", "ratings.staleSheet", { ratingId: rating.id });
    if (self.status === "SUBMITTED")
      throw new AppError("CONFLICT", "ratings.selfSubmitted", { ratingId: rating.id });
    const items = await tx.ratingItem.findMany({
      where: { schemeId: rating.schemeId },
      select: { id: true },
    });
    const filled = await tx.selfAssessmentItem.findMany({
      where: { selfAssessmentId: self.id },
      select: { itemId: true, points: true },
    });
    const points = new Map(filled.map((f) => [f.itemId, f.points?.toFixed(2) ?? null]));
    const missing = items.filter((i) => (points.get(i.id) ?? null) === null);
    assertNoFieldErrors(
      Object.fromEntries(missing.map((i) => [`points.${i.id}`, { key: "ratings.notFilled" }])),
      { ratingId: rating.id, missing: missing.map((i) => i.id) },
      { key: "ratings.selfIncomplete" },
    );
    const total = sheetTotal(items.map((i) => points.get(i.id)!))!;
    const version = await bump(tx, self.id, data.expectedVersion, {
      status: "SUBMITTED",
      submittedAt: new Date(),
      totalPoints: total,
    });
    await tx.selfAssessment.update({ where: { id: self.id }, data: { submittedById: actor.id } });
    await writeAudit(tx, actor, "rating.selfSubmit", self.id, {
      before: { status: "DRAFT", version: data.expectedVersion },
      after: { status: "SUBMITTED", version, total, ratingId: rating.id },
    });
    return { version, total };
  });
}

/**
 * Attaches an uploaded file to one item of the town's self-assessment (while it is a draft).
 * @returns the evidence id. @throws AppError VALIDATION (evidence.*) | FORBIDDEN | NOT_FOUND | CONFLICT
 */
export async function addSelfEvidence(
  actor: Actor,
  upload: { ratingId: number; itemId: number } & FileInput,
): Promise<{ id: number }> {
  const scope = authorize(actor, "rating.selfAssess");
  const ids = selfEvidenceTargetSchema.parse(upload);
  const checked = checkUpload(upload);
  return withStagedFile(checked, (file) =>
    db().$transaction(async (tx) => {
      const rating = await loadOwn(tx, scope, ids.ratingId);
      if (await selfSubmitted(tx, rating.selfAssessment)) {
        throw new AppError("CONFLICT", "ratings.selfSubmitted", { ratingId: rating.id });
      }
      const item = await tx.ratingItem.count({
        where: { id: ids.itemId, schemeId: rating.schemeId },
      });
      if (item === 0)
        throw new AppError("VALIDATION", "ratings.unknownItem", { itemId: ids.itemId });
      const selfId =
        rating.selfAssessment?.id ??
        (await tx.selfAssessment.create({ data: { ratingId: rating.id }, select: { id: true } }))
          .id;
      return storeEvidence(
        tx,
        actor,
        { selfAssessmentId: selfId, ratingItemId: ids.itemId },
        file,
        {
          ratingId: rating.id,
          itemId: ids.itemId,
        },
      );
    }, EVIDENCE_TRANSACTION),
  );
}

/**
 * Links (or unlinks) a file of the town's reports of the rating's year to one item.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND (the file is not of the town's reports of the
 *   year) | CONFLICT
 */
export async function linkSelfEvidence(actor: Actor, input: unknown): Promise<void> {
  const scope = authorize(actor, "rating.selfAssess");
  const data = linkEvidenceSchema.parse(input);
  await db().$transaction(async (tx) => {
    const rating = await loadOwn(tx, scope, data.ratingId);
    if (await selfSubmitted(tx, rating.selfAssessment)) {
      throw new AppError("CONFLICT", "ratings.selfSubmitted", { ratingId: rating.id });
    }
    scope.found(
      await tx.evidence.findFirst({
        where: {
          AND: [
            { id: data.evidenceId },
            scope.evidence,
            { report: { task: { townId: rating.townId, year: rating.year } } },
          ],
        },
        select: { id: true },
      }),
      { evidenceId: data.evidenceId },
    );
    const selfId =
      rating.selfAssessment?.id ??
      (await tx.selfAssessment.create({ data: { ratingId: rating.id }, select: { id: true } })).id;
    const key = { selfAssessmentId: selfId, itemId: data.itemId, evidenceId: data.evidenceId };
    if (data.linked) {
      await tx.selfAssessmentEvidenceLink.upsert({
        where: { selfAssessmentId_itemId_evidenceId: key },
        create: key,
        update: {},
      });
    } else {
      await tx.selfAssessmentEvidenceLink.deleteMany({ where: key });
    }
    await writeAudit(tx, actor, "rating.selfEvidence", selfId, {
      after: {
        ratingId: rating.id,
        itemId: data.itemId,
        evidenceId: data.evidenceId,
        linked: data.linked,
      },
    });
  });
}

/** The town's report evidence of a rating's year, to pick from for its self-assessment. */
export async function listPickableEvidence(actor: Actor, ratingId: number) {
  const scope = authorize(actor, "rating.selfAssess");
  const rating = scope.found(
    await db().starRating.findFirst({
      where: { AND: [{ id: ratingId }, scope.ratings] },
      select: { townId: true, year: true },
    }),
    { ratingId },
  );
  return db().evidence.findMany({
    where: {
      AND: [scope.evidence, { report: { task: { townId: rating.townId, year: rating.year } } }],
    },
    select: {
      id: true,
      fileName: true,
      report: { select: { period: { select: { name: true, nameEn: true } } } },
    },
    orderBy: { id: "asc" },
  });
}

/**
 * Removes a file uploaded to the town's draft self-assessment.
 * @throws AppError FORBIDDEN | NOT_FOUND (not a file of the actor's town's self-assessment) |
 *   CONFLICT (submitted, approved, year closed)
 */
export async function removeSelfEvidence(actor: Actor, evidenceId: unknown): Promise<void> {
  const scope = authorize(actor, "rating.selfAssess");
  const id = z.coerce.number().int().positive().max(2_147_483_647).parse(evidenceId);
  const stored = await db().$transaction(async (tx) => {
    const evidence = scope.found(
      await tx.evidence.findFirst({
        where: { AND: [{ id }, scope.evidence, { selfAssessmentId: { not: null } }] },
        select: {
          id: true,
          fileName: true,
          storage: true,
          storageKey: true,
          ratingItemId: true,
          selfAssessment: { select: { ratingId: true } },
        },
      }),
      { evidenceId: id },
    );
    const rating = await loadOwn(tx, scope, evidence.selfAssessment!.ratingId);
    if (await selfSubmitted(tx, rating.selfAssessment)) {
      throw new AppError("CONFLICT", "ratings.selfSubmitted", { ratingId: rating.id });
    }
    await tx.evidence.delete({ where: { id: evidence.id } });
    await writeAudit(tx, actor, "evidence.delete", evidence.id, {
      before: { ratingId: rating.id, itemId: evidence.ratingItemId, fileName: evidence.fileName },
    });
    return evidence;
  });
  await discardStoredFile(stored);
}
