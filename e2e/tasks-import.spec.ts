import { expect, test } from "@playwright/test";
import { signInViaApi } from "./fixtures";

test("the administrator downloads the creation-list template and a bad file is refused row by row", async ({
  page,
}) => {
  await signInViaApi(page, "admin");
  await page.goto("/admin/tasks?year=2026");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "下载名单模板（Excel）" }).click();
  expect((await download).suggestedFilename()).toBe("2026年度创建名单.xlsx");

  const csv = [
    "区划代码,乡镇名称,创建目标,创建路径,截止日期",
    "330822999,无名镇,基本达标,乡镇,2026-12-31",
    "330822104,白石镇,国家级样板,乡镇,2026-12-31",
  ].join("\n");
  await page.getByLabel("导入 Excel / CSV").setInputFiles({
    name: "名单.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(csv),
  });
  await expect(page.getByText("文件有错误，未导入任何数据。")).toBeVisible();
  await expect(page.getByTestId("import-errors")).toContainText(
    "第 2 行：区划代码“330822999”不是已知的乡镇（街道）。",
  );
  await expect(page.getByTestId("import-errors")).toContainText(
    "第 3 行：创建目标“国家级样板”无法识别",
  );
});

test("a county reviewer cannot download the creation-list template", async ({ page }) => {
  await signInViaApi(page, "reviewer-330825");
  expect((await page.request.get("/api/tasks/2026/template")).status()).toBe(403);
});
