/**
 * The review flow of issue 13 (items 5, 7, 8) on a real database with the report fixture
 * (lib/testing/report-fixture.ts): 溪口镇's P4 is submitted, returned with item comments,
 * changed and resubmitted; the reviewer's screen shows the earlier comments and before → after;
 * the city returns an approved report to the county, which returns it to the township; bulk
 * confirmation confirms what it can and says why it skipped the rest.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access";
import type { PrismaClient } from "@/lib/prisma-client";
import { scratchApp } from "@/lib/testing/builders";
import { outcomeOf } from "@/lib/testing/errors";
import { seedReportFixture, type ReportFixture } from "@/lib/testing/report-fixture";
import {
  approveReport,
  bulkConfirmReports,
  returnReport,
  returnToCounty,
  saveReport,
  submitReport,
} from "./mutations";
import {
  getReportForActor,
  listConfirmationQueue,
  listReportsForActor,
  reportDetailToJson,
  reportRowToJson,
} from "./queries";
import { toReportSheet } from "./sheet";

let drop: () => Promise<void>;
let prisma: PrismaClient;
let fixture: ReportFixture;
let staff: Actor;
let reviewer: Actor;
let otherReviewer: Actor;
let admin: Actor;
let reportId: number;
let projectId: number;

beforeAll(async () => {
  const app = await scratchApp("review_flow");
  prisma = app.prisma;
  drop = app.drop;
  fixture = await seedReportFixture(prisma);
  ({ staff, reviewer, otherReviewer, admin, reportId } = fixture);
  const { taskId } = await prisma.progressReport.findUniqueOrThrow({ where: { id: reportId } });
  projectId = (
    await prisma.project.create({
      data: { taskId, code: "XK-01", name: "溪口老街改造", plannedInvestmentWan: "500" },
    })
  ).id;
  // Targets: greenway 10 km (the township reports 8.2, then 12.5), reading rooms 3 (reports 2).
  await prisma.indicatorTarget.createMany({
    data: [
      { taskId, indicatorId: fixture.indicators.greenwayKm, targetValue: "10" },
      { taskId, indicatorId: fixture.indicators.nankongReadingRooms, targetValue: "3" },
    ],
  });
});

afterAll(async () => {
  await drop?.();
});

const codeOf = outcomeOf;

const version = async (id = reportId) =>
  (await prisma.progressReport.findUniqueOrThrow({ where: { id } })).version;

const evidence = (fileName: string, indicatorId: number | null) =>
  prisma.evidence.create({
    data: {
      reportId,
      indicatorId,
      fileName,
      mimeType: "application/pdf",
      sizeBytes: 10,
      sha256: "0".repeat(64),
    },
  });

describe("the second review remembers the first", () => {
  it("shows the earlier comments and what changed since the last submission", async () => {
    const {
      greenwayKm: greenway,
      nightLandscape: night,
      nankongReadingRooms: rooms,
    } = fixture.indicators;
    const first = await evidence("绿道验收.pdf", greenway);
    await saveReport(staff, {
      reportId,
      expectedVersion: await version(),
      values: { [greenway]: "8.2", [night]: "1" },
      projects: [
        {
          projectId,
          completedInvestmentWan: "100",
          percentComplete: "20",
          status: "IN_PROGRESS",
          note: "主体施工中",
        },
      ],
    });
    await submitReport(staff, { reportId, expectedVersion: await version() });

    // The first review: nothing to compare yet; 8.2 km is below the 10 km target.
    let sheet = toReportSheet(await getReportForActor(reviewer, reportId, "report.review"), false);
    expect(sheet.resubmitted).toBe(false);
    const row = (id: number) => sheet.indicators.find((i) => i.id === id)!;
    expect(row(greenway)).toMatchObject({ value: "8.2", belowTarget: true, change: null });
    expect(row(rooms)).toMatchObject({ value: "2", belowTarget: true });
    expect(row(night).belowTarget).toBe(false); // no target
    expect(sheet.projects[0]).toMatchObject({ note: "主体施工中", changes: [] });

    await returnReport(reviewer, {
      reportId,
      expectedVersion: await version(),
      comment: "请核实绿道",
      items: [
        { indicatorId: greenway, comment: "绿道长度与验收报告不一致" },
        { projectId, comment: "请补充进度照片" },
      ],
    });

    // The township changes the greenway, the project's progress and its evidence, resubmits.
    await prisma.evidence.delete({ where: { id: first.id } });
    await evidence("绿道验收（更正）.pdf", greenway);
    await saveReport(staff, {
      reportId,
      expectedVersion: await version(),
      values: { [greenway]: "12.5" },
      projects: [
        {
          projectId,
          completedInvestmentWan: "100.00",
          percentComplete: "35",
          status: "IN_PROGRESS",
          note: "主体施工中",
        },
      ],
    });
    await submitReport(staff, { reportId, expectedVersion: await version() });
    expect(
      await prisma.reportSubmission.findMany({
        where: { reportId },
        select: { number: true },
        orderBy: { number: "asc" },
      }),
    ).toEqual([{ number: 1 }, { number: 2 }]);

    const detail = await getReportForActor(reviewer, reportId, "report.review");
    sheet = toReportSheet(detail, false);
    expect(sheet.resubmitted).toBe(true);
    expect(row(greenway)).toMatchObject({
      value: "12.5",
      belowTarget: false,
      change: { before: "8.2", after: "12.5" },
      earlierComments: ["绿道长度与验收报告不一致"],
      comments: [], // the township's highlight is gone once resubmitted
      evidenceAdded: ["绿道验收（更正）.pdf"],
      evidenceRemoved: ["绿道验收.pdf"],
    });
    expect(row(night).change).toBeNull();
    expect(row(rooms)).toMatchObject({ change: null, earlierComments: [] });
    // 100 → 100.00 is the same number: only the percent changed.
    expect(sheet.projects[0]).toMatchObject({
      note: "主体施工中",
      earlierComments: ["请补充进度照片"],
      changes: [{ field: "percent", before: "20", after: "35" }],
    });

    // The API carries the project note, below-target flags and the changes.
    const json = reportDetailToJson(detail);
    expect(json.projects[0]).toMatchObject({ code: "XK-01", note: "主体施工中" });
    expect(json.indicators.find((i) => i.code === "nankongReadingRooms")?.belowTarget).toBe(true);
    expect(json.changesSinceLastSubmission).toEqual({
      values: [{ indicatorCode: "greenwayKm", before: "8.2", after: "12.5" }],
      projects: [{ projectCode: "XK-01", field: "percent", before: "20", after: "35" }],
      evidenceAdded: ["绿道验收（更正）.pdf"],
      evidenceRemoved: ["绿道验收.pdf"],
    });
  });
});

describe("the city returns a report to the county", () => {
  it("needs the city administrator, a county-approved report and a comment", async () => {
    // 溪口镇's P4 is SUBMITTED (resubmitted above): not county-approved yet.
    expect(
      await codeOf(
        returnToCounty(admin, { reportId, expectedVersion: await version(), comment: "x" }),
      ),
    ).toBe("CONFLICT:reports.illegalTransition");
    await approveReport(reviewer, { reportId, expectedVersion: await version() });
    expect(
      await codeOf(
        returnToCounty(reviewer, { reportId, expectedVersion: await version(), comment: "x" }),
      ),
    ).toMatch(/^FORBIDDEN/);
    expect(
      await codeOf(
        returnToCounty(admin, { reportId, expectedVersion: await version(), comment: " " }),
      ),
    ).toBe("ZOD:validation.required");
    expect(
      await codeOf(
        returnToCounty(admin, { reportId, expectedVersion: (await version()) - 1, comment: "x" }),
      ),
    ).toBe("CONFLICT:reports.staleVersion");
    expect(
      (await prisma.progressReport.findUniqueOrThrow({ where: { id: reportId } })).status,
    ).toBe("COUNTY_APPROVED");
  });

  it("puts it back in the county's queue with the comment; the county returns it to the town", async () => {
    const before = await version();
    expect(
      await returnToCounty(admin, {
        reportId,
        expectedVersion: before,
        comment: "绿道数据与省平台不符，请县级复核",
      }),
    ).toEqual({ version: before + 1 });
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "report.returnToCounty", entityId: String(reportId) },
    });
    expect(audit.after).toEqual({ status: "SUBMITTED", version: before + 1 });

    // In the county's queue again, with the city's comment on the review screen.
    const queue = (await listReportsForActor(reviewer, { year: 2026, status: "SUBMITTED" })).map(
      reportRowToJson,
    );
    expect(queue.filter((r) => r.returnedByCity).map((r) => r.id)).toEqual([reportId]);
    const sheet = toReportSheet(
      await getReportForActor(reviewer, reportId, "report.review"),
      false,
    );
    expect(sheet.cityReturn).toMatchObject({
      decision: "CITY_RETURN",
      comment: "绿道数据与省平台不符，请县级复核",
    });
    // The other county's reviewer cannot see it at all.
    expect(await codeOf(getReportForActor(otherReviewer, reportId, "report.review"))).toMatch(
      /^NOT_FOUND/,
    );

    // The city's queue lists it as returned, with its history newest first.
    const row = (await listConfirmationQueue(admin, 2026)).find((r) => r.id === reportId)!;
    expect(row.cityState).toBe("RETURNED");
    expect(row.history.map((h) => h.decision)).toEqual(["CITY_RETURN", "APPROVE", "RETURN"]);

    await returnReport(reviewer, {
      reportId,
      expectedVersion: await version(),
      comment: "市级退回：请核实绿道数据",
    });
    expect(
      (await prisma.progressReport.findUniqueOrThrow({ where: { id: reportId } })).status,
    ).toBe("RETURNED");
  });
});

describe("bulk confirmation", () => {
  it("confirms what it can and says why it skipped the rest", async () => {
    const [a, b] = fixture.submittedIds;
    await approveReport(reviewer, { reportId: a, expectedVersion: await version(a) });
    await approveReport(reviewer, { reportId: b, expectedVersion: await version(b) });
    const va = await version(a);
    const vb = await version(b);
    // The county reviewer may not confirm.
    expect(
      await codeOf(
        bulkConfirmReports(reviewer, { reports: [{ reportId: a, expectedVersion: va }] }),
      ),
    ).toMatch(/^FORBIDDEN/);
    expect(
      await bulkConfirmReports(admin, {
        reports: [
          { reportId: a, expectedVersion: va },
          { reportId: b, expectedVersion: vb - 1 },
          { reportId, expectedVersion: await version() },
        ],
      }),
    ).toEqual({
      done: [a],
      skipped: [
        { reportId: b, reason: "changed" },
        { reportId, reason: "notReady" },
      ],
    });
    expect(
      await bulkConfirmReports(admin, {
        reports: [
          { reportId: a, expectedVersion: va },
          { reportId: b, expectedVersion: vb },
        ],
      }),
    ).toEqual({ done: [b], skipped: [{ reportId: a, reason: "alreadyDone" }] });
    expect(
      await prisma.auditLog.count({
        where: { action: "report.confirm", entityId: { in: [String(a), String(b)] } },
      }),
    ).toBe(2);
    const states = (await listConfirmationQueue(admin, 2026))
      .filter((r) => r.id === a || r.id === b)
      .map((r) => r.cityState);
    expect(states).toEqual(["CONFIRMED", "CONFIRMED"]);
  });
});
