/**
 * The indicator catalogue (/admin/indicators, issue 12 part 2) on the demo data: the
 * administrator adds an indicator to 2026 (it shows in the table, and in English under its
 * English name), cannot delete a used indicator but retires it, cannot retire a dashboard input
 * without a replacement; the city leader reads everything and sees no edit control. Each test
 * puts the rows it touches back into a known state first.
 */
import { expect, test } from "@playwright/test";
import { testDb } from "./db";
import { expectSentHome, signInViaApi } from "./fixtures";

const NEW_CODE = "e2eParkArea";
const USED_CODE = "publicParkingSpaces";

test("the administrator adds an indicator to 2026; it shows in the table, also in English", async ({
  page,
  context,
  baseURL,
}) => {
  await testDb().indicator.deleteMany({ where: { year: 2026, code: NEW_CODE } });
  await signInViaApi(page, "admin");
  await page.goto("/admin/indicators?year=2026");
  await page.getByRole("link", { name: "新增指标" }).click();
  await expect(page).toHaveURL(/\/admin\/indicators\/new\?year=2026/);

  // Bad input first: a message at each field, nothing created.
  await page.getByLabel("指标代码").fill("Park area");
  await page.getByRole("button", { name: "新增" }).click();
  await expect(page.getByText("代码须以小写字母开头，只含英文字母和数字")).toBeVisible();
  await expect(page.getByText("必填。").first()).toBeVisible();

  const fillForm = async (valueType: string, max: string) => {
    await page.getByLabel("指标代码").fill(NEW_CODE);
    await page.getByLabel("名称（中文）").fill("公园绿地面积");
    await page.getByLabel("名称（英文）").fill("Park area");
    await page.getByLabel("维度").selectOption("ENVIRONMENT");
    await page.getByLabel("单位（中文）").fill("公顷");
    await page.getByLabel("单位（英文）").fill("ha");
    await page.getByLabel("取值类型").selectOption(valueType);
    await page.getByLabel("下限").fill("0");
    await page.getByLabel("上限").fill(max);
    await page.getByRole("button", { name: "新增" }).click();
  };
  // Limits must fit the value type: a percent stops at 100.
  await fillForm("PERCENT", "120");
  await expect(page.getByText("百分比须在 0–100 之间")).toBeVisible();
  expect(await testDb().indicator.count({ where: { year: 2026, code: NEW_CODE } })).toBe(0);

  await fillForm("DECIMAL", "");
  await expect(page.getByText("指标已新增")).toBeVisible();

  await page.goto(`/admin/indicators?year=2026&q=${NEW_CODE}`);
  const table = page.getByTestId("indicator-table");
  await expect(table).toContainText("公园绿地面积");
  await expect(table).toContainText("公顷");

  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
  await page.reload();
  await expect(table).toContainText("Park area");
  await expect(table).toContainText("ha");
  await expect(table).not.toContainText("公园绿地面积");
});

test("a used indicator cannot be deleted but is retired; a dashboard input needs a replacement", async ({
  page,
}) => {
  const db = testDb();
  await db.indicator.updateMany({
    where: { year: 2026, code: USED_CODE },
    data: { retiredAt: null },
  });
  const used = await db.indicator.findFirstOrThrow({ where: { year: 2026, code: USED_CODE } });
  const gyms = await db.indicator.findFirstOrThrow({
    where: { year: 2026, figureInput: "communityGyms" },
  });
  await signInViaApi(page, "admin");
  try {
    // The dashboard input: its badge in the table, and retiring it without a replacement is refused.
    await page.goto(`/admin/indicators?year=2026&q=${gyms.code}`);
    await expect(page.getByTestId("indicator-table").getByTestId("figure-badge")).toHaveText(
      "驾驶舱：百姓健身房",
    );
    await page.goto(`/admin/indicators/${gyms.id}`);
    await page.getByRole("button", { name: "停用" }).click();
    await expect(page.getByText("请选择接替它的指标")).toBeVisible();
    expect((await db.indicator.findUniqueOrThrow({ where: { id: gyms.id } })).retiredAt).toBeNull();

    // A used indicator: delete refused, retire accepted.
    await page.goto(`/admin/indicators/${used.id}`);
    await page.getByRole("button", { name: "删除" }).click();
    await expect(page.getByText("该指标已被填报使用，不能删除，只能停用")).toBeVisible();
    await page.getByRole("button", { name: "停用" }).click();
    await expect(page.getByRole("button", { name: "恢复使用" })).toBeVisible();

    // Gone from the table unless retired ones are shown.
    await page.goto(`/admin/indicators?year=2026&q=${USED_CODE}`);
    await expect(page.getByTestId("indicator-table")).toContainText("该年度没有符合条件的指标");
    await page.getByLabel("显示已停用指标").check();
    await expect(page).toHaveURL(/retired=1/);
    await expect(page.getByTestId("indicator-table")).toContainText("已停用");

    await page.goto(`/admin/audit?action=indicator.retire`);
    await expect(page.getByTestId("audit-table")).toContainText("停用指标");
  } finally {
    await db.indicator.updateMany({
      where: { year: 2026, code: USED_CODE },
      data: { retiredAt: null },
    });
  }
});

test("the city leader reads the catalogue and sees no edit control, also at 390 px", async ({
  page,
}) => {
  const gyms = await testDb().indicator.findFirstOrThrow({
    where: { year: 2026, figureInput: "communityGyms" },
  });
  await page.setViewportSize({ width: 390, height: 844 });
  await signInViaApi(page, "leader");
  await page.goto("/admin/indicators?year=2026");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("指标库");
  await expect(page.getByTestId("indicator-table")).toContainText(gyms.name);
  await expect(page.getByText("您可以查看指标库，但不能修改。")).toBeVisible();
  await expect(page.getByRole("link", { name: "新增指标" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "指定" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "添加" })).toHaveCount(0);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);

  await page.goto(`/admin/indicators/${gyms.id}`);
  await expect(page.getByLabel("指标代码")).toBeDisabled();
  await expect(page.getByRole("button", { name: "保存" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "停用" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "删除" })).toHaveCount(0);
  // The township page lists the year's basic requirements in the reader's language, read-only.
  await page.goto("/towns/330822104");
  const checklist = page.getByTestId("basic-requirement-checklist");
  await expect(checklist).toContainText("2026 年“十个一”基本要求");
  await expect(checklist).toContainText("一条特色街");
  await expect(checklist).not.toContainText("A distinctive street");
  await page.goto("/admin/indicators/new?year=2026");
  await expectSentHome(page, "/dashboard");
});
