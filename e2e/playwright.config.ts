/**
 * Playwright against the production build served by the production launcher (e2e/server.ts),
 * in Debian's Chromium when present (CHROMIUM_PATH, default /usr/bin/chromium) or Playwright's
 * own browser otherwise.
 * `npm test` prepares the database (E2E_DATABASE_URL) and the build before this runs.
 */
import fs from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { launcherArgs, serverEnv } from "./server";

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
const systemChromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const executablePath = fs.existsSync(systemChromium) ? systemChromium : undefined;

export default defineConfig({
  testDir: ".",
  outputDir: path.join(root, "test-results"),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI
    ? [["list"]]
    : [["list"], ["html", { open: "never", outputFolder: path.join(root, "playwright-report") }]],
  use: {
    baseURL,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    // The production launcher (lib/cli/run-app.ts, compiled; its start script exec's node):
    // migrations, then Next behind the app server of lib/server/http-server.ts, as `npm start`
    // runs it.
    command: launcherArgs()
      .map((arg) => `"${arg}"`)
      .join(" "),
    cwd: root,
    url: `${baseURL}/api/health`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: serverEnv(port, process.env.E2E_DATABASE_URL ?? ""),
  },
});
