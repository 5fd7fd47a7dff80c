/**
 * Builders for assessment tests (beside ./builders.ts): a scheme of a year with items and
 * per-county targets, written directly (the use cases are what the tests exercise).
 * Points and values are decimal strings; targets are keyed by county id.
 */
import type {
  AssessmentCategory,
  AssessmentScoring,
  AssessmentTieBreaker,
  SchemeStatus,
} from "@/lib/generated/prisma/enums";
import type { PrismaClient } from "@/lib/prisma-client";

/** One item to build: what the test needs, the rest defaults (no bonus, no deduction, floor 0). */
export type TestItem = {
  code: string;
  category: AssessmentCategory;
  scoring: AssessmentScoring;
  /** A metric of the registry (COMPUTED), or absent (ENTERED). */
  metric?: string;
  basePoints: string;
  maxBonusPoints?: string;
  bonusStep?: string;
  bonusPerStep?: string;
  deductionStep?: string;
  deductionPerStep?: string;
  floorPoints?: string;
  /** County id → target. */
  targets?: Record<number, string>;
};

/** Assessment builders bound to one database. */
export function assessmentBuilders(prisma: PrismaClient) {
  return {
    /**
     * A scheme of `year` (default ACTIVE, version 1, top 50% excellent rounded half-up, good
     * from 80, pass from 60, ties shared) with its items in order and their targets.
     * @returns the scheme with its item ids by code.
     */
    async scheme(
      year: number,
      items: TestItem[],
      options: {
        status?: SchemeStatus;
        version?: number;
        tieBreakers?: AssessmentTieBreaker[];
        excellentShare?: string;
      } = {},
    ) {
      const scheme = await prisma.assessmentScheme.create({
        data: {
          year,
          version: options.version ?? 1,
          name: `${year}年度测试考核方案`,
          nameEn: `${year} test assessment scheme`,
          status: options.status ?? "ACTIVE",
          tieBreakers: options.tieBreakers ?? [],
          excellentShare: options.excellentShare ?? "0.5",
          goodMinPoints: "80",
          passMinPoints: "60",
        },
      });
      const ids: Record<string, number> = {};
      for (const [i, item] of items.entries()) {
        const created = await prisma.assessmentItem.create({
          data: {
            schemeId: scheme.id,
            code: item.code,
            name: `项目${item.code}`,
            nameEn: `Item ${item.code}`,
            category: item.category,
            kind: item.metric ? "COMPUTED" : "ENTERED",
            scoring: item.scoring,
            metric: item.metric ?? null,
            basePoints: item.basePoints,
            maxBonusPoints: item.maxBonusPoints ?? "0",
            bonusStep: item.bonusStep ?? null,
            bonusPerStep: item.bonusPerStep ?? null,
            deductionStep: item.deductionStep ?? null,
            deductionPerStep: item.deductionPerStep ?? null,
            floorPoints: item.floorPoints ?? "0",
            sortOrder: i + 1,
            targets: {
              createMany: {
                data: Object.entries(item.targets ?? {}).map(([countyId, targetValue]) => ({
                  countyId: Number(countyId),
                  targetValue,
                })),
              },
            },
          },
        });
        ids[item.code] = created.id;
      }
      return { ...scheme, items: ids };
    },
  };
}
