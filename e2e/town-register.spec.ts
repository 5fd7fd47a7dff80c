/**
 * The town register (/admin/towns): the city administrator adds a local unit to 开化县, strips
 * the title of a provincial sample with its document (摘帽), and the city dashboard's figure
 * follows: on 2026-12-04 the year's figures are taken today, so "provincial samples" drops by
 * exactly one and "basic compliance" stays (a stripped sample keeps basic compliance,
 * lib/domain/attainment.ts). The city leader reads the register and gets no edit controls.
 * The spec removes what it wrote before and after it runs, so it depends on no other spec.
 */
import { expect, test, type Page } from "@playwright/test";
import { testDb } from "./db";
import { E2E_TODAY } from "./demo-date";
import { signInViaApi } from "./fixtures";

/** A code under 开化县 (330824) that neither the NBS list nor the seed uses (seed: 330824900). */
const NEW_CODE = "330824950";
const DOCUMENT = "E2E 衢美镇办〔2026〕99号";

/** Removes the added town and the spec's title event (the strip is the town's latest event). */
async function cleanUp() {
  const db = testDb();
  await db.townEvent.deleteMany({ where: { town: { divisionCode: NEW_CODE } } });
  await db.town.deleteMany({ where: { divisionCode: NEW_CODE } });
  await db.townEvent.deleteMany({ where: { document: DOCUMENT } });
}

/** A town holding the provincial-sample title today: its latest title event leaves it so. */
async function provincialSample(): Promise<{ code: string; name: string }> {
  const rows = await testDb().$queryRaw<{ code: string; name: string }[]>`
    SELECT t."divisionCode" AS code, t.name
    FROM "Town" t
    JOIN LATERAL (
      SELECT e."attainmentAfter" FROM "TownEvent" e
      WHERE e."townId" = t.id AND e.kind IN ('TITLE_AWARDED', 'TITLE_STRIPPED')
        AND e."effectiveOn" <= ${E2E_TODAY}::date
      ORDER BY e."effectiveOn" DESC, e.id DESC LIMIT 1
    ) last ON last."attainmentAfter" = 'PROVINCIAL_SAMPLE'
    ORDER BY t."divisionCode" LIMIT 1`;
  return rows[0]!;
}

/** The number a dashboard key figure shows. */
async function figure(page: Page, key: string): Promise<number> {
  const text = await page.getByTestId(`kpi-${key}`).innerText();
  return Number(/[\d,]+/.exec(text)![0].replace(/,/g, ""));
}

test.beforeAll(cleanUp);
test.afterAll(cleanUp);

test("the administrator adds a local unit, strips a title, and the dashboard follows", async ({
  page,
}) => {
  await signInViaApi(page, "admin");
  await page.goto("/dashboard");
  await expect(page.getByRole("combobox", { name: "年度" })).toHaveValue("2026");
  const samplesBefore = await figure(page, "provincialSamples");
  const compliantBefore = await figure(page, "basicCompliance");

  // Add a local unit to 开化县.
  await page.goto("/admin/towns");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("乡镇名册");
  const add = page.getByTestId("add-town");
  await add.getByLabel("县（市、区）").selectOption("330824");
  await add.getByRole("textbox", { name: "区划代码" }).fill("330825950"); // outside the county: refused
  await add.getByLabel("名称", { exact: true }).fill("测试办事处");
  await add.getByLabel("生效日期").fill("2026-12-01");
  await add.getByRole("textbox", { name: "文号" }).fill("开政发〔2026〕30号");
  await add.getByRole("button", { name: "新增乡镇" }).click();
  await expect(add.getByText("区划代码须以所属县（市、区）的代码开头。")).toBeVisible();
  await add.getByRole("textbox", { name: "区划代码" }).fill(NEW_CODE);
  await add.getByRole("button", { name: "新增乡镇" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/towns/${NEW_CODE}`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("测试办事处");
  await expect(page.getByText("地方增设单位").first()).toBeVisible();
  await expect(page.getByTestId("town-history")).toContainText("2026/12/01");
  await expect(page.getByTestId("town-history")).toContainText("开政发〔2026〕30号");

  // The register lists it under 开化县 (filter in the URL).
  await page.goto("/admin/towns");
  const register = page.getByTestId("town-register");
  await register.getByRole("combobox", { name: "县（市、区）" }).selectOption("开化县");
  await expect(page).toHaveURL(/f\.county=/);
  await register.getByRole("searchbox").fill("测试办事处");
  await expect(register.locator("tbody tr")).toHaveCount(1);
  await expect(register.locator("tbody tr")).toContainText(NEW_CODE);

  // Strip the title of a provincial sample (摘帽) with its document.
  const sample = await provincialSample();
  await page.goto(`/admin/towns/${sample.code}`);
  await expect(page.getByTestId("town-details")).toContainText("省级样板");
  const strip = page.getByTestId("title-event");
  await expect(strip.getByLabel("事项")).toHaveValue("TITLE_STRIPPED");
  await strip.getByLabel("称号").selectOption("PROVINCIAL_SAMPLE");
  await strip.getByLabel("生效日期").fill(E2E_TODAY);
  await strip.getByRole("button", { name: "记录" }).click();
  // No document: refused, with the message at the field.
  await expect(strip.getByText("请填写决定该事项的文件（如文号）。")).toBeVisible();
  await strip.getByRole("textbox", { name: "文号" }).fill(DOCUMENT);
  await strip.getByRole("button", { name: "记录" }).click();
  await expect(strip.getByText("已保存。")).toBeVisible();
  await expect(page.getByTestId("town-details")).toContainText("基本达标");
  await expect(page.getByTestId("town-history")).toContainText("摘帽");
  await expect(page.getByTestId("town-history")).toContainText(DOCUMENT);

  // The API shows the event and today's attainment.
  const api = await (await page.request.get(`/api/v1/towns/${sample.code}`)).json();
  expect(api.town.attainment).toBe("BASIC_COMPLIANCE");
  expect(api.town.events.at(-1)).toMatchObject({
    kind: "TITLE_STRIPPED",
    effectiveOn: E2E_TODAY,
    document: DOCUMENT,
  });

  // The city dashboard: one provincial sample fewer, basic compliance unchanged.
  await page.goto("/dashboard");
  await expect(page.getByTestId("kpi-provincialSamples")).toContainText(String(samplesBefore - 1));
  expect(await figure(page, "provincialSamples")).toBe(samplesBefore - 1);
  expect(await figure(page, "basicCompliance")).toBe(compliantBefore);
});

test("the city leader reads the register and changes nothing", async ({ page }) => {
  await signInViaApi(page, "leader");
  await page.goto("/admin/towns");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("乡镇名册");
  await expect(page.getByText("只有市美镇办管理员可以修改")).toBeVisible();
  await expect(page.getByTestId("add-town")).toHaveCount(0);
  await page.goto("/admin/towns/330824900");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("芹阳办事处");
  await expect(page.getByTestId("title-event")).toHaveCount(0);
  await expect(page.getByTestId("rename-town")).toHaveCount(0);
});
