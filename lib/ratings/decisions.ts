/**
 * The city's decisions on a star rating (lib/domain/rating-status.ts RATING_DECISIONS): approve a
 * SUBMITTED rating (locking it: its result becomes the town's star level of the year), return
 * it with a comment (every panel sheet opens again for revision), or reopen an APPROVED one
 * with a reason (the earlier result stays in the decision history). Each decision records the
 * result at that moment. zod → access (rating.approve) → one transaction (year open, version
 * checked) → an audit row.
 */
import "server-only";
import { authorize, type Actor } from "@/lib/access";
import { writeAudit } from "@/lib/audit/write";
import { db } from "@/lib/db";
import { RATING_DECISIONS } from "@/lib/domain/rating-status";
import { AppError } from "@/lib/errors";
import { ratingDecisionSchema } from "@/lib/validation/rating";
import { assertYearWritable } from "@/lib/years/internal";

/**
 * Takes a decision on a rating at the version the approver saw.
 * @returns the rating's new version.
 * @throws ZodError (a comment is required to return, a reason to reopen); AppError FORBIDDEN |
 *   NOT_FOUND | CONFLICT (stale version, a decision not allowed from the status, year closed)
 */
export async function decideRating(actor: Actor, input: unknown): Promise<{ version: number }> {
  const scope = authorize(actor, "rating.approve");
  const data = ratingDecisionSchema.parse(input);
  return db().$transaction(async (tx) => {
    const rating = scope.found(
      await tx.starRating.findFirst({
        where: { AND: [{ id: data.ratingId }, scope.ratings] },
        select: {
          id: true,
          year: true,
          status: true,
          version: true,
          totalPoints: true,
          stars: true,
        },
      }),
      { ratingId: data.ratingId },
    );
    await assertYearWritable(tx, rating.year);
    const rule = RATING_DECISIONS[data.decision];
    if (rating.status !== rule.from) {
      throw new AppError("CONFLICT", "ratings.illegalDecision", {
        ratingId: rating.id,
        status: rating.status,
        decision: data.decision,
      });
    }
    const { count } = await tx.starRating.updateMany({
      where: { id: rating.id, version: data.expectedVersion },
      data: {
        status: rule.to,
        version: { increment: 1 },
        ...(data.decision === "APPROVE"
          ? { approvedById: actor.id, approvedAt: new Date() }
          : { approvedById: null, approvedAt: null }),
      },
    });
    if (count === 0) throw new AppError("CONFLICT", "ratings.staleRating", { ratingId: rating.id });
    if (data.decision !== "APPROVE") {
      await tx.scoreSheet.updateMany({
        where: { ratingId: rating.id },
        data: { status: "DRAFT", version: { increment: 1 } },
      });
    }
    await tx.ratingDecision.create({
      data: {
        ratingId: rating.id,
        decision: data.decision,
        comment: data.comment || null,
        totalPoints: rating.totalPoints,
        stars: rating.stars,
        byId: actor.id,
      },
    });
    await writeAudit(tx, actor, "rating.decide", rating.id, {
      before: { status: rating.status, version: data.expectedVersion },
      after: {
        status: rule.to,
        version: data.expectedVersion + 1,
        decision: data.decision,
        total: rating.totalPoints?.toFixed(2) ?? null,
        stars: rating.stars,
      },
    });
    return { version: data.expectedVersion + 1 };
  });
}
