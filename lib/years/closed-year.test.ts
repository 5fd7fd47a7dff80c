/**
 * A closed year refuses every kind of change (issue 12): one call per kind of mutation on data
 * of the closed year, each with input that would otherwise be accepted; each must throw
 * AppError CONFLICT years.closed and leave every table exactly as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access";
import { startRun } from "@/lib/assessments/runs";
import { deleteScheme as deleteAssessmentScheme } from "@/lib/assessments/schemes";
import { saveEntry } from "@/lib/assessments/entries";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/prisma-client";
import { decideRating } from "@/lib/ratings/decisions";
import { createRatings, setPanelist } from "@/lib/ratings/panels";
import { createSchemeVersion, deleteDraftScheme } from "@/lib/ratings/schemes";
import { saveSelfAssessment } from "@/lib/ratings/self-assessment";
import { saveSheet } from "@/lib/ratings/sheets";
import { addEvidence, deleteEvidence } from "@/lib/reports/evidence";
import {
  approveReport,
  confirmReport,
  returnReport,
  saveReport,
  submitReport,
} from "@/lib/reports/mutations";
import { importCreationList } from "@/lib/tasks/import";
import { publishTasks, setTasks } from "@/lib/tasks/mutations";
import { deleteProject, saveProject, saveTargets } from "@/lib/tasks/projects";
import { assessmentBuilders } from "@/lib/testing/assessment-builders";
import { builders, scratchApp } from "@/lib/testing/builders";
import { userKey } from "@/lib/testing/errors";
import { seedReportFixture, type ReportFixture } from "@/lib/testing/report-fixture";
import { closeYear, setYearPeriods, updateYearSettings } from "./admin";

let prisma: PrismaClient;
let drop: () => Promise<void>;
let f: ReportFixture;
let reviewer: Actor;

beforeAll(async () => {
  const app = await scratchApp("closed_year");
  prisma = app.prisma;
  drop = app.drop;
  f = await seedReportFixture(prisma);
  reviewer = f.reviewer;
});

afterAll(async () => drop());

/** A digest of every table's rows (content, not only counts). */
async function snapshot(): Promise<Record<string, string>> {
  const tables = await prisma.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`;
  const digests: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await prisma.$queryRawUnsafe<{ d: string | null }[]>(
      `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS d FROM "${name}" t`,
    );
    digests[name] = row!.d ?? "";
  }
  return digests;
}

describe("closing a year", () => {
  it("refuses every kind of change", async () => {
    const b = builders(prisma);
    const a = assessmentBuilders(prisma);
    const admin = f.admin;
    const year = 2026;
    const report = await prisma.progressReport.findUniqueOrThrow({ where: { id: f.reportId } });
    const task = await prisma.creationTask.findUniqueOrThrow({
      where: { id: report.taskId },
      include: { town: true },
    });
    const [submittedId] = f.submittedIds;
    const submitted = await prisma.progressReport.findUniqueOrThrow({ where: { id: submittedId } });
    // A county-approved report to confirm: one of 溪口镇's earlier ones, set back by hand.
    const earlier = await prisma.progressReport.findFirstOrThrow({
      where: { taskId: task.id, status: "CITY_CONFIRMED" },
    });
    await prisma.progressReport.update({
      where: { id: earlier.id },
      data: { status: "COUNTY_APPROVED" },
    });
    const evidence = await addEvidence(f.staff, {
      reportId: report.id,
      indicatorId: null,
      fileName: "台账.pdf",
      bytes: new TextEncoder().encode("%PDF-1.4 test"),
    });
    const project = await saveProject(admin, {
      taskId: task.id,
      code: "P1",
      name: "口袋公园",
      plannedInvestmentWan: "100",
    });
    // Ratings: a rubric, a rating of 溪口镇 with the reviewer on its panel, a draft rubric.
    const scheme = await b.scheme(year);
    const reviewerUser = await prisma.user.findUniqueOrThrow({ where: { id: reviewer.id } });
    const rating = await b.rating(task.townId, year, scheme.id, [reviewer.id]);
    const draftScheme = await b.scheme(year, { status: "DRAFT", version: 2 });
    // Assessment: an ACTIVE scheme with an entered item, a DRAFT one.
    const county = await prisma.county.findFirstOrThrow({ where: { divisionCode: "330825" } });
    const active = await a.scheme(year, [
      { code: "org", category: "PROCESS", scoring: "POINTS", basePoints: "30" },
    ]);
    const draftAssessment = await a.scheme(year, [], { status: "DRAFT", version: 2 });
    const orgItem = await prisma.assessmentItem.findFirstOrThrow({
      where: { schemeId: active.id },
    });
    const draftRevision = (
      await prisma.assessmentScheme.findUniqueOrThrow({ where: { id: draftAssessment.id } })
    ).revision;
    const draftRating = await prisma.ratingScheme.findUniqueOrThrow({
      where: { id: draftScheme.id },
    });

    await closeYear(admin, { year, confirmed: true });
    const before = await snapshot();

    const kinds: [string, () => Promise<unknown>][] = [
      [
        "report save",
        () => saveReport(f.staff, { reportId: report.id, expectedVersion: report.version }),
      ],
      [
        "report submit",
        () => submitReport(f.staff, { reportId: report.id, expectedVersion: report.version }),
      ],
      [
        "report approve",
        () =>
          approveReport(reviewer, { reportId: submitted.id, expectedVersion: submitted.version }),
      ],
      [
        "report return",
        () =>
          returnReport(reviewer, {
            reportId: submitted.id,
            expectedVersion: submitted.version,
            comment: "补充",
          }),
      ],
      [
        "report confirm",
        () => confirmReport(admin, { reportId: earlier.id, expectedVersion: earlier.version }),
      ],
      [
        "evidence add",
        () =>
          addEvidence(f.staff, {
            reportId: report.id,
            indicatorId: null,
            fileName: "b.pdf",
            bytes: new TextEncoder().encode("%PDF-1.4 b"),
          }),
      ],
      ["evidence delete", () => deleteEvidence(f.staff, evidence.id)],
      [
        "task set",
        () =>
          setTasks(admin, {
            year,
            townCodes: [task.town.divisionCode],
            target: "BASIC_COMPLIANCE",
            track: "STANDARD",
            deadline: "2026-12-31",
          }),
      ],
      ["task publish", () => publishTasks(admin, { year, townCodes: [task.town.divisionCode] })],
      [
        "task import",
        () =>
          importCreationList(admin, {
            year,
            fileName: "名单.csv",
            bytes: new TextEncoder().encode("区划代码,乡镇名称,创建目标,创建路径,截止日期\r\n"),
          }),
      ],
      [
        "task targets",
        () =>
          saveTargets(admin, {
            taskId: task.id,
            targets: { [f.indicators.nankongReadingRooms]: "3" },
          }),
      ],
      [
        "project create",
        () =>
          saveProject(admin, {
            taskId: task.id,
            code: "P2",
            name: "绿道",
            plannedInvestmentWan: "50",
          }),
      ],
      [
        "project update",
        () =>
          saveProject(admin, {
            taskId: task.id,
            id: project.id,
            code: "P1",
            name: "口袋公园二期",
            plannedInvestmentWan: "120",
          }),
      ],
      ["project delete", () => deleteProject(admin, { taskId: task.id, id: project.id })],
      ["rating create", () => createRatings(admin, { year, townCodes: ["330825101"] })],
      [
        "rating panel",
        () =>
          setPanelist(admin, {
            ratingId: rating.id,
            username: reviewerUser.username,
            remove: true,
          }),
      ],
      [
        "rating self-assessment",
        () => saveSelfAssessment(f.staff, { ratingId: rating.id, expectedVersion: 1 }),
      ],
      ["rating sheet", () => saveSheet(reviewer, { ratingId: rating.id, expectedVersion: 1 })],
      [
        "rating decision",
        () =>
          decideRating(admin, {
            ratingId: rating.id,
            expectedVersion: rating.version,
            decision: "APPROVE",
          }),
      ],
      ["rating scheme new version", () => createSchemeVersion(admin, { year })],
      [
        "rating scheme delete draft",
        () =>
          deleteDraftScheme(admin, {
            schemeId: draftRating.id,
            expectedUpdatedAt: draftRating.updatedAt.toISOString(),
          }),
      ],
      [
        "assessment scheme delete",
        () =>
          deleteAssessmentScheme(admin, {
            id: draftAssessment.id,
            expectedRevision: draftRevision,
          }),
      ],
      [
        "assessment entry",
        () =>
          saveEntry(admin, {
            itemId: orgItem.id,
            countyCode: county.divisionCode,
            value: "30",
            reason: "复核",
          }),
      ],
      ["assessment run", () => startRun(admin, { year })],
      ["year settings", () => updateYearSettings(admin, { year, taskDeadlineOn: "2026-11-30" })],
      [
        "year periods",
        () =>
          setYearPeriods(admin, {
            year,
            periods: [
              {
                name: "全年",
                nameEn: "Year",
                startsOn: "2026-01-01",
                endsOn: "2026-12-31",
                dueOn: "2026-12-31",
              },
            ],
          }),
      ],
    ];
    const outcomes: Record<string, string> = {};
    for (const [kind, call] of kinds) {
      outcomes[kind] = await call().then(
        () => "accepted",
        (error: unknown) =>
          error instanceof AppError ? `${error.code} ${userKey(error)}` : String(error),
      );
    }
    expect(outcomes).toEqual(
      Object.fromEntries(kinds.map(([kind]) => [kind, "CONFLICT years.closed"])),
    );
    expect(await snapshot()).toEqual(before);

    // The same calls on the year opened again get past the year's check (they are accepted or
    // refused for their own reasons), so the refusals above were the closed year's.
    await prisma.year.update({ where: { year }, data: { status: "OPEN" } });
    const open: Record<string, string> = {};
    for (const [kind, call] of kinds) {
      open[kind] = await call().then(
        () => "accepted",
        (error: unknown) =>
          error instanceof AppError ? `${error.code} ${userKey(error)}` : String(error),
      );
    }
    // Stale versions: an earlier call of the list changed the row; the sheet: the panel call
    // removed the reviewer just before; the periods: the year has reports on its quarters.
    expect(open).toEqual({
      "report save": "accepted",
      "report submit": "CONFLICT reports.staleVersion",
      "report approve": "accepted",
      "report return": "CONFLICT reports.staleVersion",
      "report confirm": "accepted",
      "evidence add": "accepted",
      "evidence delete": "accepted",
      "task set": "accepted",
      "task publish": "accepted",
      "task import": "accepted",
      "task targets": "accepted",
      "project create": "accepted",
      "project update": "accepted",
      "project delete": "accepted",
      "rating create": "accepted",
      "rating panel": "accepted",
      "rating self-assessment": "CONFLICT ratings.staleSheet",
      "rating sheet": "NOT_FOUND ",
      "rating decision": "CONFLICT ratings.illegalDecision",
      "rating scheme new version": "CONFLICT ratingSchemes.draftExists",
      "rating scheme delete draft": "accepted",
      "assessment scheme delete": "accepted",
      "assessment entry": "accepted",
      "assessment run": "accepted",
      "year settings": "accepted",
      "year periods": "CONFLICT programmeYears.periods.hasReports",
    });
  });
});
