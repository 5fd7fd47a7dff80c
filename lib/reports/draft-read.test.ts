/**
 * The draft read a stale form compares with (lib/reports/queries.ts getReportDraft, issue 13,
 * item 4), on the report fixture (lib/testing/report-fixture.ts): after a save it answers the
 * saved version, the draft in the form's shape and who saved it; a submitted report is not
 * editable; out of scope is NOT_FOUND and a role that does not edit reports FORBIDDEN. Two
 * saves from the same version still have exactly one winner.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/prisma-client";
import { scratchApp } from "@/lib/testing/builders";
import { outcomeOf } from "@/lib/testing/errors";
import { seedReportFixture, type ReportFixture } from "@/lib/testing/report-fixture";
import { saveReport } from "./mutations";
import { getReportDraft } from "./queries";

let drop: () => Promise<void>;
let prisma: PrismaClient;
let fixture: ReportFixture;

beforeAll(async () => {
  const app = await scratchApp("draft_read");
  prisma = app.prisma;
  drop = app.drop;
  fixture = await seedReportFixture(prisma);
});

afterAll(async () => {
  await drop?.();
});

describe("getReportDraft", () => {
  it("answers the version saved, the draft as the form edits it, and who saved it", async () => {
    const { staff, reportId, indicators } = fixture;
    const { version: start } = await prisma.progressReport.findUniqueOrThrow({
      where: { id: reportId },
    });
    const { version } = await saveReport(staff, {
      reportId,
      expectedVersion: start,
      values: { [indicators.sewageTreatmentRate]: "88.5" },
      notes: { [indicators.sewageTreatmentRate]: "核对过" },
      narrative: "按计划推进",
    });
    expect(version).toBe(start + 1);

    const current = await getReportDraft(staff, reportId);
    const user = await prisma.user.findUniqueOrThrow({ where: { id: staff.id } });
    expect(current.version).toBe(version);
    expect(current.editable).toBe(true);
    expect(current.draft.values[indicators.sewageTreatmentRate]).toMatch(/^88\.50?$/);
    expect(current.draft.notes[indicators.sewageTreatmentRate]).toBe("核对过");
    expect(current.draft.narrative).toBe("按计划推进");
    expect(current.savedBy).toBe(user.displayName);
    expect(Date.now() - Date.parse(current.savedAt!)).toBeLessThan(60_000);
  });

  it("says a submitted report can no longer be edited", async () => {
    const current = await getReportDraft(fixture.otherStaff, fixture.submittedIds[0]);
    expect(current.editable).toBe(false);
  });

  it("refuses another town's report and a role that does not edit reports", async () => {
    expect(await outcomeOf(getReportDraft(fixture.otherStaff, fixture.reportId))).toMatch(
      /^NOT_FOUND/,
    );
    expect(await outcomeOf(getReportDraft(fixture.reviewer, fixture.reportId))).toMatch(
      /^FORBIDDEN/,
    );
  });

  it("keeps exactly one winner between two saves from the same version", async () => {
    const { staff, reportId, indicators } = fixture;
    const { version } = await getReportDraft(staff, reportId);
    const save = (value: string) =>
      saveReport(staff, {
        reportId,
        expectedVersion: version,
        values: { [indicators.sewageTreatmentRate]: value },
      });
    const outcomes = await Promise.all([outcomeOf(save("70")), outcomeOf(save("71"))]);
    expect(outcomes.sort()).toEqual(["CONFLICT:reports.staleVersion", "OK"]);
    expect((await getReportDraft(staff, reportId)).version).toBe(version + 1);
  });
});
