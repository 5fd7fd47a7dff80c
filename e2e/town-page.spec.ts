import { expect, test, type Page } from "@playwright/test";
import { signInViaApi } from "./fixtures";

/** The first number in a text ("3,126.40亩" → 3126.4; "★★ 1　★ 2" → the star counts summed). */
const numbers = (text: string) =>
  [...text.replace(/★+/g, " ").matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((m) =>
    Number(m[0].replace(/,/g, "")),
  );

/** The link of the card `key` on the page shown. */
async function cardLink(page: Page, key: string): Promise<string> {
  const href = await page
    .getByTestId(`kpi-${key}`)
    .locator("xpath=ancestor::a")
    .getAttribute("href");
  expect(href, key).toMatch(/^\/(towns|projects|circles)\?year=\d{4}/);
  return href!;
}

/** Opens the list at `href` (a card's link) and returns the list's total. */
async function listTotalOf(page: Page, href: string): Promise<number> {
  await page.goto(href);
  if (href.startsWith("/circles")) return await page.getByTestId("circles").locator("> *").count();
  const total = (await page.getByTestId("list-total").textContent()) ?? "";
  // "50 / 84 = 59.52%" → the rate; "合计 3 个乡镇…" → the count; "共 12 个项目，3,126.40 亩" → the sum.
  const found = numbers(total);
  return href.includes("figure=reportsSubmitted") || href.includes("figure=reportsApproved")
    ? found[2]!
    : href.startsWith("/projects")
      ? found[1]!
      : found[0]!;
}

const CARDS = [
  "townsInProgramme",
  "basicCompliance",
  "provincialSamples",
  "countySeatTowns",
  "sampleRenewals",
  "circles",
  "townsInCircles",
  "modelCircles",
  "townsWithNankongReadingRoom",
  "communityGyms",
  "elderlyCareCentres",
  "neighbourhoodCentres",
  "townsWithFifteenMinuteCircle",
  "townsWithNightLandscape",
  "commonProsperityWorkshops",
  "localJobsCreated",
  "landSuppliedMu",
  "plannedInvestmentWan",
  "completedInvestmentWan",
  "submissionRate",
  "approvalRate",
  "townsLate",
  "stars",
];

for (const [label, start] of [
  ["the city", "/dashboard?year=2022"],
  ["龙游县", "/counties/330825?year=2026"],
] as const) {
  test(`every key figure of ${label} opens a list whose total is the figure`, async ({ page }) => {
    test.setTimeout(180_000);
    await signInViaApi(page, "leader");
    await page.goto(start);
    const values: Record<string, number> = {};
    const links: Record<string, string> = {};
    for (const key of CARDS) {
      links[key] = await cardLink(page, key);
      const text = (await page.getByTestId(`kpi-${key}`).textContent()) ?? "";
      const found = numbers(text);
      values[key] = key === "stars" ? found.reduce((n, v) => n + v, 0) : found[0]!;
    }
    expect(values.provincialSamples).toBe(label === "the city" ? 28 : 7);
    for (const key of CARDS) {
      expect(await listTotalOf(page, links[key]!), key).toBe(values[key]);
    }
  });
}

for (const locale of ["zh-CN", "en"] as const) {
  test(`the drill-down city → county → town shows the town's figures (${locale})`, async ({
    page,
    context,
    baseURL,
  }) => {
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    await signInViaApi(page, "leader");
    const zh = locale === "zh-CN";
    await page.goto("/dashboard");
    await page
      .getByTestId("county-summary-table")
      .getByRole("link", { name: zh ? "龙游县" : /Longyou/ })
      .click();
    await expect(page).toHaveURL(/\/counties\/330825/);
    await page
      .getByTestId("town-figures-table")
      .getByRole("link", { name: zh ? "溪口镇" : /Xikou/ })
      .click();
    await expect(page).toHaveURL(/\/towns\/330825109/);
    const indicators = page.getByTestId("town-indicators");
    await expect(indicators).toContainText(zh ? "指标与目标" : "Indicators against targets");
    await expect(indicators.getByRole("columnheader", { name: "2022" })).toBeVisible();
    await expect(indicators).toContainText("/ "); // a target beside a value
    await expect(page.getByTestId("town-projects")).toContainText(zh ? "万元" : "10k CNY");
    await expect(page.getByText(zh ? "美镇圈" : /circle/i).first()).toBeVisible();
    await page.screenshot({ path: `test-results/town-page-${locale}-desktop.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `test-results/town-page-${locale}-390.png`, fullPage: true });
    // A figure opens the report it was read from.
    const link = indicators.getByTestId("figure-report-link").first();
    const href = await link.getAttribute("href");
    expect(href).toMatch(/^\/towns\/330825109\/reports\/\d{4}\/\d$/);
    await link.click();
    await expect(page).toHaveURL(new RegExp(`${href}$`));
  });
}
