import { expect, test } from "@playwright/test";
import { expectSentHome, signInViaApi, signInWithForm } from "./fixtures";

test.describe("sign-in lands each role on its own page", () => {
  const cases = [
    {
      username: "admin",
      path: "/dashboard",
      heading: "全市驾驶舱",
      nav: ["市级审核"],
      menu: {
        label: "管理",
        en: "Administration",
        items: ["创建名单", "评价细则", "创建管理", "用户管理", "操作日志"],
      },
    },
    {
      username: "leader",
      path: "/dashboard",
      heading: "全市驾驶舱",
      nav: ["市级审核"],
      menu: { label: "更多", en: "More", items: ["评价细则", "创建管理"] },
    },
    { username: "reviewer-330825", path: "/counties/330825", heading: "龙游县", nav: ["本县乡镇"] },
    { username: "staff-330825109", path: "/towns/330825109", heading: "溪口镇", nav: ["本乡镇"] },
  ];
  for (const { username, path, heading, nav, menu } of cases) {
    test(username, async ({ page, context, baseURL }) => {
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.goto("/login");
      // Straight to the role's page: no stop on "/" (whose redirect showed a blank page first).
      const shown: string[] = [];
      page.on("framenavigated", (frame) => {
        if (frame === page.mainFrame()) shown.push(new URL(frame.url()).pathname);
      });
      await signInWithForm(page, username);
      await expect(page).toHaveURL(path);
      expect(shown).not.toContain("/");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
      const navigation = page.getByRole("navigation", { name: "main" });
      for (const item of nav)
        await expect(navigation.getByRole("link", { name: item })).toBeVisible();
      if (username !== "admin")
        await expect(navigation.getByRole("link", { name: "用户管理" })).toHaveCount(0);
      // The user's name opens their account.
      await expect(page.getByRole("link", { name: /^我的账号/ })).toHaveAttribute(
        "href",
        "/account",
      );
      if (menu) {
        // Administration opens from one button; Escape closes it.
        const button = navigation.getByRole("button", { name: menu.label });
        await expect(navigation.getByRole("link", { name: menu.items[0] })).toBeHidden();
        await button.click();
        await expect(button).toHaveAttribute("aria-expanded", "true");
        for (const item of menu.items)
          await expect(navigation.getByRole("link", { name: item })).toBeVisible();
        await page.keyboard.press("Escape");
        await expect(button).toHaveAttribute("aria-expanded", "false");
        await expect(button).toBeFocused();
      } else {
        await expect(navigation.getByRole("button")).toHaveCount(0);
      }
      // The header is one row at 1366 px, in Chinese and in English.
      for (const locale of ["zh-CN", "en"]) {
        if (locale === "en") {
          await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
          await page.reload();
          if (menu) await expect(navigation.getByRole("button", { name: menu.en })).toBeVisible();
        }
        const product = (await page.locator("header a").first().boundingBox())!;
        const row = (await navigation.boundingBox())!;
        const header = (await page.locator("header").boundingBox())!;
        expect(Math.abs(row.y + row.height / 2 - (product.y + product.height / 2))).toBeLessThan(8);
        expect(header.height, `${username} ${locale}`).toBeLessThan(72);
        expect(await page.getByTestId("nav-row").getAttribute("data-fade")).toBeNull();
      }
    });
  }
});

test("on a phone the navigation shows that it scrolls, and its menu opens", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInViaApi(page, "admin");
  await page.goto("/dashboard");
  const row = page.getByTestId("nav-row");
  await expect(row).toHaveAttribute("data-fade", "true");
  await row.evaluate((element) => element.scrollTo({ left: element.scrollWidth }));
  await expect(row).not.toHaveAttribute("data-fade");
  const navigation = page.getByRole("navigation", { name: "main" });
  await navigation.getByRole("button", { name: "管理" }).click();
  const users = navigation.getByRole("link", { name: "用户管理" });
  await expect(users).toBeInViewport();
  await users.click();
  await expect(page).toHaveURL("/admin/users");
  await expect(navigation.getByRole("button", { name: "管理" })).toHaveAttribute(
    "aria-expanded",
    "false",
  );
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/login");
  await signInWithForm(page, "leader", "wrong-password-1");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "用户名或密码错误，或账号已停用。",
  );
  await expect(page).toHaveURL(/\/login/);
});

test("township staff are sent home from another town's page; the API answers 404", async ({
  page,
}) => {
  await signInViaApi(page, "staff-330825109");
  await page.goto("/towns/330822104"); // 常山县 白石镇
  await expectSentHome(page, "/towns/330825109");
  await page.goto("/counties/330825");
  await expectSentHome(page, "/towns/330825109");
  await page.goto("/admin/users");
  await expectSentHome(page, "/towns/330825109");
  const api = await page.request.get("/api/v1/towns/330822104");
  expect(api.status()).toBe(404);
  expect((await api.json()).error.code).toBe("NOT_FOUND");
  const list = await (await page.request.get("/api/v1/towns")).json();
  expect(list.towns.map((t: { code: string }) => t.code)).toEqual(["330825109"]);
});

test("a county reviewer sees only their county", async ({ page }) => {
  await signInViaApi(page, "reviewer-330825");
  const list = await (await page.request.get("/api/v1/towns")).json();
  expect(list.count).toBe(15);
  expect(list.towns.every((t: { county: { code: string } }) => t.county.code === "330825")).toBe(
    true,
  );
  await page.goto("/counties/330881");
  await expectSentHome(page, "/counties/330825");
});

test("a signed-out visitor is sent to sign in and comes back after", async ({ page }) => {
  await page.goto("/towns/330825109");
  await expect(page).toHaveURL("/login?callbackUrl=%2Ftowns%2F330825109");
  await signInWithForm(page, "staff-330825109");
  await expect(page).toHaveURL("/towns/330825109");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("溪口镇");
});

test("the sign-in page ignores a foreign callbackUrl", async ({ page }) => {
  await page.goto("/login?callbackUrl=%2F%2Fevil.example%2Fx");
  await signInWithForm(page, "leader");
  await expect(page).toHaveURL("/dashboard");
});

test("signed-out JSON requests get 401 JSON", async ({ request }) => {
  const response = await request.get("/api/v1/me");
  expect(response.status()).toBe(401);
  expect((await response.json()).error.code).toBe("UNAUTHENTICATED");
});

test("signed-out page requests get a real redirect that keeps the query", async ({ request }) => {
  const response = await request.get("/counties/330825?sort=name&q=%E6%BA%AA", { maxRedirects: 0 });
  expect(response.status()).toBe(307);
  expect(response.headers().location).toBe(
    "/login?callbackUrl=%2Fcounties%2F330825%3Fsort%3Dname%26q%3D%25E6%25BA%25AA",
  );
});

test("a signed-out export link sends the browser to sign in on the address it used (behind a proxy too)", async ({
  request,
}) => {
  const response = await request.get("/export/towns?year=2026&format=csv", {
    maxRedirects: 0,
    headers: { Host: "meizhen.example.gov.cn" },
  });
  expect(response.status()).toBe(303);
  // Relative: never the app server's own localhost address.
  expect(response.headers().location).toBe(
    "/login?callbackUrl=%2Fexport%2Ftowns%3Fyear%3D2026%26format%3Dcsv",
  );
});

test("a callback path that normalises to another host stays on the site", async ({ page }) => {
  await page.goto("/login?callbackUrl=%2F..%2F%2Fevil.example%2Fx");
  await signInWithForm(page, "leader");
  await expect(page).toHaveURL("/dashboard");
});

test("pages carry a nonce-based CSP, forbid framing and still work", async ({ page }) => {
  const first = await page.goto("/login");
  const headers = first!.headers();
  const csp = headers["content-security-policy"]!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  // A fresh nonce per request.
  const second = await page.request.get("/login");
  expect(second.headers()["content-security-policy"]).not.toBe(csp);
  // The page's own scripts run (the form signs in).
  await signInWithForm(page, "leader");
  await expect(page).toHaveURL("/dashboard");
});

test("ids past the integer range answer 404 with a message, never 500", async ({ page }) => {
  await signInViaApi(page, "admin");
  const api = await page.request.get("/api/v1/reports/99999999999");
  expect(api.status()).toBe(404);
  // A path naming no record is not found, like one out of scope (lib/http/handlers.ts pathId).
  const download = await page.request.get("/api/evidence/99999999999");
  expect(download.status()).toBe(404);
  expect((await download.json()).error.message).toBe("未找到，或您没有查看权限。");
  // A page naming nothing sends the user home with a notice (as one out of scope does).
  await page.goto("/admin/users/99999999999");
  await expect(page).toHaveURL("/dashboard?notice=unavailable");
});

test("out-of-scope pages send the user home with a notice, not the page", async ({ page }) => {
  await signInViaApi(page, "staff-330825109");
  const response = await page.request.get("/towns/330822104", { maxRedirects: 0 });
  expect(response.status()).toBe(307);
  expect(response.headers().location).toBe("/towns/330825109?notice=unavailable");
});
