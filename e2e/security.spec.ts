import { expect, test } from "@playwright/test";
import { resetReportToDraft } from "./db";
import { signInViaApi } from "./fixtures";

// 溪口镇 (龙游县): its 2026 annual report, put back to a draft before the test.
const TOWN = "330825109";
const REPORT_PATH = `/towns/${TOWN}/reports/2026/4`;
const GREENWAY = "生态绿道长度";

test.beforeAll(async () => {
  await resetReportToDraft(TOWN, 2026, 4, []);
});

test("the browser refuses an oversized evidence file before sending it, in Chinese; a broken-off upload says so", async ({
  page,
}) => {
  await signInViaApi(page, `staff-${TOWN}`);
  const sent: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && request.url().includes("/evidence"))
      sent.push(request.url());
  });
  await page.goto(REPORT_PATH);

  // 21 MB: over the 20 MB limit; nothing leaves the browser.
  const big = Buffer.alloc(21 * 1024 * 1024);
  big.write("%PDF-1.4\n");
  await page.getByLabel(`上传 ${GREENWAY} 佐证材料`).setInputFiles({
    name: "航拍原片.pdf",
    mimeType: "application/pdf",
    buffer: big,
  });
  await expect(page.getByText("文件超过 20 MB，未上传。请压缩或拆分后再上传。")).toBeVisible();
  expect(sent).toEqual([]);

  // A file of a refused type is not sent either.
  await page.getByLabel(`上传 ${GREENWAY} 佐证材料`).setInputFiles({
    name: "说明.exe",
    mimeType: "application/octet-stream",
    buffer: Buffer.from("MZ"),
  });
  await expect(page.getByText(/不支持该文件类型，只能上传：\.pdf/)).toBeVisible();
  expect(sent).toEqual([]);

  // The connection breaks off during an upload: a message, not silence.
  await page.route("**/api/reports/*/evidence", (route) => route.abort("connectionreset"));
  await page.getByLabel(`上传 ${GREENWAY} 佐证材料`).setInputFiles({
    name: "验收.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4\n% e2e\n"),
  });
  await expect(page.getByText("上传中断，文件未保存。请检查网络后重新上传。")).toBeVisible();
  expect(sent).toHaveLength(1);
});

test("signing out ends the session on the server: the old cookie no longer works", async ({
  browser,
  playwright,
  baseURL,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInViaApi(page, "leader");
  await page.goto("/dashboard");
  const cookies = await context.cookies();
  const cookieHeader = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const replay = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { Cookie: cookieHeader },
  });
  expect((await replay.get("/api/v1/me")).status()).toBe(200);

  await page.getByRole("button", { name: "退出" }).click();
  await expect(page).toHaveURL(/\/login/);
  // The copy of the cookie taken before signing out is refused.
  expect((await replay.get("/api/v1/me")).status()).toBe(401);
  await replay.dispose();
  await context.close();
});

test("a token lives as long as chosen; the administrator sees it on the user's page and revokes it", async ({
  browser,
  playwright,
  baseURL,
}) => {
  const owner = await browser.newPage();
  await signInViaApi(owner, "reviewer-330824");
  await owner.goto("/account");
  await owner.getByLabel("令牌用途").fill("数据中台");
  await owner.getByLabel("有效期").selectOption({ label: "30 天" });
  await owner.getByRole("button", { name: "创建令牌" }).click();
  const token = (await owner.getByTestId("new-token").textContent())!.trim();
  await expect(owner.getByText(/到期/)).toBeVisible();
  const api = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { Authorization: `Bearer ${token}` },
  });
  expect((await api.get("/api/v1/me")).status()).toBe(200);

  const admin = await browser.newPage();
  await signInViaApi(admin, "admin");
  await admin.goto("/admin/users?q=reviewer-330824");
  await admin.getByRole("link", { name: "reviewer-330824" }).click();
  await expect(admin.getByText("数据中台")).toBeVisible();
  await admin.getByRole("button", { name: "吊销令牌 数据中台" }).click();
  await admin.getByRole("dialog").getByRole("button", { name: "吊销" }).click();
  await expect(admin.getByText("该用户没有有效的接口令牌。")).toBeVisible();
  const refused = await api.get("/api/v1/me");
  expect(refused.status()).toBe(401);
  await api.dispose();
});
