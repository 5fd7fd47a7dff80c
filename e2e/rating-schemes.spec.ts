/**
 * Rating-scheme administration in the browser. The administrator's round trip runs on 2027, a
 * year this spec opens in PLANNING (e2e/db.ts openExtraYear) and removes afterwards, so 2026's
 * active demo scheme and its ratings, which other specs read, never change; on 2026 the
 * administrator only starts a new version and deletes it again.
 */
import fs from "node:fs/promises";
import ExcelJS from "exceljs";
import { expect, test, type Page } from "@playwright/test";
import { openExtraYear, removeAddedSchemes } from "./db";
import { signInViaApi } from "./fixtures";

const YEAR = 2027;
let removeYear: () => Promise<void>;

test.beforeAll(async () => {
  await removeAddedSchemes(2026);
  removeYear = await openExtraYear(YEAR);
});

test.afterAll(async () => {
  await removeAddedSchemes(2026);
  await removeYear?.();
});

/** Starts a new version of `year` from the list page; the new draft's page opens. */
async function startVersion(page: Page, year: number) {
  await page.goto("/admin/rating-schemes");
  const form = page.getByRole("form", { name: "新建版本" });
  await form.getByLabel("年度").selectOption(String(year));
  await form.getByRole("button", { name: "新建版本" }).click();
  await expect(page).toHaveURL(/\/admin\/rating-schemes\/\d+\?created=/);
}

/** Uploads a workbook through the page's "导入 Excel". */
async function upload(page: Page, workbook: ExcelJS.Workbook) {
  await page.getByLabel("导入 Excel").setInputFiles({
    name: "细则.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
  });
}

/** The workbook of a downloaded file. */
async function workbookOf(path: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await fs.readFile(path)) as unknown as ExcelJS.Buffer);
  return workbook;
}

test("the administrator starts next year from this year's scheme, edits, round-trips and activates it", async ({
  page,
}, testInfo) => {
  await signInViaApi(page, "admin");
  await startVersion(page, YEAR);
  await expect(page.getByRole("status")).toHaveText(
    "已新建 2027 年度第 1 版，复制自 2026 年度第 1 版。",
  );
  await expect(
    page.getByRole("heading", { name: "2027年度省级样板星级评价细则（演示）" }),
  ).toBeVisible();
  await expect(page.getByTestId("scheme-status")).toHaveText("草稿");
  await expect(page.getByText("演示细则：分值、档次和星级分数线均为演示值")).toBeVisible();
  await expect(page.getByTestId("source-note")).toContainText("演示细则：参照浙江省");
  await expect(page.getByText("细则完整，可以启用。")).toBeVisible();
  await expect(page.getByTestId("scheme-sheet")).toContainText("污水零直排与管网运维");

  // a bad value first: the field says why, and nothing is sent
  const trim = page.getByLabel("去掉最高最低分所需的最少评分表数");
  await trim.fill("2");
  await page.getByRole("button", { name: "保存设置" }).click();
  await expect(trim).toHaveAttribute("aria-invalid", "true");
  await expect(trim).toHaveAccessibleDescription(/去掉最高最低分至少需要 3 张评分表/);
  const fifth = page.getByLabel("5 星最低分");
  await fifth.fill("80");
  await page.getByRole("button", { name: "保存设置" }).click();
  await expect(page.getByText("星级越高，最低分须越高。")).toBeVisible();

  await trim.fill("5");
  await fifth.fill("96");
  await page
    .getByLabel("评审组合成方式")
    .selectOption({ label: "去掉一个最高分和一个最低分后平均" });
  await page.getByLabel("来源说明").fill("市美镇办 2027 年第 1 次主任会议纪要");
  await page.getByLabel("演示细则（分值为演示值）").uncheck();
  await page.getByRole("button", { name: "保存设置" }).click();
  await expect(page.getByText("设置已保存。")).toBeVisible();
  await expect(page.getByTestId("source-note")).toHaveText(
    "来源说明：市美镇办 2027 年第 1 次主任会议纪要",
  );

  // the file carries what was saved
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "下载 Excel" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("2027年度星级评价细则第1版.xlsx");
  const saved = testInfo.outputPath("scheme.xlsx");
  await file.saveAs(saved);
  const workbook = await workbookOf(saved);
  expect(workbook.worksheets.map((s) => s.name)).toEqual(["评分细则", "规则", "设置"]);
  const settings = workbook.getWorksheet("设置")!;
  expect(settings.getCell("A17").value).toBe("5星分数线");
  expect(settings.getCell("B17").value).toBe(96);

  // a bad row is refused with its sheet and row, in Chinese
  const rubric = workbook.getWorksheet("评分细则")!;
  rubric.getCell("E3").value = "五分";
  await upload(page, workbook);
  await expect(page.getByText("文件有错误，未导入任何数据。")).toBeVisible();
  await expect(page.getByTestId("import-errors")).toHaveText(
    "“评分细则”表第 3 行：“分值”应为分数（最多两位小数），现为“五分”。",
  );

  // edited in Excel and uploaded back
  rubric.getCell("E3").value = 5;
  rubric.getCell("D2").value = "污水零直排与管网运维（2027 年修订）";
  await upload(page, workbook);
  await expect(page.getByText("已导入：5 个考核内容、13 个要点、40 条评分标准。")).toBeVisible();
  await expect(page.getByTestId("scheme-sheet")).toContainText(
    "污水零直排与管网运维（2027 年修订）",
  );
  await expect(page.getByLabel("5 星最低分")).toHaveValue("96.00");

  // activated: no rating of 2027 yet, so none moves
  await page.getByRole("button", { name: "启用", exact: true }).click();
  await expect(page.getByRole("alertdialog")).toContainText("启用第 1 版？");
  await expect(page.getByRole("alertdialog")).toContainText(
    "本年度尚未开始评分和自评的 0 个评价将改用本版",
  );
  await page.getByRole("button", { name: "确认" }).click();
  await expect(page.getByText("已启用。0 个评价改用本版")).toBeVisible();
  await expect(page.getByTestId("scheme-status")).toHaveText("启用中");
  await expect(page.getByRole("button", { name: "保存设置" })).toHaveCount(0);
  await expect(page.getByLabel("导入 Excel")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "停用", exact: true })).toBeVisible();
});

test("the administrator starts a new version of 2026 from the active one and deletes the draft", async ({
  page,
}) => {
  await signInViaApi(page, "admin");
  await startVersion(page, 2026);
  await expect(page.getByRole("status")).toHaveText(
    "已新建 2026 年度第 2 版，复制自 2026 年度第 1 版。",
  );
  await page.getByRole("button", { name: "删除草稿" }).click();
  await expect(page.getByRole("alertdialog")).toContainText("删除第 2 版草稿？此操作不能撤销。");
  await page.getByRole("button", { name: "确认" }).click();
  await expect(page).toHaveURL(/\/admin\/rating-schemes\?f\.year=2026&deleted=1$/);
  await expect(page.getByText("草稿已删除。")).toBeVisible();
  const table = page.getByTestId("rating-schemes");
  await expect(table.getByRole("row")).toHaveCount(2); // header + 2026 version 1
  await expect(table).toContainText("启用中");
});

test("the city leader reads the schemes and changes nothing", async ({ page }) => {
  await signInViaApi(page, "leader");
  await page.goto("/dashboard");
  const navigation = page.getByRole("navigation", { name: "main" });
  await navigation.getByRole("button", { name: "更多" }).click();
  await navigation.getByRole("link", { name: "评价细则" }).click();
  await expect(page).toHaveURL(/\/admin\/rating-schemes$/);
  await expect(page.getByRole("form", { name: "新建版本" })).toHaveCount(0);
  await page.getByLabel("状态").selectOption("启用中");
  await expect(page).toHaveURL(/f\.status=/);
  await page.getByRole("link", { name: "2026年度省级样板星级评价细则（演示）" }).click();
  await expect(page.getByTestId("scheme-status")).toHaveText("启用中");
  await expect(page.getByTestId("scheme-sheet")).toContainText("考核要点");
  await expect(page.getByRole("link", { name: "下载 Excel" })).toBeVisible();
  for (const name of ["启用", "停用", "删除草稿", "保存设置"]) {
    await expect(page.getByRole("button", { name, exact: true })).toHaveCount(0);
  }
  await expect(page.getByLabel("导入 Excel")).toHaveCount(0);
  await expect(page.getByLabel("名称", { exact: true })).toHaveAttribute("readonly", "");
});
