/**
 * Drives the WebAssembly build of Prisma's schema engine (`@prisma/schema-engine-wasm`) through
 * `@prisma/adapter-pg`, for the two things only that engine can do where Prisma's native engine
 * cannot be downloaded: render migration SQL from schema.prisma, and check drift.
 *
 * Dev and CI tooling only (devDependencies); see shared/PRISMA-OFFLINE.md for the measurements.
 * Three defects of adapter-pg 7.10 on this path are worked around here:
 *   1. introspection reads PostgreSQL's internal `"char"` type (OID 18), which the adapter
 *      refuses to map: it is reported as text;
 *   2. `executeScript` splits scripts on `;` (breaks `DO $$ … $$`, strings, comments and
 *      atomicity): scripts go to the server as one query;
 *   3. its shadow database is dropped before its pool is closed, and with a connection string
 *      it silently runs "shadow" migrations on the main database: we create, connect and drop
 *      our own scratch databases, `DROP DATABASE … WITH (FORCE)` after closing their pools.
 * The engine's `free()` leaves pools open (the process would hang ~10 s), so we close them.
 */
import { randomBytes } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaContainer, SchemaEngine } from "@prisma/schema-engine-wasm";
import type * as WasmGlueModule from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";
import {
  LOCKFILE_NAME,
  MigrationError,
  POSTGRES_LOCKFILE,
  quoteIdent,
  readLocalMigrations,
  splitSchemaParam,
} from "./deploy";

type WasmGlue = typeof WasmGlueModule;

let gluePromise: Promise<WasmGlue> | undefined;

/**
 * Instantiates the engine's WebAssembly once per process. The package's own entry imports the
 * .wasm as an ES module, which Node 20 cannot do, so the module is wired up by hand.
 * @throws when the package is not installed (it is a devDependency).
 */
function loadEngineGlue(): Promise<WasmGlue> {
  gluePromise ??= (async () => {
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const glue: WasmGlue = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": glue });
    glue.__wbg_set_wasm(instance.exports);
    // The engine reports a Rust panic's message through this global before throwing; without
    // it a panic surfaces as "Cannot read properties of undefined (reading 'set_message')".
    const registry = globalThis as {
      PRISMA_WASM_PANIC_REGISTRY?: { set_message: (m: string) => void };
    };
    registry.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message: (message) => console.error(`[schema-engine panic] ${message}`),
    };
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return gluePromise;
}

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/** The adapter-pg internals the workarounds hook into (versions are pinned exactly). */
interface PgQueryableInternals {
  performIO?: (query: unknown) => Promise<{ fields: Array<{ dataTypeID: number }> }>;
  onError?: (error: unknown) => never;
}

/**
 * Workaround 1: adapter-pg cannot map PostgreSQL's internal `"char"` type (OID 18). Relabel such
 * columns as text so the adapter accepts them (pg already hands the value over as a
 * one-character string), then report them to the engine as Character, which is what its
 * describer reads them as (e.g. pg_constraint.contype for CHECK constraints).
 */
function reportCharAsCharacter<T extends object>(queryable: T): T {
  const internals = queryable as PgQueryableInternals & {
    queryRaw?: (query: object) => Promise<{ columnTypes: number[] }>;
  };
  const performIO = internals.performIO;
  const queryRaw = internals.queryRaw;
  if (typeof performIO !== "function" || typeof queryRaw !== "function") {
    throw new Error(
      '@prisma/adapter-pg changed: no performIO/queryRaw to patch for "char" columns',
    );
  }
  const charColumns = new WeakMap<object, number[]>();
  internals.performIO = async (query) => {
    const result = await performIO.call(queryable, query);
    const indexes: number[] = [];
    result.fields.forEach((field, index) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        indexes.push(index);
      }
    });
    if (indexes.length && query && typeof query === "object") charColumns.set(query, indexes);
    return result;
  };
  internals.queryRaw = async (query) => {
    const result = await queryRaw.call(queryable, query);
    for (const index of charColumns.get(query) ?? [])
      result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
  return queryable;
}

/** Applies workarounds 1 and 2 to an adapter connected to `pool`. */
function patchAdapter(adapter: SqlDriverAdapter, pool: pg.Pool): SqlDriverAdapter {
  reportCharAsCharacter(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) =>
    reportCharAsCharacter(await startTransaction(isolationLevel));
  const internals = adapter as PgQueryableInternals;
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (error) {
      // onError turns pg errors into the adapter's typed errors, which the engine reports well.
      if (typeof internals.onError === "function") internals.onError.call(adapter, error);
      throw error;
    }
  };
  return adapter;
}

/** Returns `connectionString` pointing at another database on the same server, as the same user. */
function withDatabase(connectionString: string, database: string): string {
  const url = new URL(connectionString);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/** A scratch database we created and must drop. */
interface ScratchDatabase {
  name: string;
  pool: pg.Pool;
  dropped: boolean;
}

/**
 * Owns an administrative connection and the scratch databases created through it.
 * The admin connection goes to the URL's database, or to `postgres` when that one does not
 * exist yet (a fresh checkout can check drift before its first deploy).
 */
class ScratchServer {
  private admin: pg.Client | undefined;
  private readonly databases: ScratchDatabase[] = [];

  constructor(private readonly url: string) {}

  private async adminClient(): Promise<pg.Client> {
    if (this.admin) return this.admin;
    let client = new pg.Client({ connectionString: this.url, application_name: "meizhen-migrate" });
    try {
      await client.connect();
    } catch (error) {
      if (!(error instanceof pg.DatabaseError && error.code === "3D000")) throw error;
      client = new pg.Client({
        connectionString: withDatabase(this.url, "postgres"),
        application_name: "meizhen-migrate",
      });
      await client.connect();
    }
    this.admin = client;
    return client;
  }

  /**
   * Creates a uniquely named empty database and a small pool on it.
   * @throws pg errors (e.g. the user lacks CREATEDB).
   */
  async create(purpose: string): Promise<ScratchDatabase> {
    const admin = await this.adminClient();
    const name = `meizhen_${purpose}_${process.pid}_${randomBytes(5).toString("hex")}`;
    await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
    const pool = new pg.Pool({ connectionString: withDatabase(this.url, name), max: 2 });
    const database: ScratchDatabase = { name, pool, dropped: false };
    this.databases.push(database);
    return database;
  }

  /** Closes the pool first, then force-drops the database (workaround 3); idempotent. */
  async drop(database: ScratchDatabase): Promise<void> {
    if (database.dropped) return;
    database.dropped = true;
    await database.pool.end().catch(() => undefined);
    const admin = await this.adminClient();
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(database.name)} WITH (FORCE)`);
  }

  /** Drops every scratch database still there and closes the admin connection. */
  async close(): Promise<void> {
    const errors: unknown[] = [];
    for (const database of this.databases)
      await this.drop(database).catch((error) => errors.push(error));
    await this.admin?.end().catch(() => undefined);
    this.admin = undefined;
    if (errors.length > 0) throw errors[0];
  }
}

/** A running engine over scratch databases; `close()` must be called. */
interface EngineSession {
  engine: SchemaEngine;
  close(): Promise<void>;
}

/**
 * Starts the engine with a scratch database as its "main" database (a pure diff needs a
 * connection but must not touch real data) and our own shadow-database handling.
 */
async function openEngine(
  connectionString: string,
  datamodels: SchemaContainer[],
  log: (line: string) => void,
): Promise<EngineSession> {
  const glue = await loadEngineGlue();
  const { url, schema } = splitSchemaParam(connectionString);
  const server = new ScratchServer(url);
  const pgOptions = schema === null ? undefined : { schema };
  try {
    const main = await server.create("diff");
    const mainFactory = new PrismaPg(main.pool, pgOptions);
    const factory: SqlMigrationAwareDriverAdapterFactory = {
      provider: mainFactory.provider,
      adapterName: mainFactory.adapterName,
      connect: async () => patchAdapter(await mainFactory.connect(), main.pool),
      connectToShadowDb: async () => {
        const shadow = await server.create("shadow");
        const adapter = patchAdapter(
          await new PrismaPg(shadow.pool, pgOptions).connect(),
          shadow.pool,
        );
        adapter.dispose = () => server.drop(shadow);
        return adapter;
      },
    };
    const engine = await glue.SchemaEngine.new(
      { datamodels: datamodels.map((file) => [file.path, file.content]) },
      (message: string) => log(message),
      bindMigrationAwareSqlAdapterFactory(factory),
    );
    return {
      engine,
      close: async () => {
        engine.free();
        await server.close();
      },
    };
  } catch (error) {
    await server.close().catch(() => undefined);
    throw error;
  }
}

/**
 * Reads a Prisma schema: one file, or every `.prisma` file under a folder (multi-file schemas).
 * @throws when the path does not exist.
 */
export async function readSchemaFiles(schemaPath: string): Promise<SchemaContainer[]> {
  const resolved = path.resolve(schemaPath);
  if (!(await stat(resolved)).isDirectory()) {
    return [{ path: resolved, content: await readFile(resolved, "utf8") }];
  }
  const entries = await readdir(resolved, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".prisma"))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  return Promise.all(
    files.map(async (file) => ({ path: file, content: await readFile(file, "utf8") })),
  );
}

/**
 * Builds the engine's view of the migrations folder, as Prisma's CLI does; a missing folder is
 * an empty history (the engine then diffs from a fresh shadow database, like `migrate dev`).
 */
async function migrationList(migrationsDir: string): Promise<MigrationList> {
  const baseDir = path.resolve(migrationsDir);
  const empty: MigrationList = {
    baseDir,
    // The engine picks its connector from the lockfile, and a first migration has none yet.
    lockfile: { path: LOCKFILE_NAME, content: POSTGRES_LOCKFILE },
    shadowDbInitScript: "",
    migrationDirectories: [],
  };
  let local;
  try {
    local = await readLocalMigrations(baseDir);
  } catch (error) {
    if (error instanceof MigrationError && error.code === "MIGRATIONS_DIR_MISSING") return empty;
    throw error;
  }
  return {
    ...empty,
    lockfile: { path: LOCKFILE_NAME, content: local.lockfile ?? POSTGRES_LOCKFILE },
    migrationDirectories: local.migrations.map((migration) => ({
      path: migration.name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok", value: migration.bytes.toString("utf8") },
      },
    })),
  };
}

/** Options of {@link diffMigrationsToSchema}. */
export interface SchemaDiffOptions {
  /** `postgresql://` URL of a server where scratch databases may be created (CREATEDB). */
  connectionString: string;
  /** Migrations folder in Prisma's layout; missing or empty means "from an empty database". */
  migrationsDir: string;
  /** schema.prisma, or a folder of .prisma files. */
  schemaPath: string;
  /** Receives the engine's trace messages (default: dropped). */
  log?: (line: string) => void;
}

/** The SQL that takes the migrations' end state to the schema. */
export interface SchemaDiff {
  /** True when the migrations do not produce the schema. */
  changed: boolean;
  /** The migration script (Prisma's `migrate diff --script` text), LF line endings. */
  script: string;
  /** How many migrations were applied to the shadow database. */
  migrationCount: number;
}

/**
 * Applies all migrations to a fresh shadow database and diffs the result against the schema.
 * Nothing is written to the database at `connectionString`: the engine's databases are scratch
 * ones, dropped before returning.
 * @throws when a migration fails on the shadow database, the schema is invalid, or the server
 *   is unreachable or refuses CREATE DATABASE.
 */
export async function diffMigrationsToSchema(options: SchemaDiffOptions): Promise<SchemaDiff> {
  const log = options.log ?? (() => undefined);
  const files = await readSchemaFiles(options.schemaPath);
  const migrations = await migrationList(options.migrationsDir);
  const session = await openEngine(options.connectionString, files, log);
  try {
    const result = await session.engine.diff({
      from: { tag: "migrations", ...migrations },
      to: { tag: "schemaDatamodel", files },
      script: true,
      exitCode: true,
      filters: { externalTables: [], externalEnums: [] },
    });
    const script = (result.stdout ?? "").replace(/\r\n/g, "\n");
    return {
      changed: result.exitCode === 2,
      script,
      migrationCount: migrations.migrationDirectories.length,
    };
  } finally {
    await session.close();
  }
}
