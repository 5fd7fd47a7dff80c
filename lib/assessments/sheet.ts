/**
 * A run laid out as a performance score sheet (考核得分表): a row per item grouped by category
 * (outcome, process, bonus, deduction) with the category subtotals, a column per county in
 * rank order, then the totals, ranks and grades. The one layout of the printable page and the
 * .xlsx export. Pure: it reads a RunView (./queries.ts).
 */
import { totalPoints } from "@/lib/domain/county-assessment";
import type { AssessmentCategory, Grade } from "@/lib/generated/prisma/enums";
import type { RunView } from "./queries";

/** The categories in score-sheet order. */
export const CATEGORY_ORDER: readonly AssessmentCategory[] = [
  "OUTCOME",
  "PROCESS",
  "BONUS",
  "DEDUCTION",
];

/** One line of the sheet: an item's base points and each county's points (code → points). */
export type SheetLine = {
  code: string;
  name: string;
  nameEn: string;
  basePoints: string;
  points: Record<string, string>;
};

/** The sheet. */
export type ScoreSheet = {
  counties: { code: string; name: string; nameEn: string }[];
  groups: {
    category: AssessmentCategory;
    lines: SheetLine[];
    basePoints: string;
    subtotal: Record<string, string>;
  }[];
  basePoints: string;
  totals: Record<string, string>;
  ranks: Record<string, number>;
  grades: Record<string, Grade>;
};

const sum = (values: readonly string[]) => totalPoints(values.map((points) => ({ points })));

/**
 * Lays out a computed run. Subtotals are the run's stored subtotals (the domain's), base
 * points the scheme's, summed by the domain's totalPoints (decimal, 2 places).
 * @throws Error for a run without a snapshot (never computed).
 */
export function scoreSheet(run: RunView): ScoreSheet {
  if (!run.snapshot) throw new Error("run without a snapshot");
  const counties = run.counties.map((c) => ({ code: c.code, name: c.name, nameEn: c.nameEn }));
  const subtotalOf: Record<AssessmentCategory, "outcome" | "process" | "bonus" | "deduction"> = {
    OUTCOME: "outcome",
    PROCESS: "process",
    BONUS: "bonus",
    DEDUCTION: "deduction",
  };
  const groups = CATEGORY_ORDER.map((category) => {
    const lines = run
      .snapshot!.scheme.items.filter((item) => item.category === category)
      .map((item) => ({
        code: item.code,
        name: item.name,
        nameEn: item.nameEn,
        basePoints: item.basePoints,
        points: Object.fromEntries(
          run.counties.map((c) => [
            c.code,
            c.items.find((i) => i.code === item.code)?.points ?? "",
          ]),
        ),
      }));
    return {
      category,
      lines,
      basePoints: sum(lines.map((l) => l.basePoints)),
      subtotal: Object.fromEntries(run.counties.map((c) => [c.code, c[subtotalOf[category]]])),
    };
  }).filter((g) => g.lines.length > 0);
  return {
    counties,
    groups,
    basePoints: sum(groups.map((g) => g.basePoints)),
    totals: Object.fromEntries(run.counties.map((c) => [c.code, c.total])),
    ranks: Object.fromEntries(run.counties.map((c) => [c.code, c.rank])),
    grades: Object.fromEntries(run.counties.map((c) => [c.code, c.grade])),
  };
}
