/**
 * `npm test`: every test against real services.
 *  1. PostgreSQL: the server on 127.0.0.1:5432 when it answers, else an embedded one in a
 *     temporary directory (stopped at the end). Each test file makes its own scratch database.
 *  2. Vitest: unit and integration tests (`lib/**`, `prisma/**`).
 *  3. Playwright: the production build (`next build` when out of date) on a scratch database
 *     loaded with the demo data as of E2E_TODAY (e2e/demo-date.ts; the app's clock is pinned to
 *     it), in Debian's Chromium (/usr/bin/chromium) when installed, else in Playwright's own
 *     Chromium, installed on first use.
 * Flags: --unit (only Vitest), --e2e (only Playwright); other arguments go to the runner.
 */
import "./one-line-errors";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createPrismaClient } from "@/lib/prisma-client";
import { createScratchDatabase } from "@/lib/testing/database";
import { E2E_TODAY } from "@/e2e/demo-date";
import { seedDemoData } from "@/prisma/seed";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { ensureBuilt } from "./next-process";

const args = process.argv.slice(2);
const only = args.includes("--unit") ? "unit" : args.includes("--e2e") ? "e2e" : "all";
// Everything but our own flags goes to the runner (e.g. a spec file or `-t name`).
const passThrough = args.filter((a) => a !== "--unit" && a !== "--e2e" && a !== "--");
const localServer = "postgresql://postgres@127.0.0.1:5432/postgres";

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

function run(command: string, commandArgs: string[], env: Record<string, string> = {}): number {
  const result = spawnSync(command, commandArgs, {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
  });
  return result.status ?? 1;
}

const bin = (name: string) => path.join(process.cwd(), "node_modules", ".bin", name);

/** Debian's Chromium when present; else make sure Playwright's own browser is installed. */
function chromiumPath(): string | undefined {
  const system = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (fs.existsSync(system)) return system;
  console.log("No system Chromium found: installing Playwright's Chromium …");
  if (run(bin("playwright"), ["install", "chromium"]) !== 0) {
    throw new Error("Could not install Chromium for Playwright (see above).");
  }
  return undefined;
}

let stopEmbedded = async () => {};
let exitCode = 0;
try {
  let serverUrl = process.env.TEST_DATABASE_SERVER_URL ?? localServer;
  if (!(await reachable(serverUrl))) {
    console.log(`No PostgreSQL at ${serverUrl}: starting an embedded one for the tests …`);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "meizhen-test-pg-"));
    fs.chmodSync(dataDir, 0o755); // run as root, the server's own user must enter it
    const server = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, "pg"),
      port: Number(process.env.EMBEDDED_TEST_PG_PORT ?? 54339),
      quiet: true,
    });
    stopEmbedded = async () => {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    };
    serverUrl = server.urlFor("postgres");
  }
  process.env.TEST_DATABASE_SERVER_URL = serverUrl;

  if (only !== "e2e") {
    console.log("\n== Unit and integration tests (Vitest) ==");
    exitCode ||= run(bin("vitest"), [
      "run",
      "--config",
      ".config/vitest.config.ts",
      ...passThrough,
    ]);
  }

  if (only !== "unit" && exitCode === 0) {
    console.log("\n== Browser tests (Playwright) ==");
    ensureBuilt();
    const database = await createScratchDatabase("e2e");
    try {
      const prisma = createPrismaClient(database.url, { max: 2 });
      try {
        await seedDemoData(prisma, { today: E2E_TODAY });
      } finally {
        await prisma.$disconnect();
      }
      const chromium = chromiumPath();
      exitCode ||= run(
        bin("playwright"),
        ["test", "--config", "e2e/playwright.config.ts", ...passThrough],
        {
          E2E_DATABASE_URL: database.url,
          ...(chromium ? { CHROMIUM_PATH: chromium } : { CHROMIUM_PATH: "/nonexistent" }),
        },
      );
    } finally {
      await database.drop();
    }
  }
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  exitCode = 1;
} finally {
  await stopEmbedded();
}
process.exit(exitCode);
