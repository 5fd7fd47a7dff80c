import ExcelJS from "exceljs";
import { expect, test, type Page } from "@playwright/test";
import { testDb } from "./db";
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
  // The same towns (by code); the order differs only by each language's name sort.
  expect([...en].sort()).toEqual([...zh].sort());
});

/** The cells of a sheet row as text (exceljs rows count from 1). */
function rowTexts(sheet: ExcelJS.Worksheet, row: number): string[] {
  const values = sheet.getRow(row).values as unknown[];
  return values.slice(1).map((v) => (v === null || v === undefined ? "" : String(v)));
}

test("an .xlsx export after searching, sorting and hiding a column has the rows, order and columns on screen", async ({
  page,
}) => {
  await signInViaApi(page, "leader");
  await page.goto("/counties/330825?year=2022");
  const table = page.getByTestId("town-figures-table");
  await table.getByRole("searchbox").fill("乡");
  await expect(page).toHaveURL(/q=%E4%B9%A1/);
  await table.getByRole("button", { name: "县（市、区）" }).click();
  await expect(page).toHaveURL(/sort=county/);
  await table.getByRole("button", { name: "乡镇（街道）" }).click();
  await expect(page).toHaveURL(/sort=name/);
  await table.getByRole("button", { name: "乡镇（街道）" }).click();
  await expect(page).toHaveURL(/sort=-name/);
  await table.getByText("显示列").click();
  // The box follows the URL (the view's owner): click, then wait for the URL.
  await table.getByRole("checkbox", { name: "城镇类型" }).click();
  await expect(page).toHaveURL(/hide=townType/);
  await expect(table.locator("thead th")).toHaveCount(13);

  const headers = (await table.locator("thead th").allInnerTexts()).map((h) =>
    h.replace(/[▲▼↕]/g, "").trim(),
  );
  const codes = await table.locator("tbody tr td:first-child").allInnerTexts();
  const names = await table.locator("tbody tr td:nth-child(2)").allInnerTexts();
  // 龙游县's 乡 (罗家乡, 石佛乡, 大街乡 …; fewer than a page), names in reverse pinyin order.
  expect(names.length).toBeGreaterThanOrEqual(6);
  expect(names.length).toBeLessThan(20);
  for (const name of names) expect(name).toContain("乡");
  const pinyin = new Intl.Collator("zh-CN");
  expect(names).toEqual([...names].sort(pinyin.compare).reverse());
  expect(names.indexOf("石佛乡")).toBeLessThan(names.indexOf("罗家乡"));
  expect(headers).not.toContain("城镇类型");

  const href = await table.getByRole("link", { name: "导出 Excel" }).getAttribute("href");
  expect(href).toMatch(/q=%E4%B9%A1/);
  expect(href).toMatch(/sort=-name/);
  expect(href).toMatch(/hide=townType/);
  const response = await page.request.get(href!);
  expect(response.ok()).toBe(true);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await response.body()) as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  // Row 1 title, row 2 as-of, row 3 the header, then the rows in screen order.
  expect(rowTexts(sheet, 3)).toEqual(headers);
  const exported = Array.from({ length: sheet.rowCount - 3 }, (_, i) => rowTexts(sheet, i + 4));
  expect(exported.map((r) => r[0])).toEqual(codes);
  expect(exported.map((r) => r[1])).toEqual(names);

  // The .csv link carries the same view and has the same rows.
  const csvHref = await table.getByRole("link", { name: "导出 CSV" }).getAttribute("href");
  const csv = (await (await page.request.get(csvHref!)).text()).replace(/^\uFEFF/, "");
  const lines = csv.trim().split("\r\n");
  expect(lines[0]!.split(",")).toEqual(headers);
  expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(codes);
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

test("the audit log filters by person with a searchable picker, shows the client address and exports the same rows and columns", async ({
  page,
}) => {
  await signInViaApi(page, "admin");
  await page.goto("/admin/audit");
  await page.getByRole("searchbox", { name: "按姓名或用户名查找" }).fill("(admin)");
  await expect(page.getByRole("combobox", { name: "操作人" })).not.toHaveValue("");
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/user=\d+/);
  const table = page.getByTestId("audit-table");
  const actors = await table.locator("tbody tr td:nth-child(2)").allInnerTexts();
  expect(actors.length).toBeGreaterThan(0);
  for (const actor of actors) expect(actor).toMatch(/\(admin\)$/);
  await expect(table.locator("thead th").last()).toHaveText("IP 地址");
  // Signed in through the API from this machine: the client address is recorded and shown.
  await expect(table.locator("tbody tr td:nth-child(6)").first()).not.toHaveText("");
  await page.screenshot({ path: "test-results/audit-person-zh.png", fullPage: true });

  const headers = await table.locator("thead th").allInnerTexts();
  const first = await table.locator("tbody tr").first().locator("td").allInnerTexts();
  const href = await page.getByRole("link", { name: "导出 Excel" }).getAttribute("href");
  expect(href).toMatch(/^\/export\/audit\?user=\d+/);
  const response = await page.request.get(href!);
  expect(response.ok()).toBe(true);
  expect(response.headers()["content-disposition"]).toContain(
    encodeURIComponent("衢州市美丽城镇_操作日志_2026_"),
  );
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await response.body()) as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  expect(String(sheet.getRow(1).getCell(1).value)).toBe("衢州市美丽城镇建设 · 操作日志 · 2026年");
  expect(rowTexts(sheet, 3)).toEqual(headers);
  const exported = rowTexts(sheet, 4);
  // Time, person, action, object and address as on screen (changes: the screen adds a toggle).
  for (const i of [0, 1, 2, 3, 5]) expect(exported[i] ?? "").toBe(first[i]);
  const total = Number((await page.getByText(/^共 \d+ 条记录$/).textContent())!.match(/\d+/)![0]);
  expect(sheet.rowCount - 3).toBe(total);
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

  // A sign-in records no fields: its changes cell is empty (it said "无字段变化").
  await page.goto("/admin/audit?action=auth.signIn");
  const signIns = table.locator("tbody tr");
  await expect(signIns.first().locator("td").nth(3)).toHaveText(/\(admin\)$/);
  await expect(signIns.first().locator("td").nth(4)).toHaveText("");
  await expect(table).not.toContainText("无字段变化");
  // Other objects read as "type · name", never "ScoreSheet #451"; a deleted one as "type #id".
  const rating = await testDb().starRating.findFirstOrThrow({
    where: { year: 2025, status: "APPROVED" },
    select: { id: true },
  });
  await testDb().auditLog.createMany({
    data: [
      { action: "rating.approve", entityType: "StarRating", entityId: String(rating.id) },
      { action: "rating.approve", entityType: "StarRating", entityId: "2000000000" },
    ],
  });
  await page.goto("/admin/audit?entityType=StarRating");
  const objects = await table.locator("tbody tr td:nth-child(4)").allInnerTexts();
  expect(objects.slice(0, 2)).toEqual([
    "星级评价 #2000000000",
    expect.stringMatching(/^星级评价 · \S+ 2025$/),
  ]);

  // Codes read as their labels, by whose they are (a run's COMPUTED is not a report's status),
  // and every field by its name.
  await testDb().auditLog.createMany({
    data: [
      {
        action: "assessmentRun.publish",
        entityType: "AssessmentRun",
        entityId: "2000000001",
        before: { status: "COMPUTED", revision: 1 },
        after: { status: "PUBLISHED", revision: 2 },
      },
      {
        action: "indicator.update",
        entityType: "Indicator",
        entityId: "2000000002",
        before: { valueType: "DECIMAL", kind: "COMMON", evidenceRequired: false },
        after: { valueType: "PERCENT", kind: "DISTINCTIVE", evidenceRequired: true },
      },
    ],
  });
  const firstChanges = table.locator("tbody tr").first().locator("td").nth(4).locator("li");
  await page.goto("/admin/audit?entityType=AssessmentRun");
  await expect(firstChanges).toHaveText(["状态: 已计算待发布 → 已发布", "修订次数: 1 → 2"]);
  await page.goto("/admin/audit?entityType=Indicator");
  // (jsonb keeps keys shortest first)
  await expect(firstChanges).toHaveText([
    "类别: 共性指标 → 个性指标",
    "数值类型: 小数 → 百分比",
    "须附佐证材料: 否 → 是",
  ]);
});
