/**
 * The county performance assessment in the browser, on the demo data as of 2026-12-04 (2025
 * published in two versions, 2026 not yet assessed): the administrator enters an item (a
 * refused value first), computes the 2026 assessment and publishes it; before publication the
 * county reviewer still sees only 2025; afterwards their county's 2026 result with the entered
 * item; the Excel score sheet opens and the printable sheet shows; the reviewer cannot open
 * the city's pages. Re-running on the same database starts a new version with a reason.
 */
import ExcelJS from "exceljs";
import { expect, test, type Page } from "@playwright/test";
import { expectSentHome, signInViaApi } from "./fixtures";

const COUNTY = "330825"; // 龙游县

async function startOrRecompute(page: Page) {
  const reason = page.getByLabel("重新计算的原因");
  if (await reason.isVisible()) {
    await reason.fill("端到端测试：重新计算");
    await page.getByRole("button", { name: "新建版本" }).click();
  } else {
    await page.getByRole("button", { name: "开始计算" }).click();
  }
  await expect(page).toHaveURL(/\/assessments\/runs\/\d+$/);
}

test("the city enters an item, computes and publishes the year; the county reviewer sees it; the export opens", async ({
  page,
  browser,
}) => {
  await signInViaApi(page, "admin");

  // Enter the publicity points of 龙游县: out of range first, then with reason and evidence.
  await page.goto("/assessments/entries?year=2026");
  await page.getByRole("button", { name: "录入 龙游县 宣传与信息报送" }).click();
  const form = page.getByRole("form", { name: "龙游县 · 宣传与信息报送" });
  await form.getByLabel("得分").fill("9");
  await form.getByLabel("原因").fill("信息报送数量未达要求");
  await form.getByLabel("佐证").fill("衢美镇办〔2026〕9号");
  await form.getByRole("button", { name: "保存" }).click();
  await expect(form.getByText("分值须在 0.00 至 4.00 之间，最多两位小数。")).toBeVisible();
  await expect(form.getByLabel("得分")).toHaveAttribute("aria-invalid", "true");
  await form.getByLabel("得分").fill("3.5");
  await form.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("已保存。")).toBeVisible();
  const row = page.getByRole("row", { name: /宣传与信息报送/ });
  await expect(row).toContainText("3.5分");

  // Compute 2026 and check it before publishing.
  await page.goto("/assessments?year=2026");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "2026年度县（市、区）美丽城镇建设绩效考核",
  );
  // Starting computes it in the same click (it used to leave a draft needing "计算").
  await startOrRecompute(page);
  await expect(page.getByText("已计算待发布").first()).toBeVisible();
  const sheet = page.getByTestId("score-sheet");
  await expect(sheet.getByRole("columnheader", { name: "龙游县" })).toBeVisible();
  await expect(sheet.getByRole("row", { name: /宣传与信息报送/ })).toContainText("3.50");
  // Each item says how its points are awarded (a bonus above the base points included).
  await expect(sheet.getByTestId("item-rule").first()).toHaveText(/分/);
  const runUrl = page.url();

  // Not published yet: the reviewer still sees the latest published year, 2025.
  const reviewerContext = await browser.newContext({
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
  });
  const reviewer = await reviewerContext.newPage();
  await signInViaApi(reviewer, `reviewer-${COUNTY}`);
  await reviewer.goto(`/assessments/counties/${COUNTY}?year=2026`);
  await expect(reviewer.getByRole("heading", { level: 1 })).toHaveText(
    "龙游县 2025年度绩效考核结果",
  );

  // Publish.
  await page.goto(runUrl);
  await page.getByRole("button", { name: "确认发布" }).click();
  // Publishing asks first, in the app's dialog (no browser confirm is answered here).
  await page.getByRole("dialog").getByRole("button", { name: "确认发布" }).click();
  await expect(page.getByText("已发布。")).toBeVisible();
  await expect(page.getByTestId("run-actions")).toHaveCount(0);

  // The export opens as a score sheet: a row per item, a column per county, totals, ranks.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "导出 Excel" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^2026年度绩效考核得分表-第\d+版\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await download.path())!);
  const ws = workbook.getWorksheet("得分表")!;
  expect(String(ws.getCell("A1").value)).toMatch(/^2026年度县（市、区）美丽城镇建设绩效考核得分表/);
  const header = (ws.getRow(3).values as unknown[]).map(String);
  expect(header).toContain("龙游县");
  const labels = ws.getColumn(2).values.map(String);
  expect(labels).toContain("宣传与信息报送");
  expect(ws.getColumn(1).values.map(String)).toEqual(
    expect.arrayContaining(["总分", "排名", "等次"]),
  );
  const publicity = ws.getRow(labels.indexOf("宣传与信息报送"));
  expect(publicity.getCell(header.indexOf("龙游县")).value).toBe(3.5);
  // Every bonus says where it comes from: the item's rule, beside it in the details.
  const details = workbook.getWorksheet("明细")!;
  const detailHeader = (details.getRow(1).values as unknown[]).map(String);
  const [bonusAt, ruleAt] = [detailHeader.indexOf("加分"), detailHeader.indexOf("评分规则")];
  expect(ruleAt).toBeGreaterThan(0);
  const bonusRows: ExcelJS.Row[] = [];
  details.eachRow((row, n) => {
    if (n > 1 && Number(row.getCell(bonusAt).value) > 0) bonusRows.push(row);
  });
  expect(bonusRows.length).toBeGreaterThan(0);
  for (const row of bonusRows) expect(String(row.getCell(ruleAt).value)).toMatch(/加\S+分/);

  // The printable score sheet.
  await page.getByRole("link", { name: "打印得分表" }).click();
  await expect(page.getByTestId("print-sheet")).toBeVisible();

  // The reviewer now sees their county's 2026 result, item by item, from the navigation.
  await reviewer.goto("/account");
  await reviewer.getByRole("link", { name: "本县考核" }).click();
  await expect(reviewer.getByRole("heading", { level: 1 })).toHaveText(
    "龙游县 2026年度绩效考核结果",
  );
  await expect(reviewer.getByTestId("county-rank")).toContainText("/ 6");
  const item = reviewer.getByTestId("item-publicity");
  await expect(item).toContainText("3.50 分");
  await expect(item).toContainText("信息报送数量未达要求");

  // Usable on a phone: nothing wider than the screen.
  await reviewer.setViewportSize({ width: 390, height: 800 });
  expect(await reviewer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    390,
  );

  // The computed on-time share opens to the reports behind it.
  await reviewer
    .getByTestId("item-onTimeReportRate")
    .getByRole("link", { name: /查看计算依据/ })
    .click();
  await expect(reviewer.getByRole("heading", { level: 1 })).toHaveText(
    "龙游县：进度填报及时率的计算依据",
  );
  await expect(reviewer.getByTestId("drilldown").getByRole("row").nth(1)).toContainText("第1期");

  // The city's pages are not the reviewer's.
  await reviewer.goto("/assessments?year=2026");
  await expectSentHome(reviewer, `/counties/${COUNTY}`);
  await reviewerContext.close();
});

test("the city copies last year's scheme, changes a county's target and activates it; the leader only reads", async ({
  page,
}) => {
  await signInViaApi(page, "admin");
  await page.goto("/assessments/schemes?year=2026");
  await page.getByRole("button", { name: "沿用2025年度方案" }).click();
  await expect(page.getByText("已沿用2025年度方案，生成草稿。")).toBeVisible();
  const draft = page.getByTestId("schemes").getByRole("listitem").filter({ hasText: "草稿" });
  await draft.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("草稿");

  await page.getByRole("button", { name: "修改 用地保障面积" }).click();
  const form = page.getByRole("form", { name: "考核项目" });
  await form.getByLabel("基本分").fill("五分");
  await form.getByRole("button", { name: "保存项目" }).click();
  await expect(form.getByText("请输入分值，最多两位小数，如 6 或 5.5。")).toBeVisible();
  await form.getByLabel("基本分").fill("5");
  await form.getByRole("group", { name: "各县（市、区）目标值" }).getByLabel("龙游县").fill("120");
  await form.getByRole("button", { name: "保存项目" }).click();
  await expect(page.getByText("项目已保存。")).toBeVisible();
  await expect(page.getByRole("row", { name: /用地保障面积/ })).toContainText("龙游县 120");

  await page.getByRole("button", { name: "启用方案" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "启用方案" }).click();
  await expect(page.getByText("方案已启用。")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("启用中");
  await expect(page.getByRole("button", { name: "新增项目" })).toHaveCount(0);

  await signInViaApi(page, "leader");
  await page.reload();
  await expect(page.getByRole("row", { name: /用地保障面积/ })).toContainText("龙游县 120");
  await expect(page.getByRole("button", { name: /新建版本/ })).toHaveCount(0);
  await expect(page.getByLabel("方案名称")).toBeDisabled();
});
