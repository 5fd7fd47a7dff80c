/**
 * No typed work is lost (issue 13, item 4): a save made after the session ended opens the
 * "session expired" dialog, signing in again in place (or elsewhere, then "save now") saves
 * what was typed; an edit conflict shows both versions side by side and stores exactly the
 * mix the user chose; a reload right after typing keeps what was typed. Towns of 衢江区 that no
 * other spec uses: 全旺镇 (session), 高家镇 (conflict) and 大洲镇 (reload), their 2026 annual
 * reports put back to a fresh draft first.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { resetReportToDraft, testDb } from "./db";
import { DEMO_PASSWORD, sameSite, signInViaApi } from "./fixtures";

const SESSION_TOWN = "330803109";
const CONFLICT_TOWN = "330803114";
const RELOAD_TOWN = "330803110";
const SEWAGE = "建成区生活污水处理率";
const GARBAGE = "生活垃圾分类覆盖率";
const path = (town: string) => `/towns/${town}/reports/2026/4`;

let sessionReport: number;
let conflictReport: number;
let reloadReport: number;

// Several saves, sign-ins, reloads and axe runs per test on a shared, slow machine.
test.describe.configure({ timeout: 150_000 });

test.beforeAll(async () => {
  sessionReport = await resetReportToDraft(SESSION_TOWN, 2026, 4, []);
  conflictReport = await resetReportToDraft(CONFLICT_TOWN, 2026, 4, []);
  reloadReport = await resetReportToDraft(RELOAD_TOWN, 2026, 4, []);
});

/** The stored value of an indicator of a report, as text ("" = not filled). */
async function stored(reportId: number, code: string): Promise<string> {
  const row = await testDb().indicatorValue.findFirst({
    where: { reportId, indicator: { code } },
    select: { value: true },
  });
  return row?.value?.toFixed() ?? "";
}

/** Serious or critical axe violations on the page (WCAG 2 A and AA). */
async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("a save after the session ended asks to sign in again; signing in saves what was typed", async ({
  page,
  context,
}) => {
  await signInViaApi(page, `staff-${SESSION_TOWN}`);
  await page.goto(path(SESSION_TOWN));
  const status = page.getByTestId("save-status");

  // The session ends (cookie gone) while the user types, then saves.
  await context.clearCookies();
  // (Auto-save sends it; the dialog opens on the answer.)
  await page.getByLabel(SEWAGE, { exact: true }).fill("91");
  const dialog = page.getByRole("dialog", { name: "你的登录已过期" });
  await expect(dialog).toBeVisible();
  await expect(status).toHaveText("登录已过期，尚未保存");
  await expect(dialog.getByLabel("用户名")).toHaveValue(`staff-${SESSION_TOWN}`);
  await expect(dialog.getByLabel("用户名")).toHaveAttribute("readonly", "");
  expect(await seriousViolations(page)).toEqual([]);
  // Signed out, the draft endpoint answers 401 as JSON (not a sign-in page), read or write.
  const url = `/api/reports/${sessionReport}/draft`;
  for (const answer of [
    await page.request.get(url),
    await page.request.post(url, { headers: sameSite(page), data: { expectedVersion: 1 } }),
  ]) {
    expect(answer.status()).toBe(401);
    expect((await answer.json()).error.code).toBe("UNAUTHENTICATED");
  }
  // Nothing was written while signed out; the typed value is still in the form.
  expect(await stored(sessionReport, "sewageTreatmentRate")).not.toBe("91");
  await expect(page.getByLabel(SEWAGE, { exact: true })).toHaveValue("91");

  // A wrong password is refused by the one sign-in check, and the dialog stays.
  await dialog.getByLabel("密码").fill("wrong-password");
  await dialog.getByRole("button", { name: "登录并保存" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("用户名或密码错误，或账号已停用。");

  // Signing in in place saves without leaving the page.
  await dialog.getByLabel("密码").fill(DEMO_PASSWORD);
  await dialog.getByRole("button", { name: "登录并保存" }).click();
  await expect(dialog).toBeHidden();
  await expect(status).toHaveText("已保存。");
  expect(await stored(sessionReport, "sewageTreatmentRate")).toBe("91");
  await page.reload();
  await expect(page.getByLabel(SEWAGE, { exact: true })).toHaveValue(/^91(\.0+)?$/);

  // Signed in elsewhere (another tab shares the cookies), "save now" retries.
  await context.clearCookies();
  await page.getByLabel(GARBAGE, { exact: true }).fill("87");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("link", { name: "在新标签页中登录" })).toHaveAttribute(
    "href",
    `/login?callbackUrl=${encodeURIComponent(path(SESSION_TOWN))}`,
  );
  await dialog.getByRole("button", { name: "我已登录，重新保存" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("仍未登录，请先登录。");
  await signInViaApi(page, `staff-${SESSION_TOWN}`);
  await dialog.getByRole("button", { name: "我已登录，重新保存" }).click();
  await expect(dialog).toBeHidden();
  await expect(status).toHaveText("已保存。");
  expect(await stored(sessionReport, "garbageSortingCoverage")).toBe("87");
});

test("an edit conflict shows both versions; the stored result is the mix the user chose", async ({
  browser,
}) => {
  const first = await (await browser.newContext()).newPage();
  const second = await (await browser.newContext()).newPage();
  for (const page of [first, second]) {
    await signInViaApi(page, `staff-${CONFLICT_TOWN}`);
    await page.goto(path(CONFLICT_TOWN));
  }

  // The first tab saves two values.
  await first.getByLabel(SEWAGE, { exact: true }).fill("93");
  await first.getByLabel(GARBAGE, { exact: true }).fill("94");
  await first.getByRole("button", { name: "立即保存" }).click();
  await expect(first.getByTestId("save-status")).toHaveText("已保存。");
  const version = async () =>
    (
      await testDb().progressReport.findUniqueOrThrow({
        where: { id: conflictReport },
        select: { version: true },
      })
    ).version;
  const afterFirst = await version();

  // The second, opened before that save, types other values: its save is stale.
  await second.getByLabel(SEWAGE, { exact: true }).fill("97");
  await second.getByLabel(GARBAGE, { exact: true }).fill("98");
  await second.getByRole("button", { name: "立即保存" }).click();
  const resolver = second.getByRole("region", { name: "其他人已修改了这份内容" });
  await expect(resolver).toBeVisible();
  await expect(resolver).toContainText("高家镇填报员 于");
  // Only the two fields that differ, mine beside theirs.
  const rows = resolver.locator("tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText(`${SEWAGE} (%)`);
  await expect(rows.nth(0).locator("td").nth(0)).toHaveText("97");
  await expect(rows.nth(0).locator("td").nth(1)).toHaveText(/^93(\.0+)?$/);
  await expect(rows.nth(1).locator("td").nth(0)).toHaveText("98");
  await expect(rows.nth(1).locator("td").nth(1)).toHaveText(/^94(\.0+)?$/);
  // The reload button is not offered: reloading would drop what was typed.
  await expect(second.getByRole("button", { name: "刷新页面" })).toHaveCount(0);
  expect(await seriousViolations(second)).toEqual([]);

  // "Take all theirs", then keep mine for the sewage rate: mine 97, theirs 94.
  await resolver.getByRole("button", { name: "全部采用对方的" }).click();
  await resolver
    .getByRole("radiogroup", { name: `${SEWAGE} (%)` })
    .getByLabel("保留我的")
    .check();
  await resolver.getByRole("button", { name: "按所选保存" }).click();
  await expect(resolver).toBeHidden();
  await expect(second.getByTestId("save-status")).toHaveText("已保存。");
  await expect(second.getByLabel(GARBAGE, { exact: true })).toHaveValue(/^94(\.0+)?$/);
  expect(await stored(conflictReport, "sewageTreatmentRate")).toBe("97");
  expect(await stored(conflictReport, "garbageSortingCoverage")).toBe("94");
  // The resolved save is one save, against the first tab's version.
  expect(await version()).toBe(afterFirst + 1);

  // The first tab is now the stale one: its next save is refused and shows the new mix.
  await first.getByLabel(SEWAGE, { exact: true }).fill("90");
  await first.getByRole("button", { name: "立即保存" }).click();
  const firstResolver = first.getByRole("region", { name: "其他人已修改了这份内容" });
  await expect(firstResolver.locator("tbody tr")).toHaveCount(1);
  await expect(firstResolver.locator("tbody tr td").nth(1)).toHaveText(/^97(\.0+)?$/);
  expect(await stored(conflictReport, "sewageTreatmentRate")).toBe("97");
});

test("a busy server and a failed network are retried by themselves; nothing typed is dropped", async ({
  page,
}) => {
  await signInViaApi(page, `staff-${SESSION_TOWN}`);
  await page.goto(path(SESSION_TOWN));
  const status = page.getByTestId("save-status");
  const url = `**/api/reports/${sessionReport}/draft`;

  // The server is overloaded once (503, Retry-After: 1): "retrying", then saved.
  let busy = 1;
  await page.route(url, async (route) => {
    if (route.request().method() === "POST" && busy-- > 0) {
      await route.fulfill({
        status: 503,
        headers: { "Retry-After": "1", "Content-Type": "application/json" },
        body: JSON.stringify({ error: { code: "UNAVAILABLE", message: "busy" } }),
      });
    } else await route.fallback();
  });
  // Saved by the form itself after typing (no "save now" click: on a slow machine the automatic
  // save could meet the 503 first and the click's save succeed before the retry was seen).
  await page.getByLabel(SEWAGE, { exact: true }).fill("95");
  await expect(status).toHaveText("未能保存，1 秒后自动重试…");
  await expect(status).toHaveText("已保存。");
  expect(await stored(sessionReport, "sewageTreatmentRate")).toBe("95");
  await page.unrouteAll();

  // The network fails once: tried again after 2 s.
  let down = 1;
  await page.route(url, async (route) => {
    if (route.request().method() === "POST" && down-- > 0) await route.abort("failed");
    else await route.fallback();
  });
  await page.getByLabel(SEWAGE, { exact: true }).fill("96");
  await expect(status).toHaveText("未能保存，2 秒后自动重试…");
  await expect(status).toHaveText("已保存。");
  expect(await stored(sessionReport, "sewageTreatmentRate")).toBe("96");
});

test("the session dialog in English", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
  await signInViaApi(page, `staff-${SESSION_TOWN}`);
  await page.goto(path(SESSION_TOWN));
  await context.clearCookies({ name: /session-token/ });
  await page.getByLabel("Sewage treatment rate in the built-up area", { exact: true }).fill("92");
  const dialog = page.getByRole("dialog", { name: "Your session has expired" });
  await expect(dialog).toContainText("What you typed is still on this page.");
  await dialog.getByLabel("Password").fill(DEMO_PASSWORD);
  await dialog.getByRole("button", { name: "Sign in and save" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("save-status")).toHaveText("Saved.");
  expect(await stored(sessionReport, "sewageTreatmentRate")).toBe("92");
});

test("a reload right after typing shows what was typed, and the next edit saves with no conflict", async ({
  page,
}) => {
  await signInViaApi(page, `staff-${RELOAD_TOWN}`);
  await page.goto(path(RELOAD_TOWN));
  const status = page.getByTestId("save-status");
  for (const [value, next] of [
    ["81", "82"],
    ["83", "84"],
  ] as const) {
    // Typed, then reloaded 300 ms later: before the debounced save (1.5 s); the leaving page's
    // keepalive save may arrive before or after the new page is rendered.
    await page.getByLabel(SEWAGE, { exact: true }).fill(value);
    await page.waitForTimeout(300);
    await page.reload();
    await expect(page.getByLabel(SEWAGE, { exact: true })).toHaveValue(
      new RegExp(`^${value}(\\.0+)?$`),
    );
    // Saved by the new page, or already by the leaving page's keepalive (then nothing is left
    // to save and the status is the idle hint): either way the server holds what was typed.
    await expect(status).toHaveText(/^(已保存。|修改后自动保存。)$/);
    await expect.poll(() => stored(reloadReport, "sewageTreatmentRate")).toBe(value);
    // The next edit is an ordinary save, not a conflict with oneself.
    await page.getByLabel(GARBAGE, { exact: true }).fill(next);
    await page.getByRole("button", { name: "立即保存" }).click();
    await expect(status).toHaveText("已保存。");
    await expect(page.getByRole("region", { name: "其他人已修改了这份内容" })).toHaveCount(0);
    expect(await stored(reloadReport, "garbageSortingCoverage")).toBe(next);
  }
});
