import { expect, test, type Page } from "@playwright/test";
import { resetReportToDraft } from "./db";
import { expectSentHome, fillEmptyValues, signInViaApi } from "./fixtures";

// 湖镇镇 (龙游县): its 2026 annual report (due 2026-12-10), put back to a fresh draft with
// three required values missing before the test.
const TOWN = "330825101";
const TOWN_NAME = "湖镇镇";
const REPORT_PATH = `/towns/${TOWN}/reports/2026/4`;
const GREENWAY = "生态绿道长度";

test.beforeAll(async () => {
  await resetReportToDraft(TOWN, 2026, 4, ["greenwayKm", "publicParkingSpaces", "culturalEvents"]);
});

async function openInQueue(reviewer: Page) {
  await reviewer.goto("/counties/330825/reviews");
  // One section is current: the queue, not also the county page above it.
  const nav = reviewer.getByRole("navigation", { name: "main" });
  await expect(nav.locator('[aria-current="page"]')).toHaveText("审核队列");
  // The period filter offers the year's periods by name (it said Q1–Q4 on the Chinese page).
  await expect(reviewer.locator('select[name="period"] option')).toHaveText([
    "全部",
    "2026年第一季度",
    "2026年第二季度",
    "2026年第三季度",
    "2026年第四季度（年报）",
  ]);
  await reviewer.getByRole("searchbox").fill(TOWN_NAME.slice(0, 2));
  const rows = reviewer.getByTestId("review-queue").locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await rows.getByRole("link", { name: "审核", exact: true }).click();
  await expect(reviewer.getByRole("heading", { level: 1 })).toContainText(TOWN_NAME);
}

test("township fills, saves, uploads evidence and submits; the county returns one item; the township fixes it; the county approves; the city confirms", async ({
  browser,
}) => {
  const staff = await browser.newPage();
  await signInViaApi(staff, `staff-${TOWN}`);
  await staff.goto(`/towns/${TOWN}`);
  const current = staff.getByTestId("current-report");
  await expect(current).toContainText("待填清单");
  await current.getByRole("link", { name: "填报 / 查看" }).click();
  await expect(staff).toHaveURL(REPORT_PATH);

  // A bad value is refused with a message in Chinese and nothing is saved.
  const greenway = staff.getByLabel(GREENWAY, { exact: true });
  await greenway.fill("十二");
  await expect(staff.getByTestId("save-status")).toContainText("有填写不正确的项目");
  await expect(staff.getByTestId("indicator-greenwayKm").getByText("请输入数字。")).toBeVisible();
  await expect(staff.getByTestId("report-checklist")).toContainText("数值无效：请输入数字。");

  // Full-width digits are accepted; the draft auto-saves.
  await greenway.fill("１２．５");
  await fillEmptyValues(staff);
  await staff.getByLabel("进展说明").fill("年报期间绿道与污水管网按计划推进。");
  await expect(staff.getByTestId("save-status")).toHaveText("已保存。");

  // Evidence with a Chinese file name, downloaded under the same name.
  await staff.getByLabel(`上传 ${GREENWAY} 佐证材料`).setInputFiles({
    name: "绿道验收报告.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4\n% e2e evidence\n"),
  });
  const link = staff.getByRole("link", { name: "绿道验收报告.pdf" });
  await expect(link).toBeVisible();
  const download = await staff.request.get((await link.getAttribute("href"))!);
  expect(download.headers()["content-disposition"]).toContain(
    "filename*=UTF-8''%E7%BB%BF%E9%81%93%E9%AA%8C%E6%94%B6%E6%8A%A5%E5%91%8A.pdf",
  );
  // Streamed from the evidence store, with its length (restored by the app server).
  expect(download.headers()["content-length"]).toBe("24");
  expect((await download.body()).toString()).toBe("%PDF-1.4\n% e2e evidence\n");

  await staff.getByRole("button", { name: "提交县级审核" }).click();
  await staff.getByRole("dialog").getByRole("button", { name: "确认提交" }).click();
  await expect(staff.getByText("已提交的填报为只读")).toBeVisible();
  await expect(staff.getByLabel(GREENWAY, { exact: true })).toHaveCount(0);

  // The county reviewer returns the greenway value with a comment.
  const reviewer = await browser.newPage();
  await signInViaApi(reviewer, "reviewer-330825");
  await openInQueue(reviewer);
  const reportId = reviewer.url().split("/").at(-1)!;
  await reviewer.getByLabel(`对 ${GREENWAY} 的意见`).fill("绿道长度与验收报告不一致，请核实");
  // Returning asks first, saying what goes back; Cancel leaves the report where it was.
  await reviewer.getByRole("button", { name: "退回修改" }).click();
  const ask = reviewer.getByRole("dialog");
  await expect(ask).toContainText("1 条意见随退回发给乡镇");
  await ask.getByRole("button", { name: "取消" }).click();
  await expect(ask).toHaveCount(0);
  await expect(reviewer).toHaveURL(/\/counties\/330825\/reviews\/\d+$/);
  await reviewer.getByRole("button", { name: "退回修改" }).click();
  await reviewer.getByRole("dialog").getByRole("button", { name: "确认退回" }).click();
  await expect(reviewer).toHaveURL("/counties/330825/reviews?notice=reviewReturned");
  await expect(reviewer.getByTestId("page-notice")).toHaveText(
    "已退回修改，乡镇会看到您的审核意见。",
  );

  // The township sees the comment on the item, fixes it and resubmits.
  await staff.goto(`/towns/${TOWN}`);
  await expect(staff.getByTestId("current-report")).toContainText(
    "绿道长度与验收报告不一致，请核实",
  );
  await staff.goto(REPORT_PATH);
  await expect(staff.getByTestId("indicator-greenwayKm")).toContainText(
    "审核意见：绿道长度与验收报告不一致，请核实",
  );
  // Leaving right after typing (before the debounced save) loses nothing: pagehide sends it.
  await staff.getByLabel(GREENWAY, { exact: true }).fill("12.8");
  await staff.goto(`/towns/${TOWN}`);
  await expect(async () => {
    await staff.goto(REPORT_PATH);
    await expect(staff.getByLabel(GREENWAY, { exact: true })).toHaveValue("12.8", {
      timeout: 1_000,
    });
  }).toPass({ timeout: 15_000 });
  await staff.getByRole("button", { name: "修改完成，重新提交" }).click();
  await staff.getByRole("dialog").getByRole("button", { name: "确认提交" }).click();
  await expect(staff.getByText("已提交的填报为只读")).toBeVisible();

  // The reviewer approves; the API shows the result.
  await openInQueue(reviewer);
  // The row's first figure is this report's value (the next one is last year's, for comparison),
  // with the value of the first submission before it.
  const valueCell = reviewer
    .getByRole("row", { name: new RegExp(GREENWAY) })
    .getByRole("cell")
    .nth(1);
  await expect(valueCell.getByTestId("value")).toHaveText("12.8");
  await expect(valueCell.getByTestId("change")).toContainText("12.5 → 12.8");
  await reviewer.getByRole("button", { name: "县级初审通过" }).click();
  await reviewer.getByRole("dialog").getByRole("button", { name: "确认通过" }).click();
  await expect(reviewer).toHaveURL("/counties/330825/reviews?notice=reviewApproved");
  await expect(reviewer.getByTestId("page-notice")).toHaveText(
    "已审核通过，该填报已移出待审队列。",
  );
  const api = await reviewer.request.get(`/api/v1/reports/${reportId}`);
  const { report } = (await api.json()) as {
    report: {
      status: string;
      submissionCount: number;
      indicators: { code: string; value: string }[];
    };
  };
  expect(report.status).toBe("COUNTY_APPROVED");
  expect(report.submissionCount).toBe(2);
  expect(report.indicators.find((i) => i.code === "greenwayKm")?.value).toBe("12.8");

  // The city administrator confirms it from the confirmation queue.
  const admin = await browser.newPage();
  await signInViaApi(admin, "admin");
  await admin.goto("/admin/confirmations");
  const confirm = admin.getByRole("button", { name: `审核通过 ${TOWN_NAME}` });
  await confirm.click();
  await admin.getByRole("dialog").getByRole("button", { name: "确认通过" }).click();
  await expect(confirm).toHaveCount(0); // the confirmed report leaves the queue
  const confirmed = await admin.request.get(`/api/v1/reports/${reportId}`);
  expect((await confirmed.json()).report.status).toBe("CITY_CONFIRMED");
});

test("another county's reviewer and other towns' staff cannot open the report", async ({
  browser,
}) => {
  const other = await browser.newPage();
  await signInViaApi(other, "staff-330825102");
  await other.goto(REPORT_PATH);
  await expectSentHome(other, "/towns/330825102");
  const reviewer = await browser.newPage();
  await signInViaApi(reviewer, "reviewer-330802");
  const response = await reviewer.request.get(`/api/v1/reports?county=330825`);
  expect((await response.json()).count).toBe(0);
});

test("the indicator tables of the five beauties and the mechanism line up column for column on a wide screen", async ({
  page,
}) => {
  // 球川镇 (常山县): its 2026 annual report is a draft no spec writes; this test only reads it.
  await page.setViewportSize({ width: 1366, height: 900 });
  await signInViaApi(page, "staff-330822111");
  await page.goto("/towns/330822111/reports/2026/4");
  const tables = page.locator(`table:has(tr[id^="indicator-"])`);
  // 五美 and 城乡融合体制机制: six sections.
  await expect(tables).toHaveCount(6);
  const edges = await tables.evaluateAll((list) =>
    list.map((table) =>
      [...table.querySelectorAll("thead th")].map((th) =>
        Math.round(th.getBoundingClientRect().left),
      ),
    ),
  );
  expect(edges[0]).toHaveLength(6);
  for (const row of edges) expect(row).toEqual(edges[0]);
});
