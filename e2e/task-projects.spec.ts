import { expect, test } from "@playwright/test";
import { expectSentHome, signInViaApi } from "./fixtures";

test("a city administrator registers a project of a town's task, with a clear message for bad input", async ({
  page,
}) => {
  await signInViaApi(page, "admin");
  await page.goto("/admin/tasks/2026/330822104"); // 白石镇
  await expect(page.getByRole("heading", { name: "建设项目" })).toBeVisible();

  await page.getByRole("button", { name: "新增项目" }).click();
  await page.getByLabel("项目编号").fill("E2E-01");
  await page.getByLabel("项目名称").fill("白石镇游客服务中心提升");
  await page.getByLabel("计划投资（万元）").fill("0");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: /./ }).first()).toBeVisible();
  await expect(page.getByRole("cell", { name: "E2E-01", exact: true })).toHaveCount(0);

  await page.getByLabel("计划投资（万元）").fill("1,280.50");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByText("项目已保存。")).toBeVisible();
  await expect(page.getByRole("cell", { name: "E2E-01", exact: true })).toBeVisible();
  await expect(
    page.getByRole("cell", { name: "白石镇游客服务中心提升", exact: true }),
  ).toBeVisible();
});

test("a county reviewer cannot open a task's register", async ({ page }) => {
  await signInViaApi(page, "reviewer-330822");
  await page.goto("/admin/tasks/2026/330822104");
  await expectSentHome(page, "/counties/330822");
});
