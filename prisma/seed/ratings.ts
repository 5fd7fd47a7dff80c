/**
 * Star ratings of provincial samples (demo): every town holding the provincial-sample title on
 * 1 November of a rating year is rated on that year's rubric (./rubric.ts) by a panel of its
 * county's two reviewers and one reviewer of another county (交叉评审). The yearly calendar
 * (demo choice): the city confirms the rated list on 3 November; towns submit their
 * self-assessment by 20 November; panel sheets are drafted from late November and submitted by
 * 15 December; the city approves within days (now and then returning a rating once first).
 * Each step happens only when its moment has come, so in the current year ratings are in
 * progress. Points follow from the reviewers' choices by the one arithmetic,
 * lib/domain/rating.ts; stars from the year's bands.
 */
import {
  combineSheets,
  toSubmittedSheet,
  needsComment,
  scoreItem,
  sheetTotal,
  type Choices,
  type Criterion,
  type RatingItemRule,
} from "@/lib/domain/rating";
import type { RatingDecisionKind, RatingStatus, SheetStatus } from "@/lib/generated/prisma/enums";
import { ADMIN_USERNAME, reviewerUsernames, staffUsername } from "./accounts";
import type { DemoClock } from "./clock";
import { COUNTIES } from "./divisions";
import { addDays, calendarDate, shanghaiTime } from "./format";
import { rand, randInt } from "./random";
import {
  FIRST_RATING_YEAR,
  PANEL_SETTINGS,
  RUBRIC,
  STAR_BANDS,
  type CriterionSeed,
  type RubricItemSeed,
} from "./rubric";
import { holdsSample, type PlanTown } from "./trajectories";

export type PlanSheet = {
  reviewer: string;
  status: SheetStatus;
  version: number;
  total: string | null;
  submittedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  scores: {
    itemCode: string;
    choices: Choices | null;
    points: string | null;
    comment: string | null;
  }[];
};

export type PlanSelfAssessment = {
  status: SheetStatus;
  version: number;
  total: string | null;
  submittedAt: Date | null;
  submittedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  items: { itemCode: string; points: string | null; note: string | null }[];
};

export type PlanRating = {
  year: number;
  townCode: string;
  status: RatingStatus;
  total: string | null;
  stars: number | null;
  flaggedItems: number;
  flaggedReviewers: number;
  version: number;
  approvedBy: string | null;
  approvedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  panel: { reviewer: string; crossReview: boolean }[];
  sheets: PlanSheet[];
  self: PlanSelfAssessment | null;
  decisions: {
    decision: RatingDecisionKind;
    comment: string | null;
    total: string | null;
    stars: number | null;
    by: string;
    at: Date;
  }[];
};

/** The rubric's items as the rating arithmetic reads them. */
export function rubricItems(): (RubricItemSeed & { rule: RatingItemRule })[] {
  return RUBRIC.flatMap((category) =>
    category.items.map((item) => ({
      ...item,
      rule: {
        code: item.code,
        maxPoints: item.maxPoints,
        floorPoints: "0",
        criteria: item.criteria.map(toCriterion),
      },
    })),
  );
}

function toCriterion(c: CriterionSeed): Criterion {
  switch (c.kind) {
    case "FIXED":
    case "DEDUCTION":
      return { code: c.code, kind: c.kind, points: c.points };
    case "DISCRETIONARY":
      return { code: c.code, kind: c.kind, points: c.points, step: c.step };
    case "TIERED":
      return { code: c.code, kind: c.kind, tiers: c.tiers };
    case "VETO":
      return { code: c.code, kind: c.kind, effect: c.effect, capStars: c.capStars };
  }
}

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));

/** A reviewer's choices on one item for a town of a given level (0–1). */
function chooseFor(item: RubricItemSeed, level: number, key: string): Choices {
  const choices: Choices = {};
  for (const c of item.criteria) {
    const k = `${key}|${c.code}`;
    const l = clamp01(level + (rand(`${k}|n`) - 0.5) * 0.3);
    switch (c.kind) {
      case "FIXED":
        choices[c.code] = rand(`${k}|y`) < 0.3 + 0.7 * l;
        break;
      case "TIERED": {
        const last = c.tiers.length - 1;
        choices[c.code] = Math.min(last, Math.max(0, Math.round((1 - l) * last * 1.4 - 0.2)));
        break;
      }
      case "DISCRETIONARY": {
        const steps = Math.round(Number(c.points) / Number(c.step));
        choices[c.code] = String((Math.floor(steps * l + 0.35) * Number(c.step)).toFixed(1));
        break;
      }
      case "DEDUCTION":
        choices[c.code] = String(rand(`${k}|d`) < (1 - l) * 0.35 ? 1 : 0);
        break;
      case "VETO":
        break;
    }
  }
  return choices;
}

const COMMENTS = [
  "部分要点未达到评分标准，已按细则扣分",
  "台账资料不够完整，按细则酌情扣分",
  "现场检查发现问题尚未整改到位",
];

/** The panel of a town's rating: its county's reviewers, then one reviewer of the next county. */
function panelOf(town: PlanTown): { reviewer: string; crossReview: boolean }[] {
  const index = COUNTIES.findIndex((c) => c.divisionCode === town.countyCode);
  const other = COUNTIES[(index + 1) % COUNTIES.length]!;
  return [
    ...reviewerUsernames(town.countyCode).map((reviewer) => ({ reviewer, crossReview: false })),
    { reviewer: reviewerUsernames(other.divisionCode)[0]!, crossReview: true },
  ];
}

/** Every rating of every year from 2021 to the clock's year, as far as it has got. */
export function buildStarRatings(towns: readonly PlanTown[], clock: DemoClock): PlanRating[] {
  const items = rubricItems();
  const ratings: PlanRating[] = [];
  const now = clock.now;
  const happened = (date: Date) => date <= now;
  for (let year = FIRST_RATING_YEAR; year <= clock.year; year++) {
    const createdAt = shanghaiTime(calendarDate(year, 11, 3), 9, 30);
    if (!happened(createdAt)) continue;
    const rated = towns.filter((t) => holdsSample(t, `${year}-11-01`));
    for (const town of rated) {
      const k = `${town.code}|rating|${year}`;
      const base = 0.42 + 0.45 * town.quality + 0.012 * Math.min(5, year - 2021);

      // Self-assessment: a little more generous than the panel.
      const selfCreated = shanghaiTime(calendarDate(year, 11, randInt(`${k}|sc`, 5, 10)), 10);
      // Most submit by the 20th; a few late; in the current year one in twenty is still a draft.
      const lateness = rand(`${k}|late`);
      const selfSubmitted = shanghaiTime(
        lateness < 0.05
          ? calendarDate(year, 12, 20)
          : calendarDate(year, 11, randInt(`${k}|ss`, 12, lateness < 0.15 ? 24 : 20)),
        16,
      );
      const selfChoices = items.map((item) =>
        scoreItem(item.rule, chooseFor(item, clamp01(base + 0.08), `${k}|self|${item.code}`)),
      );
      const selfDone = happened(selfSubmitted);
      const self: PlanSelfAssessment | null = happened(selfCreated)
        ? {
            status: selfDone ? "SUBMITTED" : "DRAFT",
            version: selfDone ? 3 : 2,
            total: selfDone ? sheetTotal(selfChoices.map((s) => s.points)) : null,
            submittedAt: selfDone ? selfSubmitted : null,
            submittedBy: selfDone ? staffUsername(town.code) : null,
            createdAt: selfCreated,
            updatedAt: selfDone ? selfSubmitted : selfCreated,
            items: items.map((item, i) => ({
              itemCode: item.code,
              // A draft still has its last items open.
              points: selfDone || i < items.length - 3 ? selfChoices[i]!.points : null,
              note: i % 4 === 0 ? `${item.indicator}工作已按要求完成，佐证材料见附件` : null,
            })),
          }
        : null;

      // Panel sheets; a returned rating's sheets are revised and submitted again.
      const panel = panelOf(town);
      const returned = year < clock.year && rand(`${k}|return`) < 0.08;
      const sheets: PlanSheet[] = [];
      let lastSubmit: Date | null = null;
      let allSubmitted = true;
      for (const [p, member] of panel.entries()) {
        const sk = `${k}|${member.reviewer}`;
        const bias = (rand(`${sk}|bias`) - 0.5) * 0.08;
        const created = shanghaiTime(calendarDate(year, 11, randInt(`${sk}|c`, 20, 28)), 9 + p);
        const submitted = shanghaiTime(
          calendarDate(year, 12, randInt(`${sk}|s`, 1, 14)),
          15,
          10 * p,
        );
        if (!happened(created)) {
          allSubmitted = false;
          continue;
        }
        const done = happened(submitted);
        const scored = items.map((item, i) => {
          const choices = chooseFor(item, clamp01(base + bias), `${sk}|${item.code}`);
          // A draft is scored from the top; its last items are still open.
          const open = !done && i >= Math.floor(items.length * rand(`${sk}|progress`));
          const result = open ? null : scoreItem(item.rule, choices);
          return {
            itemCode: item.code,
            choices: open ? null : choices,
            points: result?.points ?? null,
            comment:
              result && needsComment(item.rule, result.points)
                ? COMMENTS[randInt(`${sk}|${item.code}|cm`, 0, COMMENTS.length - 1)]!
                : null,
          };
        });
        const total = sheetTotal(scored.map((s) => s.points));
        const resubmitted = returned ? addDays(submitted, 6) : submitted;
        sheets.push({
          reviewer: member.reviewer,
          status: done ? "SUBMITTED" : "DRAFT",
          version: done ? (returned ? 5 : 3) : 2,
          total: done ? total : null,
          submittedAt: done ? resubmitted : null,
          createdAt: created,
          updatedAt: done ? resubmitted : created,
          scores: scored,
        });
        if (!done) allSubmitted = false;
        else if (!lastSubmit || resubmitted > lastSubmit) lastSubmit = resubmitted;
      }

      // The result as the app computes it (lib/ratings/internal.ts refreshRating): vetoes
      // follow from the choices; items are keyed by their place in the rubric here.
      const rules = new Map(items.map((item, i) => [i, item.rule]));
      const result = combineSheets(
        sheets
          .filter((s) => s.status === "SUBMITTED")
          .map((s, i) =>
            toSubmittedSheet(rules, {
              reviewerId: i,
              total: s.total,
              scores: s.scores.map((x, j) => ({ itemId: j, points: x.points, choices: x.choices })),
            }),
          ),
        { ...PANEL_SETTINGS, bands: STAR_BANDS },
      );
      const decisions: PlanRating["decisions"] = [];
      let status: RatingStatus = "SCORING";
      let approvedAt: Date | null = null;
      if (allSubmitted && lastSubmit) {
        status = "SUBMITTED";
        if (returned) {
          decisions.push({
            decision: "RETURN",
            comment: "交叉评审与县级评审分差较大，请评审组复核后重新提交",
            total: result.total,
            stars: result.stars,
            by: ADMIN_USERNAME,
            at: shanghaiTime(addDays(lastSubmit, -4), 11),
          });
        }
        const approve = shanghaiTime(addDays(lastSubmit, randInt(`${k}|approve`, 3, 8)), 11);
        if (happened(approve)) {
          status = "APPROVED";
          approvedAt = approve;
          decisions.push({
            decision: "APPROVE",
            comment: null,
            total: result.total,
            stars: result.stars,
            by: ADMIN_USERNAME,
            at: approve,
          });
        }
      }
      ratings.push({
        year,
        townCode: town.code,
        status,
        total: result.total,
        stars: result.stars,
        flaggedItems: result.spreadItems.length,
        flaggedReviewers: result.deviatingReviewers.length,
        version: 1 + sheets.filter((s) => s.status === "SUBMITTED").length + decisions.length,
        approvedBy: approvedAt ? ADMIN_USERNAME : null,
        approvedAt,
        createdAt,
        updatedAt: approvedAt ?? lastSubmit ?? createdAt,
        panel,
        sheets,
        self,
        decisions,
      });
    }
  }
  return ratings;
}
