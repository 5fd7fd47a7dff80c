/**
 * Belts and circles administration in the browser, on the demo data (prisma/seed/circles.ts):
 * the belt and its 22 circles run from 2020 with no end, 29 towns strung into them, so the
 * city dashboard shows 22 circles and 29 towns in circles for 2025 and for 2026 alike.
 * The administrator creates a circle in 2026 (OPEN) with 横山镇 (龙游县, lead) and 招贤镇
 * (常山县), two towns in no circle: 2026 shows 23 circles and 31 towns in circles, 2025
 * (CLOSED) still 22 and 29. The city leader reads the same pages with no edit controls.
 * The circle is removed again afterwards (e2e/db.ts), so no other spec sees it.
 */
import { expect, test, type Page } from "@playwright/test";
import { testDb } from "./db";
import { expectSentHome, signInViaApi } from "./fixtures";

const CODE = "E2E-C01";

async function removeCircle() {
  await testDb().townCircle.deleteMany({ where: { code: CODE } });
}

test.beforeAll(removeCircle);
test.afterAll(removeCircle);

/** The city dashboard's circle figures of `year`: circles, towns in circles. */
async function expectCircleFigures(page: Page, year: number, circles: number, towns: number) {
  await page.goto(`/dashboard?year=${year}`);
  await expect(page.getByTestId("kpi-circles")).toHaveText(new RegExp(`^${circles}\\D`));
  await expect(page.getByTestId("kpi-townsInCircles")).toHaveText(new RegExp(`^${towns}\\D`));
}

/** The page fits a 390 px wide phone: nothing wider than the screen. */
async function expectFitsPhone(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

test("the administrator creates a cross-county circle in 2026: this year's count goes up, last year's stays", async ({
  page,
}) => {
  await signInViaApi(page, "admin");
  await expectCircleFigures(page, 2026, 22, 29);
  await expectCircleFigures(page, 2025, 22, 29);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/admin/circles?year=2026");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("一带多圈");
  await expect(page.getByTestId("circle-year-summary")).toHaveText(
    "2026 年计入 22 个美镇圈，其中典型培育 4 个。",
  );
  await expectFitsPhone(page);
  await page.getByRole("link", { name: "新建美镇圈" }).click();
  await expect(page).toHaveURL(/\/admin\/circles\/new\?year=2026/);

  const form = page.getByRole("form", { name: "新建美镇圈" });
  await form.getByLabel("代码", { exact: true }).fill(CODE);
  await form.getByLabel("名称", { exact: true }).fill("横山—招贤跨县美镇圈");
  await form.getByLabel("英文名称").fill("Hengshan–Zhaoxian Town Circle");
  await expect(form.getByLabel("起始年度")).toHaveValue("2026");
  // No town yet: the browser says so at once, and nothing is sent.
  await form.getByRole("button", { name: "创建美镇圈" }).click();
  await expect(form.getByText("请至少选择一个乡镇。")).toBeVisible();

  const picker = form.getByRole("group", { name: "选择乡镇（可跨县）" });
  await picker.getByLabel("县（市、区）").selectOption({ label: "龙游县" });
  await picker.getByLabel("横山镇", { exact: true }).check();
  await picker.getByLabel("县（市、区）").selectOption({ label: "常山县" });
  await picker.getByLabel("招贤镇", { exact: true }).check();
  await expect(picker.getByTestId("chosen-towns").locator("li")).toHaveCount(2);
  await picker.getByLabel("横山镇牵头").check();
  await expectFitsPhone(page);
  await form.getByRole("button", { name: "创建美镇圈" }).click();

  await expect(page).toHaveURL(new RegExp(`/admin/circles/${CODE}\\?year=2026&created=1`));
  await expect(page.getByText("美镇圈已创建。")).toBeVisible();
  await expect(page.getByTestId("circle-counts")).toHaveText(
    "2026 年计入：2 个乡镇，跨 2 个县（市、区）。",
  );
  const lead = page.getByTestId("member-table").getByRole("row", { name: /横山镇/ });
  await expect(lead).toContainText("牵头");
  await expectFitsPhone(page);

  await page.setViewportSize({ width: 1280, height: 800 });
  await expectCircleFigures(page, 2026, 23, 31);
  await expectCircleFigures(page, 2025, 22, 29);
});

test("the city leader reads the circles and sees no edit controls", async ({ page }) => {
  await signInViaApi(page, "leader");
  await page.goto("/admin/circles?year=2026");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("一带多圈");
  await expect(page.getByTestId("circle-table")).toContainText("QZ-C01");
  await expect(page.getByRole("link", { name: "新建美镇圈" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "新建风光带" })).toHaveCount(0);

  await page.getByRole("link", { name: "QZ-C01" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("溪口—白石跨县城镇集群");
  await expect(page.getByTestId("circle-counts")).toHaveText(
    "2026 年计入：6 个乡镇，跨 2 个县（市、区）。",
  );
  await expect(page.getByLabel("名称", { exact: true })).toHaveAttribute("readonly", "");
  for (const name of ["保存", "设为牵头", "移出", "加入乡镇", "删除", "结束（截至 2025 年）"]) {
    await expect(page.getByRole("button", { name })).toHaveCount(0);
  }

  await page.goto("/admin/circles/new?year=2026");
  await expectSentHome(page, "/dashboard");
});
