/**
 * Writes the built demo data set through one transaction client: reference data first, then
 * the programme, ratings and assessments. Bulk rows go through createMany (in chunks, to stay
 * well under PostgreSQL's bind-parameter limit); createManyAndReturn gives back the ids that
 * later rows need, matched by natural keys (never by position).
 */
import { createHash } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ADMIN_USERNAME, demoAccounts } from "./accounts";
import { writeAssessments, type AssessmentPlan } from "./assessments";
import {
  BASIC_REQUIREMENTS,
  INDICATORS,
  INDICATOR_SOURCE_NOTE,
  bounds,
  programmeYears,
  quarterPeriods,
} from "./catalogue";
import { BELT, CIRCLES } from "./circles";
import { CITY, COUNTIES } from "./divisions";
import { hundredths } from "./format";
import { FIGURE_INPUTS } from "@/lib/domain/figures";
import type { ProgrammePlan } from "./programme";
import type { PlanRating } from "./ratings";
import { writeRatings } from "./write-ratings";
import type { PlanTitleEvent } from "./titles";

type Tx = Prisma.TransactionClient;

export type DemoData = {
  plan: ProgrammePlan;
  titleEvents: PlanTitleEvent[];
  ratings: PlanRating[];
  assessments: AssessmentPlan;
};

const CHUNK = 2_000;

async function inChunks<T>(
  rows: readonly T[],
  insert: (chunk: T[]) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

async function inChunksReturning<T, R>(
  rows: readonly T[],
  insert: (chunk: T[]) => Promise<R[]>,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += CHUNK)
    out.push(...(await insert(rows.slice(i, i + CHUNK))));
  return out;
}

function need<K, V>(map: Map<K, V>, key: K, what: string): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`demo data: no ${what} for ${String(key)}`);
  return value;
}

/**
 * Inserts the whole demo data set.
 * @param seededAt the fixed instant used for rows without a natural date (towns, users, settings).
 * @param passwordHash the one hash of the demo password, shared by every account.
 */
export async function writeDemoData(
  tx: Tx,
  data: DemoData,
  passwordHash: string,
  seededAt: Date,
): Promise<void> {
  const { plan } = data;
  const YEARS = programmeYears(plan.clock);

  // ── places ──
  const city = await tx.city.create({ data: { ...CITY } });
  const counties = await tx.county.createManyAndReturn({
    data: COUNTIES.map((c) => ({ ...c, cityId: city.id })),
    select: { id: true, divisionCode: true },
  });
  const countyId = new Map(counties.map((c) => [c.divisionCode, c.id]));
  const towns = await tx.town.createManyAndReturn({
    data: plan.towns.map((t) => ({
      countyId: need(countyId, t.countyCode, "county"),
      divisionCode: t.code,
      name: t.name,
      nameEn: t.nameEn,
      kind: t.kind,
      townType: t.townType,
      isCountySeat: t.isCountySeat,
      isLocalUnit: t.isLocalUnit,
      sourceNote: t.sourceNote,
      createdAt: seededAt,
      updatedAt: seededAt,
    })),
    select: { id: true, divisionCode: true, name: true },
  });
  const townId = new Map(towns.map((t) => [t.divisionCode, t.id]));
  const townIdByName = new Map(towns.map((t) => [t.name, t.id]));
  await tx.townEvent.createMany({
    data: data.titleEvents.map((e) => ({
      townId: need(townId, e.townCode, "town"),
      kind: e.kind,
      effectiveOn: new Date(`${e.effectiveOn}T00:00:00Z`),
      title: e.title,
      year: e.year,
      attainmentAfter: e.attainmentAfter,
      document: e.document,
      note: e.note,
      createdAt: seededAt,
    })),
  });

  const belt = await tx.belt.create({ data: { ...BELT, cityId: city.id } });
  // Belt, circles and memberships count from BELT.fromYear on (see prisma/seed/circles.ts).
  const circles = await tx.townCircle.createManyAndReturn({
    data: CIRCLES.map((c) => ({
      beltId: belt.id,
      code: c.code,
      name: c.name,
      nameEn: c.nameEn,
      isModel: c.isModel,
      description: c.description,
      fromYear: BELT.fromYear,
    })),
    select: { id: true, code: true },
  });
  const circleId = new Map(circles.map((c) => [c.code, c.id]));
  await tx.townCircleTown.createMany({
    data: CIRCLES.flatMap((c) =>
      c.towns.map((name, i) => ({
        circleId: need(circleId, c.code, "circle"),
        townId: need(townIdByName, name, "town"),
        isLead: i === 0,
        fromYear: BELT.fromYear,
      })),
    ),
  });

  // ── years, periods, catalogues ──
  await tx.year.createMany({ data: YEARS.map((y) => ({ ...y })) });
  const periods = await tx.reportingPeriod.createManyAndReturn({
    data: YEARS.flatMap(({ year }) => quarterPeriods(year)),
    select: { id: true, year: true, index: true },
  });
  const periodId = new Map(periods.map((p) => [`${p.year}|${p.index}`, p.id]));
  const indicators = await tx.indicator.createManyAndReturn({
    data: YEARS.flatMap(({ year }) =>
      INDICATORS.map((indicator, i) => ({
        year,
        ...indicator,
        ...bounds(indicator.valueType),
        isRequired: indicator.kind !== "DISTINCTIVE",
        sourceNote: INDICATOR_SOURCE_NOTE,
        sortOrder: (i + 1) * 10,
        figureInput: (FIGURE_INPUTS as readonly string[]).includes(indicator.code)
          ? indicator.code
          : null,
      })),
    ),
    select: { id: true, year: true, code: true },
  });
  const indicatorId = new Map(indicators.map((i) => [`${i.year}|${i.code}`, i.id]));
  await tx.basicRequirement.createMany({
    data: YEARS.flatMap(({ year }) =>
      BASIC_REQUIREMENTS.map((r, i) => ({ year, ...r, sortOrder: (i + 1) * 10 })),
    ),
  });

  // ── accounts ──
  const users = await tx.user.createManyAndReturn({
    data: demoAccounts(plan.towns).map((a) => ({
      username: a.username,
      displayName: a.displayName,
      passwordHash,
      role: a.role,
      countyId: a.countyCode ? need(countyId, a.countyCode, "county") : null,
      townId: a.townCode ? need(townId, a.townCode, "town") : null,
      passwordChangedAt: seededAt,
      createdAt: seededAt,
      updatedAt: seededAt,
    })),
    select: { id: true, username: true },
  });
  const userId = new Map(users.map((u) => [u.username, u.id]));

  // ── programme ──
  await tx.actionPlan.createMany({
    data: plan.actionPlans.map((p) => ({
      townId: need(townId, p.townCode, "town"),
      title: p.title,
      startYear: p.startYear,
      endYear: p.endYear,
      approvedOn: p.approvedOn,
      summary: p.summary,
    })),
  });
  const tasks = await inChunksReturning(plan.tasks, (chunk) =>
    tx.creationTask.createManyAndReturn({
      data: chunk.map((t) => ({
        townId: need(townId, t.townCode, "town"),
        year: t.year,
        target: t.target,
        track: t.track,
        status: t.status,
        deadline: t.deadline,
        developmentIndex: t.developmentIndex,
        beautyIndex: t.beautyIndex,
        createdAt: t.createdAt,
        updatedAt: t.updatedAt,
      })),
      select: { id: true, townId: true, year: true },
    }),
  );
  const taskId = new Map(tasks.map((t) => [`${t.townId}|${t.year}`, t.id]));
  const taskYear = new Map(plan.tasks.map((t) => [t.key, t.year]));
  const taskIds = new Map(
    plan.tasks.map((t) => [
      t.key,
      need(taskId, `${need(townId, t.townCode, "town")}|${t.year}`, "task"),
    ]),
  );

  await inChunks(plan.targets, (chunk) =>
    tx.indicatorTarget.createMany({
      data: chunk.map((t) => ({
        taskId: need(taskIds, t.taskKey, "task"),
        indicatorId: need(
          indicatorId,
          `${need(taskYear, t.taskKey, "task year")}|${t.indicatorCode}`,
          "indicator",
        ),
        targetValue: t.value,
      })),
    }),
  );

  const projects = await inChunksReturning(plan.projects, (chunk) =>
    tx.project.createManyAndReturn({
      data: chunk.map((p) => ({
        taskId: need(taskIds, p.taskKey, "task"),
        code: p.code,
        name: p.name,
        dimension: p.dimension,
        status: p.status,
        plannedInvestmentWan: hundredths(p.plannedCents),
        completedInvestmentWan: hundredths(p.completedCents),
        specialBondsWan: hundredths(p.bondsCents),
        landSuppliedMu: hundredths(p.landHundredths),
        startsOn: p.startsOn,
        endsOn: p.endsOn,
      })),
      select: { id: true, taskId: true, code: true },
    }),
  );
  const projectIdByTask = new Map(projects.map((p) => [`${p.taskId}|${p.code}`, p.id]));
  const projectId = new Map(
    plan.projects.map((p) => [
      p.key,
      need(projectIdByTask, `${need(taskIds, p.taskKey, "task")}|${p.code}`, "project"),
    ]),
  );

  const reports = await inChunksReturning(plan.reports, (chunk) =>
    tx.progressReport.createManyAndReturn({
      data: chunk.map((r) => ({
        taskId: need(taskIds, r.taskKey, "task"),
        periodId: need(periodId, `${r.year}|${r.periodIndex}`, "period"),
        status: r.status,
        narrative: r.narrative,
        selfScore: r.selfScore,
        version: r.version,
        submissionCount: r.submissionCount,
        submittedAt: r.submittedAt,
        firstSubmittedAt: r.firstSubmittedAt,
        approvedAt: r.approvedAt,
        confirmedAt: r.confirmedAt,
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
      })),
      select: { id: true, taskId: true, periodId: true },
    }),
  );
  const reportIdByTask = new Map(reports.map((r) => [`${r.taskId}|${r.periodId}`, r.id]));
  const reportId = new Map(
    plan.reports.map((r) => [
      r.key,
      need(
        reportIdByTask,
        `${need(taskIds, r.taskKey, "task")}|${need(periodId, `${r.year}|${r.periodIndex}`, "period")}`,
        "report",
      ),
    ]),
  );
  const reportYear = new Map(plan.reports.map((r) => [r.key, r.year]));

  await inChunks(plan.values, (chunk) =>
    tx.indicatorValue.createMany({
      data: chunk.map((v) => ({
        reportId: need(reportId, v.reportKey, "report"),
        indicatorId: need(
          indicatorId,
          `${need(reportYear, v.reportKey, "report year")}|${v.indicatorCode}`,
          "indicator",
        ),
        value: v.value,
        note: v.note,
      })),
    }),
  );
  await inChunks(plan.progress, (chunk) =>
    tx.projectProgress.createMany({
      data: chunk.map((p) => ({
        reportId: need(reportId, p.reportKey, "report"),
        projectId: need(projectId, p.projectKey, "project"),
        completedInvestmentWan: hundredths(p.completedCents),
        percentComplete: String(p.percent),
        status: p.status,
        note: p.note,
      })),
    }),
  );

  const reviews = await inChunksReturning(plan.reviews, (chunk) =>
    tx.review.createManyAndReturn({
      data: chunk.map((r) => ({
        reportId: need(reportId, r.reportKey, "report"),
        reviewerId: need(userId, r.reviewer, "user"),
        decision: r.decision,
        comment: r.comment,
        reportVersion: r.reportVersion,
        createdAt: r.createdAt,
      })),
      select: { id: true, reportId: true, decision: true, createdAt: true },
    }),
  );
  // A report never gets two reviews of the same decision at the same instant.
  const reviewId = new Map(
    reviews.map((r) => [`${r.reportId}|${r.decision}|${r.createdAt.getTime()}`, r.id]),
  );
  await tx.reviewComment.createMany({
    data: plan.reviews.flatMap((r) =>
      r.comments.map((c) => ({
        reviewId: need(
          reviewId,
          `${need(reportId, r.reportKey, "report")}|${r.decision}|${r.createdAt.getTime()}`,
          "review",
        ),
        indicatorId: c.indicatorCode
          ? need(
              indicatorId,
              `${need(reportYear, r.reportKey, "report year")}|${c.indicatorCode}`,
              "indicator",
            )
          : null,
        projectId: c.projectKey ? need(projectId, c.projectKey, "project") : null,
        comment: c.comment,
      })),
    ),
  });

  for (const e of plan.evidence) {
    const content = Buffer.from(e.text, "utf8");
    await tx.evidence.create({
      data: {
        reportId: need(reportId, e.reportKey, "report"),
        indicatorId: e.indicatorCode
          ? need(
              indicatorId,
              `${need(reportYear, e.reportKey, "report year")}|${e.indicatorCode}`,
              "indicator",
            )
          : null,
        projectId: e.projectKey ? need(projectId, e.projectKey, "project") : null,
        fileName: e.fileName,
        mimeType: "text/plain; charset=utf-8",
        sizeBytes: content.length,
        sha256: createHash("sha256").update(content).digest("hex"),
        uploadedById: need(userId, e.uploadedBy, "user"),
        createdAt: e.createdAt,
        blob: { create: { content: new Uint8Array(content) } },
      },
    });
  }

  // ── star ratings ──
  await writeRatings(tx, data, { townId, userId });

  // ── county assessments: schemes, targets, entered values, and runs computed and published
  // by lib/assessments over the data written above ──
  await writeAssessments(tx, data.assessments, {
    countyId,
    adminId: need(userId, ADMIN_USERNAME, "user"),
  });
}
