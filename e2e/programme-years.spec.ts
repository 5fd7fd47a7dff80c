/**
 * Programme years in the browser (issue 12, part 1): the administrator creates 2027 from the
 * demo data's 2026, sets four quarterly periods, opens it and finds it in a year selector; the
 * city leader reads the years without any control. 2027 and everything copied into it are
 * removed before and after, so the other specs keep seeing 2026 as the current year.
 */
import { expect, test } from "@playwright/test";
import { testDb } from "./db";
import { signInViaApi } from "./fixtures";

const YEAR = 2027;

/** Removes a year that this spec may have created, with everything created in it. */
async function removeYear(year: number) {
  const db = testDb();
  await db.$transaction([
    db.creationTask.deleteMany({ where: { year } }),
    db.ratingScheme.deleteMany({ where: { year } }),
    db.assessmentScheme.deleteMany({ where: { year } }),
    db.indicator.deleteMany({ where: { year } }),
    db.basicRequirement.deleteMany({ where: { year } }),
    db.reportingPeriod.deleteMany({ where: { year } }),
    db.year.deleteMany({ where: { year } }),
  ]);
}

test.beforeAll(async () => removeYear(YEAR));
test.afterAll(async () => removeYear(YEAR));

test("the administrator creates 2027 from 2026, sets four periods and opens it", async ({
  page,
}) => {
  await signInViaApi(page, "admin");
  await page.goto("/admin/years");
  await expect(page.getByTestId("years-table")).toContainText("2026");
  await page.getByRole("button", { name: `新建 ${YEAR} 年度` }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/years/${YEAR}\\?created=1`));
  await expect(page.getByRole("heading", { name: `${YEAR} 年度` })).toBeVisible();
  await expect(page.getByText("复制自 2026 年度。")).toBeVisible();
  await expect(page.getByText("筹备中", { exact: true })).toBeVisible();

  // Opening without periods is refused with the reason.
  await page.getByRole("button", { name: "开启年度" }).click();
  await page.getByRole("button", { name: `确认开启 ${YEAR} 年度` }).click();
  await expect(page.getByText("请先设置至少一个填报周期，再开启年度")).toBeVisible();

  // A bad date first: the field says why.
  await page.getByRole("button", { name: "按季度填入" }).click();
  await expect(page.getByTestId("period-row")).toHaveCount(4);
  await page.locator("#field-periods\\.1\\.dueOn").fill(`${YEAR}-06-01`);
  await page.getByRole("button", { name: "保存填报周期" }).click();
  await expect(page.locator("#field-periods\\.1\\.dueOn-error")).toHaveText(
    "截止日期不能早于结束日期",
  );
  await page.locator("#field-periods\\.1\\.dueOn").fill(`${YEAR}-07-10`);
  await page.getByRole("button", { name: "保存填报周期" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存" })).toBeVisible();
  await expect.poll(() => testDb().reportingPeriod.count({ where: { year: YEAR } })).toBe(4);

  // The confirmation is still asked from the refused attempt: confirm it now.
  await page.getByRole("button", { name: `确认开启 ${YEAR} 年度` }).click();
  await expect(page.getByText("已开启", { exact: true })).toBeVisible();
  const row = await testDb().year.findUniqueOrThrow({ where: { year: YEAR } });
  expect(row.status).toBe("OPEN");
  expect(row.copiedFromYear).toBe(2026);

  await page.goto("/circles");
  await expect(page.getByRole("option", { name: `${YEAR} 年` })).toHaveCount(1);
});

test("the city leader reads the years and changes nothing", async ({ page }) => {
  await signInViaApi(page, "leader");
  await page.goto("/admin/years");
  await expect(page.getByTestId("years-table")).toContainText("2026");
  await expect(page.getByRole("button", { name: /新建/ })).toHaveCount(0);
  await page.goto("/admin/years/2026");
  await expect(page.getByRole("heading", { name: "2026 年度" })).toBeVisible();
  await expect(page.getByTestId("periods-table")).toContainText("2026年第一季度");
  await expect(page.getByRole("button", { name: /保存|开启|关闭/ })).toHaveCount(0);
});
