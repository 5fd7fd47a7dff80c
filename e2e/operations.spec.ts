/**
 * Operating the app server (lib/server/http-server.ts): request ids, liveness and readiness,
 * the metrics endpoint behind its token, and forwarding headers that nobody can forge when no
 * proxy is configured (the audit log records the real peer, not the claimed address).
 */
import { expect, test } from "@playwright/test";
import { COUNTIES } from "@/prisma/seed/divisions";
import { testDb } from "./db";
import { E2E_METRICS_TOKEN } from "./server";

test("every response carries a request id; liveness and readiness answer", async ({ request }) => {
  const page = await request.get("/login");
  expect(page.status()).toBe(200);
  expect(page.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  const other = await request.get("/login");
  expect(other.headers()["x-request-id"]).not.toBe(page.headers()["x-request-id"]);

  const live = await request.get("/api/health/live");
  expect(live.status()).toBe(200);
  expect(await live.json()).toEqual({ status: "alive" });
  const ready = await request.get("/api/health/ready");
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toEqual({ status: "ready", db: "ok" });
});

test("metrics need the token and count requests by route pattern", async ({ request }) => {
  expect((await request.get("/api/metrics")).status()).toBe(401);
  const wrong = await request.get("/api/metrics", {
    headers: { Authorization: "Bearer not-the-token-at-all" },
  });
  expect(wrong.status()).toBe(401);

  await request.get("/api/health/live");
  const response = await request.get("/api/metrics", {
    headers: { Authorization: `Bearer ${E2E_METRICS_TOKEN}` },
  });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/plain");
  const text = await response.text();
  expect(text).toMatch(
    /meizhen_http_request_duration_seconds_count\{app="meizhen",method="GET",route="\/api\/health\/live",status="200"\} [1-9]/,
  );
  expect(text).toMatch(/meizhen_db_pool_connections\{[^}]*state="in_use"[^}]*\} \d+/);
  // One gauge per county of the six (the open year's overdue reports), each a whole number.
  const overdue = [
    ...text.matchAll(/meizhen_reports_overdue\{[^}]*county="(\d{6})"[^}]*\} (\d+)/g),
  ];
  expect(overdue.map((m) => m[1]).sort()).toEqual(COUNTIES.map((c) => c.divisionCode).sort());
});

test("a forged X-Forwarded-For is not what the audit log records", async ({ request }) => {
  const csrf = await request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const username = "no-such-user-ops"; // an unknown name: no real account is slowed
  const before = await testDb().auditLog.count({
    where: { action: "auth.signInFailed", actorName: username },
  });
  await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, username, password: "wrong-password-1", json: "true" },
    headers: { "X-Forwarded-For": "203.0.113.9", "X-Real-IP": "203.0.113.9" },
  });
  const rows = await testDb().auditLog.findMany({
    where: { action: "auth.signInFailed", actorName: username },
    orderBy: { id: "desc" },
    select: { ip: true },
  });
  expect(rows.length).toBe(before + 1);
  expect(rows[0]!.ip).toBe("127.0.0.1");
});
