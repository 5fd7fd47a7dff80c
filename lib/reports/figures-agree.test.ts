/**
 * One truth per figure (issue 13, item 6): on the demo data, the county dashboard's "not yet
 * submitted" (the current period's outstanding reports), its "late" (towns with a late report)
 * and the review queue's late list are computed from the one definition in
 * lib/domain/reporting.ts and agree, on the demo's today and after the annual report's due
 * date (10 December 2026), with the counts of 龙游县 (330825) checked by hand against the
 * reports' statuses.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { E2E_TODAY } from "@/e2e/demo-date";
import type { Actor } from "@/lib/access";
import { figureFilters } from "@/lib/dashboard/figure-filters";
import { computeSummary } from "@/lib/dashboard/summary.internal";
import { listTownRows } from "@/lib/dashboard/town-rows.internal";
import { createPrismaClient, type PrismaClient } from "@/lib/prisma-client";
import { createScratchDatabase, type ScratchDatabase } from "@/lib/testing/database";
import { seedDemoData } from "@/prisma/seed";
import { listLateTowns } from "./queries";

let database: ScratchDatabase;
let prisma: PrismaClient;
let reviewer: Actor;
let longyou: { id: number; divisionCode: string; name: string; nameEn: string };

beforeAll(async () => {
  database = await createScratchDatabase("figures_agree");
  process.env.DATABASE_URL = database.url;
  prisma = createPrismaClient(database.url, { max: 2 });
  await seedDemoData(prisma, { today: E2E_TODAY });
  longyou = await prisma.county.findUniqueOrThrow({
    where: { divisionCode: "330825" },
    select: { id: true, divisionCode: true, name: true, nameEn: true },
  });
  const user = await prisma.user.findUniqueOrThrow({ where: { username: "reviewer-330825" } });
  reviewer = { ...user, countyId: longyou.id, townId: null, mustChangePassword: false };
}, 240_000);

afterAll(async () => {
  await prisma?.$disconnect();
  await database?.drop();
});

/** 龙游县's towns whose 2026 annual report is still the township's (checked by hand). */
const NOT_SUBMITTED = [
  "330825001",
  "330825101",
  "330825106",
  "330825109",
  "330825110",
  "330825111",
  "330825203",
  "330825207",
  "330825209",
  "330825212",
];

/** The three figures of 龙游县 in 2026 at an instant, each through its own screen's code. */
async function figuresAt(at: string) {
  const now = new Date(at);
  const summary = await computeSummary([longyou], 2026, now);
  const rows = await listTownRows(
    [longyou.id],
    2026,
    summary.period!.id,
    summary.asOfDate,
    summary.today,
  );
  const late = await listLateTowns(reviewer, "330825", now);
  return {
    dashboardNotSubmitted: summary.total.reportsDue - summary.total.reportsSubmitted,
    notSubmittedList: rows.filter(figureFilters.reportsNotSubmitted).map((r) => r.code),
    dashboardLate: summary.total.townsLate,
    lateList: rows.filter(figureFilters.townsLate).map((r) => r.code),
    queueLate: late,
  };
}

/** 龙游县's annual (P4) reports of 2026 by status, straight from the table. */
async function p4Statuses() {
  const tasks = await prisma.creationTask.findMany({
    where: { year: 2026, status: { in: ["PUBLISHED", "CLOSED"] }, town: { countyId: longyou.id } },
    select: {
      town: { select: { divisionCode: true } },
      reports: { where: { period: { index: 4 } }, select: { status: true } },
    },
  });
  return tasks.map((t) => ({ code: t.town.divisionCode, status: t.reports[0]?.status ?? null }));
}

describe("not yet submitted, late and the queue's late list agree", () => {
  it("on the demo's today (4 December, before the annual report is due)", async () => {
    const f = await figuresAt("2026-12-04T10:00:00+08:00");
    const outstanding = (await p4Statuses()).filter(
      (r) => r.status === null || r.status === "DRAFT" || r.status === "RETURNED",
    );
    // Hand-checked on the demo data: 龙游县 has 13 towns in the 2026 programme; their P4 reports
    // are 3 SUBMITTED (330825102, 330825201, 330825211), 2 RETURNED (龙洲街道 001,
    // 溪口镇 109) and 8 DRAFT: 10 not yet submitted.
    expect((await p4Statuses()).length).toBe(13);
    expect(outstanding.map((r) => r.code).sort()).toEqual(NOT_SUBMITTED);
    expect(f.dashboardNotSubmitted).toBe(10);
    expect(f.notSubmittedList.sort()).toEqual(NOT_SUBMITTED);
    // Nothing is past due yet: no late town anywhere.
    expect([f.dashboardLate, f.lateList.length, f.queueLate.length]).toEqual([0, 0, 0]);
  });

  it("after the due date: every report not yet submitted is late, on every screen", async () => {
    const f = await figuresAt("2026-12-15T10:00:00+08:00");
    expect(f.dashboardNotSubmitted).toBe(10);
    expect(f.dashboardLate).toBe(10);
    expect(f.lateList.sort()).toEqual(NOT_SUBMITTED);
    expect(f.lateList.sort()).toEqual(f.notSubmittedList.sort());
    const queueTowns = [...new Set(f.queueLate.map((l) => l.townCode))].sort();
    expect(queueTowns).toEqual(f.lateList.sort());
    // Each late report is the P4 of 2026, five days late.
    expect(f.queueLate.map((l) => [l.year, l.periodIndex, l.daysLate])).toEqual(
      Array.from({ length: 10 }, () => [2026, 4, 5]),
    );
  });
});
