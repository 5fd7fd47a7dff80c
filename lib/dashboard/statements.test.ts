/**
 * Statements per request (issue 15, part 2): on the demo data (pinned at E2E_TODAY), the data a
 * page shows is read with a bounded number of SQL statements, the area's counties are read once
 * and each summary is computed once — the county page used to compute its county's summary
 * twice and every helper re-read the counties (docs/BENCHMARKS.md has the before and after).
 * A draft save of a whole demo report (every indicator and project) is a bounded number of
 * statements too (issue 15, part 3; lib/reports/save-statements.test.ts has its rules).
 * Counted at the pg driver (lib/testing/statements.ts), so every round trip counts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { E2E_NOW, E2E_TODAY } from "@/e2e/demo-date";
import type { Actor } from "@/lib/access";
import type { PrismaClient } from "@/lib/prisma-client";
import { listBasicRequirements } from "@/lib/indicators/queries";
import { listRatingYears, listRatings, listTownStars } from "@/lib/ratings/queries";
import { saveReport } from "@/lib/reports/mutations";
import { getTownYear, listTownReports } from "@/lib/reports/queries";
import { getTownFigures } from "@/lib/towns/figures";
import { getTownForActor, listMergedTownReports } from "@/lib/towns/queries";
import { builders, scratchApp } from "@/lib/testing/builders";
import { countStatements } from "@/lib/testing/statements";
import { clearLiveFigures } from "@/lib/system/data-version";
import { seedDemoData } from "@/prisma/seed";
import {
  getAsOf,
  getByDimension,
  getByTownType,
  getSummaries,
  getTownRows,
  getTrend,
  loadAreaDashboard,
  type Area,
} from "./queries";

let prisma: PrismaClient;
let drop: () => Promise<void>;
let leader: Actor;
let reviewer: Actor;
const NOW = new Date(E2E_NOW);
const YEAR = 2026;
const LONGYOU = "330825";
const city: Area = { kind: "city" };
const county: Area = { kind: "county", code: LONGYOU };

beforeAll(async () => {
  const app = await scratchApp("statements");
  prisma = app.prisma;
  drop = app.drop;
  await seedDemoData(prisma, { today: E2E_TODAY });
  const b = builders(prisma);
  leader = await b.actor("CITY_LEADER");
  const longyou = await prisma.county.findUniqueOrThrow({ where: { divisionCode: LONGYOU } });
  reviewer = await b.actor("COUNTY_REVIEWER", { countyId: longyou.id });
  // Warm the client and its pool, so that connecting is not counted.
  await loadAreaDashboard(leader, city, YEAR, { now: NOW });
}, 600_000); // seeding the demo data takes 1–2 minutes on the shared 2-core machine, 5+ when loaded

afterAll(async () => {
  await drop?.();
});

/**
 * Counts the statements of `fn` with the live-figure cache (lib/system/data-version.ts) emptied
 * first: `count` leaves out the data-version reads (one per cached step here, outside a React
 * request; one per request in a page), `versionReads` counts them.
 */
async function countCold<T>(fn: () => Promise<T>) {
  clearLiveFigures();
  const measured = await countStatements(fn);
  const versionReads = measured.statements.filter((q) => q.includes('"DataVersion"')).length;
  return { ...measured, count: measured.count - versionReads, versionReads };
}

/** Statements that read counties, and first statements of a summary (one per year computed). */
const countyReads = (s: string[]) => s.filter((q) => q.includes('FROM "public"."County"')).length;
const summaries = (s: string[]) =>
  s.filter((q) => q.startsWith('SELECT tw."countyId" AS county_id, COUNT(*) AS towns,')).length;

describe("the cockpit (/dashboard)", () => {
  it("reads the counties once and computes this year and last year once each: 23 statements", async () => {
    const { result, count, statements } = await countCold(() =>
      loadAreaDashboard(leader, city, YEAR, { withPrevious: true, now: NOW }),
    );
    expect(countyReads(statements)).toBe(1);
    expect(summaries(statements)).toBe(2);
    // 1 county read + 2 × (period + 8 aggregates) + trend, by dimension, as of, by town type.
    expect(count).toBe(23);
    // The same figures as each helper on its own (the figures do not change).
    const alone = await getSummaries(leader, city, YEAR, { withPrevious: true, now: NOW });
    expect(result.current).toEqual(alone.current);
    expect(result.previous).toEqual(alone.previous);
    expect(result.byType).toEqual(await getByTownType(leader, city, YEAR, alone.current));
    expect(result.trend).toEqual(await getTrend(leader, city, NOW));
    expect(result.byDimension).toEqual(await getByDimension(leader, city, YEAR));
    expect(result.asOf).toEqual(await getAsOf(leader, city));
  });

  it("serves the next render from the live-figure cache: only the data version is read", async () => {
    const cold = await countCold(() =>
      loadAreaDashboard(leader, city, YEAR, { withPrevious: true, now: NOW }),
    );
    const warm = await countStatements(() =>
      loadAreaDashboard(leader, city, YEAR, { withPrevious: true, now: NOW }),
    );
    expect(warm.statements.every((q) => q.includes('"DataVersion"'))).toBe(true);
    // The counties' entry, the figures' entry and "as of" (outside a React request each reads
    // the version; a page reads it once).
    expect(warm.count).toBe(3);
    expect(warm.result.current).toBe(cold.result.current);
    expect(warm.result.asOf).toEqual(cold.result.asOf);
  });
});

describe("the county page (/counties/{code})", () => {
  it("computes the county's summary once for the key figures and the town rows", async () => {
    const { result, count, statements } = await countCold(async () => {
      const data = await loadAreaDashboard(reviewer, county, YEAR, {
        withPrevious: true,
        now: NOW,
      });
      const [rows, ratingYears] = await Promise.all([
        getTownRows(reviewer, data.resolved, YEAR, { summary: data.current }),
        listRatingYears(reviewer),
      ]);
      return { data, rows, ratingYear: ratingYears[0] ?? YEAR };
    });
    expect(countyReads(statements)).toBe(1);
    expect(summaries(statements)).toBe(2);
    // The dashboard's 23, the town rows' statement, the rating years.
    expect(count).toBe(25);
    expect(result.data.resolved.county).toMatchObject({ code: LONGYOU, name: "龙游县" });
    expect(result.rows).toEqual(await getTownRows(reviewer, county, YEAR, { now: NOW }));
    expect(result.rows.length).toBeGreaterThan(0);
    // The rating card's list (lib/ratings, unchanged) comes on top; shown for the record.
    const ratings = await countStatements(() => listRatings(reviewer, result.ratingYear, LONGYOU));
    console.info(`county page: ${count} statements + ${ratings.count} for the ratings card`);
  });

  it("refuses a county outside the reviewer's scope before reading any figure", async () => {
    const { count } = await countCold(() =>
      loadAreaDashboard(reviewer, { kind: "county", code: "330802" }, YEAR, { now: NOW }).catch(
        (error: unknown) => error,
      ),
    );
    expect(count).toBe(1);
  });
});

describe("GET /api/v1/summary", () => {
  it("computes the current year only: 10 statements", async () => {
    const { count, statements } = await countCold(() =>
      getSummaries(leader, city, YEAR, { now: NOW }),
    );
    expect(countyReads(statements)).toBe(1);
    expect(summaries(statements)).toBe(1);
    expect(count).toBe(10);
  });
});

describe("the town page (/towns/{code})", () => {
  const XIKOU = "330825109";
  /** What app/(app)/towns/[code]/page.tsx reads besides the current report's detail. */
  async function townPage(actor: Actor) {
    const town = await getTownForActor(actor, XIKOU, "town.view", NOW);
    return Promise.all([
      getTownYear(actor, town.id, YEAR),
      listTownReports(actor, XIKOU),
      listTownStars(actor, XIKOU),
      listMergedTownReports(actor, town),
      getTownFigures(actor, town),
      listBasicRequirements(actor, town.currentYear),
    ]);
  }

  it("serves a warm render from the live-figure cache and shows a change on the next read", async () => {
    const xikou = await prisma.town.findUniqueOrThrow({ where: { divisionCode: XIKOU } });
    const staff = await builders(prisma).actor(
      "TOWNSHIP_STAFF",
      { townId: xikou.id },
      "town-page-staff",
    );
    const cold = await countCold(() => townPage(staff));
    expect(cold.count).toBeGreaterThanOrEqual(10); // was 33 per render, every render
    const warm = await countStatements(() => townPage(staff));
    expect(warm.statements.every((q) => q.includes('"DataVersion"'))).toBe(true);
    expect(warm.result[1]).toBe(cold.result[1]);

    // A save moves the data version: the very next read has the report's new version.
    const open = warm.result[1].find((r) => r.status === "DRAFT" || r.status === "RETURNED")!;
    await saveReport(staff, {
      reportId: open.id,
      expectedVersion: open.version,
      narrative: "本期进展说明",
    });
    const next = await listTownReports(staff, XIKOU);
    expect(next.find((r) => r.id === open.id)!.version).toBe(open.version + 1);
    // Another scope keeps its own entry: the county reviewer sees the same report.
    const reviewerRows = await listTownReports(reviewer, XIKOU);
    expect(reviewerRows.find((r) => r.id === open.id)!.version).toBe(open.version + 1);
  });
});

describe("POST /api/reports/{id}/draft on the demo data", () => {
  it("saves a whole report (every value, note and project) in at most 11 statements", async () => {
    const report = await prisma.progressReport.findFirstOrThrow({
      where: { status: "DRAFT", task: { year: YEAR }, values: { some: {} } },
      include: { values: true, task: { include: { projects: true } } },
      orderBy: { id: "asc" },
    });
    const staff = await builders(prisma).actor("TOWNSHIP_STAFF", { townId: report.task.townId });
    const values = Object.fromEntries(
      report.values.map((v) => [String(v.indicatorId), v.value?.toFixed() ?? ""]),
    );
    const notes = Object.fromEntries(report.values.map((v) => [String(v.indicatorId), "核实"]));
    const projects = report.task.projects.map((p) => ({
      projectId: p.id,
      completedInvestmentWan: "10",
      percentComplete: "5",
      status: "IN_PROGRESS" as const,
    }));
    const { count } = await countStatements(() =>
      saveReport(staff, {
        reportId: report.id,
        expectedVersion: report.version,
        values,
        notes,
        projects,
      }),
    );
    // One upsert per value and per project before (11 + values + projects).
    expect(report.values.length).toBeGreaterThanOrEqual(20);
    console.info(
      `draft save: ${report.values.length} values, ${projects.length} projects, ${count} statements`,
    );
    expect(count).toBeLessThanOrEqual(11);
    expect(
      await prisma.indicatorValue.count({ where: { reportId: report.id, note: "核实" } }),
    ).toBe(report.values.length);
  });
});
