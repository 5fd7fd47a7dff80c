/**
 * Proof (issue 14): the README's backup and restore ("Operating Meizhen", Backups) of the whole
 * system. The demo data (evidence files included: with EVIDENCE_STORE=postgres their bytes are
 * rows) is dumped with `pg_dump --format=custom`, restored with `pg_restore --no-owner` into a
 * fresh, empty database, and that database takes the original's name, as an operator would
 * point DATABASE_URL at it. The app then shows the same figures: the city dashboard's summary
 * (this year and last) is equal, and so is every table, row for row (a digest per table).
 * pg_dump and pg_restore: PG_DUMP / PG_RESTORE, else the ones on PATH (CI installs Debian's
 * postgresql-client, the server's version).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { E2E_NOW, E2E_TODAY } from "@/e2e/demo-date";
import type { Actor } from "@/lib/access";
import { loadActor } from "@/lib/auth/session";
import { getSummaries } from "@/lib/dashboard/queries";
import { createPrismaClient, type PrismaClient } from "@/lib/prisma-client";
import { scratchApp } from "@/lib/testing/builders";
import { createScratchDatabase, testServerUrl, type ScratchDatabase } from "@/lib/testing/database";
import { seedDemoData } from "@/prisma/seed";

let database: ScratchDatabase;
let prisma: PrismaClient;
let drop: () => Promise<void>;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meizhen-backup-"));
const YEAR = Number(E2E_TODAY.slice(0, 4));

beforeAll(async () => {
  const app = await scratchApp("prove_backup");
  ({ database, prisma, drop } = app);
  await seedDemoData(prisma, { today: E2E_TODAY });
}, 300_000);

afterAll(async () => {
  await drop?.();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Every table of the schema: its row count and an MD5 of its rows in a fixed order. */
async function tableDigests(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
    );
    const digests: Record<string, string> = {};
    for (const { name } of tables) {
      const { rows } = await client.query<{ n: string; md5: string | null }>(
        `SELECT COUNT(*) AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS md5 FROM "${name}" t`,
      );
      digests[name] = `${rows[0]!.n}:${rows[0]!.md5 ?? ""}`;
    }
    return digests;
  } finally {
    await client.end();
  }
}

/** The city dashboard's summaries (this year and last), as the admin sees them. */
async function citySummary() {
  const admin = await prisma.user.findUniqueOrThrow({ where: { username: "admin" } });
  const actor = (await loadActor(admin.id)) as Actor;
  const { current, previous } = await getSummaries(actor, { kind: "city" }, YEAR, {
    withPrevious: true,
    now: new Date(E2E_NOW),
  });
  return JSON.parse(JSON.stringify({ current, previous })) as unknown;
}

/** The shared app client and the test's own closed (so the database can be swapped). */
async function disconnectAll() {
  await prisma.$disconnect();
  const shared = (globalThis as { meizhenPrisma?: PrismaClient }).meizhenPrisma;
  (globalThis as { meizhenPrisma?: PrismaClient }).meizhenPrisma = undefined;
  await shared?.$disconnect();
}

it("pg_dump of the demo data, pg_restore into a fresh database: the same figures, every table equal", async () => {
  const before = { summary: await citySummary(), tables: await tableDigests(database.url) };
  expect(Object.keys(before.tables).length).toBeGreaterThan(20);
  expect(Number(before.tables.EvidenceBlob!.split(":")[0])).toBeGreaterThan(0);

  const file = path.join(dir, "meizhen.dump");
  const t0 = performance.now();
  execFileSync(process.env.PG_DUMP ?? "pg_dump", [
    "--format=custom",
    `--file=${file}`,
    database.url,
  ]);
  const dumpMs = performance.now() - t0;
  const fresh = await createScratchDatabase("prove_restored", { migrate: false });
  const t1 = performance.now();
  execFileSync(process.env.PG_RESTORE ?? "pg_restore", [
    "--no-owner",
    "--exit-on-error",
    `--dbname=${fresh.url}`,
    file,
  ]);
  const restoreMs = performance.now() - t1;

  // The restored database takes the original's name: DATABASE_URL is unchanged.
  await disconnectAll();
  const admin = new pg.Client({ connectionString: testServerUrl() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE "${database.name}" WITH (FORCE)`);
    await admin.query(`ALTER DATABASE "${fresh.name}" RENAME TO "${database.name}"`);
  } finally {
    await admin.end();
  }
  prisma = createPrismaClient(database.url, { max: 3 });

  const after = { summary: await citySummary(), tables: await tableDigests(database.url) };
  expect(after.tables).toEqual(before.tables);
  expect(after.summary).toEqual(before.summary);
  const rows = Object.values(before.tables).reduce((n, d) => n + Number(d.split(":")[0]), 0);
  console.log(
    `backup: ${Object.keys(before.tables).length} tables, ${rows} rows, dump ${(fs.statSync(file).size / 1024).toFixed(0)} KiB; ` +
      `pg_dump ${dumpMs.toFixed(0)} ms, pg_restore ${restoreMs.toFixed(0)} ms (load ${os.loadavg()[0]!.toFixed(2)})`,
  );
}, 300_000);
