/**
 * The daily review work (issue 13): the second review remembers the first, the city's queue
 * (bulk confirmation with a confirmation step, return to the county), and the review queue's
 * filters keeping sort and search. Own towns of 龙游县, put into a known state first:
 * 横山镇 (330825110) for the return cycle, 塔石镇 (330825111) and 詹家镇 (330825106) for bulk
 * confirmation.
 */
import { expect, test, type Page } from "@playwright/test";
import { resetReportToDraft, testDb } from "./db";
import { fillEmptyValues, signInViaApi } from "./fixtures";

const TOWN = "330825110";
const TOWN_NAME = "横山镇";
const REPORT_PATH = `/towns/${TOWN}/reports/2026/4`;
const GREENWAY = "生态绿道长度";
const SHOTS = "test-results/review-flow";
const BULK = { "330825111": "塔石镇", "330825106": "詹家镇" } as const;
/** Submitted reports for the county's bulk approval (found by name: codes are not in the spec). */
const BULK_APPROVE = ["罗家乡", "石佛乡"] as const;

let reportId: number;

test.beforeAll(async () => {
  reportId = await resetReportToDraft(TOWN, 2026, 4, ["greenwayKm"]);
  const db = testDb();
  for (const name of BULK_APPROVE) {
    const town = await db.town.findFirstOrThrow({ where: { name } });
    const id = await resetReportToDraft(town.divisionCode, 2026, 4, []);
    await db.progressReport.update({
      where: { id },
      data: { status: "SUBMITTED", submissionCount: 1, submittedAt: new Date() },
    });
  }
  for (const code of Object.keys(BULK)) {
    const id = await resetReportToDraft(code, 2026, 4, []);
    await db.progressReport.update({
      where: { id },
      data: { status: "COUNTY_APPROVED", submissionCount: 1, submittedAt: new Date() },
    });
  }
});

/** Switches the page's language (the NEXT_LOCALE cookie the language switch sets). */
async function useLocale(page: Page, locale: "zh-CN" | "en") {
  await page
    .context()
    .addCookies([{ name: "NEXT_LOCALE", value: locale, url: new URL(page.url()).origin }]);
}

/** The township saves the greenway value and submits (or resubmits). */
async function submitGreenway(staff: Page, value: string, button: string) {
  await staff.goto(REPORT_PATH);
  await fillEmptyValues(staff);
  await staff.getByLabel(GREENWAY, { exact: true }).fill(value);
  await expect(staff.getByTestId("save-status")).toHaveText("已保存。");
  await staff.getByRole("button", { name: button }).click();
  await staff.getByRole("dialog").getByRole("button", { name: "确认提交" }).click();
  await expect(staff.getByText("已提交的填报为只读")).toBeVisible();
}

test("county returns with comments, township resubmits, the reviewer sees the earlier comments and before → after; the city returns it to the county, which returns it to the town", async ({
  browser,
}) => {
  const staff = await browser.newPage();
  await signInViaApi(staff, `staff-${TOWN}`);
  await submitGreenway(staff, "8", "提交县级审核");

  const reviewer = await browser.newPage();
  await signInViaApi(reviewer, "reviewer-330825");
  const reviewPath = `/counties/330825/reviews/${reportId}`;
  await reviewer.goto(reviewPath);
  await expect(reviewer.getByTestId("resubmitted")).toHaveCount(0);
  await reviewer.getByLabel(`对 ${GREENWAY} 的意见`).fill("绿道长度与验收报告不一致");
  await reviewer.getByRole("button", { name: "退回修改" }).click();
  await reviewer.getByRole("dialog").getByRole("button", { name: "确认退回" }).click();
  await expect(reviewer).toHaveURL("/counties/330825/reviews?notice=reviewReturned");

  await submitGreenway(staff, "9.5", "修改完成，重新提交");

  // The second review: the earlier comment and 8 → 9.5 beside the item.
  await reviewer.goto(reviewPath);
  await expect(reviewer.getByTestId("resubmitted")).toContainText("重新提交");
  const row = reviewer.getByTestId("indicator-greenwayKm");
  await expect(row.getByTestId("value")).toContainText("9.5");
  await expect(row.getByTestId("change")).toHaveText("较上次提交：8 → 9.5");
  await expect(row.getByTestId("earlier-comments")).toHaveText(
    "上次审核意见：绿道长度与验收报告不一致",
  );
  await reviewer.screenshot({ path: `${SHOTS}/review-zh-desktop.png`, fullPage: true });
  await reviewer.setViewportSize({ width: 390, height: 844 });
  await reviewer.screenshot({ path: `${SHOTS}/review-zh-390.png`, fullPage: true });
  await row.scrollIntoViewIfNeeded();
  await reviewer.screenshot({ path: `${SHOTS}/review-zh-390-item.png` });
  await useLocale(reviewer, "en");
  await reviewer.reload();
  await expect(row.getByTestId("change")).toHaveText("Since last submission: 8 → 9.5");
  await expect(row.getByTestId("earlier-comments")).toContainText("Earlier review comment");
  await reviewer.screenshot({ path: `${SHOTS}/review-en-390.png`, fullPage: true });
  await reviewer.setViewportSize({ width: 1280, height: 900 });
  await reviewer.screenshot({ path: `${SHOTS}/review-en-desktop.png`, fullPage: true });
  await useLocale(reviewer, "zh-CN");
  await reviewer.reload();
  await reviewer.getByRole("button", { name: "县级初审通过" }).click();
  await reviewer.getByRole("dialog").getByRole("button", { name: "确认通过" }).click();
  await expect(reviewer).toHaveURL("/counties/330825/reviews?notice=reviewApproved");

  // The city returns it to the county with a comment; its history shows the steps.
  const admin = await browser.newPage();
  await signInViaApi(admin, "admin");
  await admin.goto("/admin/confirmations");
  await admin.getByRole("combobox", { name: "状态" }).selectOption("待确认");
  await expect(admin).toHaveURL(/f\.state=/);
  await admin.getByRole("searchbox").fill(TOWN_NAME);
  const queue = admin.getByTestId("confirmations");
  await expect(queue.locator("tbody tr")).toHaveCount(1);
  await admin.getByRole("button", { name: `退回县级：${TOWN_NAME}` }).click();
  await admin.getByLabel("给县级审核员的意见（必填）").fill("绿道数据与省平台不一致，请县级复核");
  await admin.getByRole("button", { name: "退回", exact: true }).click();
  await admin.getByRole("combobox", { name: "状态" }).selectOption("已退回县级");
  await expect(queue.locator("tbody tr")).toHaveCount(1);
  await expect(queue.locator("tbody tr").first()).toContainText("已退回县级");
  await queue.getByText(/审核记录/).click();
  await expect(queue.getByTestId("history")).toContainText(
    "市级退回县级 · 市美镇办管理员：绿道数据与省平台不一致，请县级复核",
  );

  // The county sees it marked in its queue, the city's comment on the review screen, and
  // returns the report to the township.
  await reviewer.goto("/counties/330825/reviews");
  const queued = reviewer.getByTestId("review-queue").locator("tbody tr", { hasText: TOWN_NAME });
  await expect(queued).toHaveCount(1);
  await expect(queued).toContainText("市级退回");
  await reviewer.goto(reviewPath);
  await expect(reviewer.getByTestId("city-return")).toContainText(
    "绿道数据与省平台不一致，请县级复核",
  );
  await reviewer.getByLabel("总体意见").fill("市级退回：请核实绿道数据后重新提交");
  await reviewer.getByRole("button", { name: "退回修改" }).click();
  await reviewer.getByRole("dialog").getByRole("button", { name: "确认退回" }).click();
  await expect(reviewer).toHaveURL("/counties/330825/reviews?notice=reviewReturned");
  const api = await reviewer.request.get(`/api/v1/reports/${reportId}`);
  const { report } = (await api.json()) as { report: { status: string; reviews: unknown[] } };
  expect(report.status).toBe("RETURNED");
  expect(report.reviews).toHaveLength(4);
});

test("the city bulk-confirms after a confirmation step and is told what was done and skipped", async ({
  page,
}) => {
  await signInViaApi(page, "admin");
  await page.goto("/admin/confirmations");
  await page.getByRole("combobox", { name: "县（市、区）" }).selectOption("龙游县");
  await expect(page).toHaveURL(/f\.county=/);
  await page.getByRole("combobox", { name: "状态" }).selectOption("待确认");
  await expect(page).toHaveURL(/f\.county=.*f\.state=/);
  for (const name of Object.values(BULK)) {
    await page.getByRole("checkbox", { name: `选择 ${name}` }).check();
  }
  await page.getByRole("button", { name: "批量确认（2）" }).click();
  const ask = page.getByRole("alertdialog");
  await expect(ask).toContainText("确认所选的 2 份填报？");
  await page.screenshot({ path: `${SHOTS}/confirm-zh-desktop.png`, fullPage: true });
  // Meanwhile someone else confirms 詹家镇.
  const db = testDb();
  await db.progressReport.updateMany({
    where: {
      task: { year: 2026, town: { divisionCode: "330825106" } },
      period: { index: 4 },
    },
    data: { status: "CITY_CONFIRMED" },
  });
  await ask.getByRole("button", { name: "确认这 2 份" }).click();
  await expect(page.getByRole("status")).toHaveText("已确认 1 份；跳过 1 份：已确认");
  await expect(page.getByRole("checkbox", { name: "选择 塔石镇" })).toHaveCount(0);

  await useLocale(page, "en");
  await page.goto("/admin/confirmations");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("City confirmation 2026");
  await page.screenshot({ path: `${SHOTS}/confirm-en-desktop.png`, fullPage: true });
});

test("the city leader follows the confirmation queue read only; confirming stays the administrator's", async ({
  page,
}) => {
  await signInViaApi(page, "leader");
  await page.goto("/dashboard");
  await page
    .getByRole("navigation", { name: "main" })
    .getByRole("link", { name: "市级审核" })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("市级审核 2026");
  await expect(page.getByTestId("read-only-note")).toHaveText(
    "只读：报告的确认和退回由市级管理员办理。",
  );
  const table = page.getByTestId("confirmations");
  await expect(table.locator("tbody tr").first()).toBeVisible();
  // Filters and history are there; no tick box, confirm, return or bulk button.
  await page.getByRole("combobox", { name: "县（市、区）" }).selectOption("龙游县");
  await expect(page).toHaveURL(/f\.county=/);
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /审核通过|退回县级|批量确认/ })).toHaveCount(0);
  await useLocale(page, "en");
  await page.reload();
  await expect(page.getByTestId("read-only-note")).toContainText("Read only");
});

test("filtering the review queue keeps its sort and search", async ({ page }) => {
  await signInViaApi(page, "reviewer-330825");
  await page.goto("/counties/330825/reviews?status=all");
  const table = page.getByTestId("review-queue");
  await table.getByRole("button", { name: "乡镇" }).click();
  await expect(page).toHaveURL(/sort=town/);
  await page.getByRole("searchbox").fill("乡");
  await expect(page).toHaveURL(/q=%E4%B9%A1/);
  await page.getByRole("combobox", { name: "周期" }).selectOption("4");
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/period=4/);
  expect(page.url()).toMatch(/sort=town/);
  expect(page.url()).toMatch(/q=%E4%B9%A1/);
  await expect(page.getByRole("searchbox")).toHaveValue("乡");
  const first = await table.locator("tbody tr").first().textContent();
  expect(first).toContain("乡");
  await page.screenshot({ path: `${SHOTS}/queue-zh-desktop.png`, fullPage: true });
});

test("the county's bulk approval says what it did and what it skipped, and why", async ({
  page,
}) => {
  await signInViaApi(page, "reviewer-330825");
  await page.goto("/counties/330825/reviews");
  for (const name of BULK_APPROVE) {
    await page.getByRole("checkbox", { name: `选择 ${name}` }).check();
  }
  // Meanwhile another reviewer approves 石佛乡.
  await testDb().progressReport.updateMany({
    where: { task: { year: 2026, town: { name: "石佛乡" } }, period: { index: 4 } },
    data: { status: "COUNTY_APPROVED" },
  });
  await page.getByRole("button", { name: "批量通过（2）" }).click();
  await expect(page.getByRole("status")).toHaveText("已通过 1 份；跳过 1 份：已通过");
  await expect(page.getByRole("checkbox", { name: "选择 罗家乡" })).toHaveCount(0);
  const luojia = await testDb().progressReport.findFirstOrThrow({
    where: { task: { year: 2026, town: { name: "罗家乡" } }, period: { index: 4 } },
  });
  expect(luojia.status).toBe("COUNTY_APPROVED");
});

test("two filters of the city's queue chosen in quick succession keep each other, the sort and the search", async ({
  page,
}) => {
  await signInViaApi(page, "admin");
  await page.goto("/admin/confirmations");
  const table = page.getByTestId("confirmations");
  await table.getByRole("button", { name: "乡镇" }).click();
  await expect(page).toHaveURL(/sort=town/);
  await table.getByRole("searchbox").fill("镇");
  await expect(page).toHaveURL(/q=%E9%95%87/);
  // No wait between the two: the second change must not start from the URL before the first.
  await table.getByRole("combobox", { name: "县（市、区）" }).selectOption("龙游县");
  await table.getByRole("combobox", { name: "状态" }).selectOption("待确认");
  await expect(page).toHaveURL(/f\.county=330825/);
  await expect(page).toHaveURL(/f\.state=AWAITING/);
  expect(page.url()).toMatch(/sort=town/);
  expect(page.url()).toMatch(/q=%E9%95%87/);
  await expect(table.getByRole("combobox", { name: "县（市、区）" })).toHaveValue("330825");
  await expect(table.getByRole("combobox", { name: "状态" })).toHaveValue("AWAITING");
  await expect(table.getByRole("searchbox")).toHaveValue("镇");
  // Every row shown is of 龙游县, awaiting, with 镇 in it.
  const rows = table.locator("tbody tr");
  for (const row of await rows.all()) {
    const text = await row.textContent();
    if (text?.includes("没有")) continue;
    expect(text).toContain("龙游县");
    expect(text).toContain("待确认");
    expect(text).toContain("镇");
  }
});

test("the county dashboard's not-yet-submitted and late lists open with their own titles", async ({
  page,
}) => {
  await signInViaApi(page, "reviewer-330825");
  await page.goto("/counties/330825");
  const link = page.getByTestId("not-submitted");
  await expect(link).toContainText(/本期尚未提交：\d+ 个乡镇/);
  const count = Number((await link.textContent())!.match(/(\d+) 个/)![1]);
  await page.screenshot({ path: `${SHOTS}/county-dashboard-zh.png` });
  await link.click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("2026 年本期尚未提交的乡镇");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`共 ${count} 个`);
  await page.goto("/towns?figure=townsLate&county=330825&year=2026");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("2026 年有逾期填报的乡镇");
});
