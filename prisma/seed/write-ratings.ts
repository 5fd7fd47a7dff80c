/**
 * Writes the demo's rating schemes (one per rating year, the demo rubric) and the ratings with
 * their panels, score sheets, self-assessments and the city's decisions.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import type { DemoData } from "./write";
import { calendarDate } from "./format";
import {
  FIRST_RATING_YEAR,
  PANEL_SETTINGS,
  RUBRIC,
  RUBRIC_SOURCE_NOTE,
  STAR_BANDS,
} from "./rubric";

type Tx = Prisma.TransactionClient;

function need<K, V>(map: Map<K, V>, key: K, what: string): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`demo data: no ${what} for ${String(key)}`);
  return value;
}

/** Inserts the schemes and ratings (towns and users by code and user name). */
export async function writeRatings(
  tx: Tx,
  data: DemoData,
  ids: { townId: Map<string, number>; userId: Map<string, number> },
): Promise<void> {
  const { clock } = data.plan;
  const schemeId = new Map<number, number>();
  const itemId = new Map<string, number>();
  for (let year = FIRST_RATING_YEAR; year <= clock.year; year++) {
    const scheme = await tx.ratingScheme.create({
      data: {
        year,
        version: 1,
        name: `${year}年度省级样板星级评价细则（演示）`,
        nameEn: `${year} star rating rubric for provincial samples (demo)`,
        status: year === clock.year ? "ACTIVE" : "ARCHIVED",
        maxPoints: "100",
        combination: PANEL_SETTINGS.combination,
        trimMinSheets: PANEL_SETTINGS.trimMinSheets,
        itemSpreadLimit: PANEL_SETTINGS.itemSpreadLimit,
        reviewerDeviationLimit: PANEL_SETTINGS.reviewerDeviationLimit,
        selfAssessmentDueOn: calendarDate(year, 11, 20),
        sheetsDueOn: calendarDate(year, 12, 15),
        sourceNote: RUBRIC_SOURCE_NOTE,
        isDemo: true,
        starBands: { createMany: { data: STAR_BANDS.map((b) => ({ ...b })) } },
      },
    });
    schemeId.set(year, scheme.id);
    for (const [c, category] of RUBRIC.entries()) {
      const created = await tx.ratingCategory.create({
        data: {
          schemeId: scheme.id,
          code: category.code,
          name: category.name,
          nameEn: category.nameEn,
          maxPoints: category.maxPoints,
          sortOrder: (c + 1) * 10,
        },
      });
      for (const [i, item] of category.items.entries()) {
        const row = await tx.ratingItem.create({
          data: {
            schemeId: scheme.id,
            categoryId: created.id,
            code: item.code,
            indicator: item.indicator,
            indicatorEn: item.indicatorEn,
            name: item.name,
            nameEn: item.nameEn,
            dimension: item.dimension,
            maxPoints: item.maxPoints,
            guidance: item.guidance,
            guidanceEn: item.guidanceEn,
            evidenceHint: item.evidenceHint,
            sortOrder: (c + 1) * 100 + i,
            criteria: {
              createMany: {
                data: item.criteria.map((criterion, k) => ({
                  code: criterion.code,
                  kind: criterion.kind,
                  label: criterion.label,
                  labelEn: criterion.labelEn,
                  points: "points" in criterion ? criterion.points : null,
                  step: criterion.kind === "DISCRETIONARY" ? criterion.step : null,
                  tiers: criterion.kind === "TIERED" ? criterion.tiers : undefined,
                  vetoEffect: criterion.kind === "VETO" ? criterion.effect : null,
                  vetoCapStars: criterion.kind === "VETO" ? criterion.capStars : null,
                  sortOrder: k,
                })),
              },
            },
          },
        });
        itemId.set(`${year}|${item.code}`, row.id);
      }
    }
  }

  for (const r of data.ratings) {
    const rating = await tx.starRating.create({
      data: {
        townId: need(ids.townId, r.townCode, "town"),
        year: r.year,
        schemeId: need(schemeId, r.year, "rating scheme"),
        status: r.status,
        totalPoints: r.total,
        stars: r.stars,
        flaggedItems: r.flaggedItems,
        flaggedReviewers: r.flaggedReviewers,
        version: r.version,
        approvedById: r.approvedBy ? need(ids.userId, r.approvedBy, "user") : null,
        approvedAt: r.approvedAt,
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
        panel: {
          createMany: {
            data: r.panel.map((p) => ({
              reviewerId: need(ids.userId, p.reviewer, "reviewer"),
              crossReview: p.crossReview,
              addedAt: r.createdAt,
            })),
          },
        },
        decisions: {
          createMany: {
            data: r.decisions.map((d) => ({
              decision: d.decision,
              comment: d.comment,
              totalPoints: d.total,
              stars: d.stars,
              byId: need(ids.userId, d.by, "user"),
              at: d.at,
            })),
          },
        },
      },
      select: { id: true },
    });
    for (const sheet of r.sheets) {
      await tx.scoreSheet.create({
        data: {
          ratingId: rating.id,
          reviewerId: need(ids.userId, sheet.reviewer, "reviewer"),
          status: sheet.status,
          version: sheet.version,
          totalPoints: sheet.total,
          submittedAt: sheet.submittedAt,
          createdAt: sheet.createdAt,
          updatedAt: sheet.updatedAt,
          scores: {
            createMany: {
              data: sheet.scores.map((s) => ({
                itemId: need(itemId, `${r.year}|${s.itemCode}`, "rating item"),
                choices: s.choices ?? undefined,
                points: s.points,
                comment: s.comment,
              })),
            },
          },
        },
      });
    }
    if (r.self) {
      await tx.selfAssessment.create({
        data: {
          ratingId: rating.id,
          status: r.self.status,
          version: r.self.version,
          totalPoints: r.self.total,
          submittedAt: r.self.submittedAt,
          submittedById: r.self.submittedBy ? need(ids.userId, r.self.submittedBy, "user") : null,
          createdAt: r.self.createdAt,
          updatedAt: r.self.updatedAt,
          items: {
            createMany: {
              data: r.self.items.map((item) => ({
                itemId: need(itemId, `${r.year}|${item.itemCode}`, "rating item"),
                points: item.points,
                note: item.note,
              })),
            },
          },
        },
      });
    }
  }
}
