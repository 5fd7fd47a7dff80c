/**
 * Helpers of the star-rating use cases that run inside their transaction after access was
 * decided: a scheme's items as the rating arithmetic reads them (lib/domain/rating.ts), and the
 * one place that recomputes a rating's result from its submitted sheets and moves its status
 * (lib/domain/rating-status.ts). Unscoped: app/ and components/ may not import it.
 */
import "server-only";
import { z } from "zod";
import {
  combineSheets,
  toSubmittedSheet,
  type Criterion,
  type PanelResult,
  type PanelRule,
  type RatingItemRule,
} from "@/lib/domain/rating";
import { isLocked, statusAfterSheets } from "@/lib/domain/rating-status";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RatingStatus } from "@/lib/generated/prisma/enums";

type Tx = Prisma.TransactionClient;

/** The stored form of a TIERED criterion's tiers. */
export const tiersSchema = z
  .array(
    z.object({
      label: z.string().min(1).max(200),
      labelEn: z.string().max(200),
      points: z.union([z.string(), z.number()]).transform(String),
    }),
  )
  .min(2)
  .max(10);

/** A criterion row as stored. */
export type CriterionRow = {
  code: string;
  kind: "FIXED" | "TIERED" | "DISCRETIONARY" | "DEDUCTION" | "VETO";
  points: { toFixed(): string } | null;
  step: { toFixed(): string } | null;
  tiers: unknown;
  vetoEffect: "VOID" | "CAP" | null;
  vetoCapStars: number | null;
};

/** A stored criterion as the arithmetic reads it. @throws Error on a malformed row. */
export function toCriterion(row: CriterionRow): Criterion {
  const points = row.points?.toFixed() ?? "0";
  switch (row.kind) {
    case "FIXED":
    case "DEDUCTION":
      return { code: row.code, kind: row.kind, points };
    case "DISCRETIONARY":
      return { code: row.code, kind: row.kind, points, step: row.step?.toFixed() ?? null };
    case "TIERED":
      return { code: row.code, kind: row.kind, tiers: tiersSchema.parse(row.tiers) };
    case "VETO":
      return {
        code: row.code,
        kind: row.kind,
        effect: row.vetoEffect ?? "VOID",
        capStars: row.vetoCapStars,
      };
  }
}

/** The fields of a scheme item the arithmetic needs. */
export const itemRuleSelect = {
  id: true,
  code: true,
  maxPoints: true,
  floorPoints: true,
  criteria: {
    select: {
      code: true,
      kind: true,
      points: true,
      step: true,
      tiers: true,
      vetoEffect: true,
      vetoCapStars: true,
    },
    orderBy: { sortOrder: "asc" },
  },
} as const satisfies Prisma.RatingItemSelect;

/** An item row selected with itemRuleSelect, as a rule. */
export function toItemRule(
  item: Prisma.RatingItemGetPayload<{ select: typeof itemRuleSelect }>,
): RatingItemRule {
  return {
    code: item.code,
    maxPoints: item.maxPoints.toFixed(),
    floorPoints: item.floorPoints.toFixed(),
    criteria: item.criteria.map(toCriterion),
  };
}

/** The scheme's items as rules, by item id. */
export async function loadItemRules(
  tx: Tx,
  schemeId: number,
): Promise<Map<number, RatingItemRule>> {
  const items = await tx.ratingItem.findMany({
    where: { schemeId },
    select: itemRuleSelect,
    orderBy: { sortOrder: "asc" },
  });
  return new Map(items.map((item) => [item.id, toItemRule(item)]));
}

/** A rating's submitted sheets (drafts never count) as the panel result reads them. */
export const submittedSheetsSelect = {
  where: { status: "SUBMITTED" },
  select: {
    reviewerId: true,
    totalPoints: true,
    scores: { select: { itemId: true, points: true, choices: true } },
  },
  orderBy: { id: "asc" },
} as const satisfies Prisma.StarRating$sheetsArgs;

/** The scheme fields a panel result reads. */
export const panelRuleSelect = {
  combination: true,
  trimMinSheets: true,
  itemSpreadLimit: true,
  reviewerDeviationLimit: true,
  starBands: { select: { stars: true, minPoints: true } },
} as const satisfies Prisma.RatingSchemeSelect;

/** A scheme's settings as the panel arithmetic reads them (lib/domain/rating.ts PanelRule). */
export function toPanelRule(
  scheme: Prisma.RatingSchemeGetPayload<{ select: typeof panelRuleSelect }>,
): PanelRule {
  return {
    combination: scheme.combination,
    trimMinSheets: scheme.trimMinSheets,
    itemSpreadLimit: scheme.itemSpreadLimit?.toFixed(2) ?? null,
    reviewerDeviationLimit: scheme.reviewerDeviationLimit?.toFixed(2) ?? null,
    bands: scheme.starBands.map((b) => ({ stars: b.stars, minPoints: b.minPoints.toFixed(2) })),
  };
}

/**
 * Recomputes a rating's result from its submitted sheets (drafts never count), stores total,
 * stars and flags, and moves its status when the panel is complete. An APPROVED rating is
 * never touched (its result is frozen).
 * @returns the new status and the panel result.
 */
export async function refreshRating(
  tx: Tx,
  ratingId: number,
): Promise<{ status: RatingStatus; result: PanelResult }> {
  // One recomputation at a time per rating: two last sheets submitted at once would each count
  // the others' as not yet submitted, and the later commit would store a result one sheet short
  // with the rating left in SCORING (found by the attack pass). Waiting here, the second reads
  // after the first has committed (READ COMMITTED: a new snapshot per statement).
  await tx.$queryRaw`SELECT id FROM "StarRating" WHERE id = ${ratingId} FOR NO KEY UPDATE`;
  const rating = await tx.starRating.findUniqueOrThrow({
    where: { id: ratingId },
    select: {
      status: true,
      schemeId: true,
      scheme: { select: panelRuleSelect },
      panel: { select: { reviewerId: true } },
      sheets: submittedSheetsSelect,
    },
  });
  const rules = await loadItemRules(tx, rating.schemeId);
  const result = combineSheets(
    rating.sheets.map((sheet) => toSubmittedSheet(rules, { ...sheet, total: sheet.totalPoints })),
    toPanelRule(rating.scheme),
  );
  if (isLocked(rating.status)) return { status: rating.status, result };
  const panel = new Set(rating.panel.map((p) => p.reviewerId));
  const submitted = rating.sheets.filter((s) => panel.has(s.reviewerId)).length;
  const status = statusAfterSheets(rating.status, panel.size, submitted);
  await tx.starRating.update({
    where: { id: ratingId },
    data: {
      status,
      totalPoints: result.total,
      stars: result.stars,
      flaggedItems: result.spreadItems.length,
      flaggedReviewers: result.deviatingReviewers.length,
      version: { increment: 1 },
    },
  });
  return { status, result };
}
