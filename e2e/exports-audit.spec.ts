import ExcelJS from "exceljs";
import { expect, test, type Page } from "@playwright/test";
import { signInViaApi } from "./fixtures";

/** The codes of the rows the town figures table shows (first cell of each row). */
async function shownTowns(page: Page): Promise<string[]> {
  const table = page.getByTestId("town-figures-table");
  await expect(table.locator("tbody tr").first()).toBeVisible();
  return table.locator("tbody tr td:first-child").allInnerTexts();
}

test("a filtered link shows the same rows in Chinese and English", async ({
  page,
  context,
  baseURL,
}) => {
  await signInViaApi(page, "leader");
  // Filter values in the URL are identifiers: the same link works in either language.
  const link = "/counties/330825?year=2022&f.attainment=PROVINCIAL_SAMPLE&sort=name";
  await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: baseURL! }]);
  await page.goto(link);
  const zh = await shownTowns(page);
  await expect(
    page.getByTestId("town-figures-table").getByRole("combobox", { name: "达标状态" }),
  ).toHaveValue("PROVINCIAL_SAMPLE");
  await page.screenshot({ path: "test-results/exports-filtered-zh.png", fullPage: true });
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
  await page.goto(link);
  const en = await shownTowns(page);
  await page.screenshot({ path: "test-results/exports-filtered-en.png", fullPage: true });
  expect(zh.length).toBeGreaterThan(0);
  expect(en).toHaveLength(zh.length);
});

test("the export carries a title, the as-of time and the language's file name", async ({
  page,
}) => {
  await signInViaApi(page, "leader");
  const response = await page.request.get("/export/towns?year=2022&format=xlsx");
  expect(response.ok()).toBe(true);
  expect(response.headers()["content-disposition"]).toContain(
    `filename*=UTF-8''${encodeURIComponent("衢州市美丽城镇_乡镇_2022_")}`,
  );
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await response.body()) as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  expect(String(sheet.getRow(1).getCell(1).value)).toBe("衢州市美丽城镇建设 · 乡镇 · 2022年");
  expect(String(sheet.getRow(2).getCell(1).value)).toMatch(/^数据截至 .*【演示数据，非真实数据】$/);
  expect(String(sheet.getRow(3).getCell(12).value)).toBe("计划投资（万元）");
});

test("the audit log shows names, before → after and filters by town", async ({ page }) => {
  await signInViaApi(page, "admin");
  await page.goto("/admin/audit");
  const table = page.getByTestId("audit-table");
  await expect(table).toBeVisible();
  await expect(table).not.toContainText("User #");
  await page.screenshot({ path: "test-results/audit-zh.png", fullPage: true });
  await page.locator("select[name=town]").selectOption({ index: 1 });
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/town=\d+/);
  await page.screenshot({ path: "test-results/audit-town-zh.png", fullPage: true });
});
