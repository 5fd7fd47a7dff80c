/**
 * The edges where copies of the programme rules used to disagree, checked through the app's
 * own reads on a tiny data set of its own (PostgreSQL): a DRAFT task is not in the programme
 * and owes nothing; a stripped title stops counting from its date, not before; a COMMON
 * indicator with town types still applies to every town; before a year's first period nothing
 * is due; a report is late only after its due date.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access";
import { getReportForActor, listLateTowns } from "@/lib/reports/queries";
import { builders, scratchApp } from "@/lib/testing/builders";
import { recordTitleEvent } from "@/lib/towns/events";
import { getTownForActor } from "@/lib/towns/queries";
import type { PrismaClient } from "@/lib/prisma-client";
import { figureFilters } from "./figure-filters";
import { getSummaries, getTownRows, getTrend } from "./queries";

let prisma: PrismaClient;
let drop: () => Promise<void>;
let admin: Actor;
let reviewer: Actor;
let staff: Actor;
let periodIds: number[];

const COUNTY = "330825";
const area = { kind: "county", code: COUNTY } as const;
/** 2026-12-04 10:00 in Shanghai. */
const NOW = new Date("2026-12-04T02:00:00Z");
const at = (iso: string) => new Date(`${iso}T02:00:00Z`);

beforeAll(async () => {
  const app = await scratchApp("rules");
  prisma = app.prisma;
  drop = app.drop;
  const b = builders(prisma);
  const county = await b.county(COUNTY, "龙游县");
  const published = await b.town(county.id, "330825101", { townType: "INDUSTRY" });
  const drafted = await b.town(county.id, "330825102");
  const sample = await b.town(county.id, "330825103");
  await b.year(2025, "CLOSED");
  periodIds = (
    await b.year(2026, "OPEN", ["2026-04-10", "2026-07-10", "2026-10-10", "2026-12-10"])
  ).map((p) => p.id);
  await prisma.year.create({ data: { year: 2027, status: "PLANNING" } });
  await prisma.reportingPeriod.create({
    data: {
      year: 2027,
      index: 1,
      name: "2027年第一季度",
      nameEn: "2027 Q1",
      startsOn: new Date("2027-01-01T00:00:00Z"),
      endsOn: new Date("2027-03-31T00:00:00Z"),
      dueOn: new Date("2027-04-10T00:00:00Z"),
    },
  });
  // A COMMON indicator wrongly limited to TOURISM towns: it still applies to every town.
  await b.indicator(2026, "sewageTreatmentRate", { kind: "COMMON", townTypes: ["TOURISM"] });
  await b.indicator(2026, "tourismVisits", { kind: "DISTINCTIVE", townTypes: ["TOURISM"] });
  const task = await b.task(published.id, 2026, "PUBLISHED");
  await b.task(drafted.id, 2026, "DRAFT");
  await b.task(sample.id, 2026, "PUBLISHED");
  // Q1–Q3 handed in and accepted; Q4 (due 2026-12-10) still a draft.
  for (const [i, periodId] of periodIds.entries()) {
    await b.report(task.id, periodId, i < 3 ? "CITY_CONFIRMED" : "DRAFT");
  }
  await b.titles(sample.id, [
    { kind: "TITLE_AWARDED", title: "BASIC_COMPLIANCE", effectiveOn: "2024-12-28" },
    { kind: "TITLE_AWARDED", title: "PROVINCIAL_SAMPLE", effectiveOn: "2025-12-28" },
  ]);
  admin = await b.actor("CITY_ADMIN");
  reviewer = await b.actor("COUNTY_REVIEWER", { countyId: county.id });
  staff = await b.actor("TOWNSHIP_STAFF", { townId: published.id });
});

afterAll(async () => {
  await drop?.();
});

const summaryOn = async (year: number, now = NOW) =>
  (await getSummaries(reviewer, area, year, { now })).current.total;

describe("in the programme", () => {
  it("counts published tasks only: a DRAFT task is not in the programme and owes nothing", async () => {
    const total = await summaryOn(2026);
    expect(total.townsInProgramme).toBe(2);
    expect(total.reportsDue).toBe(2);
    const rows = await getTownRows(reviewer, area, 2026, { now: NOW });
    expect(rows.filter(figureFilters.townsInProgramme).map((r) => r.code)).toEqual([
      "330825101",
      "330825103",
    ]);
    const drafted = rows.find((r) => r.code === "330825102")!;
    expect(drafted).toMatchObject({ inProgramme: false, target: null, missingItems: null });
  });
});

describe("due and late", () => {
  it("is late only after the due date (Asia/Shanghai), for outstanding reports of tasks in the programme", async () => {
    // 2026-12-10 is Q4's due date: not late yet that day, late the next.
    expect((await summaryOn(2026, at("2026-12-10"))).townsLate).toBe(1); // 330825103 never started Q1–Q3
    const late = async (now: Date) =>
      (await listLateTowns(reviewer, COUNTY, now)).map((l) => `${l.townCode}/${l.periodIndex}`);
    expect(await late(at("2026-12-10"))).toEqual(["330825103/1", "330825103/2", "330825103/3"]);
    expect(await late(new Date("2026-12-10T16:00:00Z"))).toEqual([
      "330825103/1",
      "330825103/2",
      "330825103/3",
      "330825101/4",
      "330825103/4",
    ]);
    const rows = await getTownRows(reviewer, area, 2026, { now: at("2026-12-11") });
    expect(rows.map((r) => [r.code, r.lateReports])).toEqual([
      ["330825101", 1],
      ["330825102", 0],
      ["330825103", 4],
    ]);
    expect((await summaryOn(2026, at("2026-12-11"))).townsLate).toBe(2);
  });

  it("owes nothing in a year before its first period begins", async () => {
    const total = await summaryOn(2027, at("2026-12-11"));
    expect([total.reportsDue, total.townsLate, total.submissionRate]).toEqual([0, 0, "0.00"]);
    const { current } = await getSummaries(reviewer, area, 2027, { now: at("2026-12-11") });
    expect(current.period).toBeNull();
  });
});

describe("attainment", () => {
  it("counts a stripped title until the day before its date, and not from it", async () => {
    expect(await summaryOn(2026)).toMatchObject({ basicCompliance: 1, provincialSamples: 1 });
    await recordTitleEvent(admin, {
      townCode: "330825103",
      kind: "TITLE_STRIPPED",
      title: "PROVINCIAL_SAMPLE",
      effectiveOn: "2026-11-20",
      document: "浙美镇办〔2026〕9号 抽查结果通报",
    });
    expect(await summaryOn(2026, at("2026-11-19"))).toMatchObject({
      basicCompliance: 1,
      provincialSamples: 1,
    });
    expect(await summaryOn(2026, at("2026-11-20"))).toMatchObject({
      basicCompliance: 1,
      provincialSamples: 0,
    });
    // Last year's figures keep the title it held then.
    expect(await summaryOn(2025)).toMatchObject({ provincialSamples: 1 });
    const town = await getTownForActor(reviewer, "330825103", "town.view", NOW);
    expect(town.attainment).toBe("BASIC_COMPLIANCE");
    const trend = await getTrend(reviewer, area, NOW);
    expect(trend.map((p) => [p.year, p.basicCompliance, p.provincialSamples])).toEqual([
      [2025, 1, 1],
      [2026, 1, 0],
      [2027, 1, 0],
    ]);
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "town.titleStripped" },
    });
    expect(audit.after).toMatchObject({ attainmentAfter: "BASIC_COMPLIANCE" });
  });

  it("refolds later events when an earlier one is recorded afterwards", async () => {
    await recordTitleEvent(admin, {
      townCode: "330825101",
      kind: "TITLE_AWARDED",
      title: "PROVINCIAL_SAMPLE",
      effectiveOn: "2026-06-01",
      year: 2025,
      document: "浙美镇办〔2026〕3号",
    });
    await recordTitleEvent(admin, {
      townCode: "330825101",
      kind: "TITLE_AWARDED",
      title: "BASIC_COMPLIANCE",
      effectiveOn: "2025-01-10",
      year: 2024,
      document: "浙美镇办〔2025〕1号",
    });
    await recordTitleEvent(admin, {
      townCode: "330825101",
      kind: "TITLE_STRIPPED",
      title: "BASIC_COMPLIANCE",
      effectiveOn: "2025-06-30",
      document: "浙美镇办〔2025〕6号",
    });
    const events = await prisma.townEvent.findMany({
      where: { town: { divisionCode: "330825101" } },
      orderBy: [{ effectiveOn: "asc" }, { id: "asc" }],
    });
    expect(
      events.map((e) => [e.effectiveOn.toISOString().slice(0, 10), e.attainmentAfter]),
    ).toEqual([
      ["2025-01-10", "BASIC_COMPLIANCE"],
      ["2025-06-30", "NONE"],
      ["2026-06-01", "PROVINCIAL_SAMPLE"],
    ]);
  });

  it("refuses anyone but a city administrator, and unknown towns", async () => {
    const input = {
      townCode: "330825101",
      kind: "TITLE_STRIPPED",
      title: "PROVINCIAL_SAMPLE",
      effectiveOn: "2026-11-30",
      document: "x",
    };
    await expect(recordTitleEvent(reviewer, input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      recordTitleEvent(admin, { ...input, townCode: "330825999" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      recordTitleEvent(admin, { ...input, effectiveOn: "2026-02-30" }),
    ).rejects.toThrow();
  });
});

describe("indicator applicability", () => {
  it("a COMMON indicator applies whatever its town types say; a DISTINCTIVE one only to them", async () => {
    const task = await prisma.creationTask.findFirstOrThrow({
      where: { town: { divisionCode: "330825101" }, year: 2026 },
      include: { reports: { orderBy: { periodId: "asc" } } },
    });
    const report = await getReportForActor(staff, task.reports.at(-1)!.id);
    expect(report.indicators.map((i) => i.code)).toEqual(["sewageTreatmentRate"]);
    const rows = await getTownRows(reviewer, area, 2026, { now: NOW });
    expect(rows.find((r) => r.code === "330825101")?.missingItems).toBe(1);
  });
});
