import { expect, test } from "@playwright/test";

test.describe("home page", () => {
  test("shows the programme and a sign-in link, in Chinese by default", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("衢州市美丽城镇建设管理平台");
    await expect(page.getByRole("link", { name: "登录" })).toHaveAttribute("href", "/login");
    await expect(page.getByRole("note")).toContainText("演示数据");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  });

  test("switches to English and remembers it", async ({ page }) => {
    await page.goto("/");
    await page.getByLabel("语言").selectOption("en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Quzhou Beautiful Towns Platform",
    );
    await page.reload();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    // The demo marking is UI, so it follows the reader's language (it stayed 演示数据 in English).
    const badge = page.getByRole("note").getByText("Demo data", { exact: true });
    await expect(badge).toBeVisible();
    await expect(page.getByRole("note")).not.toContainText("演示数据");
  });

  test("health reports the database", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", db: "ok" });
  });
});
