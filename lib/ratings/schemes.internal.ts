/**
 * Helpers of the rating-scheme use cases (lib/ratings/schemes.ts, lib/ratings/scheme-xlsx.ts,
 * lib/ratings/copy.internal.ts) that run inside their transaction after access was decided: one
 * writer of a year's schemes at a time, the rule that only a DRAFT changes, the freshness check,
 * problems of the scheme check (lib/domain/rating-scheme.ts) as the user part of an error, and a
 * scheme's whole content read and written in one shape (what a copy, an import and an export
 * carry). Unscoped: app/ and components/ may not import it.
 */
import "server-only";
import { fromIsoDate, isoDate } from "@/lib/domain/calendar";
import type { ProblemPlace, SchemeProblem, SchemeRules } from "@/lib/domain/rating-scheme";
import { AppError, type UserMessage } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type {
  CriterionKind,
  Dimension,
  RatingCombination,
  SchemeStatus,
  VetoEffect,
} from "@/lib/generated/prisma/enums";
import { assertYearWritable } from "@/lib/years/internal";
import { tiersSchema, toCriterion } from "./internal";

type Tx = Prisma.TransactionClient;

// The first key of the advisory locks on a year's schemes ("RS" in ASCII).
const SCHEME_LOCK = 0x5253;

/**
 * Takes the year's scheme lock for the rest of the transaction (versions and the one ACTIVE
 * scheme of a year are decided by one writer at a time) after checking the year is writable.
 * @throws AppError CONFLICT (years.closed) | NOT_FOUND (years.unknown)
 */
export async function lockSchemeYear(tx: Tx, year: number): Promise<void> {
  await assertYearWritable(tx, year);
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SCHEME_LOCK}::int, ${year}::int)`;
}

/**
 * Refuses a change to a scheme that is not a DRAFT (a scheme in use never changes: retire it and
 * make a new version) or that changed since the page showed it.
 * @param expectedUpdatedAt ISO instant the page loaded, or undefined to skip the freshness check.
 * @throws AppError CONFLICT (ratingSchemes.locked | ratingSchemes.stale)
 */
export function assertDraftUnchanged(
  scheme: { id: number; status: SchemeStatus; updatedAt: Date },
  expectedUpdatedAt: string | undefined,
): void {
  if (scheme.status !== "DRAFT") {
    throw new AppError("CONFLICT", "ratingSchemes.locked", {
      schemeId: scheme.id,
      status: scheme.status,
    });
  }
  assertUnchanged(scheme, expectedUpdatedAt);
}

/**
 * Refuses a change based on a stale page. @throws AppError CONFLICT (ratingSchemes.stale)
 */
export function assertUnchanged(
  scheme: { id: number; updatedAt: Date },
  expectedUpdatedAt: string | undefined,
): void {
  if (
    expectedUpdatedAt !== undefined &&
    scheme.updatedAt.getTime() !== new Date(expectedUpdatedAt).getTime()
  ) {
    throw new AppError("CONFLICT", "ratingSchemes.stale", { schemeId: scheme.id });
  }
}

/**
 * The name a problem's place goes by in an error's `fields` and on the scheme page: "scheme",
 * "bands", "bands:<stars>", "category:<code>", "item:<code>", "criterion:<item>:<code>"
 * (":" never occurs in codes; components/ratings/schemes/problem-list.tsx reads it back).
 */
export function problemField(at: ProblemPlace): string {
  switch (at.kind) {
    case "scheme":
      return "scheme";
    case "bands":
      return at.stars === null ? "bands" : `bands:${at.stars}`;
    case "category":
      return `category:${at.category}`;
    case "item":
      return `item:${at.item}`;
    case "criterion":
      return `criterion:${at.item}:${at.criterion}`;
  }
}

/**
 * The error refusing to activate an invalid scheme: "ratingSchemes.invalid" and one message per
 * problem place (the first problem of each).
 */
export function schemeProblemsError(problems: SchemeProblem[], detail?: unknown): AppError {
  const fields: Record<string, UserMessage> = {};
  for (const p of problems) fields[problemField(p.at)] ??= { key: p.key, values: p.values };
  return new AppError(
    "VALIDATION",
    { message: { key: "ratingSchemes.invalid", values: { count: problems.length } }, fields },
    detail,
  );
}

/** One criterion of an item as stored (points as decimal text; tiers only for TIERED). */
export type ContentCriterion = {
  code: string;
  kind: CriterionKind;
  label: string;
  labelEn: string;
  points: string | null;
  step: string | null;
  tiers: { label: string; labelEn: string; points: string }[] | null;
  vetoEffect: VetoEffect | null;
  vetoCapStars: number | null;
};

/** One item (考核要点) with its criteria. */
export type ContentItem = {
  code: string;
  indicator: string | null;
  indicatorEn: string | null;
  name: string;
  nameEn: string;
  dimension: Dimension | null;
  maxPoints: string;
  floorPoints: string;
  guidance: string | null;
  guidanceEn: string | null;
  evidenceHint: string | null;
  criteria: ContentCriterion[];
};

/** One category (考核内容) with its subtotal and items. */
export type ContentCategory = {
  code: string;
  name: string;
  nameEn: string;
  maxPoints: string;
  items: ContentItem[];
};

/**
 * A scheme's whole content, what a version copies and an .xlsx file carries: its settings
 * (deadlines as "YYYY-MM-DD"), star bands and categories in order. Items belong to a category
 * (every writer gives them one).
 */
export type SchemeContent = {
  settings: {
    name: string;
    nameEn: string;
    maxPoints: string;
    combination: RatingCombination;
    trimMinSheets: number;
    itemSpreadLimit: string | null;
    reviewerDeviationLimit: string | null;
    selfAssessmentDueOn: string | null;
    sheetsDueOn: string | null;
    sourceNote: string | null;
    isDemo: boolean;
  };
  bands: { stars: number; minPoints: string }[];
  categories: ContentCategory[];
};

const points = (d: { toFixed(n: number): string }) => d.toFixed(2);
const pointsOrNull = (d: { toFixed(n: number): string } | null) => (d ? points(d) : null);
const dateOrNull = (d: Date | null) => (d ? isoDate(d) : null);
const order: { sortOrder?: "asc"; id?: "asc" }[] = [{ sortOrder: "asc" }, { id: "asc" }];

/**
 * Reads a scheme's content with its year, version and status.
 * @returns null when there is no such scheme.
 */
export async function readSchemeContent(
  client: Pick<Tx, "ratingScheme">,
  schemeId: number,
): Promise<
  (SchemeContent & { id: number; year: number; version: number; status: SchemeStatus }) | null
> {
  const s = await client.ratingScheme.findUnique({
    where: { id: schemeId },
    include: {
      starBands: { orderBy: { stars: "asc" } },
      categories: {
        orderBy: order,
        include: { items: { orderBy: order, include: { criteria: { orderBy: order } } } },
      },
    },
  });
  if (!s) return null;
  return {
    id: s.id,
    year: s.year,
    version: s.version,
    status: s.status,
    settings: {
      name: s.name,
      nameEn: s.nameEn,
      maxPoints: points(s.maxPoints),
      combination: s.combination,
      trimMinSheets: s.trimMinSheets,
      itemSpreadLimit: pointsOrNull(s.itemSpreadLimit),
      reviewerDeviationLimit: pointsOrNull(s.reviewerDeviationLimit),
      selfAssessmentDueOn: dateOrNull(s.selfAssessmentDueOn),
      sheetsDueOn: dateOrNull(s.sheetsDueOn),
      sourceNote: s.sourceNote,
      isDemo: s.isDemo,
    },
    bands: s.starBands.map((b) => ({ stars: b.stars, minPoints: points(b.minPoints) })),
    categories: s.categories.map((c) => ({
      code: c.code,
      name: c.name,
      nameEn: c.nameEn,
      maxPoints: points(c.maxPoints),
      items: c.items.map((i) => ({
        code: i.code,
        indicator: i.indicator,
        indicatorEn: i.indicatorEn,
        name: i.name,
        nameEn: i.nameEn,
        dimension: i.dimension,
        maxPoints: points(i.maxPoints),
        floorPoints: points(i.floorPoints),
        guidance: i.guidance,
        guidanceEn: i.guidanceEn,
        evidenceHint: i.evidenceHint,
        criteria: i.criteria.map((k) => ({
          code: k.code,
          kind: k.kind,
          label: k.label,
          labelEn: k.labelEn,
          points: pointsOrNull(k.points),
          step: pointsOrNull(k.step),
          tiers: k.kind === "TIERED" ? tiersSchema.parse(k.tiers) : null,
          vetoEffect: k.vetoEffect,
          vetoCapStars: k.vetoCapStars,
        })),
      })),
    })),
  };
}

/**
 * Replaces a scheme's settings, bands, categories, items and criteria with `content` (sort
 * orders follow the content's order). The caller decides the scheme may change (a DRAFT nobody
 * rates on); the row's updatedAt moves on.
 */
export async function writeSchemeContent(
  tx: Tx,
  schemeId: number,
  content: SchemeContent,
): Promise<void> {
  const s = content.settings;
  await tx.ratingCategory.deleteMany({ where: { schemeId } });
  await tx.ratingItem.deleteMany({ where: { schemeId } });
  await tx.starBand.deleteMany({ where: { schemeId } });
  await tx.ratingScheme.update({
    where: { id: schemeId },
    data: {
      ...s,
      selfAssessmentDueOn: s.selfAssessmentDueOn && fromIsoDate(s.selfAssessmentDueOn),
      sheetsDueOn: s.sheetsDueOn && fromIsoDate(s.sheetsDueOn),
      starBands: { createMany: { data: content.bands } },
    },
  });
  let itemOrder = 0;
  for (const [c, category] of content.categories.entries()) {
    const { id: categoryId } = await tx.ratingCategory.create({
      data: {
        schemeId,
        code: category.code,
        name: category.name,
        nameEn: category.nameEn,
        maxPoints: category.maxPoints,
        sortOrder: c + 1,
      },
      select: { id: true },
    });
    for (const { criteria, ...item } of category.items) {
      await tx.ratingItem.create({
        data: {
          ...item,
          schemeId,
          categoryId,
          sortOrder: ++itemOrder,
          criteria: {
            createMany: {
              data: criteria.map(({ tiers, ...k }, sortOrder) => ({
                ...k,
                tiers: tiers ?? undefined,
                sortOrder,
              })),
            },
          },
        },
        select: { id: true },
      });
    }
  }
}

// Decimal text in the shape toCriterion reads stored Decimals.
const decimalLike = (v: string | null) => (v === null ? null : { toFixed: () => v });

/** A scheme's content as the scheme check reads it (lib/domain/rating-scheme.ts). */
export function contentRules(content: SchemeContent): SchemeRules {
  return {
    maxPoints: content.settings.maxPoints,
    bands: content.bands,
    categories: content.categories.map((c) => ({
      code: c.code,
      maxPoints: c.maxPoints,
      items: c.items.map((i) => ({
        code: i.code,
        maxPoints: i.maxPoints,
        floorPoints: i.floorPoints,
        criteria: i.criteria.map((k) =>
          toCriterion({ ...k, points: decimalLike(k.points), step: decimalLike(k.step) }),
        ),
      })),
    })),
  };
}
