import ExcelJS from "exceljs";
import { expect, test, type Page } from "@playwright/test";
import { resetRating } from "./db";
import { sameSite, signInViaApi } from "./fixtures";

// 庙下乡 (龙游县), its 2026 star rating put back to the start with the county's two reviewers
// as the panel. Demo rubric (prisma/seed/rubric.ts): 13 items, 100 points, bands 60/70/80/88/95,
// spread limit 2. Hand-worked: reviewer 2 scores every item at its maximum (100); reviewer 1
// the same but finds 3 direct discharges under E1 (−1 each: E1 = 5 − 3 = 2, total 97). The
// mean is (97 + 100) / 2 = 98.50 → 5 stars; E1's spread 5 − 2 = 3 > 2 is flagged; E1's panel
// points (2 + 5) / 2 = 3.50.
const TOWN = "330825203";
const TOWN_NAME = "庙下乡";
const YEAR = 2026;
const PAGE = `/ratings/${TOWN}/${YEAR}`;
const FIX_FIELDS = "请修改标红的项目后重新提交。";

type Criterion =
  | { kind: "FIXED" | "DEDUCTION" | "DISCRETIONARY"; code: string; points: string }
  | { kind: "TIERED"; code: string; tiers: { points: string }[] }
  | { kind: "VETO"; code: string };
type SchemeItem = { code: string; maxPoints: string; criteria: Criterion[] };

let ratingId: number;

test.beforeAll(async () => {
  ratingId = await resetRating(TOWN, YEAR, ["reviewer-330825", "reviewer2-330825"]);
});

async function schemeItems(page: Page): Promise<SchemeItem[]> {
  const response = await page.request.get(`/api/v1/ratings/${TOWN}/${YEAR}`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { rating: { scheme: { items: SchemeItem[] } } }).rating.scheme
    .items;
}

/** The choices that give an item its maximum (every condition met, nothing deducted). */
function fullMarks(item: SchemeItem): Record<string, unknown> {
  const choices: Record<string, unknown> = {};
  for (const c of item.criteria) {
    if (c.kind === "FIXED") choices[c.code] = true;
    if (c.kind === "DISCRETIONARY") choices[c.code] = c.points;
    if (c.kind === "DEDUCTION") choices[c.code] = "0";
    if (c.kind === "VETO") choices[c.code] = false;
    if (c.kind === "TIERED") {
      const best = c.tiers.reduce(
        (b, t, i) => (Number(t.points) > Number(c.tiers[b]!.points) ? i : b),
        0,
      );
      choices[c.code] = best;
    }
  }
  return choices;
}

test("staff self-assess; two reviewers score blind and submit, one deducting with a comment; the city sees the flag and approves; the town page and the export show the result", async ({
  browser,
}) => {
  // The township fills its self-assessment (a typed mistake is caught at once) and submits it.
  const staff = await browser.newPage();
  await signInViaApi(staff, `staff-${TOWN}`);
  await staff.goto("/ratings");
  await expect(staff).toHaveURL(PAGE);
  await expect(staff.getByRole("heading", { level: 1 })).toContainText(TOWN_NAME);
  const items = await schemeItems(staff);
  expect(items).toHaveLength(13);
  const first = staff.getByTestId(`self-${items[0]!.code}`).getByLabel("自评分");
  await first.fill("abc");
  await expect(staff.getByTestId(`self-${items[0]!.code}`)).toContainText("请输入数字");
  // The auto-save is refused too, with the message at the field.
  await expect(staff.getByTestId("save-status")).toHaveText(FIX_FIELDS);
  for (const item of items) {
    await staff.getByTestId(`self-${item.code}`).getByLabel("自评分").fill(item.maxPoints);
  }
  await expect(staff.getByTestId("self-total")).toContainText("100.00");
  await staff.getByRole("button", { name: "提交自评" }).click();
  await expect(staff.getByText(/已于 .* 提交，自评总分 100.00 分/)).toBeVisible();
  // Staff never see the panel before approval.
  await expect(staff.getByTestId("rating-result")).toHaveCount(0);

  // Reviewer 2 fills the whole sheet (through the form's endpoint), then submits on screen.
  const reviewer2 = await browser.newPage();
  await signInViaApi(reviewer2, "reviewer2-330825");
  // Item ids are the keys the sheet saves under: read them from the page's inputs.
  await reviewer2.goto(PAGE);
  await expect(reviewer2.getByText("提交自己的评分表后，才能查看其他评审员的分数。")).toBeVisible();
  const itemIds = await itemIdsOnPage(reviewer2, items);
  const saved = await saveFullMarks(reviewer2, items, itemIds);
  expect(saved.ok()).toBe(true);
  expect(((await saved.json()) as { total: string }).total).toBe("100.00");
  await reviewer2.reload();
  await expect(reviewer2.getByTestId("running-total")).toContainText(
    "已评 13/13 项，合计 100.00 分",
  );
  await reviewer2.getByRole("button", { name: "提交评分表" }).click();
  const askSubmit = reviewer2.getByRole("dialog");
  await expect(askSubmit).toContainText("总分 100.00 分，5 星。提交后不能再修改");
  await askSubmit.getByRole("button", { name: "确认提交" }).click();
  await expect(reviewer2.getByText(/已于 .* 提交，总分 100.00 分/)).toBeVisible();

  // Reviewer 1 scores on screen: full marks saved first, then three discharges found under E1.
  const reviewer1 = await browser.newPage();
  await signInViaApi(reviewer1, "reviewer-330825");
  await reviewer1.goto(PAGE);
  // Blind: reviewer 2's sheet is submitted but its points are not shown yet.
  await expect(reviewer1.getByTestId("panel-table")).toHaveCount(0);
  const full = await saveFullMarks(reviewer1, items, itemIds);
  expect(full.ok()).toBe(true);
  await reviewer1.reload();
  const e1 = reviewer1.getByTestId("item-E1");
  await e1.getByLabel("发现污水直排口（每处扣1分）").fill("3");
  await expect(reviewer1.getByTestId("points-E1")).toContainText("2.00");
  await expect(e1).toContainText("此项有扣分，请填写说明");
  await expect(reviewer1.getByTestId("running-total")).toContainText("合计 97.00 分");
  await expect(reviewer1.getByTestId("save-status")).toHaveText("已保存。");
  await reviewer1.getByRole("button", { name: "提交评分表" }).click();
  await expect(reviewer1.getByText("还有未评分或未写扣分说明的项，不能提交")).toBeVisible();
  // The refusal lists what blocks it; the link goes to the comment to write.
  const todo = reviewer1.getByTestId("sheet-todo");
  await expect(todo).toContainText("还有 1 项需要处理");
  await todo.getByRole("button", { name: /^E1 .*：扣分的项须填写说明$/ }).click();
  await expect(e1.getByRole("textbox", { name: /评分说明/ })).toBeFocused();
  await e1.getByRole("textbox", { name: /评分说明/ }).fill("镇区发现3处污水直排口");
  await reviewer1.getByRole("button", { name: "提交评分表" }).click();
  await reviewer1.getByRole("dialog").getByRole("button", { name: "确认提交" }).click();
  await expect(reviewer1.getByText(/已于 .* 提交，总分 97.00 分/)).toBeVisible();
  // Now the panel is visible to them, with E1's spread flagged.
  await expect(reviewer1.getByTestId("panel-row-E1")).toContainText("分差 3.00");
  await expect(reviewer1.getByTestId("panel-total")).toHaveText("98.50");

  // The city sees the flag in the table, opens the rating and approves it.
  const admin = await browser.newPage();
  await signInViaApi(admin, "admin");
  await admin.goto(`/ratings?year=${YEAR}`);
  await admin.getByRole("searchbox").fill(TOWN_NAME);
  const row = admin.getByTestId("ratings-table").locator("tbody tr");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("待市级审定");
  await expect(row).toContainText("1 项分差过大");
  await expect(row).not.toContainText("评审偏离");
  await expect(row).toContainText("98.50");
  await row.getByRole("link", { name: TOWN_NAME }).click();
  await expect(admin.getByTestId("panel-row-E1")).toContainText("镇区发现3处污水直排口");
  await admin.getByRole("button", { name: "审定通过" }).click();
  // Approval locks the rating: it asks first.
  const ask = admin.getByRole("dialog");
  await expect(ask).toContainText("审定后评价及各评分表将锁定");
  await ask.getByRole("button", { name: "审定通过" }).click();
  await expect(admin.getByTestId("decision-history")).toContainText("审定通过");
  await expect(admin.getByText("已审定").first()).toBeVisible();

  // The town page shows the year's stars; the staff now see the result.
  await staff.goto(`/towns/${TOWN}`);
  const stars = staff.getByTestId("town-stars");
  await expect(stars.getByRole("img", { name: "5 星" })).toBeVisible();
  await expect(stars).toContainText("98.50");
  await staff.goto(PAGE);
  await expect(staff.getByTestId("rating-result")).toContainText("98.50");

  // The export opens in Excel with the hand-worked numbers (title and "as of" rows, then the header).
  const download = await admin.request.get(`/export/ratings?year=${YEAR}&format=xlsx`);
  expect(download.ok()).toBe(true);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await download.body()) as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const header = Array.from({ length: sheet.columnCount }, (_, i) =>
    String(sheet.getRow(3).getCell(i + 1).value),
  );
  expect(String(sheet.getRow(1).getCell(1).value)).toContain(`${YEAR}年`);
  expect(String(sheet.getRow(2).getCell(1).value)).toContain("数据截至");
  const line = sheet.getRows(4, sheet.rowCount - 3)!.find((r) => r.getCell(2).value === TOWN)!;
  expect(line, "the town's row").toBeTruthy();
  const cell = (title: string) =>
    line.getCell(header.findIndex((h) => h.startsWith(title)) + 1).value;
  expect(cell("E1")).toBe(3.5);
  expect(cell("总分")).toBe(98.5);
  expect(cell("星级")).toBe(5);
});

/** Saves full marks on every item through the sheet's own auto-save endpoint (a new sheet). */
function saveFullMarks(page: Page, items: SchemeItem[], itemIds: Record<string, string>) {
  return page.request.post(`/api/ratings/${ratingId}/sheet`, {
    headers: sameSite(page),
    data: {
      expectedVersion: 0,
      items: Object.fromEntries(items.map((i) => [itemIds[i.code]!, { choices: fullMarks(i) }])),
    },
  });
}

/** Each item's id, read from the sheet form's comment fields (`field-comment.<id>`). */
async function itemIdsOnPage(page: Page, items: SchemeItem[]): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const item of items) {
    const id = await page
      .getByTestId(`item-${item.code}`)
      .locator('textarea[id^="field-comment."]')
      .getAttribute("id");
    ids[item.code] = id!.replace("field-comment.", "");
  }
  return ids;
}

test("a reviewer of another county cannot open the rating, in pages and the API", async ({
  page,
}) => {
  await signInViaApi(page, "reviewer-330802");
  await page.goto(PAGE);
  await expect(page).toHaveURL("/counties/330802?notice=unavailable");
  const api = await page.request.get(`/api/v1/ratings/${TOWN}/${YEAR}`);
  expect(api.status()).toBe(404);
  const write = await page.request.post(`/api/ratings/${ratingId}/sheet`, {
    headers: sameSite(page),
    data: { expectedVersion: 0, items: {} },
  });
  expect(write.status()).toBe(404);
  // A body that is not JSON is a clear 400, never a 500.
  const garbled = await page.request.post(`/api/ratings/${ratingId}/sheet`, {
    headers: { ...sameSite(page), "Content-Type": "application/json" },
    data: "{not json",
  });
  expect(garbled.status()).toBe(400);
  expect((await garbled.json()).error.message).toBe("请求内容无法识别，请刷新页面后重试。");
});
