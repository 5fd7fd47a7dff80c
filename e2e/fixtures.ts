/**
 * Shared helpers for the browser tests. The database is the demo data set, loaded by
 * `npm test` into a scratch database before Playwright starts.
 */
import { expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "@/prisma/seed/accounts";

export { DEMO_PASSWORD };

/** Signs in through the form, as a person would. */
export async function signInWithForm(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

/** Signs in through next-auth's HTTP API (fast set-up for tests about something else). */
export async function signInViaApi(page: Page, username: string, password = DEMO_PASSWORD) {
  const csrf = await page.request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, username, password, json: "true" },
  });
  expect(response.ok()).toBe(true);
  const session = await (await page.request.get("/api/auth/session")).json();
  expect(session?.user?.id, `sign-in of ${username} failed`).toBeTruthy();
}

/**
 * Headers for a write sent with `page.request` as the app's own pages send it: writes must come
 * from this site (lib/http/handlers.ts checks Origin). The page must have opened a URL first.
 */
export function sameSite(page: Page): Record<string, string> {
  return { Origin: new URL(page.url()).origin };
}

/** Fills every empty value input of a report form with 1 (valid for every value type). */
export async function fillEmptyValues(page: Page) {
  for (const input of await page.locator('input[id^="field-value."]').all()) {
    if ((await input.inputValue()) === "") await input.fill("1");
  }
  for (const select of await page.locator('select[id^="field-value."]').all()) {
    if ((await select.inputValue()) === "") await select.selectOption("1");
  }
}

/**
 * A page the signed-in user may not open (out of scope, not for the role, or naming nothing)
 * sends them to their own home (`home`) with the notice, in Chinese.
 */
export async function expectSentHome(page: Page, home: string) {
  await expect(page).toHaveURL(`${home}?notice=unavailable`);
  await expect(page.getByRole("status").filter({ hasText: "无权打开" })).toBeVisible();
}
