/**
 * Reads of star ratings (省级样板星级评价), scoped through lib/access.ts (`scope.ratings`: the
 * city all, a reviewer their county's and the panels they sit on, staff their town's), with the
 * visibility rules of lib/domain/rating-status.ts applied here once: a reviewer sees other
 * panelists' points only after submitting their own sheet; staff see the result only once
 * approved. Points are 2-place decimal strings.
 */
import "server-only";
import { authorize, type Actor } from "@/lib/access";
import { db } from "@/lib/db";
import { liveFigures } from "@/lib/system/data-version";
import {
  combineSheets,
  itemRulesById,
  nextBand,
  sheetTotal,
  toSubmittedSheet,
  type PanelResult,
} from "@/lib/domain/rating";
import {
  countsAsStarLevel,
  starLevelWhere,
  maySeePanelPoints,
  maySeeResult,
  sheetsOpen,
} from "@/lib/domain/rating-status";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RatingDecisionKind, RatingStatus, SheetStatus } from "@/lib/generated/prisma/enums";
import {
  itemRuleSelect,
  panelRuleSelect,
  submittedSheetsSelect,
  toCriterion,
  toItemRule,
  toPanelRule,
} from "./internal";
import { townWithCountySelect } from "@/lib/towns/select";

const two = (d: { toFixed(n: number): string } | null | undefined) => (d ? d.toFixed(2) : null);

/** The fields of a scheme that `toSchemeView` reads. */
export const schemeSelect = {
  id: true,
  year: true,
  version: true,
  name: true,
  nameEn: true,
  status: true,
  maxPoints: true,
  combination: true,
  trimMinSheets: true,
  itemSpreadLimit: true,
  reviewerDeviationLimit: true,
  selfAssessmentDueOn: true,
  sheetsDueOn: true,
  sourceNote: true,
  isDemo: true,
  updatedAt: true,
  starBands: { select: { stars: true, minPoints: true }, orderBy: { stars: "asc" } },
  categories: {
    select: { id: true, code: true, name: true, nameEn: true, maxPoints: true },
    orderBy: { sortOrder: "asc" },
  },
  items: {
    select: {
      id: true,
      categoryId: true,
      code: true,
      indicator: true,
      indicatorEn: true,
      name: true,
      nameEn: true,
      maxPoints: true,
      floorPoints: true,
      guidance: true,
      guidanceEn: true,
      evidenceHint: true,
      criteria: {
        select: { ...itemRuleSelect.criteria.select, id: true, label: true, labelEn: true },
        orderBy: { sortOrder: "asc" },
      },
    },
    orderBy: { sortOrder: "asc" },
  },
} as const satisfies Prisma.RatingSchemeSelect;

type SchemeRecord = Prisma.RatingSchemeGetPayload<{ select: typeof schemeSelect }>;

/** A scheme as pages show it (points as strings, criteria in the arithmetic's form too). */
export type SchemeView = ReturnType<typeof toSchemeView>;

/** Turns a scheme record into its view. */
export function toSchemeView(s: SchemeRecord) {
  return {
    id: s.id,
    year: s.year,
    version: s.version,
    name: s.name,
    nameEn: s.nameEn,
    status: s.status,
    maxPoints: s.maxPoints.toFixed(2),
    combination: s.combination,
    trimMinSheets: s.trimMinSheets,
    itemSpreadLimit: two(s.itemSpreadLimit),
    reviewerDeviationLimit: two(s.reviewerDeviationLimit),
    selfAssessmentDueOn: s.selfAssessmentDueOn?.toISOString().slice(0, 10) ?? null,
    sheetsDueOn: s.sheetsDueOn?.toISOString().slice(0, 10) ?? null,
    sourceNote: s.sourceNote,
    isDemo: s.isDemo,
    updatedAt: s.updatedAt.toISOString(),
    bands: s.starBands.map((b) => ({ stars: b.stars, minPoints: b.minPoints.toFixed(2) })),
    categories: s.categories.map((c) => ({
      id: c.id,
      code: c.code,
      name: c.name,
      nameEn: c.nameEn,
      maxPoints: c.maxPoints.toFixed(2),
      items: s.items
        .filter((i) => i.categoryId === c.id)
        .map((i) => ({
          id: i.id,
          code: i.code,
          indicator: i.indicator,
          indicatorEn: i.indicatorEn,
          name: i.name,
          nameEn: i.nameEn,
          maxPoints: i.maxPoints.toFixed(2),
          floorPoints: i.floorPoints.toFixed(2),
          guidance: i.guidance,
          guidanceEn: i.guidanceEn,
          evidenceHint: i.evidenceHint,
          criteria: i.criteria.map((c) => ({
            id: c.id,
            label: c.label,
            labelEn: c.labelEn,
            rule: toCriterion(c),
          })),
        })),
    })),
  };
}

/** One item's score on a sheet. */
export type SheetScoreView = {
  choices: Record<string, unknown> | null;
  points: string | null;
  comment: string | null;
};

/** A panelist's sheet as a viewer may see it (`scores` empty when the viewer may not). */
export type SheetView = {
  reviewerId: number;
  reviewerName: string;
  /** The reviewer's user name, for the city's panel management (null for other viewers). */
  username: string | null;
  crossReview: boolean;
  status: SheetStatus | null;
  version: number;
  total: string | null;
  submittedAt: string | null;
  scores: Record<number, SheetScoreView>;
};

/** Everything the rating page shows, already filtered for the viewer. */
export type RatingView = {
  id: number;
  year: number;
  version: number;
  status: RatingStatus;
  town: {
    code: string;
    name: string;
    nameEn: string | null;
    countyCode: string;
    countyName: string;
    countyNameEn: string;
  };
  scheme: SchemeView;
  /** The viewer's own sheet (reviewers on the panel), else null. */
  ownSheet: SheetView | null;
  /** Every panelist, with scores only where the viewer may see them. */
  panel: SheetView[];
  /** Whether the viewer may see all panel points (blind until own sheet submitted). */
  panelVisible: boolean;
  /** The combined result of submitted sheets, when the viewer may see it. */
  result: (PanelResult & { next: { stars: number; pointsNeeded: string } | null }) | null;
  selfAssessment: {
    status: SheetStatus;
    version: number;
    total: string | null;
    submittedAt: string | null;
    items: Record<number, { points: string | null; note: string | null }>;
    evidence: { id: number; itemId: number | null; fileName: string; linked: boolean }[];
  } | null;
  decisions: {
    decision: RatingDecisionKind;
    comment: string | null;
    total: string | null;
    stars: number | null;
    by: string;
    at: string;
  }[];
  approvedAt: string | null;
  sheetsOpen: boolean;
};

/**
 * The rating of a town in a year, filtered for the viewer.
 * @throws AppError NOT_FOUND (no such rating, or outside the viewer's scope)
 */
export async function getRatingView(
  actor: Actor,
  townCode: string,
  year: number,
): Promise<RatingView> {
  const scope = authorize(actor, "rating.view");
  const valid = /^\d{9}$/.test(townCode) && Number.isInteger(year);
  const rating = scope.found(
    valid
      ? await db().starRating.findFirst({
          where: { AND: [{ year, town: { divisionCode: townCode } }, scope.ratings] },
          select: {
            id: true,
            year: true,
            version: true,
            status: true,
            approvedAt: true,
            totalPoints: true,
            stars: true,
            town: { select: townWithCountySelect },
            scheme: { select: schemeSelect },
            panel: {
              select: {
                crossReview: true,
                reviewer: { select: { id: true, displayName: true, username: true } },
              },
              orderBy: [{ crossReview: "asc" }, { reviewerId: "asc" }],
            },
            sheets: {
              select: {
                reviewerId: true,
                status: true,
                version: true,
                totalPoints: true,
                submittedAt: true,
                scores: { select: { itemId: true, choices: true, points: true, comment: true } },
              },
            },
            selfAssessment: {
              select: {
                status: true,
                version: true,
                totalPoints: true,
                submittedAt: true,
                items: { select: { itemId: true, points: true, note: true } },
                evidence: { select: { id: true, ratingItemId: true, fileName: true } },
                evidenceLinks: {
                  select: { itemId: true, evidence: { select: { id: true, fileName: true } } },
                },
              },
            },
            decisions: {
              select: {
                decision: true,
                comment: true,
                totalPoints: true,
                stars: true,
                at: true,
                by: { select: { displayName: true } },
              },
              orderBy: { id: "asc" },
            },
          },
        })
      : null,
    { townCode, year },
  );
  const own = rating.sheets.find((s) => s.reviewerId === actor.id);
  const panelVisible = maySeePanelPoints(actor.role, own?.status === "SUBMITTED", rating.status);
  const itemIds = rating.scheme.items.map((i) => i.id);
  // A draft's running total: the sum of its items, null while one is not scored.
  const runningTotal = (
    scores: { itemId: number; points: { toFixed(n: number): string } | null }[],
  ) => {
    const byItem = new Map(scores.map((s) => [s.itemId, two(s.points)]));
    return sheetTotal(itemIds.map((id) => byItem.get(id) ?? null));
  };
  const sheetView = (p: (typeof rating.panel)[number]): SheetView => {
    const sheet = rating.sheets.find((s) => s.reviewerId === p.reviewer.id);
    // Another reviewer's draft stays theirs; the city follows drafts too.
    const visible =
      p.reviewer.id === actor.id ||
      (panelVisible && (sheet?.status === "SUBMITTED" || actor.role !== "COUNTY_REVIEWER"));
    return {
      reviewerId: p.reviewer.id,
      reviewerName: p.reviewer.displayName,
      username: actor.role === "CITY_ADMIN" ? p.reviewer.username : null,
      crossReview: p.crossReview,
      status: sheet?.status ?? null,
      version: sheet?.version ?? 0,
      total:
        !visible || !sheet
          ? null
          : sheet.status === "SUBMITTED"
            ? two(sheet.totalPoints)
            : runningTotal(sheet.scores),
      submittedAt: sheet?.submittedAt?.toISOString() ?? null,
      scores:
        visible && sheet
          ? Object.fromEntries(
              sheet.scores.map((s) => [
                s.itemId,
                {
                  choices: (s.choices as Record<string, unknown> | null) ?? null,
                  points: two(s.points),
                  comment: s.comment,
                },
              ]),
            )
          : {},
    };
  };
  const panel = rating.panel.map(sheetView);
  const scheme = toSchemeView(rating.scheme);
  let result: RatingView["result"] = null;
  if (
    maySeeResult(actor.role, rating.status) &&
    (panelVisible || actor.role === "TOWNSHIP_STAFF")
  ) {
    const rules = itemRulesById(scheme.categories.flatMap((c) => c.items));
    const combined = combineSheets(
      rating.sheets
        .filter((s) => s.status === "SUBMITTED")
        .map((s) => toSubmittedSheet(rules, { ...s, total: s.totalPoints })),
      {
        combination: scheme.combination,
        trimMinSheets: scheme.trimMinSheets,
        itemSpreadLimit: scheme.itemSpreadLimit,
        reviewerDeviationLimit: scheme.reviewerDeviationLimit,
        bands: scheme.bands,
      },
    );
    // The stored result is the one that counts (frozen at approval); it equals `combined`
    // while the rating is open, as both come from the same submitted sheets.
    const total = two(rating.totalPoints);
    result = {
      ...combined,
      total,
      stars: rating.stars,
      next: total === null ? null : nextBand(total, scheme.bands),
    };
  }
  const sa = rating.selfAssessment;
  return {
    id: rating.id,
    year: rating.year,
    version: rating.version,
    status: rating.status,
    town: {
      code: rating.town.divisionCode,
      name: rating.town.name,
      nameEn: rating.town.nameEn,
      countyCode: rating.town.county.divisionCode,
      countyName: rating.town.county.name,
      countyNameEn: rating.town.county.nameEn,
    },
    scheme,
    ownSheet: panel.find((p) => p.reviewerId === actor.id) ?? null,
    panel,
    panelVisible,
    result,
    selfAssessment: sa && {
      status: sa.status,
      version: sa.version,
      total: two(sa.totalPoints),
      submittedAt: sa.submittedAt?.toISOString() ?? null,
      items: Object.fromEntries(
        sa.items.map((i) => [i.itemId, { points: two(i.points), note: i.note }]),
      ),
      evidence: [
        ...sa.evidence.map((e) => ({
          id: e.id,
          itemId: e.ratingItemId,
          fileName: e.fileName,
          linked: false,
        })),
        ...sa.evidenceLinks.map((l) => ({
          id: l.evidence.id,
          itemId: l.itemId,
          fileName: l.evidence.fileName,
          linked: true,
        })),
      ],
    },
    // The town learns of the panel's work once the city approved it.
    decisions: (maySeeResult(actor.role, rating.status) ? rating.decisions : []).map((d) => ({
      decision: d.decision,
      comment: d.comment,
      total: two(d.totalPoints),
      stars: d.stars,
      by: d.by.displayName,
      at: d.at.toISOString(),
    })),
    approvedAt: rating.approvedAt?.toISOString() ?? null,
    sheetsOpen: sheetsOpen(rating.status),
  };
}

/** One row of the ratings table of a year. */
export type RatingRow = {
  id: number;
  townCode: string;
  townName: string;
  townNameEn: string | null;
  countyCode: string;
  countyName: string;
  countyNameEn: string;
  status: RatingStatus;
  total: string | null;
  stars: number | null;
  panelSize: number;
  sheetsSubmitted: number;
  selfSubmitted: boolean;
  /** Items whose points spread beyond the scheme's limit / reviewers beyond the deviation limit. */
  spreadItems: number;
  deviatingReviewers: number;
  /** For a reviewer: their own sheet's status on this rating (null: none / not on the panel). */
  mySheet: SheetStatus | "NONE" | null;
};

/**
 * The ratings of a year the viewer may see, with progress and flags; read once per data version
 * in this process (lib/system/data-version.ts liveFigures).
 * @throws AppError NOT_FOUND (a role without rating.view)
 */
export async function listRatings(
  actor: Actor,
  year: number,
  countyCode?: string,
): Promise<RatingRow[]> {
  const scope = authorize(actor, "rating.view");
  const county = countyCode ? { town: { county: { divisionCode: countyCode } } } : {};
  // Cached per data version (lib/system/data-version.ts) under what the rows depend on: the
  // viewer (their panel seat and sheet), the scope, the year and the county.
  const key = `ratings:${actor.id}:${JSON.stringify(scope.ratings)}:${year}:${countyCode ?? ""}`;
  const ratings = await liveFigures(key, () =>
    db().starRating.findMany({
      where: { AND: [{ year }, county, scope.ratings] },
      select: {
        id: true,
        status: true,
        totalPoints: true,
        stars: true,
        flaggedItems: true,
        flaggedReviewers: true,
        town: { select: townWithCountySelect },
        _count: { select: { panel: true, sheets: { where: { status: "SUBMITTED" } } } },
        panel: { where: { reviewerId: actor.id }, select: { reviewerId: true } },
        sheets: { where: { reviewerId: actor.id }, select: { status: true } },
        selfAssessment: { select: { status: true } },
      },
      orderBy: [{ town: { county: { divisionCode: "asc" } } }, { town: { divisionCode: "asc" } }],
    }),
  );
  return ratings.map((r) => {
    const own = r.sheets[0];
    const seePanel = maySeePanelPoints(actor.role, own?.status === "SUBMITTED", r.status);
    const seeResult =
      maySeeResult(actor.role, r.status) && (seePanel || actor.role === "TOWNSHIP_STAFF");
    const onPanel = r.panel.length > 0;
    return {
      id: r.id,
      townCode: r.town.divisionCode,
      townName: r.town.name,
      townNameEn: r.town.nameEn,
      countyCode: r.town.county.divisionCode,
      countyName: r.town.county.name,
      countyNameEn: r.town.county.nameEn,
      status: r.status,
      total: seeResult ? two(r.totalPoints) : null,
      stars: seeResult ? r.stars : null,
      panelSize: r._count.panel,
      sheetsSubmitted: r._count.sheets,
      selfSubmitted: r.selfAssessment?.status === "SUBMITTED",
      spreadItems: seePanel ? r.flaggedItems : 0,
      deviatingReviewers: seePanel ? r.flaggedReviewers : 0,
      mySheet: actor.role !== "COUNTY_REVIEWER" || !onPanel ? null : (own?.status ?? "NONE"),
    };
  });
}

/** One year of a town's star ratings: the approved result, and where this year's stands. */
export type TownStarYear = {
  year: number;
  status: RatingStatus;
  /** Approved ratings only (the town's star level of the year). */
  stars: number | null;
  total: string | null;
  panelSize: number;
  sheetsSubmitted: number;
  selfStatus: SheetStatus | null;
};

/**
 * A town's star ratings by year (the town page: stars over the years, this year's progress).
 * @throws AppError NOT_FOUND (a role without rating.view)
 */
export async function listTownStars(actor: Actor, townCode: string): Promise<TownStarYear[]> {
  const scope = authorize(actor, "rating.view");
  // Once per data version in this process (lib/system/data-version.ts), per scope.
  return liveFigures(`townStars:${JSON.stringify(scope.ratings)}:${townCode}`, () =>
    loadTownStars(scope.ratings, townCode),
  );
}

async function loadTownStars(
  scopeRatings: Prisma.StarRatingWhereInput,
  townCode: string,
): Promise<TownStarYear[]> {
  const ratings = await db().starRating.findMany({
    where: { AND: [{ town: { divisionCode: townCode } }, scopeRatings] },
    select: {
      year: true,
      status: true,
      stars: true,
      totalPoints: true,
      _count: { select: { panel: true, sheets: { where: { status: "SUBMITTED" } } } },
      selfAssessment: { select: { status: true } },
    },
    orderBy: { year: "asc" },
  });
  return ratings.map((r) => {
    const approved = countsAsStarLevel(r.status);
    return {
      year: r.year,
      status: r.status,
      stars: approved ? r.stars : null,
      total: approved ? two(r.totalPoints) : null,
      panelSize: r._count.panel,
      sheetsSubmitted: r._count.sheets,
      selfStatus: r.selfAssessment?.status ?? null,
    };
  });
}

/**
 * The years that have star ratings the viewer may see, newest first (cached per data version).
 * @throws AppError NOT_FOUND (a role without rating.view)
 */
export async function listRatingYears(actor: Actor): Promise<number[]> {
  const scope = authorize(actor, "rating.view");
  const years = await liveFigures(`ratingYears:${JSON.stringify(scope.ratings)}`, () =>
    db().starRating.findMany({
      where: scope.ratings,
      distinct: ["year"],
      select: { year: true },
      orderBy: { year: "desc" },
    }),
  );
  return years.map((y) => y.year);
}

/** An item column of the year's results: the item of the schemes in use, in sheet order. */
export type ResultItem = { code: string; name: string; nameEn: string; maxPoints: string };

/** One approved rating's result: the panel's points per item code, total and stars. */
export type RatingResultRow = {
  townCode: string;
  townName: string;
  townNameEn: string | null;
  countyName: string;
  countyNameEn: string;
  total: string | null;
  stars: number | null;
  approvedAt: string | null;
  items: Record<string, string>;
};

/**
 * The approved ratings of a year (the town's star level of the year) with the panel's points
 * per item, for the export: items are those of the schemes the ratings used, in sheet order
 * (one scheme per year in practice; a later version's new items are appended).
 * @throws AppError NOT_FOUND (a role without rating.view)
 */
export async function listRatingResults(
  actor: Actor,
  year: number,
  countyCode?: string,
): Promise<{ items: ResultItem[]; rows: RatingResultRow[] }> {
  const scope = authorize(actor, "rating.view");
  const county = countyCode ? { town: { county: { divisionCode: countyCode } } } : {};
  const ratings = await db().starRating.findMany({
    where: { AND: [{ year }, starLevelWhere, county, scope.ratings] },
    select: {
      schemeId: true,
      totalPoints: true,
      stars: true,
      approvedAt: true,
      town: { select: townWithCountySelect },
      scheme: { select: panelRuleSelect },
      sheets: submittedSheetsSelect,
    },
    orderBy: [{ town: { county: { divisionCode: "asc" } } }, { town: { divisionCode: "asc" } }],
  });
  const schemeIds = [...new Set(ratings.map((r) => r.schemeId))];
  const schemeItems = await db().ratingItem.findMany({
    where: { schemeId: { in: schemeIds } },
    select: { ...itemRuleSelect, schemeId: true, name: true, nameEn: true },
    orderBy: [{ schemeId: "asc" }, { sortOrder: "asc" }],
  });
  const items: ResultItem[] = [];
  for (const item of schemeItems) {
    if (!items.some((i) => i.code === item.code)) {
      items.push({
        code: item.code,
        name: item.name,
        nameEn: item.nameEn,
        maxPoints: item.maxPoints.toFixed(2),
      });
    }
  }
  const rules = new Map(schemeItems.map((i) => [i.id, toItemRule(i)]));
  const rows = ratings.map((r) => {
    const result = combineSheets(
      r.sheets.map((sheet) => toSubmittedSheet(rules, { ...sheet, total: sheet.totalPoints })),
      toPanelRule(r.scheme),
    );
    return {
      townCode: r.town.divisionCode,
      townName: r.town.name,
      townNameEn: r.town.nameEn,
      countyName: r.town.county.name,
      countyNameEn: r.town.county.nameEn,
      total: two(r.totalPoints),
      stars: r.stars,
      approvedAt: r.approvedAt?.toISOString() ?? null,
      items: result.items,
    };
  });
  return { items, rows };
}

/**
 * A rating view as the JSON API gives it: points as decimal strings, items by code, the same
 * visibility as the page (a reviewer's blind panel has no points; staff see the result only
 * once approved).
 */
export function ratingViewToJson(view: RatingView) {
  const items = view.scheme.categories.flatMap((c) => c.items);
  const byItem = <T>(record: Record<number, T>) =>
    items.flatMap((i) => (record[i.id] ? [{ code: i.code, ...record[i.id]! }] : []));
  return {
    id: view.id,
    year: view.year,
    status: view.status,
    version: view.version,
    town: view.town,
    scheme: {
      id: view.scheme.id,
      version: view.scheme.version,
      name: view.scheme.name,
      nameEn: view.scheme.nameEn,
      isDemo: view.scheme.isDemo,
      maxPoints: view.scheme.maxPoints,
      combination: view.scheme.combination,
      bands: view.scheme.bands,
      items: items.map((i) => ({
        code: i.code,
        name: i.name,
        nameEn: i.nameEn,
        maxPoints: i.maxPoints,
        floorPoints: i.floorPoints,
        criteria: i.criteria.map((c) => ({ ...c.rule, label: c.label, labelEn: c.labelEn })),
      })),
    },
    result: view.result && {
      total: view.result.total,
      stars: view.result.stars,
      veto: view.result.veto,
      items: view.result.items,
      countedSheets: view.result.counted.length,
      spreadItems: view.result.spreadItems,
      next: view.result.next,
    },
    panel: view.panel.map((p) => ({
      reviewer: p.reviewerName,
      crossReview: p.crossReview,
      status: p.status,
      total: p.total,
      submittedAt: p.submittedAt,
      items: byItem(p.scores).map((s) => ({ code: s.code, points: s.points, comment: s.comment })),
    })),
    selfAssessment: view.selfAssessment && {
      status: view.selfAssessment.status,
      total: view.selfAssessment.total,
      submittedAt: view.selfAssessment.submittedAt,
      items: byItem(view.selfAssessment.items),
    },
    decisions: view.decisions,
    approvedAt: view.approvedAt,
  };
}
