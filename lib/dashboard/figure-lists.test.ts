/**
 * Every key figure card of the dashboard opens the list behind it, and the list adds up to the
 * card (issue 13, item 10): on the demo data pinned at E2E_TODAY, for the city (the leader) and
 * one county (龙游县, its reviewer), in 2022 (the published figures) and 2026 (the running
 * year), each card of lib/dashboard/figure-filters.ts cardLists is compared with the total of
 * the list its link opens, read through the same functions the list pages call. Two figures
 * are also worked out by hand from the tables (Prisma, no dashboard code). The town page's
 * figures (issue 13, item 9) are checked against the town's reports and its dashboard row.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { E2E_NOW, E2E_TODAY } from "@/e2e/demo-date";
import type { Actor } from "@/lib/access";
import { listCircles } from "@/lib/circles/queries";
import type { PrismaClient } from "@/lib/prisma-client";
import { builders, scratchApp } from "@/lib/testing/builders";
import { countStatements } from "@/lib/testing/statements";
import { getTownFigures } from "@/lib/towns/figures";
import { clearLiveFigures } from "@/lib/system/data-version";
import { seedDemoData } from "@/prisma/seed";
import {
  cardHref,
  cardLists,
  figureFilters,
  figureTotal,
  type CardList,
  type LinkedCardKey,
} from "./figure-filters";
import { getSummaries, getTownList, listFigureProjects, type Area } from "./queries";
import type { AreaFigures } from "./types";

let prisma: PrismaClient;
let drop: () => Promise<void>;
let leader: Actor;
let reviewer: Actor;
const NOW = new Date(E2E_NOW);
const LONGYOU = "330825";

beforeAll(async () => {
  const app = await scratchApp("figure_lists");
  prisma = app.prisma;
  drop = app.drop;
  await seedDemoData(prisma, { today: E2E_TODAY });
  const b = builders(prisma);
  leader = await b.actor("CITY_LEADER");
  const longyou = await prisma.county.findUniqueOrThrow({ where: { divisionCode: LONGYOU } });
  reviewer = await b.actor("COUNTY_REVIEWER", { countyId: longyou.id });
}, 300_000); // seeding the demo data takes 1–2 minutes on the shared 2-core machine

afterAll(async () => {
  await drop?.();
});

/** The total of the list a card opens, as the list page shows it (a number or a 2-dp string). */
async function listTotal(
  actor: Actor,
  area: Area,
  year: number,
  card: LinkedCardKey,
): Promise<number | string> {
  const list: CardList = cardLists[card];
  if (list.list === "projects") {
    return (await listFigureProjects(actor, area, year, list.figure)).total;
  }
  if (list.list === "circles") {
    const county = area.kind === "county" ? area.code : null;
    return (await listCircles(actor, year, { county, model: list.model })).length;
  }
  const { rows, summary } = await getTownList(actor, area, year, { now: NOW });
  const shown = rows.filter(figureFilters[list.figure]);
  return figureTotal(list.figure, shown, rows, summary.period !== null).value;
}

const cardValue = (figures: AreaFigures, card: LinkedCardKey): number | string => {
  const value = figures[card];
  return Array.isArray(value) ? value.reduce((n, s) => n + s, 0) : value;
};

const cases: [string, () => Actor, Area, number][] = [
  ["the city, 2022", () => leader, { kind: "city" }, 2022],
  ["the city, 2026", () => leader, { kind: "city" }, 2026],
  ["龙游县, 2026 (its reviewer)", () => reviewer, { kind: "county", code: LONGYOU }, 2026],
  ["龙游县, 2022 (the leader)", () => leader, { kind: "county", code: LONGYOU }, 2022],
];

describe.each(cases)("%s", (_label, actor, area, year) => {
  it("every card's list adds up to the card", async () => {
    const { current } = await getSummaries(actor(), area, year, { now: NOW });
    const cards = Object.keys(cardLists) as LinkedCardKey[];
    expect(cards).toHaveLength(23);
    const totals = await Promise.all(cards.map((card) => listTotal(actor(), area, year, card)));
    const expected = cards.map((card) => [card, cardValue(current.total, card)]);
    expect(cards.map((card, i) => [card, totals[i]])).toEqual(expected);
    // Lists that could be empty would make this weak: most cards have something behind them.
    expect(expected.filter(([, v]) => Number(v) > 0).length).toBeGreaterThanOrEqual(15);
  });
});

describe("the links", () => {
  it("carry identifiers only, and the county's code on a county page", () => {
    expect(cardHref("plannedInvestmentWan", 2026)).toBe(
      "/projects?year=2026&figure=plannedInvestmentWan",
    );
    expect(cardHref("approvalRate", 2026, LONGYOU)).toBe(
      "/towns?year=2026&figure=reportsApproved&county=330825",
    );
    expect(cardHref("modelCircles", 2022, LONGYOU)).toBe(
      "/circles?year=2022&model=1&county=330825",
    );
    expect(cardHref("stars", 2025)).toBe("/towns?year=2025&figure=stars");
  });
});

describe("worked out from the tables", () => {
  it("龙游县's planned investment of 2026: the projects of its published tasks of 2026", async () => {
    const projects = await prisma.project.findMany({
      where: {
        task: {
          year: 2026,
          status: { in: ["PUBLISHED", "CLOSED"] },
          town: { county: { divisionCode: LONGYOU } },
        },
      },
      select: { plannedInvestmentWan: true },
    });
    const cents = projects.reduce(
      (n, p) => n + Math.round(Number(p.plannedInvestmentWan) * 100),
      0,
    );
    const { total, rows } = await listFigureProjects(
      reviewer,
      { kind: "county", code: LONGYOU },
      2026,
      "plannedInvestmentWan",
    );
    expect(Math.round(Number(total) * 100)).toBe(cents);
    expect(rows.length).toBeLessThanOrEqual(projects.length);
    expect(cents).toBeGreaterThan(0);
  });

  it("the city's community gyms of 2022: each task's latest accepted report, summed", async () => {
    const reports = await prisma.progressReport.findMany({
      where: {
        task: { year: 2022 },
        status: { in: ["COUNTY_APPROVED", "CITY_CONFIRMED"] },
      },
      select: {
        taskId: true,
        period: { select: { index: true } },
        values: {
          where: { indicator: { figureInput: "communityGyms" } },
          select: { value: true },
        },
      },
    });
    const latest = new Map<number, (typeof reports)[number]>();
    for (const r of reports) {
      const seen = latest.get(r.taskId);
      if (!seen || seen.period.index < r.period.index) latest.set(r.taskId, r);
    }
    const gyms = [...latest.values()].reduce((n, r) => n + Number(r.values[0]?.value ?? 0), 0);
    expect(gyms).toBeGreaterThan(0);
    const { rows, summary } = await getTownList(leader, { kind: "city" }, 2022, { now: NOW });
    const shown = rows.filter(figureFilters.communityGyms);
    expect(figureTotal("communityGyms", shown, rows, summary.period !== null)).toEqual({
      kind: "sum",
      indicator: "communityGyms",
      value: gyms,
    });
    expect(summary.total.communityGyms).toBe(gyms);
  });

  it("a reviewer cannot open the list of another county", async () => {
    await expect(
      listFigureProjects(reviewer, { kind: "county", code: "330802" }, 2026, "landSuppliedMu"),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listCircles(reviewer, 2026, {})).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("the town page's figures (溪口镇)", () => {
  const XIKOU = "330825109";

  it("reads each value from the year's latest accepted report, in two statements", async () => {
    const town = await prisma.town.findUniqueOrThrow({ where: { divisionCode: XIKOU } });
    clearLiveFigures(); // cold: the data version, then the indicators and the projects
    const { result, count } = await countStatements(() => getTownFigures(reviewer, town));
    expect(count).toBe(3);
    expect(result.years).toContain(2022);
    const latest = await prisma.progressReport.findFirstOrThrow({
      where: {
        task: { townId: town.id, year: 2022 },
        status: { in: ["COUNTY_APPROVED", "CITY_CONFIRMED"] },
      },
      orderBy: { period: { index: "desc" } },
      select: {
        period: { select: { index: true } },
        values: { select: { value: true, indicator: { select: { code: true } } } },
      },
    });
    const withValue = latest.values.filter((v) => v.value !== null);
    expect(withValue.length).toBeGreaterThan(0);
    for (const v of withValue) {
      const year = result.indicators
        .find((i) => i.code === v.indicator.code)
        ?.years.find((y) => y.year === 2022);
      expect(year, v.indicator.code).toMatchObject({
        value: String(Number(v.value)),
        periodIndex: latest.period.index,
      });
    }
    const targets = result.indicators.flatMap((i) => i.years).filter((y) => y.target !== null);
    expect(targets.length).toBeGreaterThan(0);
  });

  it("has the projects whose sums are its row's investment on the county's list", async () => {
    const town = await prisma.town.findUniqueOrThrow({ where: { divisionCode: XIKOU } });
    const figures = await getTownFigures(reviewer, town);
    const { rows } = await getTownList(reviewer, { kind: "county", code: LONGYOU }, 2026, {
      now: NOW,
    });
    const row = rows.find((r) => r.code === XIKOU)!;
    const cents = (k: "plannedInvestmentWan" | "completedInvestmentWan") =>
      figures.projects
        .filter((p) => p.year === 2026)
        .reduce((n, p) => n + Math.round(Number(p[k]) * 100), 0);
    expect(cents("plannedInvestmentWan")).toBe(Math.round(Number(row.plannedInvestmentWan) * 100));
    expect(cents("completedInvestmentWan")).toBe(
      Math.round(Number(row.completedInvestmentWan) * 100),
    );
    expect(cents("plannedInvestmentWan")).toBeGreaterThan(0);
  });
});
