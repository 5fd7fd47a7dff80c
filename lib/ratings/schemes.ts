/**
 * Rating schemes (评分细则) per year, administered by the city: reads for the city's pages and
 * the use cases that change schemes. Public sources give no official weights or bands, so every
 * number of a scheme is data the administrator edits per year, with a source note.
 *
 * Life of a scheme: a DRAFT (settings and bands edited here, categories, items and criteria
 * through the .xlsx round trip of lib/ratings/scheme-xlsx.ts) → ACTIVE (ratings of the year are
 * scored on it) → ARCHIVED (replaced or retired). A year has at most one DRAFT and one ACTIVE
 * scheme; an ACTIVE or ARCHIVED scheme never changes (CONFLICT "ratingSchemes.locked"): retire it
 * and make a new version. A new version copies the year's latest scheme (its ACTIVE one first,
 * then the latest ARCHIVED, then a draft), or when the year has none the previous year's ("copy
 * last year's scheme to start"), or starts empty when neither has one.
 * Activation needs a valid scheme (lib/domain/rating-scheme.ts checkScheme); the year's ratings
 * that have not started (`unstartedRatingsWhere`) move to the new scheme, the others stay on
 * the scheme they are scored on.
 *
 * Each use case: zod → authorize (reads `rating.view`, changes `rating.manage`) → one
 * transaction (year writable, the year's scheme lock) → one audit row.
 */
import "server-only";
import { authorize, type Actor } from "@/lib/access";
import { changes, writeAudit } from "@/lib/audit/write";
import { db } from "@/lib/db";
import { fromIsoDate, isoDate } from "@/lib/domain/calendar";
import { checkScheme, checkSchemeBands, type SchemeProblem } from "@/lib/domain/rating-scheme";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SchemeStatus, YearStatus } from "@/lib/generated/prisma/enums";
import { newSchemeSchema, schemeRefSchema, schemeSettingsSchema } from "@/lib/validation/rating";
import { copyRatingScheme } from "./copy.internal";
import { schemeSelect, toSchemeView, type SchemeView } from "./queries";
import {
  assertDraftUnchanged,
  assertUnchanged,
  contentRules,
  lockSchemeYear,
  problemField,
  readSchemeContent,
  schemeProblemsError,
} from "./schemes.internal";

type Tx = Prisma.TransactionClient;

/** A scheme's own fields and bands: the page's fields but the categories and items. */
const { categories: _categories, items: _items, ...changeSelect } = schemeSelect;

/** One row of the schemes list. */
export type SchemeRow = {
  id: number;
  year: number;
  version: number;
  name: string;
  nameEn: string;
  status: SchemeStatus;
  maxPoints: string;
  isDemo: boolean;
  items: number;
  ratings: number;
  updatedAt: string;
};

/**
 * The schemes of every year (or of one), newest year and version first.
 * @throws AppError NOT_FOUND (a role without rating.view)
 */
export async function listSchemes(actor: Actor, year?: number): Promise<SchemeRow[]> {
  authorize(actor, "rating.view");
  const schemes = await db().ratingScheme.findMany({
    where: year === undefined ? {} : { year },
    select: { ...changeSelect, _count: { select: { items: true, ratings: true } } },
    orderBy: [{ year: "desc" }, { version: "desc" }],
  });
  return schemes.map((s) => ({
    id: s.id,
    year: s.year,
    version: s.version,
    name: s.name,
    nameEn: s.nameEn,
    status: s.status,
    maxPoints: s.maxPoints.toFixed(2),
    isDemo: s.isDemo,
    items: s._count.items,
    ratings: s._count.ratings,
    updatedAt: s.updatedAt.toISOString(),
  }));
}

/** A problem of the scheme check, named by its place (see schemes.internal.ts problemField). */
export type SchemeProblemView = { field: string; key: string; values?: Record<string, string> };

/** Everything the scheme page shows. */
export type SchemeDetail = SchemeView & {
  yearStatus: YearStatus;
  /** Ratings scored on this scheme. */
  ratings: number;
  /** The scheme check's problems (drafts only; empty: it may be activated). */
  problems: SchemeProblemView[];
  /**
   * For a draft: the ACTIVE scheme it would replace, and the year's ratings that would move to it
   * (not started) or stay on the scheme they are on.
   */
  activation: {
    replaces: { id: number; version: number } | null;
    moving: number;
    staying: number;
  } | null;
};

/**
 * The year's ratings that have not started, so they move to a newly activated scheme: still
 * SCORING, no item scored on any sheet (not even partly), and no self-assessment item, evidence
 * or evidence link (all of them point at the old scheme's items).
 */
function unstartedRatingsWhere(year: number, schemeId: number): Prisma.StarRatingWhereInput {
  return {
    year,
    schemeId: { not: schemeId },
    status: "SCORING",
    sheets: { none: { scores: { some: {} } } },
    OR: [
      { selfAssessment: { is: null } },
      {
        selfAssessment: {
          items: { none: {} },
          evidence: { none: {} },
          evidenceLinks: { none: {} },
        },
      },
    ],
  };
}

const toProblemViews = (problems: SchemeProblem[]): SchemeProblemView[] =>
  problems.map((p) => ({ field: problemField(p.at), key: p.key, values: p.values }));

/**
 * One scheme with its categories, items and criteria, and for a draft its problems and what
 * activating it would do.
 * @throws AppError NOT_FOUND (unknown scheme, or a role without rating.view)
 */
export async function getScheme(actor: Actor, id: number): Promise<SchemeDetail> {
  const scope = authorize(actor, "rating.view");
  const record = scope.found(
    Number.isInteger(id) && id > 0 && id <= 2_147_483_647
      ? await db().ratingScheme.findUnique({
          where: { id },
          select: {
            ...schemeSelect,
            yearRef: { select: { status: true } },
            _count: { select: { ratings: true } },
          },
        })
      : null,
    { schemeId: id },
  );
  let activation: SchemeDetail["activation"] = null;
  let problems: SchemeProblemView[] = [];
  if (record.status === "DRAFT") {
    const [active, moving, all, content] = await Promise.all([
      db().ratingScheme.findFirst({
        where: { year: record.year, status: "ACTIVE" },
        select: { id: true, version: true },
      }),
      db().starRating.count({ where: unstartedRatingsWhere(record.year, record.id) }),
      db().starRating.count({ where: { year: record.year, schemeId: { not: record.id } } }),
      readSchemeContent(db(), record.id),
    ]);
    activation = { replaces: active, moving, staying: all - moving };
    problems = content ? toProblemViews(checkScheme(contentRules(content))) : [];
  }
  return {
    ...toSchemeView(record),
    yearStatus: record.yearRef.status,
    ratings: record._count.ratings,
    problems,
    activation,
  };
}

/**
 * Starts a new DRAFT version of a year: a deep copy of the year's latest scheme (its ACTIVE one
 * first), else of the previous year's, else an empty scheme to fill by importing a file.
 * @returns the new scheme's id and the scheme it was copied from (null: started empty).
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND (years.unknown) | CONFLICT (years.closed;
 *   ratingSchemes.draftExists: the year already has a draft, continue or delete it)
 */
export async function createSchemeVersion(
  actor: Actor,
  input: unknown,
): Promise<{ id: number; copiedFrom: { id: number; year: number; version: number } | null }> {
  authorize(actor, "rating.manage");
  const { year } = newSchemeSchema.parse(input);
  return db().$transaction(async (tx) => {
    await lockSchemeYear(tx, year);
    const schemes = await tx.ratingScheme.findMany({
      where: { year: { in: [year, year - 1] } },
      select: { id: true, year: true, version: true, status: true },
      orderBy: { version: "desc" },
    });
    const draft = schemes.find((s) => s.year === year && s.status === "DRAFT");
    if (draft) {
      throw new AppError(
        "CONFLICT",
        { message: { key: "ratingSchemes.draftExists", values: { version: draft.version } } },
        { year, draftId: draft.id },
      );
    }
    const latestOf = (y: number) =>
      schemes.find((s) => s.year === y && s.status === "ACTIVE") ??
      schemes.find((s) => s.year === y && s.status === "ARCHIVED") ??
      schemes.find((s) => s.year === y);
    const source = latestOf(year) ?? latestOf(year - 1) ?? null;
    const version = (schemes.find((s) => s.year === year)?.version ?? 0) + 1;
    const { id } = source
      ? await copyRatingScheme(tx, source.id, { year, version })
      : await tx.ratingScheme.create({
          data: {
            year,
            version,
            name: `${year}年度省级样板星级评价细则`,
            nameEn: `${year} star rating scheme for provincial samples`,
            maxPoints: 0,
          },
          select: { id: true },
        });
    const copiedFrom = source && { id: source.id, year: source.year, version: source.version };
    await writeAudit(tx, actor, "ratingScheme.create", id, {
      after: { year, version, copiedFrom: source?.id ?? null },
    });
    return { id, copiedFrom };
  });
}

type ChangeRecord = Prisma.RatingSchemeGetPayload<{ select: typeof changeSelect }>;

/**
 * Takes the lock of a scheme's year, then reads the scheme for a change (after the lock, so
 * what it reads is what the change decides on).
 * @throws AppError NOT_FOUND | CONFLICT (years.closed)
 */
async function schemeForChange(tx: Tx, schemeId: number): Promise<ChangeRecord> {
  const where = { id: schemeId };
  const found = await tx.ratingScheme.findUnique({ where, select: { year: true } });
  if (found) await lockSchemeYear(tx, found.year);
  const scheme = found && (await tx.ratingScheme.findUnique({ where, select: changeSelect }));
  if (!scheme) throw new AppError("NOT_FOUND", {}, { schemeId });
  return scheme;
}

/** A scheme's settings as the audit log records them (points and dates as text). */
function auditedSettings(s: ChangeRecord) {
  return {
    name: s.name,
    nameEn: s.nameEn,
    combination: s.combination,
    trimMinSheets: s.trimMinSheets,
    itemSpreadLimit: s.itemSpreadLimit?.toFixed(2) ?? null,
    reviewerDeviationLimit: s.reviewerDeviationLimit?.toFixed(2) ?? null,
    selfAssessmentDueOn: s.selfAssessmentDueOn ? isoDate(s.selfAssessmentDueOn) : null,
    sheetsDueOn: s.sheetsDueOn ? isoDate(s.sheetsDueOn) : null,
    sourceNote: s.sourceNote,
    isDemo: s.isDemo,
    bands: s.starBands.map((b) => `${b.stars}:${b.minPoints.toFixed(2)}`).join(" "),
  };
}

/**
 * Saves a DRAFT scheme's settings and star bands (see lib/validation/rating.ts
 * schemeSettingsSchema). Bands above the scheme's maximum are refused once it has items.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | VALIDATION (field "bands") | CONFLICT
 *   (ratingSchemes.locked | ratingSchemes.stale | years.closed)
 */
export async function updateSchemeSettings(actor: Actor, input: unknown): Promise<void> {
  authorize(actor, "rating.manage");
  const data = schemeSettingsSchema.parse(input);
  await db().$transaction(async (tx) => {
    const before = await schemeForChange(tx, data.schemeId);
    assertDraftUnchanged(before, data.expectedUpdatedAt);
    if (before.maxPoints.greaterThan(0)) {
      const [problem] = checkSchemeBands(data.bands, before.maxPoints);
      if (problem) {
        throw new AppError(
          "VALIDATION",
          {
            message: { key: "validation.fixFields" },
            fields: { bands: { key: problem.key, values: problem.values } },
          },
          { schemeId: before.id },
        );
      }
    }
    const { count } = await tx.ratingScheme.updateMany({
      where: { id: before.id, updatedAt: before.updatedAt, status: "DRAFT" },
      data: {
        name: data.name,
        nameEn: data.nameEn,
        combination: data.combination,
        trimMinSheets: data.trimMinSheets,
        itemSpreadLimit: data.itemSpreadLimit,
        reviewerDeviationLimit: data.reviewerDeviationLimit,
        selfAssessmentDueOn: data.selfAssessmentDueOn && fromIsoDate(data.selfAssessmentDueOn),
        sheetsDueOn: data.sheetsDueOn && fromIsoDate(data.sheetsDueOn),
        sourceNote: data.sourceNote,
        isDemo: data.isDemo,
      },
    });
    if (count === 0) throw new AppError("CONFLICT", "ratingSchemes.stale", { schemeId: before.id });
    await tx.starBand.deleteMany({ where: { schemeId: before.id } });
    await tx.starBand.createMany({
      data: data.bands.map((b) => ({
        schemeId: before.id,
        stars: b.stars,
        minPoints: b.minPoints,
      })),
    });
    const after = await tx.ratingScheme.findUniqueOrThrow({
      where: { id: before.id },
      select: changeSelect,
    });
    await writeAudit(
      tx,
      actor,
      "ratingScheme.update",
      before.id,
      changes(auditedSettings(before), auditedSettings(after)),
    );
  });
}

/**
 * Activates a valid DRAFT: the year's ACTIVE scheme (if any) is ARCHIVED, and the year's ratings
 * that have not started move to this scheme (their version moves on, so open editors reload).
 * @returns the scheme archived (null: none was active) and how many ratings moved and stayed.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | VALIDATION (ratingSchemes.invalid, one
 *   message per problem) | CONFLICT (ratingSchemes.locked | ratingSchemes.stale | years.closed)
 */
export async function activateScheme(
  actor: Actor,
  input: unknown,
): Promise<{ archived: { id: number; version: number } | null; moved: number; stayed: number }> {
  authorize(actor, "rating.manage");
  const data = schemeRefSchema.parse(input);
  return db().$transaction(async (tx) => {
    const before = await schemeForChange(tx, data.schemeId);
    assertDraftUnchanged(before, data.expectedUpdatedAt);
    const content = await readSchemeContent(tx, before.id);
    const problems = content ? checkScheme(contentRules(content)) : [];
    if (problems.length > 0) throw schemeProblemsError(problems, { schemeId: before.id });
    const archived = await tx.ratingScheme.findFirst({
      where: { year: before.year, status: "ACTIVE" },
      select: { id: true, version: true },
    });
    if (archived) {
      await tx.ratingScheme.update({ where: { id: archived.id }, data: { status: "ARCHIVED" } });
    }
    await tx.ratingScheme.update({ where: { id: before.id }, data: { status: "ACTIVE" } });
    const { count: moved } = await tx.starRating.updateMany({
      where: unstartedRatingsWhere(before.year, before.id),
      data: { schemeId: before.id, version: { increment: 1 } },
    });
    const stayed = await tx.starRating.count({
      where: { year: before.year, schemeId: { not: before.id } },
    });
    await writeAudit(tx, actor, "ratingScheme.activate", before.id, {
      before: { status: "DRAFT", active: archived?.id ?? null },
      after: { status: "ACTIVE", archived: archived?.id ?? null, movedRatings: moved, stayed },
    });
    return { archived, moved, stayed };
  });
}

/**
 * Retires the ACTIVE scheme of its year (ARCHIVED). Its ratings stay on it; the year has no
 * ACTIVE scheme until another version is activated (no town can be added to the rated list).
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | CONFLICT (ratingSchemes.notActive |
 *   ratingSchemes.stale | years.closed)
 */
export async function retireScheme(actor: Actor, input: unknown): Promise<void> {
  authorize(actor, "rating.manage");
  const data = schemeRefSchema.parse(input);
  await db().$transaction(async (tx) => {
    const before = await schemeForChange(tx, data.schemeId);
    if (before.status !== "ACTIVE") {
      throw new AppError("CONFLICT", "ratingSchemes.notActive", { schemeId: before.id });
    }
    assertUnchanged(before, data.expectedUpdatedAt);
    await tx.ratingScheme.update({ where: { id: before.id }, data: { status: "ARCHIVED" } });
    await writeAudit(tx, actor, "ratingScheme.retire", before.id, {
      before: { status: "ACTIVE" },
      after: { status: "ARCHIVED" },
    });
  });
}

/**
 * Deletes a DRAFT scheme with its bands, categories, items and criteria.
 * @throws ZodError; AppError FORBIDDEN | NOT_FOUND | CONFLICT (ratingSchemes.locked |
 *   ratingSchemes.stale | ratingSchemes.inUse | years.closed)
 */
export async function deleteDraftScheme(actor: Actor, input: unknown): Promise<{ year: number }> {
  authorize(actor, "rating.manage");
  const data = schemeRefSchema.parse(input);
  return db().$transaction(async (tx) => {
    const before = await schemeForChange(tx, data.schemeId);
    assertDraftUnchanged(before, data.expectedUpdatedAt);
    if ((await tx.starRating.count({ where: { schemeId: before.id } })) > 0) {
      throw new AppError("CONFLICT", "ratingSchemes.inUse", { schemeId: before.id });
    }
    await tx.ratingScheme.delete({ where: { id: before.id } });
    await writeAudit(tx, actor, "ratingScheme.delete", before.id, {
      before: { year: before.year, version: before.version, name: before.name },
    });
    return { year: before.year };
  });
}
