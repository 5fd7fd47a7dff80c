/**
 * The small things a user meets every day (issue 13, item 14): one date format per kind and
 * language, English plurals, 是/否 on yes/no indicators, confirmations before deleting evidence
 * or revoking a token, and a link the user may not open leading home with a notice. (One
 * `<main>` per page is checked on every page by accessibility.spec.ts.)
 */
import { expect, test, type Page } from "@playwright/test";
import { testDb } from "./db";
import { expectSentHome, signInViaApi } from "./fixtures";

const TOWN = "330825109";
const STAFF = `staff-${TOWN}`;

async function inEnglish(page: Page, baseURL: string | undefined) {
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
}

/** The town's 2026 task and its latest report (the annual report, period 4). */
async function townReport() {
  const db = testDb();
  return db.progressReport.findFirstOrThrow({
    where: { task: { year: 2026, town: { divisionCode: TOWN } } },
    orderBy: { period: { index: "desc" } },
    include: { task: true, period: true },
  });
}

test("a calendar date shows as 2026/12/31 in Chinese and 12/31/2026 in English; times to the minute", async ({
  page,
  baseURL,
}) => {
  const { task } = await townReport();
  // The deadline is a calendar date (UTC midnight): year, month and day read straight off it.
  const [y, m, d] = task.deadline.toISOString().slice(0, 10).split("-");
  await signInViaApi(page, STAFF);
  await page.goto(`/towns/${TOWN}`);
  await expect(page.getByText(`${y}/${m}/${d}`).first()).toBeVisible();
  await inEnglish(page, baseURL);
  await page.reload();
  await expect(page.getByText(`${m}/${d}/${y}`).first()).toBeVisible();

  await signInViaApi(page, "admin");
  await page.goto("/admin/audit");
  const firstTime = page
    .getByTestId("audit-table")
    .locator("tbody tr")
    .first()
    .locator("td")
    .first();
  await expect(firstTime).toHaveText(/^\d{2}\/\d{2}\/\d{4}, \d{2}:\d{2} (AM|PM)$/);
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: baseURL! }]);
  await page.reload();
  await expect(firstTime).toHaveText(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}$/);
});

test('English says "1 star", not "1 stars"', async ({ page, baseURL }) => {
  const scheme = await testDb().ratingScheme.findFirstOrThrow({
    where: { starBands: { some: { stars: 1 } } },
    orderBy: { year: "desc" },
  });
  await signInViaApi(page, "admin");
  await inEnglish(page, baseURL);
  await page.goto(`/admin/rating-schemes/${scheme.id}`);
  // The star bands: "Minimum for 1 star", "Minimum for 2 stars" (read-only once active).
  await expect(page.getByLabel("Minimum for 1 star", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Minimum for 2 stars", { exact: true })).toBeVisible();
  expect(await page.locator("body").innerText()).not.toMatch(/\b1 stars\b/);
});

test("a yes/no indicator shows 是/否 (Yes/No) for its target, not 1/0", async ({
  page,
  baseURL,
}) => {
  const report = await townReport();
  const target = await testDb().indicatorTarget.findFirstOrThrow({
    where: { taskId: report.taskId, indicator: { valueType: "BOOLEAN" } },
    include: { indicator: true },
  });
  const yes = Number(target.targetValue) === 1;
  const path = `/towns/${TOWN}/reports/2026/${report.period.index}`;
  /**
   * The row's cell under the column headed `header` (compared by the text shown: a phone's card
   * label sits hidden in the cell on a desktop, components/ui/card-table.tsx).
   */
  const cellUnder = async (header: string) => {
    const row = page.getByTestId(`indicator-${target.indicator.code}`);
    const table = page.locator("table", { has: row });
    const headers = await table.locator("thead th").allInnerTexts();
    const index = headers.findIndex((h) => h.trim() === header);
    expect(index, `no "${header}" column`).toBeGreaterThan(0);
    return row.locator(":scope > *").nth(index);
  };
  await signInViaApi(page, STAFF);
  await page.goto(path);
  await expect(await cellUnder("年度目标")).toHaveText(yes ? "是" : "否", {
    useInnerText: true,
  });
  await inEnglish(page, baseURL);
  await page.reload();
  await expect(await cellUnder("Target")).toHaveText(yes ? "Yes" : "No", {
    useInnerText: true,
  });
});

test("revoking a token asks first, in a dialog; Cancel keeps it", async ({ page }) => {
  await signInViaApi(page, STAFF);
  await page.goto("/account");
  const name = `e2e-everyday-${Date.now()}`;
  await page.getByLabel("令牌用途").fill(name);
  await page.getByRole("button", { name: "创建令牌" }).click();
  await expect(page.getByText(name)).toBeVisible();

  const row = page.locator("li", { hasText: name });
  await row.getByRole("button", { name: "吊销" }).click();
  const dialog = page.getByRole("dialog", { name: `吊销令牌“${name}”？` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("使用此令牌的程序将立即无法访问");
  // Focus is inside the dialog (on Cancel), and Escape closes it without revoking.
  await expect(dialog.getByRole("button", { name: "取消" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.getByText(name)).toBeVisible();

  await row.getByRole("button", { name: "吊销" }).click();
  await dialog.getByRole("button", { name: "取消" }).click();
  await expect(page.getByText(name)).toBeVisible();

  await row.getByRole("button", { name: "吊销" }).click();
  await dialog.getByRole("button", { name: "吊销" }).click();
  await expect(page.getByText(name)).toBeHidden();
});

test("deleting evidence asks first, in a dialog", async ({ page }) => {
  const report = await townReport();
  test.skip(
    !["DRAFT", "RETURNED"].includes(report.status),
    "the demo's annual report of the town is not editable",
  );
  const indicator = await testDb().indicator.findFirstOrThrow({
    where: { year: 2026, valueType: { not: "BOOLEAN" }, values: { some: { reportId: report.id } } },
  });
  await signInViaApi(page, STAFF);
  await page.goto(`/towns/${TOWN}/reports/2026/${report.period.index}`);
  const fileName = `e2e-everyday-${Date.now()}.pdf`;
  await page.getByLabel(`上传 ${indicator.name} 佐证材料`).setInputFiles({
    name: fileName,
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4\n% everyday\n"),
  });
  await expect(page.getByRole("link", { name: fileName })).toBeVisible();

  await page.getByRole("button", { name: `删除 ${fileName}` }).click();
  const dialog = page.getByRole("dialog", { name: `删除佐证材料“${fileName}”？` });
  await expect(dialog).toContainText("无法恢复");
  await dialog.getByRole("button", { name: "取消" }).click();
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(page.getByRole("link", { name: fileName })).toBeVisible();

  await page.getByRole("button", { name: `删除 ${fileName}` }).click();
  await dialog.getByRole("button", { name: "删除" }).click();
  await expect(page.getByRole("link", { name: fileName })).toBeHidden();
});

test("a link the user may not open leads to their home with a notice; the API still refuses", async ({
  page,
  baseURL,
}) => {
  await signInViaApi(page, STAFF);
  const home = `/towns/${TOWN}`;
  // Another town's page, a town that does not exist, and the administration: all the same.
  for (const path of ["/towns/330822104", "/towns/330822999", "/admin", "/admin/users"]) {
    await page.goto(path);
    await expectSentHome(page, home);
  }
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect((await page.request.get("/api/v1/towns/330822104")).status()).toBe(404);
  expect((await page.request.get("/api/v1/towns/330822999")).status()).toBe(404);

  await inEnglish(page, baseURL);
  await page.goto("/towns/330822104");
  await expect(page).toHaveURL(`${home}?notice=unavailable`);
  await expect(page.getByRole("status").filter({ hasText: "not open to you" })).toBeVisible();

  // The administrator's /admin opens the programme's administration.
  await signInViaApi(page, "admin");
  await page.goto("/admin");
  await expect(page).toHaveURL("/admin/programme");
});

test("the reviewer's circle cards open a page the reviewer may open", async ({ page }) => {
  await signInViaApi(page, "reviewer-330825");
  await page.goto("/counties/330825");
  for (const testId of ["kpi-circles", "kpi-modelCircles"]) {
    const card = page.locator("a", { has: page.getByTestId(testId) });
    const href = await card.getAttribute("href");
    expect(href).toContain("county=330825");
    await page.goto(href!);
    // Opened, not sent home with the "unavailable" notice: the reviewer's own county's circles.
    await expect(page).toHaveURL(href!);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "无权打开" })).toHaveCount(0);
    await page.goBack();
  }
});

test("deleting a task's project asks first, in a dialog; Cancel keeps it", async ({ page }) => {
  const name = `确认框测试项目 ${Date.now()}`;
  await signInViaApi(page, "admin");
  await page.goto(`/admin/tasks/2026/${TOWN}`);
  await page.getByRole("button", { name: "新增项目" }).click();
  await page.getByLabel("项目编号").fill(`E2E-DLG-${Date.now() % 100000}`);
  await page.getByLabel("项目名称").fill(name);
  await page.getByLabel("计划投资（万元）").fill("10");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByText("项目已保存。")).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toHaveCount(1);

  await page.getByRole("button", { name: `删除 ${name}` }).click();
  const dialog = page.getByRole("dialog", { name: `确定删除项目 ${name}？` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "取消" })).toBeFocused();
  await page.screenshot({ path: "test-results/everyday-project-delete-zh.png" });
  await dialog.getByRole("button", { name: "取消" }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toHaveCount(1);

  await page.getByRole("button", { name: `删除 ${name}` }).click();
  await dialog.getByRole("button", { name: "删除", exact: true }).click();
  await expect(page.getByText("项目已删除。")).toBeVisible();
  await expect(row).toHaveCount(0);
});
