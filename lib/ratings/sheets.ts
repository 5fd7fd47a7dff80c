/**
 * Reviewers' score sheets (评分表): one per panelist per rated town and year. A reviewer saves
 * their choices per criterion (the item's points follow from them by lib/domain/rating.ts,
 * never above its maximum nor below its floor; a blank choice leaves the item "not scored"),
 * and submits the sheet once every item is scored and every item below its maximum has a
 * comment. Each: zod → access (rating.score; the rating in scope and the reviewer on its
 * panel) → one transaction with the year open, the rating's sheets open and the version checked
 * (a stale version is CONFLICT: exactly one of two concurrent saves wins) → an audit row.
 * Submitting recomputes the rating's result (lib/ratings/internal.ts refreshRating).
 */
import "server-only";
import { authorize, type Actor, type Scope } from "@/lib/access";
import { writeAudit } from "@/lib/audit/write";
import { db } from "@/lib/db";
import { scoreItem, sheetProblems, sheetTotal, type Choices } from "@/lib/domain/rating";
import { sheetsOpen } from "@/lib/domain/rating-status";
import { AppError, assertNoFieldErrors, createOrConflict, type UserMessage } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { saveSheetSchema, submitVersionSchema } from "@/lib/validation/rating";
import { assertYearWritable } from "@/lib/years/internal";
import { loadItemRules, refreshRating } from "./internal";

type Tx = Prisma.TransactionClient;

/** Loads the rating the reviewer sits on, checks it may be scored, and their sheet (if any). */
async function loadForScoring(tx: Tx, scope: Scope, ratingId: number) {
  const rating = scope.found(
    await tx.starRating.findFirst({
      where: {
        AND: [{ id: ratingId }, scope.ratings, { panel: { some: { reviewerId: scope.actor.id } } }],
      },
      select: { id: true, year: true, status: true, schemeId: true },
    }),
    { ratingId },
  );
  await assertYearWritable(tx, rating.year);
  if (!sheetsOpen(rating.status)) {
    throw new AppError("CONFLICT", "ratings.sheetsClosed", { ratingId, status: rating.status });
  }
  const sheet = await tx.scoreSheet.findFirst({
    where: { AND: [{ ratingId }, scope.ownSheets] },
    select: { id: true, status: true, version: true },
  });
  return { rating, sheet };
}

/** Bumps a sheet's version if it is still `expected`. @throws AppError CONFLICT */
async function bump(
  tx: Tx,
  sheetId: number,
  expected: number,
  data: Prisma.ScoreSheetUpdateManyMutationInput = {},
): Promise<number> {
  const { count } = await tx.scoreSheet.updateMany({
    where: { id: sheetId, version: expected },
    data: { ...data, version: { increment: 1 } },
  });
  if (count === 0) throw new AppError("CONFLICT", "ratings.staleSheet", { sheetId, expected });
  return expected + 1;
}

/**
 * Saves the reviewer's choices and comments on some items of their sheet (creating the sheet
 * with expectedVersion 0). Refused choices come back per field `item.<itemId>.<criterion>`.
 * @returns the new version, each saved item's points (null = not scored) and the running total
 *   (null while an item is not scored).
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | VALIDATION | CONFLICT (stale version,
 *   sheet submitted, rating not open, year closed)
 */
export async function saveSheet(
  actor: Actor,
  input: unknown,
): Promise<{ version: number; points: Record<string, string | null>; total: string | null }> {
  const scope = authorize(actor, "rating.score");
  const data = saveSheetSchema.parse(input);
  return db().$transaction(async (tx) => {
    const { rating, sheet } = await loadForScoring(tx, scope, data.ratingId);
    if (sheet?.status === "SUBMITTED") {
      throw new AppError("CONFLICT", "ratings.sheetSubmitted", { ratingId: rating.id });
    }
    const rules = await loadItemRules(tx, rating.schemeId);
    const fields: Record<string, UserMessage> = {};
    const points: Record<string, string | null> = {};
    for (const [key, entry] of Object.entries(data.items)) {
      const rule = rules.get(Number(key));
      if (!rule) {
        fields[`item.${key}`] = { key: "ratings.unknownItem" };
        continue;
      }
      const result = scoreItem(rule, entry.choices as Choices);
      for (const e of result.errors) {
        fields[`item.${key}.${e.criterion}`] = { key: e.key, values: e.values };
      }
      points[key] = result.points;
    }
    assertNoFieldErrors(fields, { ratingId: rating.id });
    let sheetId: number;
    let version: number;
    if (!sheet) {
      if (data.expectedVersion !== 0) {
        throw new AppError("CONFLICT", "ratings.staleSheet", { ratingId: rating.id });
      }
      // Two first saves at once: the second one's insert is refused, as a stale version.
      sheetId = (
        await createOrConflict(
          tx.scoreSheet.create({
            data: { ratingId: rating.id, reviewerId: actor.id },
            select: { id: true },
          }),
          new AppError("CONFLICT", "ratings.staleSheet", { ratingId: rating.id }),
        )
      ).id;
      version = 1;
    } else {
      sheetId = sheet.id;
      version = await bump(tx, sheet.id, data.expectedVersion);
    }
    for (const [key, entry] of Object.entries(data.items)) {
      const itemId = Number(key);
      const fieldsToWrite = {
        choices: entry.choices as Prisma.InputJsonValue,
        points: points[key],
        ...(entry.comment !== undefined && { comment: entry.comment || null }),
      };
      await tx.sheetItemScore.upsert({
        where: { sheetId_itemId: { sheetId, itemId } },
        create: { sheetId, itemId, ...fieldsToWrite },
        update: fieldsToWrite,
      });
    }
    const all = await tx.sheetItemScore.findMany({ where: { sheetId }, select: { points: true } });
    const total =
      all.length === rules.size ? sheetTotal(all.map((s) => s.points?.toFixed(2) ?? null)) : null;
    await writeAudit(tx, actor, "rating.sheetSave", sheetId, {
      before: { version: data.expectedVersion },
      after: { version, ratingId: rating.id, points, total },
    });
    return { version, points, total };
  });
}

/**
 * Submits the reviewer's sheet: every item scored, a comment on every item below its maximum.
 * The rating's result is recomputed; when it was the panel's last sheet the rating goes to the
 * city (SUBMITTED).
 * @returns the new version and the sheet's total.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | VALIDATION (ratings.sheetIncomplete, a
 *   message per unscored item or missing comment) | CONFLICT
 */
export async function submitSheet(
  actor: Actor,
  input: unknown,
): Promise<{ version: number; total: string }> {
  const scope = authorize(actor, "rating.score");
  const data = submitVersionSchema.parse(input);
  return db().$transaction(async (tx) => {
    const { rating, sheet } = await loadForScoring(tx, scope, data.ratingId);
    if (!sheet) throw new AppError("CONFLICT", "ratings.staleSheet", { ratingId: rating.id });
    if (sheet.status === "SUBMITTED") {
      throw new AppError("CONFLICT", "ratings.sheetSubmitted", { ratingId: rating.id });
    }
    const rules = await loadItemRules(tx, rating.schemeId);
    const scores = await tx.sheetItemScore.findMany({
      where: { sheetId: sheet.id },
      select: { itemId: true, points: true, comment: true },
    });
    const byItem = new Map(scores.map((s) => [s.itemId, s]));
    const problems = sheetProblems(rules, (itemId) => ({
      points: byItem.get(itemId)?.points?.toFixed(2) ?? null,
      comment: byItem.get(itemId)?.comment,
    }));
    const fields: Record<string, UserMessage> = Object.fromEntries(
      Object.entries(problems).map(([field, key]) => [field, { key }]),
    );
    assertNoFieldErrors(
      fields,
      { ratingId: rating.id, missing: Object.keys(fields) },
      { key: "ratings.sheetIncomplete" },
    );
    const total = sheetTotal([...rules.keys()].map((id) => byItem.get(id)!.points!.toFixed(2)))!;
    const version = await bump(tx, sheet.id, data.expectedVersion, {
      status: "SUBMITTED",
      submittedAt: new Date(),
      totalPoints: total,
    });
    const { status } = await refreshRating(tx, rating.id);
    await writeAudit(tx, actor, "rating.sheetSubmit", sheet.id, {
      before: { status: "DRAFT", version: data.expectedVersion },
      after: { status: "SUBMITTED", version, total, ratingId: rating.id, ratingStatus: status },
    });
    return { version, total };
  });
}
