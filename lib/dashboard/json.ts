/**
 * The JSON form of a summary for /api/v1: every figure as a number (land, investment and rates
 * keep their 2-decimal values), keys as in lib/dashboard/summary.ts (glossary camelCase).
 */
import type { AreaFigures, Summary } from "./types";

type JsonFigures = {
  [K in keyof AreaFigures]: AreaFigures[K] extends string ? number : AreaFigures[K];
};

function figuresToJson(f: AreaFigures): JsonFigures {
  return {
    ...f,
    landSuppliedMu: Number(f.landSuppliedMu),
    plannedInvestmentWan: Number(f.plannedInvestmentWan),
    completedInvestmentWan: Number(f.completedInvestmentWan),
    submissionRate: Number(f.submissionRate),
    approvalRate: Number(f.approvalRate),
  };
}

/** `{ year, period, ...figures, byCounty: [{ code, name, nameEn, ...figures }] }` */
export function summaryToJson(summary: Summary) {
  return {
    year: summary.year,
    period: summary.period && {
      index: summary.period.index,
      name: summary.period.name,
      nameEn: summary.period.nameEn,
    },
    ...figuresToJson(summary.total),
    byCounty: summary.byCounty.map(({ countyId: _id, code, name, nameEn, ...figures }) => ({
      code,
      name,
      nameEn,
      ...figuresToJson(figures),
    })),
  };
}
