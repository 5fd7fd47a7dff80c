/**
 * The report workflow against a real database with a small programme of its own
 * (lib/testing/report-fixture.ts): 溪口镇 (330825109, 龙游县) has a 2026 P4 DRAFT with two
 * required values missing. Full cycle save → submit → return → fix → resubmit → approve →
 * confirm with its audit rows; bad values and stale versions leave nothing behind; scope and
 * role are enforced; late reports follow the due dates.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access";
import type { AppError } from "@/lib/errors";
import { outcomeOf, userPart } from "@/lib/testing/errors";
import type { PrismaClient } from "@/lib/prisma-client";
import { scratchApp } from "@/lib/testing/builders";
import { seedReportFixture, type ReportFixture } from "@/lib/testing/report-fixture";
import { toReportSheet } from "./sheet";
import {
  approveReport,
  bulkApproveReports,
  confirmReport,
  openReport,
  returnReport,
  saveReport,
  submitReport,
} from "./mutations";
import { listTasksForActor } from "@/lib/tasks/queries";
import {
  getReportForActor,
  listLateTowns,
  listReportsForActor,
  reportDetailToJson,
} from "./queries";

let drop: () => Promise<void>;
let prisma: PrismaClient;
let fixture: ReportFixture;
let staff: Actor;
let reviewer: Actor;
let otherReviewer: Actor;
let admin: Actor;
let reportId: number;

beforeAll(async () => {
  const app = await scratchApp("reports");
  prisma = app.prisma;
  drop = app.drop;
  fixture = await seedReportFixture(prisma);
  ({ staff, reviewer, otherReviewer, admin, reportId } = fixture);
});

afterAll(async () => {
  await drop?.();
});

const codeOf = outcomeOf;

const report = () => prisma.progressReport.findUniqueOrThrow({ where: { id: reportId } });
const indicator = (code: string) =>
  prisma.indicator.findUniqueOrThrow({ where: { year_code: { year: 2026, code } } });
const valueOf = async (code: string) =>
  (
    await prisma.indicatorValue.findUniqueOrThrow({
      where: { reportId_indicatorId: { reportId, indicatorId: (await indicator(code)).id } },
    })
  ).value?.toFixed() ?? null;

describe("saving a draft", () => {
  it("refuses bad values with one message per field and writes nothing", async () => {
    const before = await report();
    const percent = await indicator("sewageTreatmentRate");
    const count = await indicator("nankongReadingRooms");
    let detail: unknown;
    try {
      await saveReport(staff, {
        reportId,
        expectedVersion: before.version,
        values: { [percent.id]: "101", [count.id]: "2.5" },
        narrative: "不应保存",
      });
    } catch (error) {
      detail = userPart(error as AppError);
    }
    expect(detail).toEqual({
      message: "reports.fixValues",
      fields: {
        [`value.${percent.id}`]: { key: "indicatorValue.aboveMax", values: { max: "100" } },
        [`value.${count.id}`]: { key: "indicatorValue.notInteger" },
      },
    });
    const after = await report();
    expect(after.version).toBe(before.version);
    expect(after.narrative).toBe(before.narrative);
    expect(await prisma.auditLog.count({ where: { action: "report.save" } })).toBe(0);
  });

  it("keeps the first of two saves made from the same version", async () => {
    const { version } = await report();
    const greenway = await indicator("greenwayKm");
    const save = (value: string) =>
      saveReport(staff, { reportId, expectedVersion: version, values: { [greenway.id]: value } });
    expect(await codeOf(save("１２．３４５"))).toBe("OK");
    expect(await codeOf(save("99"))).toBe("CONFLICT:reports.staleVersion");
    expect(await valueOf("greenwayKm")).toBe("12.35");
    expect((await report()).version).toBe(version + 1);

    // Two tabs saving at the same moment from the same version: exactly one wins.
    const fresh = (await report()).version;
    const race = await Promise.all(
      ["3", "4"].map((v) =>
        codeOf(
          saveReport(staff, { reportId, expectedVersion: fresh, values: { [greenway.id]: v } }),
        ),
      ),
    );
    expect(race.sort()).toEqual(["CONFLICT:reports.staleVersion", "OK"]);
    expect((await report()).version).toBe(fresh + 1);
    expect(
      await prisma.auditLog.count({ where: { action: "report.save", entityId: String(reportId) } }),
    ).toBe(2);
  });

  it("stores an empty field as not filled (NULL), never 0", async () => {
    const { version } = await report();
    const greenway = await indicator("greenwayKm");
    await saveReport(staff, { reportId, expectedVersion: version, values: { [greenway.id]: "" } });
    expect(await valueOf("greenwayKm")).toBeNull();
  });
});

describe("the full cycle", () => {
  it("submit → return → fix → resubmit → approve → confirm, audited step by step", async () => {
    const start = await report();
    expect(start.status).toBe("DRAFT");
    expect(await codeOf(submitReport(staff, { reportId, expectedVersion: start.version }))).toBe(
      "VALIDATION:reportChecks.refused",
    );

    // Fill every required value still missing (counts with full-width digits).
    const detail = await getReportForActor(staff, reportId);
    const filled = new Map(detail.values.map((v) => [v.indicatorId, v.value]));
    const values: Record<string, string> = {};
    for (const i of detail.indicators) {
      if (i.isRequired && (filled.get(i.id) ?? null) === null) {
        values[i.id] = i.valueType === "BOOLEAN" ? "是" : "１";
      }
    }
    expect(Object.keys(values).length).toBeGreaterThan(0);
    const v0 = start.version;
    expect(
      await saveReport(staff, {
        reportId,
        expectedVersion: v0,
        values,
        narrative: "年报期间按计划推进。",
        selfScore: "88.125",
      }),
    ).toEqual({ version: v0 + 1 });
    expect((await report()).selfScore?.toFixed(2)).toBe("88.13");

    expect(await submitReport(staff, { reportId, expectedVersion: v0 + 1 })).toEqual({
      version: v0 + 2,
    });
    // Read-only once submitted; reviewers elsewhere and the township cannot review.
    expect(await codeOf(saveReport(staff, { reportId, expectedVersion: v0 + 2 }))).toBe(
      "CONFLICT:reports.illegalTransition",
    );
    expect(await codeOf(approveReport(otherReviewer, { reportId, expectedVersion: v0 + 2 }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(approveReport(staff, { reportId, expectedVersion: v0 + 2 }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(confirmReport(admin, { reportId, expectedVersion: v0 + 2 }))).toBe(
      "CONFLICT:reports.illegalTransition",
    );

    const greenway = await indicator("greenwayKm");
    expect(await codeOf(returnReport(reviewer, { reportId, expectedVersion: v0 + 2 }))).toBe(
      "ZOD:review.commentRequired",
    );
    await returnReport(reviewer, {
      reportId,
      expectedVersion: v0 + 2,
      comment: "请核实绿道长度。",
      items: [{ indicatorId: greenway.id, comment: "绿道长度与台账不一致" }],
    });
    const returned = await prisma.review.findFirstOrThrow({
      where: { reportId, decision: "RETURN" },
      orderBy: { id: "desc" },
      include: { comments: true },
    });
    expect(returned.reportVersion).toBe(v0 + 2);
    expect(returned.comments.map((c) => [c.indicatorId, c.comment])).toEqual([
      [greenway.id, "绿道长度与台账不一致"],
    ]);
    expect((await report()).status).toBe("RETURNED");

    await saveReport(staff, {
      reportId,
      expectedVersion: v0 + 3,
      values: { [greenway.id]: "1,234.5" },
    });
    expect(await valueOf("greenwayKm")).toBe("1234.5");
    // 1,234.5 km is above 10 × 8.2 km (the largest confirmed value of P1–P3): implausible, so
    // the submission waits for the township's confirmation with a note (lib/domain/plausibility.ts).
    let refusal: unknown;
    try {
      await submitReport(staff, { reportId, expectedVersion: v0 + 4 });
    } catch (error) {
      refusal = userPart(error as AppError);
    }
    expect(refusal).toEqual({
      message: "reportChecks.refused",
      fields: {
        [`confirm.${greenway.id}`]: {
          key: "reportChecks.kind.unconfirmedValue",
          values: { limit: "82", reference: "8.2" },
        },
      },
    });
    await saveReport(staff, {
      reportId,
      expectedVersion: v0 + 4,
      confirmations: { [greenway.id]: { value: "1234.5", note: "含新建滨江绿道 1,226 公里" } },
    });
    expect(await valueOf("greenwayKm")).toBe("1234.5");
    await submitReport(staff, { reportId, expectedVersion: v0 + 5 });
    await approveReport(reviewer, { reportId, expectedVersion: v0 + 6, comment: "同意" });
    await confirmReport(admin, { reportId, expectedVersion: v0 + 7 });

    const end = await report();
    expect(end).toMatchObject({ status: "CITY_CONFIRMED", version: v0 + 8, submissionCount: 2 });
    expect(end.submittedAt && end.approvedAt && end.confirmedAt).toBeTruthy();
    // The resubmission moved submittedAt, not the first submission (which decides "on time").
    expect(end.firstSubmittedAt!.getTime()).toBeLessThan(end.submittedAt!.getTime());
    const audit = await prisma.auditLog.findMany({
      where: {
        entityType: "ProgressReport",
        entityId: String(reportId),
        at: { gte: start.updatedAt },
      },
      orderBy: { id: "asc" },
    });
    expect(audit.slice(-8).map((a) => [a.action, a.actorName])).toEqual([
      ["report.save", "staff-330825109"],
      ["report.submit", "staff-330825109"],
      ["report.return", "reviewer-330825"],
      ["report.save", "staff-330825109"],
      ["report.save", "staff-330825109"],
      ["report.submit", "staff-330825109"],
      ["report.approve", "reviewer-330825"],
      ["report.confirm", "admin"],
    ]);
    expect(audit.at(-1)!.after).toEqual({ status: "CITY_CONFIRMED", version: v0 + 8 });
    expect(audit.at(-4)!.after).toEqual({
      version: v0 + 5,
      values: {},
      projects: 0,
      confirmations: { [greenway.id]: "1234.5" },
    });
    const decisions = await prisma.review.findMany({
      where: { reportId, createdAt: { gte: start.updatedAt } },
      orderBy: { id: "asc" },
    });
    expect(decisions.map((d) => [d.decision, d.reportVersion])).toEqual([
      ["RETURN", v0 + 2],
      ["APPROVE", v0 + 6],
      ["CONFIRM", v0 + 7],
    ]);
  });
});

describe("county review", () => {
  it("bulk approval approves what it can and says why it skipped the rest", async () => {
    const submitted = await listReportsForActor(reviewer, { year: 2026, status: "SUBMITTED" });
    expect(submitted.map((r) => r.id).sort()).toEqual([...fixture.submittedIds].sort());
    const [a, b] = submitted as [(typeof submitted)[0], (typeof submitted)[0]];
    // b was changed since the queue showed it: skipped, a approved.
    expect(
      await bulkApproveReports(reviewer, {
        reports: [
          { reportId: a.id, expectedVersion: a.version },
          { reportId: b.id, expectedVersion: b.version - 1 },
        ],
      }),
    ).toEqual({ done: [a.id], skipped: [{ reportId: b.id, reason: "changed" }] });
    // Again with both at the versions shown: a is already approved, b is approved now.
    expect(
      await bulkApproveReports(reviewer, {
        reports: [a, b].map((r) => ({ reportId: r.id, expectedVersion: r.version })),
      }),
    ).toEqual({ done: [b.id], skipped: [{ reportId: a.id, reason: "alreadyDone" }] });
    const statuses = await prisma.progressReport.findMany({
      where: { id: { in: [a.id, b.id] } },
      select: { status: true },
    });
    expect(statuses.map((s) => s.status)).toEqual(["COUNTY_APPROVED", "COUNTY_APPROVED"]);
    // A report of another county fails the whole batch: nothing half-done.
    expect(
      await codeOf(
        bulkApproveReports(otherReviewer, {
          reports: [{ reportId: a.id, expectedVersion: a.version + 1 }],
        }),
      ),
    ).toMatch(/^NOT_FOUND/);
  });

  it("lists the county's late reports by their due dates (P4 due 10 December 2026)", async () => {
    // 溪口镇 is confirmed and the P4 of 湖镇镇 and 小南海镇 approved by now; neither started P1–P3.
    const late = async (at: string) =>
      (await listLateTowns(reviewer, "330825", new Date(at))).map(
        (l) => `${l.townCode}/${l.periodIndex}/${l.daysLate}`,
      );
    expect(await late("2026-12-12T09:00:00+08:00")).toEqual([
      "330825101/1/246",
      "330825102/1/246",
      "330825101/2/155",
      "330825102/2/155",
      "330825101/3/63",
      "330825102/3/63",
    ]);
    // 府山街道's P4 draft is late in its own county only, and only after 10 December.
    const kecheng = async (at: string) =>
      (await listLateTowns(admin, "330802", new Date(at))).map((l) => l.periodIndex);
    expect(await kecheng("2026-12-10T23:59:00+08:00")).toEqual([1, 2, 3]);
    expect(await kecheng("2026-12-11T00:00:00+08:00")).toEqual([1, 2, 3, 4]);
    expect(await listLateTowns(reviewer, "330802", new Date("2026-12-12T09:00:00+08:00"))).toEqual(
      [],
    );
  });
});

describe("openReport", () => {
  it("returns the existing report, and refuses towns outside the actor's scope", async () => {
    expect(await openReport(staff, { townCode: "330825109", year: 2026, periodIndex: 4 })).toEqual({
      id: reportId,
      created: false,
    });
    expect(
      await codeOf(openReport(staff, { townCode: "330802001", year: 2026, periodIndex: 4 })),
    ).toBe("NOT_FOUND");
    expect(
      await codeOf(openReport(reviewer, { townCode: "330825109", year: 2026, periodIndex: 4 })),
    ).toBe("FORBIDDEN");
  });
});

describe("reads behind the JSON API", () => {
  it("scopes tasks and reports like the pages", async () => {
    const own = await listTasksForActor(staff, { year: 2026 });
    expect(own.map((t) => t.town.divisionCode)).toEqual(["330825109"]);
    const county = await listTasksForActor(reviewer, { year: 2026 });
    expect(county.length).toBe(3);
    expect(county.every((t) => t.town.county.divisionCode === "330825")).toBe(true);
    expect(await listReportsForActor(otherReviewer, { countyCode: "330825" })).toEqual([]);
    await expect(getReportForActor(otherReviewer, reportId)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const json = reportDetailToJson(await getReportForActor(reviewer, reportId));
    expect(json).toMatchObject({ status: "CITY_CONFIRMED", town: { code: "330825109" } });
    const greenway = json.indicators.find((i) => i.code === "greenwayKm");
    expect(greenway?.value).toBe("1234.5");
    // The reviewer sees the implausible value flagged, with the township's note.
    expect(greenway?.plausibility).toEqual({
      implausible: true,
      limit: "82",
      reference: "8.2",
      basis: "TOWN",
      confirmed: true,
      note: "含新建滨江绿道 1,226 公里",
    });
    expect(json.indicators.find((i) => i.code === "sewageTreatmentRate")?.plausibility).toBeNull();
  });
});

describe("the checklist and plausibility as the screens read them", () => {
  it("takes every town's values when the town has no accepted history; counts evidence per indicator", async () => {
    // 湖镇镇 has no accepted report before P4: its bound is 10 × 溪口镇's largest confirmed
    // greenway length of P1–P3 (8.2 km) = 82 km.
    const huzhen = toReportSheet(await getReportForActor(reviewer, fixture.submittedIds[0]), false);
    const greenway = huzhen.indicators.find((i) => i.code === "greenwayKm")!;
    expect(greenway.plausibility).toEqual({ limit: "82", reference: "8.2", basis: "PEERS" });
    expect(huzhen.checklist).toEqual([]);

    // Evidence required for the greenway: without a file the report cannot be submitted.
    await prisma.indicator.update({
      where: { id: fixture.indicators.greenwayKm },
      data: { evidenceRequired: true },
    });
    try {
      const sheet = toReportSheet(
        await getReportForActor(reviewer, fixture.submittedIds[0]),
        false,
      );
      expect(sheet.checklist.map((c) => `${c.severity} ${c.kind} ${c.field}`)).toEqual([
        `BLOCKER missingEvidence evidence.${fixture.indicators.greenwayKm}`,
      ]);
    } finally {
      await prisma.indicator.update({
        where: { id: fixture.indicators.greenwayKm },
        data: { evidenceRequired: false },
      });
    }
  });
});
