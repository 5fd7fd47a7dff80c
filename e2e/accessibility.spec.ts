/**
 * Accessibility sweep: every page each role can open, checked by axe (WCAG 2 A and AA rules) in
 * Chinese, and a subset in English. Fails on any serious or critical violation, on a page with
 * other than exactly one `<main>`, and on a page that sends the role elsewhere (the list below
 * says who may open what: a page a role cannot open redirects to the role's home).
 *
 * To add a page: add a line to `PAGES` with the roles that open it (its URL may use the demo
 * ids of `DemoIds`, looked up once from the demo data).
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { testDb } from "./db";
import { signInViaApi } from "./fixtures";

type Role = "admin" | "leader" | "reviewer-330825" | "staff-330825109";
const ALL: Role[] = ["admin", "leader", "reviewer-330825", "staff-330825109"];
const CITY: Role[] = ["admin", "leader"];
const ADMIN: Role[] = ["admin"];
const NOT_STAFF: Role[] = ["admin", "leader", "reviewer-330825"];
const REVIEWER: Role[] = ["reviewer-330825"];

/** The demo staff user's town and its county (龙游县): every role here may open its pages. */
const TOWN = "330825109";
const COUNTY = "330825";

/** Ids of demo records the page URLs need. */
type DemoIds = {
  year: number;
  period: number;
  reportId: number;
  userId: number;
  indicatorId: number;
  ratingSchemeId: number;
  runId: number;
  assessmentSchemeId: number;
  circle: string;
  belt: string;
  /** The first drill-down link of the county's published assessment (found on its page). */
  itemPath?: string;
};

type PageEntry = {
  path: (ids: DemoIds) => string;
  roles: Role[];
  /** Also checked in English. */
  en?: boolean;
};

/** Every page under app/(app), with the roles that may open it. */
const PAGES: PageEntry[] = [
  { path: () => "/account", roles: ALL, en: true },
  { path: () => "/dashboard", roles: CITY, en: true },
  { path: () => "/towns", roles: CITY },
  { path: (i) => `/towns?year=${i.year}&county=${COUNTY}`, roles: NOT_STAFF },
  { path: () => `/towns/${TOWN}`, roles: ALL, en: true },
  { path: (i) => `/towns/${TOWN}/reports/${i.year}/${i.period}`, roles: ALL, en: true },
  { path: () => `/counties/${COUNTY}`, roles: NOT_STAFF, en: true },
  { path: () => `/counties/${COUNTY}/reviews`, roles: REVIEWER },
  { path: (i) => `/counties/${COUNTY}/reviews/${i.reportId}`, roles: REVIEWER, en: true },
  { path: () => "/ratings", roles: NOT_STAFF },
  { path: (i) => `/ratings/${TOWN}/${i.year}`, roles: ALL, en: true },
  { path: (i) => `/ratings/${TOWN}/${i.year}/print`, roles: ALL },
  { path: () => "/ratings/setup", roles: ADMIN },
  { path: () => "/circles", roles: CITY },
  { path: () => "/assessments", roles: CITY, en: true },
  { path: (i) => `/assessments/runs/${i.runId}`, roles: CITY },
  { path: (i) => `/assessments/runs/${i.runId}/sheet`, roles: CITY },
  { path: () => `/assessments/counties/${COUNTY}`, roles: NOT_STAFF },
  { path: (i) => i.itemPath ?? "", roles: NOT_STAFF },
  { path: () => "/assessments/entries", roles: ADMIN },
  { path: () => "/assessments/schemes", roles: ADMIN },
  { path: (i) => `/assessments/schemes/${i.assessmentSchemeId}`, roles: ADMIN },
  { path: () => "/admin/audit", roles: ADMIN, en: true },
  { path: () => "/admin/confirmations", roles: CITY },
  { path: () => "/admin/programme", roles: CITY },
  { path: () => "/admin/indicators", roles: CITY },
  { path: (i) => `/admin/indicators/${i.indicatorId}`, roles: CITY },
  { path: (i) => `/admin/indicators/new?year=${i.year}`, roles: ADMIN },
  { path: () => "/admin/rating-schemes", roles: CITY },
  { path: (i) => `/admin/rating-schemes/${i.ratingSchemeId}`, roles: CITY },
  { path: () => "/admin/tasks", roles: ADMIN },
  { path: (i) => `/admin/tasks/${i.year}/${TOWN}`, roles: ADMIN },
  { path: () => "/admin/towns", roles: CITY },
  { path: () => `/admin/towns/${TOWN}`, roles: CITY },
  { path: () => "/admin/users", roles: ADMIN, en: true },
  { path: (i) => `/admin/users/${i.userId}`, roles: ADMIN },
  { path: () => "/admin/users/new", roles: ADMIN },
  { path: () => "/admin/years", roles: ADMIN },
  { path: (i) => `/admin/years/${i.year}`, roles: ADMIN },
  { path: () => "/admin/circles", roles: ADMIN },
  { path: (i) => `/admin/circles/${i.circle}`, roles: ADMIN },
  { path: (i) => `/admin/circles/belts/${i.belt}`, roles: ADMIN },
  { path: () => "/admin/circles/new", roles: ADMIN },
  { path: () => "/admin/circles/belts/new", roles: ADMIN },
];

/** Pages of a signed-out visitor. */
const PUBLIC_PAGES = ["/", "/login"];

let ids: DemoIds;

test.beforeAll(async () => {
  const db = testDb();
  const task = await db.creationTask.findFirstOrThrow({
    where: { town: { divisionCode: TOWN }, status: "PUBLISHED", reports: { some: {} } },
    orderBy: { year: "desc" },
    include: { reports: { include: { period: true }, orderBy: { periodId: "asc" } } },
  });
  const report = task.reports.find((r) => r.status !== "DRAFT") ?? task.reports[0]!;
  const run = await db.assessmentRun.findFirstOrThrow({
    where: { status: "PUBLISHED" },
    orderBy: [{ year: "desc" }, { version: "desc" }],
  });
  ids = {
    year: task.year,
    period: report.period.index,
    reportId: report.id,
    userId: (await db.user.findUniqueOrThrow({ where: { username: "staff-330825109" } })).id,
    indicatorId: (await db.indicator.findFirstOrThrow({ where: { year: task.year } })).id,
    ratingSchemeId: (await db.ratingScheme.findFirstOrThrow({ orderBy: { year: "desc" } })).id,
    runId: run.id,
    assessmentSchemeId: run.schemeId,
    circle: (await db.townCircle.findFirstOrThrow({ orderBy: { code: "asc" } })).code,
    belt: (await db.belt.findFirstOrThrow({ orderBy: { code: "asc" } })).code,
  };
});

/** axe's serious and critical WCAG 2 A/AA violations of the page, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) =>
      v.nodes
        .slice(0, 5)
        .map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")} — ${n.failureSummary ?? ""}`),
    );
}

/** Opens `path`, checks it stayed there, has one main landmark and no serious violations. */
async function check(page: Page, path: string): Promise<string[]> {
  const response = await page.goto(path);
  const problems: string[] = [];
  if (!response || response.status() >= 400) problems.push(`status ${response?.status()}`);
  const url = new URL(page.url());
  if (`${url.pathname}${url.search}` !== path) problems.push(`redirected to ${url.pathname}`);
  await page.waitForLoadState("networkidle");
  const mains = await page.locator("main, [role=main]").count();
  if (mains !== 1) problems.push(`${mains} main landmarks`);
  problems.push(...(await seriousViolations(page)));
  return problems.map((p) => `${path}: ${p}`);
}

/** The county's first drill-down link (an item of its published assessment). */
async function findItemPath(page: Page): Promise<string | undefined> {
  await page.goto(`/assessments/counties/${COUNTY}`);
  return (
    (await page
      .locator(`a[href*="/assessments/counties/${COUNTY}/items/"]`)
      .first()
      .getAttribute("href")) ?? undefined
  );
}

for (const role of ALL) {
  for (const locale of ["zh-CN", "en"] as const) {
    test(`${role} pages in ${locale} have no serious accessibility violations`, async ({
      page,
      context,
      baseURL,
    }) => {
      test.setTimeout(300_000);
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
      await signInViaApi(page, role);
      if (role !== "staff-330825109") ids.itemPath ??= await findItemPath(page);
      const pages = PAGES.filter((p) => p.roles.includes(role) && (locale === "zh-CN" || p.en));
      const problems: string[] = [];
      for (const entry of pages) {
        const path = entry.path(ids);
        expect(path, "a page URL could not be built from the demo data").not.toBe("");
        problems.push(...(await check(page, path)));
      }
      expect(problems).toEqual([]);
    });
  }
}

test("public pages have no serious accessibility violations, in both languages", async ({
  page,
  context,
  baseURL,
}) => {
  const problems: string[] = [];
  for (const locale of ["zh-CN", "en"]) {
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    for (const path of PUBLIC_PAGES) problems.push(...(await check(page, path)));
  }
  expect(problems).toEqual([]);
});
