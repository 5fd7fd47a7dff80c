/**
 * Scratch PostgreSQL databases for integration tests: each test run (or file that asks)
 * gets its own database, migrated with the project's migrations, dropped afterwards.
 * The server is TEST_DATABASE_SERVER_URL (set by the test runner, `lib/cli/test.ts`),
 * defaulting to the local server on 127.0.0.1:5432.
 */
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { applyMigrations } from "@/prisma/tools/deploy";

/** The admin connection (any existing database on the test server, usually `postgres`). */
export function testServerUrl(): string {
  return process.env.TEST_DATABASE_SERVER_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A scratch database: its URL and a function that drops it (closing other sessions). */
export type ScratchDatabase = { url: string; name: string; drop: () => Promise<void> };

/**
 * Creates an empty database named `meizhen_test_<label>_<random>` and applies all migrations
 * (unless `options.migrate` is false: then it stays empty).
 * @param label short [a-z0-9_] tag naming the test that owns it (for people reading pg_stat).
 * @throws when the test server is unreachable or a migration fails.
 */
export async function createScratchDatabase(
  label = "run",
  options: { migrate?: boolean } = {},
): Promise<ScratchDatabase> {
  const name = `meizhen_test_${label.replace(/[^a-z0-9_]/gi, "_").toLowerCase()}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: testServerUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(testServerUrl(), name);
  if (options.migrate !== false) {
    await applyMigrations({
      connectionString: url,
      migrationsDir: path.join(process.cwd(), "prisma", "migrations"),
    });
  }
  return {
    url,
    name,
    drop: async () => {
      const c = new pg.Client({ connectionString: testServerUrl() });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
