import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createScratchDatabase, type ScratchDatabase } from "@/lib/testing/database";

// The route reads DATABASE_URL once per module instance, so each case loads it afresh.
async function callHealth(databaseUrl: string) {
  vi.resetModules();
  // lib/db.ts keeps its client on globalThis (for hot reload), which resetModules keeps.
  delete (globalThis as { meizhenPrisma?: unknown }).meizhenPrisma;
  process.env.DATABASE_URL = databaseUrl;
  const { GET } = await import("@/app/api/health/route");
  const response = await GET();
  return { status: response.status, body: await response.json() };
}

describe("GET /api/health", () => {
  let database: ScratchDatabase;
  beforeAll(async () => {
    database = await createScratchDatabase("health");
  });
  afterAll(async () => {
    await database.drop();
  });

  it("answers 200 ok when the database answers", async () => {
    expect(await callHealth(database.url)).toEqual({
      status: 200,
      body: { status: "ok", db: "ok" },
    });
  });

  it("answers 503 with db down when the database does not answer", async () => {
    // Port 1 on loopback refuses connections at once.
    expect(await callHealth("postgresql://postgres@127.0.0.1:1/nothing")).toEqual({
      status: 503,
      body: { status: "degraded", db: "down" },
    });
  });
});
