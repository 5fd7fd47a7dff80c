/**
 * The JSON shape of `GET /api/v1/assessments?year=`: published assessments only (the version in
 * force of each year), every decimal as a string (points with 2 places, values in the item's
 * unit), scoped like the pages (a county reviewer gets their own county's results only).
 */
import "server-only";
import { z } from "zod";
import { authorize, type Actor } from "@/lib/access";
import { db } from "@/lib/db";
import { isoDate } from "@/lib/domain/calendar";
import { readSnapshot } from "./snapshot";

/** The query: an optional year. */
export const assessmentsQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

/**
 * The published assessments (of one year, or of every year, newest first).
 * @throws ZodError (bad year); AppError NOT_FOUND (role without assessment.county)
 */
export async function listPublishedAssessments(actor: Actor, query: Record<string, string>) {
  const scope = authorize(actor, "assessment.county");
  const { year } = assessmentsQuery.parse(query);
  const runs = await db().assessmentRun.findMany({
    where: { status: "PUBLISHED", ...(year !== undefined && { year }) },
    orderBy: { year: "desc" },
    include: {
      assessments: {
        where: { county: scope.counties },
        orderBy: [{ rank: "asc" }, { county: { divisionCode: "asc" } }],
        include: {
          county: { select: { divisionCode: true, name: true, nameEn: true } },
          results: {
            include: { item: { select: { code: true, sortOrder: true } } },
            orderBy: [{ item: { sortOrder: "asc" } }, { itemId: "asc" }],
          },
        },
      },
    },
  });
  return {
    assessments: runs.map((run) => {
      const scheme = readSnapshot(run.snapshot).scheme;
      return {
        year: run.year,
        version: run.version,
        reason: run.reason,
        judgedOn: run.judgedOn ? isoDate(run.judgedOn) : null,
        publishedAt: run.publishedAt?.toISOString() ?? null,
        scheme: {
          name: scheme.name,
          nameEn: scheme.nameEn,
          version: scheme.version,
          excellentShare: scheme.excellentShare,
          excellentRounding: scheme.excellentRounding,
          goodMinPoints: scheme.goodMinPoints,
          passMinPoints: scheme.passMinPoints,
          tieBreakers: scheme.tieBreakers,
          items: scheme.items.map((i) => ({
            code: i.code,
            name: i.name,
            nameEn: i.nameEn,
            category: i.category,
            kind: i.kind,
            scoring: i.scoring,
            metric: i.metric,
            unit: i.unit,
            basePoints: i.basePoints,
          })),
        },
        counties: run.assessments.map((a) => ({
          code: a.county.divisionCode,
          name: a.county.name,
          nameEn: a.county.nameEn,
          total: a.totalPoints.toFixed(2),
          outcome: a.outcomePoints.toFixed(2),
          process: a.processPoints.toFixed(2),
          bonus: a.bonusPoints.toFixed(2),
          deduction: a.deductionPoints.toFixed(2),
          rank: a.rank,
          grade: a.grade,
          items: a.results.map((r) => ({
            code: r.item.code,
            basis: r.basis,
            actualValue: r.actualValue?.toFixed() ?? null,
            targetValue: r.targetValue?.toFixed() ?? null,
            basePoints: r.basePoints.toFixed(2),
            bonusPoints: r.bonusPoints.toFixed(2),
            deductionPoints: r.deductionPoints.toFixed(2),
            points: r.points.toFixed(2),
          })),
        })),
      };
    }),
  };
}
