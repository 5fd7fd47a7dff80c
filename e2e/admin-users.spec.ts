import { expect, test } from "@playwright/test";
import { expectSentHome, signInViaApi, signInWithForm } from "./fixtures";

test("an administrator creates a township user who signs in, must change the password, and is disabled", async ({
  browser,
}) => {
  const admin = await browser.newPage();
  await signInViaApi(admin, "admin");
  await admin.goto("/admin/users/new");

  // Bad input first: a clear message per field, nothing created.
  await admin.getByLabel("用户名").fill("A");
  await admin.getByLabel("初始密码").fill("short");
  await admin.getByRole("button", { name: "创建" }).click();
  await expect(admin.getByText("用户名须为 3–40 位小写字母")).toBeVisible();
  await expect(admin.getByText("密码至少 10 位。")).toBeVisible();
  await expect(admin.getByText("乡镇工作人员须选择所属乡镇（街道）。")).toBeVisible();

  await admin.getByLabel("用户名").fill("e2e-baishi");
  await admin.getByLabel("姓名").fill("白石镇测试员");
  await admin.getByLabel("县（市、区）").selectOption({ label: "常山县" });
  await admin.getByLabel("乡镇（街道）").selectOption({ label: "白石镇" });
  await admin.getByLabel("初始密码").fill("Initial2026");
  await admin.getByRole("button", { name: "创建" }).click();
  await expect(admin.getByText("用户已创建。")).toBeVisible();

  const user = await browser.newPage();
  await user.goto("/login");
  await signInWithForm(user, "e2e-baishi", "Initial2026");
  // A temporary password is a gate: every page leads to the account page until it is changed,
  // and the API refuses with the reason.
  await expect(user).toHaveURL("/account");
  await expect(user.getByText(/请先修改密码/)).toBeVisible();
  await user.goto("/towns/330822104");
  await expect(user).toHaveURL("/account");
  const api = await user.request.get("/api/v1/towns/330822104");
  expect(api.status()).toBe(403);
  expect((await api.json()).error.message).toBe("请先修改初始密码，再进行其他操作。");

  await user.getByLabel("当前密码").fill("Initial2026");
  await user.getByLabel("新密码", { exact: true }).fill("Changed2026");
  await user.getByLabel("确认新密码").fill("Changed2026");
  await user.getByRole("button", { name: "修改密码" }).click();
  await expect(user).toHaveURL(/\/login/);
  await signInWithForm(user, "e2e-baishi", "Changed2026");
  await expect(user).toHaveURL("/towns/330822104");

  // Disabled by the administrator: the open session loses access on its next request.
  await admin.goto("/admin/users?q=e2e-baishi");
  await admin.getByRole("link", { name: "e2e-baishi" }).click();
  await admin.getByLabel(/账号启用/).uncheck();
  await admin.getByRole("button", { name: "保存" }).click();
  await expect(admin.getByText("已保存。")).toBeVisible();
  await user.goto("/towns/330822104");
  await expect(user).toHaveURL(/\/login\?callbackUrl=/);

  await admin.goto("/admin/audit?action=user.update");
  await expect(admin.getByTestId("audit-table")).toContainText("e2e-baishi");
});

test("a county reviewer cannot administer users", async ({ page }) => {
  await signInViaApi(page, "reviewer-330825");
  await page.goto("/admin/users");
  await expectSentHome(page, "/counties/330825");
});

test("an API token reads the API with its owner's scope until revoked", async ({
  page,
  playwright,
  baseURL,
}) => {
  await signInViaApi(page, "reviewer-330822");
  await page.goto("/account");
  await page.getByLabel("令牌用途").fill("大屏");
  await page.getByRole("button", { name: "创建令牌" }).click();
  const token = (await page.getByTestId("new-token").textContent())!.trim();
  expect(token).toMatch(/^mz_/);

  const api = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { Authorization: `Bearer ${token}` },
  });
  const me = await (await api.get("/api/v1/me")).json();
  expect(me).toMatchObject({
    username: "reviewer-330822",
    role: "COUNTY_REVIEWER",
    county: { code: "330822" },
  });
  expect((await api.get("/api/v1/towns/330825109")).status()).toBe(404);

  await page.reload();
  await page.getByRole("button", { name: "吊销" }).click();
  await page
    .getByRole("dialog", { name: "吊销令牌“大屏”？" })
    .getByRole("button", { name: "吊销" })
    .click();
  await expect(page.getByText("尚未创建令牌。")).toBeVisible();
  expect((await api.get("/api/v1/me")).status()).toBe(401);
  await api.dispose();
});
