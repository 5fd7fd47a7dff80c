/**
 * Issue 13, items 1–2: the report checklist and implausible values, on a town no other spec
 * uses: 坛石镇 (330881105, 江山市), its 2026 annual report (P4, ends 2026-11-30). Before each
 * test the report is put back to a draft whose values all meet their targets, then:
 * - 生态绿道长度 (environment) and 文体活动 (culture) not filled → blockers;
 * - 公共停车泊位 200 against a target of 283 → warning;
 * - a retired indicator of the test's own (only this task holds a value of it, so it shows on
 *   no other town's form) that needs evidence, with none attached → blocker (governance);
 * - project P02 (6 April 2026 – 28 April 2027: 239 of 388 days passed on 30 November = 61.6%)
 *   reported at 40% → behind plan (warning); P01 completed.
 * 帮促就业人数 has at most 355 in the town's accepted reports, so anything above 3,550 asks for
 * a confirmation with a note (lib/domain/plausibility.ts).
 */
import { expect, test, type Page } from "@playwright/test";
import { resetReportToDraft, testDb } from "./db";
import { sameSite, signInViaApi } from "./fixtures";

const TOWN = "330881105";
const COUNTY = "330881";
const REPORT_PATH = `/towns/${TOWN}/reports/2026/4`;
const EVIDENCE_CODE = "e2eSafetyInspections";
const SHOTS = "test-results/report-checklist";

type Seeded = { reportId: number; evidenceIndicatorId: number };

/** Puts the report into the state described in the header. */
async function seedReport(): Promise<Seeded> {
  const db = testDb();
  const reportId = await resetReportToDraft(TOWN, 2026, 4, []);
  const { taskId } = await db.progressReport.findUniqueOrThrow({
    where: { id: reportId },
    select: { taskId: true },
  });
  const targets = await db.indicatorTarget.findMany({ where: { taskId } });
  await db.indicatorValue.updateMany({
    where: { reportId },
    data: { confirmedValue: null, confirmationNote: null },
  });
  for (const t of targets) {
    await db.indicatorValue.upsert({
      where: { reportId_indicatorId: { reportId, indicatorId: t.indicatorId } },
      create: { reportId, indicatorId: t.indicatorId, value: t.targetValue },
      update: { value: t.targetValue },
    });
  }
  // Every other required indicator of the year filled too (other specs add required indicators
  // to 2026, e.g. e2e/indicator-catalogue.spec.ts), so only the blanks below are missing.
  const required = await db.indicator.findMany({
    where: { year: 2026, isRequired: true, retiredAt: null },
    select: { id: true },
  });
  for (const indicator of required) {
    await db.indicatorValue.upsert({
      where: { reportId_indicatorId: { reportId, indicatorId: indicator.id } },
      create: { reportId, indicatorId: indicator.id, value: "1" },
      update: {},
    });
  }
  const setValue = (code: string, value: string | null) =>
    db.indicatorValue.updateMany({ where: { reportId, indicator: { code } }, data: { value } });
  await setValue("greenwayKm", null);
  await setValue("culturalEvents", null);
  await setValue("publicParkingSpaces", "200");
  const evidenceIndicator = await db.indicator.upsert({
    where: { year_code: { year: 2026, code: EVIDENCE_CODE } },
    create: {
      year: 2026,
      code: EVIDENCE_CODE,
      name: "安全生产检查记录",
      nameEn: "Safety inspections",
      dimension: "GOVERNANCE",
      kind: "COMMON",
      unit: "次",
      unitEn: "times",
      valueType: "INTEGER",
      isRequired: false,
      evidenceRequired: true,
      retiredAt: new Date("2026-01-01T00:00:00Z"),
      sourceNote: "e2e/report-checklist.spec.ts",
    },
    update: {},
  });
  await db.indicatorValue.upsert({
    where: { reportId_indicatorId: { reportId, indicatorId: evidenceIndicator.id } },
    create: { reportId, indicatorId: evidenceIndicator.id, value: "12" },
    update: { value: "12" },
  });
  const projects = await db.project.findMany({ where: { taskId }, orderBy: { code: "asc" } });
  const progress = [
    { status: "COMPLETED", percent: "100", completed: "800" },
    { status: "IN_PROGRESS", percent: "40", completed: "1200" },
  ] as const;
  for (const [index, p] of progress.entries()) {
    const projectId = projects[index]!.id;
    const data = {
      status: p.status,
      percentComplete: p.percent,
      completedInvestmentWan: p.completed,
    };
    await db.projectProgress.upsert({
      where: { reportId_projectId: { reportId, projectId } },
      create: { reportId, projectId, ...data },
      update: data,
    });
  }
  return { reportId, evidenceIndicatorId: evidenceIndicator.id };
}

test.afterAll(async () => {
  const db = testDb();
  await db.evidence.deleteMany({ where: { indicator: { code: EVIDENCE_CODE } } });
  await db.indicatorValue.deleteMany({ where: { indicator: { code: EVIDENCE_CODE } } });
  await db.indicator.deleteMany({ where: { year: 2026, code: EVIDENCE_CODE } });
});

/** The checklist's items as "severity kind" lines, in order. */
async function checklistLines(page: Page): Promise<string[]> {
  return page
    .getByTestId("report-checklist")
    .locator("li")
    .evaluateAll((items) =>
      items.map((li) => `${li.getAttribute("data-severity")} ${li.getAttribute("data-kind")}`),
    );
}

test("submission refused lists what is missing by dimension; links go to the field; an implausible value is confirmed with a note and the reviewer sees the flag", async ({
  browser,
}) => {
  const { reportId, evidenceIndicatorId } = await seedReport();
  const staff = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signInViaApi(staff, `staff-${TOWN}`);
  // The town page lists the same blockers under the current report.
  await staff.goto(`/towns/${TOWN}`);
  const current = staff.getByTestId("current-report");
  await expect(current).toContainText("生态绿道长度");
  await expect(current).toContainText("安全生产检查记录");
  await current.scrollIntoViewIfNeeded();
  await staff.screenshot({ path: `${SHOTS}/zh-town.png` });
  await staff.goto(REPORT_PATH);
  const checklist = staff.getByTestId("report-checklist");

  // The checklist is on the page before submitting, by the five beauties.
  await expect(checklist).toContainText("提交前检查");
  await expect(checklist).toContainText("待补全 3 项");
  await expect(checklist).toContainText("提醒 2 项");
  expect(await checklistLines(staff)).toEqual([
    "BLOCKER missingValue", // 生态绿道长度 (environment)
    "WARNING belowTarget", // 公共停车泊位 (environment)
    "BLOCKER missingValue", // 文体活动 (culture)
    "BLOCKER missingEvidence", // 安全生产检查记录 (governance)
    "WARNING projectBehind", // P02 (integration)
  ]);
  const headings = await checklist.locator("h3").allTextContents();
  expect(headings).toEqual([
    "功能便民环境美",
    "魅力亲民人文美",
    "善治为民治理美",
    "城乡融合体制机制",
  ]);
  await expect(checklist).toContainText("低于年度目标 283（当前 200）");
  await expect(checklist).toContainText("进度滞后：按计划应完成 61.6%，实际 40%");

  // Submitting is refused with the same list, in Chinese.
  await staff.getByRole("button", { name: "提交县级审核" }).click();
  await expect(checklist).toHaveAttribute("role", "alert");
  await expect(checklist).toContainText("还有 3 项未完成，不能提交。");
  await staff.screenshot({ path: `${SHOTS}/zh-refused.png` });

  // A link scrolls to its field, focuses and highlights it.
  await checklist.getByRole("link", { name: "生态绿道长度" }).click();
  const greenway = staff.getByLabel("生态绿道长度", { exact: true });
  await expect(greenway).toBeFocused();
  await expect(staff.locator("#indicator-greenwayKm")).toHaveAttribute("data-highlighted", "true");
  await expect(greenway).toBeInViewport();
  await staff.screenshot({ path: `${SHOTS}/zh-jumped.png` });
  // A value the save refuses is named with its reason, not as "not filled".
  await greenway.fill("-3");
  await expect(checklist).toContainText("数值无效：不能小于 0。");
  expect((await checklistLines(staff))[0]).toBe("BLOCKER invalidValue");
  await greenway.fill("11.4");
  await staff.getByLabel("文体活动（年内累计）", { exact: true }).fill("34");

  // 99,999,999,999 people helped into jobs asks for a confirmation with a note.
  const jobs = staff.getByLabel("帮促就业人数（累计）", { exact: true });
  await jobs.fill("99,999,999,999");
  const row = staff.locator("#indicator-localJobsCreated");
  await expect(row.getByTestId("value-needs-confirmation")).toContainText(
    "该数值高于 3550，即本镇以往已审核最高值 355 的 10 倍",
  );
  await expect(checklist).toContainText("数值异常（高于 3550），请核实后填写说明并确认");
  await checklist.getByRole("link", { name: "帮促就业人数（累计）" }).click();
  const note = staff.getByLabel("帮促就业人数（累计） 的核实说明");
  await expect(note).toBeFocused();
  await staff.screenshot({ path: `${SHOTS}/zh-confirm.png` });
  await note.fill("含全市劳务协作数据，已与人社局核对");
  await row.getByRole("button", { name: "确认数值无误" }).click();
  await expect(row.getByTestId("value-confirmed")).toContainText(
    "已确认数值无误：含全市劳务协作数据，已与人社局核对",
  );

  // Evidence for the indicator that needs it; then only warnings are left.
  await staff.locator(`[id="field-evidence.${evidenceIndicatorId}"]`).setInputFiles({
    name: "安全检查记录.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4\n% e2e checklist\n"),
  });
  await expect(staff.getByRole("link", { name: "安全检查记录.pdf" })).toBeVisible();
  await expect(checklist).toContainText("必填内容已齐全，可以提交。");
  // The refusal said "还有 3 项未完成" with the count of that moment; fixed, it is gone.
  await expect(checklist).not.toContainText("不能提交");
  await expect(checklist).not.toHaveAttribute("role", "alert");
  expect(await checklistLines(staff)).toEqual(["WARNING belowTarget", "WARNING projectBehind"]);
  await expect(staff.getByTestId("save-status")).toHaveText("已保存。");

  // Submitting asks first, saying that the report locks and how many warnings remain;
  // cancelling leaves it as it was.
  const submit = staff.getByRole("button", { name: "提交县级审核" });
  await submit.click();
  const dialog = staff.getByRole("dialog");
  await expect(dialog).toContainText("提交后报告将锁定");
  await expect(dialog).toContainText("还有 2 项提醒（不阻止提交）");
  await dialog.getByRole("button", { name: "取消" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(staff.getByLabel("生态绿道长度", { exact: true })).toBeEditable();
  await submit.click();
  await dialog.getByRole("button", { name: "确认提交" }).click();
  await expect(staff.getByText("已提交的填报为只读")).toBeVisible();
  const readOnlyFlag = staff
    .locator("#indicator-localJobsCreated")
    .getByTestId("plausibility-flag");
  await expect(readOnlyFlag).toContainText("数值异常");
  await expect(readOnlyFlag).toContainText("乡镇已确认：含全市劳务协作数据，已与人社局核对");
  await readOnlyFlag.scrollIntoViewIfNeeded();
  await staff.screenshot({ path: `${SHOTS}/zh-read-only.png` });

  // The county reviewer sees the flag on the review screen and in the JSON API.
  const reviewer = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signInViaApi(reviewer, `reviewer-${COUNTY}`);
  await reviewer.goto(`/counties/${COUNTY}/reviews/${reportId}`);
  const flag = reviewer.locator("#indicator-localJobsCreated").getByTestId("plausibility-flag");
  await expect(flag).toContainText("高于本镇以往已审核最高值 355 的 10 倍");
  await expect(flag).toContainText("乡镇已确认：含全市劳务协作数据，已与人社局核对");
  await flag.scrollIntoViewIfNeeded();
  await reviewer.screenshot({ path: `${SHOTS}/zh-review.png` });
  const api = await reviewer.request.get(`/api/v1/reports/${reportId}`, {
    headers: sameSite(reviewer),
  });
  expect(api.ok()).toBe(true);
  const { report } = (await api.json()) as {
    report: { indicators: { code: string; value: string | null; plausibility: unknown }[] };
  };
  const jobsJson = report.indicators.find((i) => i.code === "localJobsCreated");
  expect(jobsJson?.value).toBe("99999999999");
  expect(jobsJson?.plausibility).toEqual({
    implausible: true,
    limit: "3550",
    reference: "355",
    basis: "TOWN",
    confirmed: true,
    note: "含全市劳务协作数据，已与人社局核对",
  });
  expect(report.indicators.find((i) => i.code === "greenwayKm")?.plausibility).toBeNull();

  // The same flag in English.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addCookies([
    { name: "NEXT_LOCALE", value: "en", url: new URL(reviewer.url()).origin },
  ]);
  const reviewerEn = await context.newPage();
  await signInViaApi(reviewerEn, `reviewer-${COUNTY}`);
  await reviewerEn.goto(`/counties/${COUNTY}/reviews/${reportId}`);
  const flagEn = reviewerEn.locator("#indicator-localJobsCreated").getByTestId("plausibility-flag");
  await expect(flagEn).toContainText("Unusual value");
  await expect(flagEn).toContainText("Over 10× the town's highest accepted value so far (355)");
  await expect(flagEn).toContainText("Confirmed by the township: 含全市劳务协作数据");
  await flagEn.scrollIntoViewIfNeeded();
  await reviewerEn.screenshot({ path: `${SHOTS}/en-review.png` });
});

test("in English on a phone: the checklist, its links and the confirmation of an implausible value", async ({
  browser,
  baseURL,
}) => {
  await seedReport();
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
  const staff = await context.newPage();
  await signInViaApi(staff, `staff-${TOWN}`);
  await staff.goto(REPORT_PATH);
  const checklist = staff.getByTestId("report-checklist");
  await expect(checklist).toContainText("Before you submit");
  await expect(checklist).toContainText("3 to fix");
  await expect(checklist).toContainText("Below the year's target of 283 (now 200)");
  await expect(checklist).toContainText("Behind plan: 61.6% planned, 40% done");
  await expect(checklist).toContainText("Evidence required, none attached");
  await staff.screenshot({ path: `${SHOTS}/en-390-checklist.png`, fullPage: false });

  await staff.getByRole("button", { name: "Submit for county review" }).click();
  await expect(checklist).toContainText("3 items still block the submission");
  await checklist.getByRole("link", { name: "Cultural and sports events (year to date)" }).click();
  const events = staff.getByLabel("Cultural and sports events (year to date)", { exact: true });
  await expect(events).toBeFocused();
  await expect(staff.locator("#indicator-culturalEvents")).toHaveAttribute(
    "data-highlighted",
    "true",
  );
  await staff.screenshot({ path: `${SHOTS}/en-390-jumped.png` });
  // A value the save refuses is named with its reason, in English too.
  await events.fill("-2");
  await expect(checklist).toContainText("Not a valid value: Must be at least 0.");
  await events.fill("");

  const jobs = staff.getByLabel("People helped into local jobs (cumulative)", { exact: true });
  await jobs.fill("99999999999");
  const row = staff.locator("#indicator-localJobsCreated");
  await expect(row.getByTestId("value-needs-confirmation")).toContainText(
    "This value is above 3550, 10× the town's highest accepted value so far (355)",
  );
  await expect(checklist).toContainText("Unusual value (above 3550)");
  await row.scrollIntoViewIfNeeded();
  await staff.screenshot({ path: `${SHOTS}/en-390-confirm.png` });
  await staff
    .getByLabel("Explanation for People helped into local jobs (cumulative)")
    .fill("Includes the city-wide labour cooperation figures");
  await row.getByRole("button", { name: "Confirm this value" }).click();
  await expect(row.getByTestId("value-confirmed")).toContainText("Confirmed as correct");
  await expect(checklist).not.toContainText("Unusual value");
  await row.evaluate((element) => element.scrollIntoView({ block: "center" }));
  await staff.screenshot({ path: `${SHOTS}/en-390-confirmed.png` });
});
