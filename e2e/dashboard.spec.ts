import { expect, test } from "@playwright/test";
import { expectSentHome, signInViaApi } from "./fixtures";

test("the city leader reads the figures, drills down, sorts and filters, goes back and exports", async ({
  page,
}) => {
  await signInViaApi(page, "leader");
  // The cockpit opens on the current year; the published figures are those of 2022.
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("全市驾驶舱");
  await expect(page.getByRole("combobox", { name: "年度" })).toHaveValue("2026");
  await expect(page.getByTestId("kpi-townsInProgramme")).toContainText("84");
  await expect(page.getByTestId("as-of")).toContainText("当前填报期：2026年第四季度");
  await page.getByRole("combobox", { name: "年度" }).selectOption("2022");
  await expect(page).toHaveURL(/year=2022/);
  // A past year's rates are of its last period (not "current").
  await expect(page.getByTestId("as-of")).toContainText("末次填报期：2022年第四季度");
  // The published Quzhou figures (DOMAIN.md), as the demo data reproduces them.
  const figures: Record<string, string> = {
    townsInProgramme: "81",
    basicCompliance: "80",
    provincialSamples: "28",
    countySeatTowns: "6",
    sampleRenewals: "7",
    circles: "22",
    townsInCircles: "29",
    modelCircles: "4",
    townsWithNankongReadingRoom: "31",
    townsWithFifteenMinuteCircle: "11",
    commonProsperityWorkshops: "204",
    localJobsCreated: "25,800",
    landSuppliedMu: "3,126.40",
  };
  for (const [key, value] of Object.entries(figures)) {
    await expect(page.getByTestId(`kpi-${key}`)).toContainText(value);
  }
  await expect(page.getByTestId("as-of")).toContainText("数据截至");
  await expect(page.getByTestId("chart-by-county").getByRole("img")).toBeVisible();
  await page.getByTestId("chart-by-county").getByRole("button", { name: "表格" }).click();
  await expect(
    page.getByTestId("chart-by-county").getByRole("row", { name: /龙游县/ }),
  ).toContainText("6");

  // A figure links to the towns behind it.
  await page.getByTestId("kpi-provincialSamples").click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("共 28 个");
  await page.goBack();

  await page.getByTestId("county-summary-table").getByRole("link", { name: "龙游县" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("龙游县");
  const table = page.getByTestId("town-figures-table");
  await table.getByRole("button", { name: /乡镇（街道）/ }).click(); // sort by name (pinyin)
  await expect(page).toHaveURL(/sort=name/);
  await expect(table.locator("tbody tr").first()).toContainText("大街乡");
  await table.getByRole("combobox", { name: "达标状态" }).selectOption("省级样板");
  await expect(page).toHaveURL(/f\.attainment=PROVINCIAL_SAMPLE/);
  await expect(table.locator("tbody tr")).toHaveCount(6);
  const filteredUrl = page.url();

  const download = page.waitForEvent("download");
  await table.getByRole("link", { name: "导出 Excel" }).click();
  expect((await download).suggestedFilename()).toMatch(/^衢州市美丽城镇_乡镇_2022_\d{8}\.xlsx$/);

  await table.getByRole("link", { name: "溪口镇" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("溪口镇");
  await page.goBack();
  await expect(page).toHaveURL(filteredUrl);
  await expect(table.locator("tbody tr")).toHaveCount(6);
  await expect(table.getByRole("combobox", { name: "达标状态" })).toHaveValue("PROVINCIAL_SAMPLE");
  await expect(table.locator("tbody tr").first()).toContainText("大街乡");
});

test("the CSV export opens in Excel: UTF-8 with BOM", async ({ page }) => {
  await signInViaApi(page, "leader");
  const response = await page.request.get("/export/counties?year=2022&format=csv");
  expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const bytes = await response.body();
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString("utf8").slice(1).trim().split("\r\n");
  expect(lines).toHaveLength(8); // header, six counties, total
  expect(lines[7]).toMatch(/^,合计,81,80,28,6,7,29,31,11,204,25800,3126\.40,/);
});

test("the summary API gives the figures as numbers, by county too", async ({ page }) => {
  await signInViaApi(page, "leader");
  const summary = await (await page.request.get("/api/v1/summary?year=2022")).json();
  expect(summary).toMatchObject({
    year: 2022,
    townsInProgramme: 81,
    basicCompliance: 80,
    provincialSamples: 28,
    countySeatTowns: 6,
    sampleRenewals: 7,
    circles: 22,
    townsInCircles: 29,
    modelCircles: 4,
    townsWithNankongReadingRoom: 31,
    townsWithFifteenMinuteCircle: 11,
    commonProsperityWorkshops: 204,
    localJobsCreated: 25800,
    landSuppliedMu: 3126.4,
  });
  expect(summary.byCounty).toHaveLength(6);
  const sum = summary.byCounty.reduce(
    (n: number, c: { townsInProgramme: number }) => n + c.townsInProgramme,
    0,
  );
  expect(sum).toBe(81);
  const current = await (await page.request.get("/api/v1/summary")).json();
  expect([current.year, current.townsInProgramme, current.period.index]).toEqual([2026, 84, 4]);
});

test("a county reviewer sees only their county", async ({ page }) => {
  await signInViaApi(page, "reviewer-330825");
  await page.goto("/dashboard");
  await expectSentHome(page, "/counties/330825");
  await page.goto("/counties/330825");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("龙游县");
  // On 2026-12-04 every earlier report is in; the annual report is due on 10 December.
  await expect(page.getByTestId("late-towns")).toContainText("没有逾期未报的乡镇");
  expect((await page.request.get("/api/v1/summary")).status()).toBe(404);
  expect((await page.request.get("/api/v1/counties/330881/summary")).status()).toBe(404);
  const own = await (await page.request.get("/api/v1/counties/330825/summary?year=2022")).json();
  expect(own.byCounty.map((c: { code: string }) => c.code)).toEqual(["330825"]);
  expect(
    (await page.request.get("/export/towns?year=2022&county=330881&format=csv")).status(),
  ).toBe(404);
});

test("a star chart with no approved rating says so instead of drawing empty axes", async ({
  page,
  context,
  baseURL,
}) => {
  // 江山市 (330881): its 2026 ratings are still being scored in the demo data (no spec approves
  // one there); 2025's are approved.
  await signInViaApi(page, "leader");
  await page.goto("/counties/330881?year=2026");
  const stars = page.getByTestId("chart-stars");
  await expect(stars.getByTestId("chart-empty")).toHaveText("尚无已审定的星级评价。");
  await expect(stars.locator("svg")).toHaveCount(0);
  await page.goto("/counties/330881?year=2025");
  await expect(stars.getByTestId("chart-empty")).toHaveCount(0);
  await expect(stars.getByTestId("chart-still").locator("svg").first()).toBeAttached();
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
  await page.goto("/counties/330881?year=2026");
  await expect(stars.getByTestId("chart-empty")).toHaveText(
    "No star rating has been approved yet.",
  );
});

test("key figures compare like with like: a year in progress against last year's end, flows beside last year's total", async ({
  page,
}) => {
  // 龙游县 on 2026-12-04: 2026 is in progress, 2025 is over.
  await signInViaApi(page, "leader");
  await page.goto("/counties/330825?year=2025");
  const lastYearCompleted = (
    await page.getByTestId("kpi-completedInvestmentWan").innerText()
  ).match(/^[\d,.]+/)![0];
  // A finished year: every figure against the year before.
  await expect(page.getByTestId("kpi-submissionRate-change")).toHaveText(/^较上年 /);
  await expect(page.getByTestId("kpi-completedInvestmentWan-change")).toHaveText(/^较上年 /);

  await page.goto("/counties/330825?year=2026");
  // The current period's rates restart each period: no comparison with last year's finished one.
  await expect(page.getByTestId("kpi-submissionRate")).toBeVisible();
  await expect(page.getByTestId("kpi-submissionRate-change")).toHaveCount(0);
  await expect(page.getByTestId("kpi-approvalRate-change")).toHaveCount(0);
  // The year's investment so far, beside last year's full-year total (the 2025 page's figure).
  await expect(page.getByTestId("kpi-completedInvestmentWan-change")).toHaveText(
    `上年全年 ${lastYearCompleted} 万元`,
  );
  // Stocks: since last year's end.
  await expect(page.getByTestId("kpi-basicCompliance-change")).toHaveText(/^较上年末 /);
});
