/**
 * Issue 13, item 3 (phone): a township's staff fill their report on a 390 × 844 phone, on a town
 * no other spec uses: 社阳乡 (330825209, 龙游县), its 2026 annual report (P4), put back to a
 * fresh draft with 生态绿道长度 and 文体活动 empty before each test and again afterwards (so the
 * county's review queue is as other specs expect it). Also: the file picker's drop zone on a
 * desktop, and the date field (Chinese labels, ISO value).
 */
import { expect, test, type Page } from "@playwright/test";
import { resetReportToDraft, testDb } from "./db";
import { fillEmptyValues, signInViaApi } from "./fixtures";

const TOWN = "330825209";
const REPORT_PATH = `/towns/${TOWN}/reports/2026/4`;
const GREENWAY = "生态绿道长度";
const PHONE = { width: 390, height: 844 };
const SHOTS = "test-results/phone";

/** The report's id and the greenway indicator's id (for the field ids `field-value.<id>`). */
async function resetReport(): Promise<{ reportId: number; greenwayId: number }> {
  const reportId = await resetReportToDraft(TOWN, 2026, 4, ["greenwayKm", "culturalEvents"]);
  const greenway = await testDb().indicator.findFirstOrThrow({
    where: { code: "greenwayKm", year: 2026 },
    select: { id: true },
  });
  return { reportId, greenwayId: greenway.id };
}

test.afterAll(async () => {
  await resetReport();
});

/** Nothing on the page is wider than the phone: no sideways scrolling, nothing cut off. */
async function expectNoOverflow(page: Page) {
  await page.waitForLoadState("networkidle");
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${page.url()} is wider than the phone`).toBeLessThanOrEqual(PHONE.width);
}

/** The element lies within the phone's width (left edge ≥ 0, right edge ≤ 390). */
async function expectWithinScreen(page: Page, selector: string) {
  const box = await page.locator(selector).first().boundingBox();
  expect(box, selector).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
}

test.describe("on a phone", () => {
  test.use({ viewport: PHONE });

  test("township staff fill the report in cards, attach evidence through the picker, check and submit", async ({
    page,
    context,
    baseURL,
  }) => {
    test.setTimeout(180_000);
    const { reportId, greenwayId } = await resetReport();
    await signInViaApi(page, `staff-${TOWN}`);
    await page.goto(`/towns/${TOWN}`);
    await expectNoOverflow(page);
    await page.getByTestId("current-report").getByRole("link", { name: "填报 / 查看" }).click();
    await expect(page).toHaveURL(REPORT_PATH);
    await expectNoOverflow(page);

    // Each indicator is a card: no table header row; its own labels, in Chinese.
    await expect(page.locator("thead").first()).toBeHidden();
    const card = page.getByTestId("indicator-greenwayKm");
    for (const label of ["本期数值", "年度目标", "上期", "说明", "佐证材料"]) {
      await expect(card.getByText(label, { exact: true })).toBeVisible();
    }
    const cardBox = (await card.boundingBox())!;
    expect(cardBox.x + cardBox.width).toBeLessThanOrEqual(PHONE.width);
    // The unit beside the value input; the input inside the screen.
    const value = card.getByLabel(GREENWAY, { exact: true });
    await expect(value).toHaveId(`field-value.${greenwayId}`);
    await expect(card.getByText("公里", { exact: true })).toBeVisible();
    await expectWithinScreen(page, `[id="field-value.${greenwayId}"]`);
    await expectWithinScreen(page, `[id="field-evidence.${greenwayId}"] + label`);
    // One copy of each field: ids are unique on the page.
    const duplicateIds = await page.evaluate(() => {
      const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
      return ids.filter((id, i) => ids.indexOf(id) !== i);
    });
    expect(duplicateIds).toEqual([]);

    // The checklist lists the empty greenway value as a blocker; its link focuses the input in
    // the card and highlights the card.
    const checklist = page.getByTestId("report-checklist");
    await expect(checklist).toContainText("提交前检查");
    await checklist.getByRole("link", { name: GREENWAY }).click();
    await expect(value).toBeFocused();
    await expect(card).toHaveAttribute("data-highlighted", "true");
    await expect(value).toBeInViewport();

    // The save bar: compact, stuck to the bottom of the screen, with both actions in reach.
    const bar = page.getByTestId("form-bar");
    const barBox = (await bar.boundingBox())!;
    expect(barBox.height).toBeLessThanOrEqual(64);
    expect(Math.abs(barBox.y + barBox.height - PHONE.height)).toBeLessThanOrEqual(2);
    await expect(bar.getByRole("button", { name: "立即保存" })).toBeInViewport();
    await expect(bar.getByRole("button", { name: "提交县级审核" })).toBeInViewport();

    await value.fill("12.5");
    await fillEmptyValues(page);
    await expect(page.getByTestId("save-status")).toHaveText("已保存。");
    await expect(checklist).toContainText("必填内容已齐全，可以提交。");

    // Evidence through our picker: its Chinese button opens the file chooser.
    const picker = card.getByTestId("file-picker");
    await expect(picker).toContainText("选择文件");
    await expect(picker).toContainText("未选择文件");
    await expect(picker.getByText("或把文件拖到这里")).toBeHidden(); // no drop zone on a phone
    const chooser = page.waitForEvent("filechooser");
    await picker.getByText("选择文件", { exact: true }).click();
    await (
      await chooser
    ).setFiles({
      name: "社阳绿道验收单.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("%PDF-1.4\n% phone evidence\n"),
    });
    await expect(card.getByRole("link", { name: "社阳绿道验收单.pdf" })).toBeVisible();
    await expectNoOverflow(page);

    // Projects are cards too (when the task has any).
    const projectCards = page.locator('tr[id^="project-"]');
    if ((await projectCards.count()) > 0) {
      await expect(
        projectCards.first().getByText("累计完成投资（万元）", { exact: true }),
      ).toBeVisible();
      await expectWithinScreen(page, 'tr[id^="project-"]');
    }
    await page.screenshot({ path: `${SHOTS}/form-zh.png`, fullPage: true });
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/form-zh-view.png` });

    // Once in English: the card's labels and the picker follow the language.
    await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
    await page.reload();
    for (const label of ["Value", "Target", "Last period", "Note", "Evidence"]) {
      await expect(card.getByText(label, { exact: true })).toBeVisible();
    }
    await expect(card.getByTestId("file-picker")).toContainText("Choose file");
    await expect(page.getByTestId("form-bar")).toContainText("Submit for county review");
    await expectNoOverflow(page);
    await page.screenshot({ path: `${SHOTS}/form-en.png`, fullPage: true });
    await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: baseURL! }]);
    await page.reload();

    await page.getByRole("button", { name: "提交县级审核" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "确认提交" }).click();
    await expect(page.getByText("已提交的填报为只读")).toBeVisible();
    await expectNoOverflow(page);
    await expect(page.getByTestId("indicator-greenwayKm")).toContainText("12.5");
    await page.screenshot({ path: `${SHOTS}/read-only-zh.png`, fullPage: true });

    // The county's review screen of the same report, on a phone too.
    await context.clearCookies();
    await signInViaApi(page, "reviewer-330825");
    // From the queue: the town's name opens its report (the review column may be off-screen).
    await page.goto(`/counties/330825/reviews`);
    const townLink = `a[href="/counties/330825/reviews/${reportId}"]`;
    await expectWithinScreen(page, townLink);
    await page.locator(townLink).first().click();
    await expect(page).toHaveURL(`/counties/330825/reviews/${reportId}`);
    await expect(page.getByLabel(`对 ${GREENWAY} 的意见`)).toBeVisible();
    await expectNoOverflow(page);
    await expectWithinScreen(page, `[aria-label="对 ${GREENWAY} 的意见"]`);
    await page.screenshot({ path: `${SHOTS}/review-zh.png`, fullPage: true });
  });
});

test("on a desktop, a file dropped onto the picker is uploaded; the picker is reached with Tab", async ({
  page,
}) => {
  const { greenwayId } = await resetReport();
  await signInViaApi(page, `staff-${TOWN}`);
  await page.goto(REPORT_PATH);
  const card = page.getByTestId("indicator-greenwayKm");
  const picker = card.getByTestId("file-picker");
  await expect(picker).toContainText("或把文件拖到这里");

  // Keyboard: Tab from the note box lands on the picker's input (its button shows the ring).
  await card.getByLabel(`${GREENWAY} 说明`).focus();
  await page.keyboard.press("Tab");
  await expect(page.locator(`[id="field-evidence.${greenwayId}"]`)).toBeFocused();

  const dataTransfer = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(
      new File(["%PDF-1.4\n% dropped\n"], "拖放的验收单.pdf", { type: "application/pdf" }),
    );
    return transfer;
  });
  await picker.dispatchEvent("dragover", { dataTransfer });
  await expect(picker).toHaveAttribute("data-drag-over", "true");
  await page.screenshot({ path: `${SHOTS}/desktop-drag-over.png` });
  await picker.dispatchEvent("drop", { dataTransfer });
  await expect(picker).not.toHaveAttribute("data-drag-over", "true");
  await expect(picker).toContainText("拖放的验收单.pdf");
  const link = card.getByRole("link", { name: "拖放的验收单.pdf" });
  await expect(link).toBeVisible();
  const download = await page.request.get((await link.getAttribute("href"))!);
  expect((await download.body()).toString()).toBe("%PDF-1.4\n% dropped\n");
});

test("the date field has Chinese labels and keeps the date as yyyy-mm-dd", async ({ page }) => {
  await signInViaApi(page, "admin");
  await page.goto("/admin/audit");
  const from = page.getByLabel("起始日期");
  // Our own text box, not the browser's date input.
  await expect(from).toHaveAttribute("type", "text");
  await expect(from).toHaveAttribute("placeholder", "年-月-日");

  // Typed as people write dates: normalised to ISO when the box loses focus.
  await from.fill("2026年11月3日");
  await from.blur();
  await expect(from).toHaveValue("2026-11-03");
  // Not a date: marked, with the hint in Chinese.
  const to = page.getByLabel("截止日期");
  await to.fill("2026-13-40");
  await to.blur();
  await expect(to).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("请按“年-月-日”填写日期，如 2026-12-04")).toBeVisible();
  await to.fill("");

  // The calendar: Chinese labels and month names, keyboard-operable, picks an ISO date.
  const open = page.getByRole("button", { name: "打开日历" }).first();
  await open.click();
  const calendar = page.getByRole("dialog", { name: "日历" });
  await expect(calendar).toBeVisible();
  const month = calendar.getByRole("combobox", { name: "选择月份" });
  expect(await month.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe(
    "十一月",
  );
  await expect(calendar.getByRole("combobox", { name: "选择年份" })).toHaveValue("2026");
  await expect(calendar.getByRole("button", { name: "前往下个月" })).toBeVisible();
  await expect(calendar.locator(".rdp-weekdays")).toHaveText("一二三四五六日");
  await page.screenshot({ path: `${SHOTS}/date-calendar-zh.png` });
  // The selected day has the focus; the arrow keys move by day, Enter picks.
  await expect(calendar.getByRole("button", { name: /2026年11月3日/ })).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Enter");
  await expect(calendar).toHaveCount(0);
  await expect(from).toHaveValue("2026-11-04");
  await expect(open).toBeFocused();
  // Escape closes without a change.
  await open.click();
  await expect(calendar).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(calendar).toHaveCount(0);
  await expect(from).toHaveValue("2026-11-04");

  // The form sends the ISO date.
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/from=2026-11-04/);
  await expect(page.getByLabel("起始日期")).toHaveValue("2026-11-04");
});
