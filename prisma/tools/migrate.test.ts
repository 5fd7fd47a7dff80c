/**
 * Self-test of the migration tools against a real PostgreSQL (TEST_DATABASE_SERVER_URL, default
 * the local server on 127.0.0.1:5432): one scratch database for this file, one PostgreSQL
 * schema per test inside it (through the `?schema=` parameter deploy honours like Prisma), and
 * small throwaway migrations and schemas in a temp folder, so nothing here depends on the
 * project's real schema.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applyMigrations,
  getMigrationStatus,
  markMigrationRolledBack,
  MigrationError,
  POSTGRES_LOCKFILE,
} from "./deploy";
import { checkDrift, createMigration } from "./migrate";

const SERVER_URL =
  process.env.TEST_DATABASE_SERVER_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const DATABASE = `meizhen_test_migrate_${randomBytes(4).toString("hex")}`;

function urlFor(database: string, schema?: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${database}`;
  if (schema !== undefined) url.searchParams.set("schema", schema);
  return url.toString();
}

async function withAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

let db: pg.Client;
let tmp: string;
let caseCounter = 0;

beforeAll(async () => {
  await withAdmin((admin) => admin.query(`CREATE DATABASE "${DATABASE}"`));
  db = new pg.Client({ connectionString: urlFor(DATABASE) });
  await db.connect();
  tmp = await mkdtemp(path.join(os.tmpdir(), "meizhen-migrate-test-"));
});

afterAll(async () => {
  await db?.end();
  await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`));
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** A fresh PostgreSQL schema and migrations folder for one test. */
async function newCase(
  migrations: Record<string, string>,
  lockfile: string | null = POSTGRES_LOCKFILE,
) {
  caseCounter += 1;
  const schema = `case_${caseCounter}`;
  const dir = path.join(tmp, schema, "migrations");
  await mkdir(dir, { recursive: true });
  for (const [name, sql] of Object.entries(migrations)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, "migration.sql"), sql);
  }
  if (lockfile !== null) await writeFile(path.join(dir, "migration_lock.toml"), lockfile);
  return { schema, dir, url: urlFor(DATABASE, schema) };
}

interface Row {
  id: string;
  checksum: string;
  migration_name: string;
  started_at: Date;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
  logs: string | null;
}

async function historyOf(schema: string): Promise<Row[]> {
  const { rows } = await db.query<Row>(
    `SELECT * FROM "${schema}"."_prisma_migrations" ORDER BY started_at, migration_name`,
  );
  return rows;
}

async function tableExists(schema: string, table: string): Promise<boolean> {
  const { rows } = await db.query<{ found: string | null }>(
    "SELECT to_regclass($1)::text AS found",
    [`"${schema}"."${table}"`],
  );
  return rows[0]?.found != null;
}

const sha256 = (text: string) =>
  createHash("sha256").update(Buffer.from(text, "utf8")).digest("hex");

const INIT = `CREATE TABLE "Town" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Town_pkey" PRIMARY KEY ("id")
);
`;
const SECOND = `ALTER TABLE "Town" ADD COLUMN "note" TEXT;
-- a semicolon in a comment; and one in a string below
INSERT INTO "Town" ("name", "note") VALUES ('A;B', 'x;y');
DO $$
BEGIN
  IF (SELECT count(*) FROM "Town") <> 1 THEN
    RAISE EXCEPTION 'expected one town; found another count';
  END IF;
END $$;
`;

async function expectMigrationError(
  promise: Promise<unknown>,
  code: string,
): Promise<MigrationError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(MigrationError);
  expect((error as MigrationError).code).toBe(code);
  return error as MigrationError;
}

describe("applyMigrations", () => {
  it("applies a folder once and writes Prisma's history rows", async () => {
    const c = await newCase({ "20250101000000_init": INIT, "20250102000000_second": SECOND });

    await expect(
      applyMigrations({ connectionString: c.url, migrationsDir: c.dir }),
    ).resolves.toEqual({
      applied: ["20250101000000_init", "20250102000000_second"],
    });
    await expect(
      applyMigrations({ connectionString: c.url, migrationsDir: c.dir }),
    ).resolves.toEqual({
      applied: [],
    });

    const rows = await historyOf(c.schema);
    expect(rows.map((row) => row.migration_name)).toEqual([
      "20250101000000_init",
      "20250102000000_second",
    ]);
    expect(rows.map((row) => row.checksum)).toEqual([sha256(INIT), sha256(SECOND)]);
    for (const row of rows) {
      expect(row.id).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(row.applied_steps_count).toBe(1);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
    }
    // The whole file went as one query: the string and the DO block kept their semicolons.
    const { rows: towns } = await db.query(`SELECT name, note FROM "${c.schema}"."Town"`);
    expect(towns).toEqual([{ name: "A;B", note: "x;y" }]);

    await expect(
      getMigrationStatus({ connectionString: c.url, migrationsDir: c.dir }),
    ).resolves.toEqual({
      applied: ["20250101000000_init", "20250102000000_second"],
      pending: [],
      failed: [],
      edited: [],
      missingFromFolder: [],
    });
  });

  it("throws when an applied migration's checksum changed, but accepts CRLF line endings", async () => {
    const c = await newCase({ "20250101000000_init": INIT });
    await applyMigrations({ connectionString: c.url, migrationsDir: c.dir });
    const file = path.join(c.dir, "20250101000000_init", "migration.sql");

    await writeFile(file, INIT.replace(/\n/g, "\r\n"));
    await expect(
      applyMigrations({ connectionString: c.url, migrationsDir: c.dir }),
    ).resolves.toEqual({
      applied: [],
    });

    await writeFile(file, `${INIT}-- edited\n`);
    const error = await expectMigrationError(
      applyMigrations({ connectionString: c.url, migrationsDir: c.dir }),
      "CHECKSUM_MISMATCH",
    );
    expect(error.message).toContain("20250101000000_init");
    expect(error.message).toContain(sha256(INIT));
    const status = await getMigrationStatus({ connectionString: c.url, migrationsDir: c.dir });
    expect(status.edited).toEqual(["20250101000000_init"]);
    expect(await historyOf(c.schema)).toHaveLength(1);
  });

  it("rolls a failing migration back, records it as failed, and refuses until it is resolved", async () => {
    const failing = `CREATE TABLE "Partial" ("id" INTEGER);
INSERT INTO "Town" ("name") VALUES ('half');
SELECT * FROM "missing_table";
`;
    const c = await newCase({ "20250101000000_init": INIT, "20250102000000_broken": failing });

    const error = await expectMigrationError(
      applyMigrations({ connectionString: c.url, migrationsDir: c.dir }),
      "MIGRATION_FAILED",
    );
    expect(error.message).toContain('relation "missing_table" does not exist');

    expect(await tableExists(c.schema, "Town")).toBe(true);
    expect(await tableExists(c.schema, "Partial")).toBe(false);
    const { rows: towns } = await db.query(`SELECT count(*)::int AS n FROM "${c.schema}"."Town"`);
    expect(towns).toEqual([{ n: 0 }]);

    const rows = await historyOf(c.schema);
    expect(
      rows.map((row) => [row.migration_name, row.applied_steps_count, row.finished_at]),
    ).toEqual([
      ["20250101000000_init", 1, rows[0]!.finished_at],
      ["20250102000000_broken", 0, null],
    ]);
    expect(rows[0]!.finished_at).toBeInstanceOf(Date);
    expect(rows[1]!.checksum).toBe(sha256(failing));
    expect(rows[1]!.rolled_back_at).toBeNull();
    expect(rows[1]!.logs).toBe(
      'Database error code: 42P01\n\nDatabase error:\nERROR: relation "missing_table" does not exist\n\nPosition: 99',
    );

    await expectMigrationError(
      applyMigrations({ connectionString: c.url, migrationsDir: c.dir }),
      "FAILED_MIGRATION_UNRESOLVED",
    );
    expect(await historyOf(c.schema)).toHaveLength(2);
    expect(
      (await getMigrationStatus({ connectionString: c.url, migrationsDir: c.dir })).failed,
    ).toEqual(["20250102000000_broken"]);

    // The way out Prisma documents: fix, mark rolled back, deploy again (a new row).
    await writeFile(
      path.join(c.dir, "20250102000000_broken", "migration.sql"),
      'CREATE TABLE "Partial" ("id" INTEGER);\n',
    );
    await markMigrationRolledBack({
      connectionString: c.url,
      migrationName: "20250102000000_broken",
    });
    await expect(
      applyMigrations({ connectionString: c.url, migrationsDir: c.dir }),
    ).resolves.toEqual({
      applied: ["20250102000000_broken"],
    });
    const after = await historyOf(c.schema);
    expect(
      after.map((row) => [
        row.migration_name,
        row.finished_at !== null,
        row.rolled_back_at !== null,
      ]),
    ).toEqual([
      ["20250101000000_init", true, false],
      ["20250102000000_broken", false, true],
      ["20250102000000_broken", true, false],
    ]);
    expect(await tableExists(c.schema, "Partial")).toBe(true);
  });

  it("runs a statement PostgreSQL refuses inside a transaction block on its own", async () => {
    const c = await newCase({
      "20250101000000_init": INIT,
      "20250102000000_index": 'CREATE INDEX CONCURRENTLY "Town_name_idx" ON "Town"("name");\n',
    });
    await expect(
      applyMigrations({ connectionString: c.url, migrationsDir: c.dir }),
    ).resolves.toEqual({
      applied: ["20250101000000_init", "20250102000000_index"],
    });
    expect(await tableExists(c.schema, "Town_name_idx")).toBe(true);
  });

  it("refuses a lockfile for another provider", async () => {
    const c = await newCase({ "20250101000000_init": INIT }, 'provider = "mysql"\n');
    await expectMigrationError(
      applyMigrations({ connectionString: c.url, migrationsDir: c.dir }),
      "LOCKFILE_PROVIDER",
    );
    expect(await tableExists(c.schema, "Town")).toBe(false);
  });

  it("applies once when two deploys start at the same time", async () => {
    const slow = `${INIT}SELECT pg_sleep(0.5);\n`;
    const c = await newCase({ "20250101000000_init": slow, "20250102000000_second": SECOND });
    const results = await Promise.all([
      applyMigrations({ connectionString: c.url, migrationsDir: c.dir }),
      applyMigrations({ connectionString: c.url, migrationsDir: c.dir }),
    ]);
    expect(results.map((result) => result.applied).sort((a, b) => a.length - b.length)).toEqual([
      [],
      ["20250101000000_init", "20250102000000_second"],
    ]);
    const rows = await historyOf(c.schema);
    expect(rows.map((row) => [row.migration_name, row.applied_steps_count])).toEqual([
      ["20250101000000_init", 1],
      ["20250102000000_second", 1],
    ]);
  });
});

describe("drift and new migrations (WebAssembly schema engine)", () => {
  const SCHEMA = `datasource db {
  provider = "postgresql"
}

model Town {
  id   Int    @id @default(autoincrement())
  name String
}
`;
  const SCHEMA_WITH_AREA = SCHEMA.replace(
    "  name String\n",
    "  name String\n  area Decimal? @db.Decimal(12, 2)\n",
  );

  async function scratchDatabasesLeft(): Promise<string[]> {
    const { rows } = await db.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1",
      [`meizhen\\_%\\_${process.pid}\\_%`],
    );
    return rows.map((row) => row.datname);
  }

  it("reports migrations that produce the schema as clean, and a changed schema as drift", async () => {
    const c = await newCase({ "20250101000000_init": INIT });
    const schemaPath = path.join(tmp, c.schema, "schema.prisma");
    await writeFile(schemaPath, SCHEMA);
    await expect(
      checkDrift({ connectionString: urlFor(DATABASE), migrationsDir: c.dir, schemaPath }),
    ).resolves.toEqual({
      drift: false,
      script: "",
    });

    await writeFile(schemaPath, SCHEMA_WITH_AREA);
    await expect(
      checkDrift({ connectionString: urlFor(DATABASE), migrationsDir: c.dir, schemaPath }),
    ).resolves.toEqual({
      drift: true,
      script: '-- AlterTable\nALTER TABLE "Town" ADD COLUMN     "area" DECIMAL(12,2);\n',
    });
    expect(await scratchDatabasesLeft()).toEqual([]);
  });

  it("writes a new migration (and the lockfile) that deploys and then leaves no drift", async () => {
    const c = await newCase({});
    await rm(c.dir, { recursive: true });
    const schemaPath = path.join(tmp, c.schema, "schema.prisma");
    await writeFile(schemaPath, SCHEMA);
    const options = { connectionString: urlFor(DATABASE), migrationsDir: c.dir, schemaPath };

    const first = await createMigration({
      ...options,
      name: "Init towns",
      now: new Date(Date.UTC(2025, 0, 2, 3, 4, 5)),
    });
    expect(first.dir).toBe(path.join(c.dir, "20250102030405_init_towns"));
    const sql = await readFile(path.join(first.dir!, "migration.sql"), "utf8");
    expect(sql).toBe(`-- CreateTable\n${INIT}`);
    expect(sql).not.toContain("\r");
    expect(await readFile(path.join(c.dir, "migration_lock.toml"), "utf8")).toBe(POSTGRES_LOCKFILE);

    await expect(createMigration({ ...options, name: "again" })).resolves.toEqual({
      dir: null,
      script: "",
    });
    expect(await readdir(c.dir)).toEqual(["20250102030405_init_towns", "migration_lock.toml"]);

    await expect(
      applyMigrations({ connectionString: c.url, migrationsDir: c.dir }),
    ).resolves.toEqual({
      applied: ["20250102030405_init_towns"],
    });
    expect(await tableExists(c.schema, "Town")).toBe(true);
    expect(await scratchDatabasesLeft()).toEqual([]);
  });
});
