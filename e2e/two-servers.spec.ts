/**
 * Several app servers on one database (README, "Operating Meizhen"): a second server started
 * by the test beside the first answers a session made on the first, counts sign-in failures
 * with it, refuses a stale auto-save that the first accepted; and two servers started together
 * on an empty database apply each migration once.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { createScratchDatabase } from "@/lib/testing/database";
import { testDb } from "./db";
import { signIn } from "./http";
import { startServer, type TestServer } from "./server";

const firstPort = Number(process.env.E2E_PORT ?? 3100);
const first = `http://localhost:${firstPort}`;

test.describe("two servers on the tests' database", () => {
  test.describe.configure({ timeout: 180_000 });
  let second: TestServer;

  test.beforeAll(async () => {
    second = await startServer(firstPort + 57, process.env.E2E_DATABASE_URL ?? "");
  });
  test.afterAll(async () => {
    await second?.stop();
  });

  test("a session made on one server is valid on the other", async () => {
    const cookie = await signIn(first, "leader");
    for (const baseURL of [first, second.baseURL]) {
      const api = await playwrightRequest.newContext({ baseURL });
      const me = await api.get("/api/v1/me", { headers: { Cookie: cookie } });
      expect(me.status(), baseURL).toBe(200);
      expect(((await me.json()) as { username: string }).username).toBe("leader");
      await api.dispose();
    }
  });

  test("an auto-save accepted by one server makes the same stale save a conflict on the other", async () => {
    const report = await testDb().progressReport.findFirstOrThrow({
      where: {
        status: { in: ["DRAFT", "RETURNED"] },
        task: { year: 2026, town: { county: { divisionCode: "330881" } } },
      },
      orderBy: { id: "asc" },
      select: {
        id: true,
        version: true,
        task: { select: { town: { select: { divisionCode: true } } } },
      },
    });
    const cookie = await signIn(first, `staff-${report.task.town.divisionCode}`);
    const save = async (baseURL: string, expectedVersion: number) => {
      const api = await playwrightRequest.newContext({ baseURL });
      const response = await api.post(`/api/reports/${report.id}/draft`, {
        headers: { Cookie: cookie, Origin: baseURL },
        data: { expectedVersion },
      });
      const result = { status: response.status(), body: await response.json() };
      await api.dispose();
      return result;
    };
    const accepted = await save(first, report.version);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ version: report.version + 1 });
    const stale = await save(second.baseURL, report.version);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("CONFLICT");
    const fresh = await save(second.baseURL, report.version + 1);
    expect(fresh.status).toBe(200);
  });

  test("sign-in failures counted on one server slow the next attempt on the other", async () => {
    // The limiter delays an account's attempts from one address once more than 3 failures precede
    // them (lib/auth/sign-in-limiter.ts delayFor): after 4 failures split between the servers,
    // the 5th attempt, on the second server, waits the first delay (1 s).
    const username = "staff-330881101";
    await testDb().rateLimit.deleteMany({ where: { key: { contains: username } } });
    const attempt = async (baseURL: string) => {
      const api = await playwrightRequest.newContext({ baseURL });
      const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as {
        csrfToken: string;
      };
      const started = Date.now();
      await api.post("/api/auth/callback/credentials", {
        form: { csrfToken, username, password: "wrong-password-2", json: "true" },
      });
      const ms = Date.now() - started;
      await api.dispose();
      return ms;
    };
    await attempt(second.baseURL); // failure 1 (also warms the second server's sign-in)
    await attempt(first); // 2
    await attempt(first); // 3
    await attempt(first); // 4
    const slowed = await attempt(second.baseURL); // 5: waits the limiter's first delay (1 s)
    expect(slowed).toBeGreaterThanOrEqual(1_000);
    await testDb().rateLimit.deleteMany({ where: { key: { contains: username } } });
  });
});

test("two servers started together on an empty database apply each migration once", async () => {
  test.setTimeout(180_000);
  const database = await createScratchDatabase("two_servers", { migrate: false });
  const servers: TestServer[] = [];
  try {
    servers.push(
      ...(await Promise.all([
        startServer(firstPort + 58, database.url),
        startServer(firstPort + 59, database.url),
      ])),
    );
    for (const server of servers) {
      const ready = await fetch(`${server.baseURL}/api/health/ready`);
      expect(ready.status).toBe(200);
    }
    const { createPrismaClient } = await import("@/lib/prisma-client");
    const prisma = createPrismaClient(database.url, { max: 1 });
    const rows = await prisma.$queryRaw<{ migration_name: string; n: bigint }[]>`
      SELECT migration_name, COUNT(*) AS n FROM _prisma_migrations
      WHERE finished_at IS NOT NULL GROUP BY migration_name ORDER BY migration_name`;
    await prisma.$disconnect();
    const folders = fs
      .readdirSync(path.join(import.meta.dirname, "..", "prisma", "migrations"))
      .filter((name) => /^\d{14}_/.test(name))
      .sort();
    expect(rows.map((r) => r.migration_name)).toEqual(folders);
    expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await database.drop();
  }
});
