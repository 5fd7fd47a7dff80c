/**
 * The project's migration command, compatible with Prisma's migrations folder and history table
 * but independent of Prisma's native schema engine (which cannot be downloaded on isolated
 * networks). Run with tsx:
 *
 *   migrate.ts deploy            apply pending migrations to DATABASE_URL
 *   migrate.ts status            list applied / pending / failed migrations (exit 1 unless up to date)
 *   migrate.ts drift             exit 1 and print the SQL when the migrations do not produce the schema
 *   migrate.ts new <name>        write prisma/migrations/<UTC timestamp>_<name>/migration.sql
 *   migrate.ts resolve <name>    mark a failed migration rolled back, after repairing the database
 *
 * Options: --schema <path> (default prisma/schema.prisma), --migrations <dir> (default
 * prisma/migrations). DATABASE_URL comes from the environment, or from .env when unset.
 * deploy, status and resolve need only `pg`; drift and new load the WebAssembly schema engine
 * (a devDependency) on demand.
 */
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type * as SchemaEngineModule from "./schema-engine";
import {
  applyMigrations,
  getMigrationStatus,
  LOCKFILE_NAME,
  markMigrationRolledBack,
  MigrationError,
  POSTGRES_LOCKFILE,
} from "./deploy";

const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Default locations, relative to the repository root. */
export const DEFAULT_SCHEMA_PATH = path.join(REPO_ROOT, "prisma", "schema.prisma");
export const DEFAULT_MIGRATIONS_DIR = path.join(REPO_ROOT, "prisma", "migrations");

/** Options shared by {@link checkDrift} and {@link createMigration}. */
export interface SchemaToolOptions {
  /** `postgresql://` URL of a server where scratch databases may be created. */
  connectionString: string;
  migrationsDir: string;
  schemaPath: string;
}

/**
 * Checks whether applying every migration (to a scratch shadow database) yields the schema.
 * @returns drift: true with the SQL that would close the gap, or false and an empty script.
 * @throws when a migration fails on the shadow database, the schema is invalid, the server is
 *   unreachable, or @prisma/schema-engine-wasm is not installed.
 */
export async function checkDrift(
  options: SchemaToolOptions,
): Promise<{ drift: boolean; script: string }> {
  let engine: typeof SchemaEngineModule;
  try {
    engine = await import("./schema-engine");
  } catch (error) {
    // Production installs omit devDependencies; say so instead of printing a resolver stack.
    if ((error as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND") {
      throw new Error(
        "drift and new need the devDependencies @prisma/schema-engine-wasm and " +
          `@prisma/driver-adapter-utils (run npm install without --omit=dev): ${(error as Error).message}`,
      );
    }
    throw error;
  }
  const { diffMigrationsToSchema } = engine;
  const diff = await diffMigrationsToSchema(options);
  return { drift: diff.changed, script: diff.changed ? diff.script : "" };
}

/**
 * Turns a free-form name into a migration folder suffix, as Prisma's CLI does (`Add towns` →
 * `add_towns`).
 * @throws MigrationError NOT_FOUND when nothing usable is left.
 */
export function migrationSlug(name: string): string {
  const slug = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 200);
  if (slug === "")
    throw new MigrationError("NOT_FOUND", `"${name}" is not usable as a migration name.`);
  return slug;
}

/** Formats a date as Prisma's migration timestamp, `yyyyMMddHHmmss` in UTC. */
export function migrationTimestamp(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return (
    `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}` +
    `${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}`
  );
}

/**
 * Writes a new migration with the SQL that takes the current migrations to the schema, and
 * Prisma's `migration_lock.toml` when the folder has none.
 * @param options.name free-form name, slugified into the folder name.
 * @param options.now  timestamp source (tests pass a fixed date).
 * @returns the new folder's path, or null (nothing written) when the schema has no change.
 * @throws MigrationError NOT_FOUND for an unusable name; Error when the folder already exists;
 *   the errors of {@link checkDrift}.
 */
export async function createMigration(
  options: SchemaToolOptions & { name: string; now?: Date },
): Promise<{ dir: string | null; script: string }> {
  const slug = migrationSlug(options.name);
  const { drift, script } = await checkDrift(options);
  if (!drift) return { dir: null, script: "" };
  const dir = path.join(
    path.resolve(options.migrationsDir),
    `${migrationTimestamp(options.now ?? new Date())}_${slug}`,
  );
  if (existsSync(dir)) throw new Error(`Migration folder ${dir} already exists.`);
  await mkdir(dir, { recursive: true });
  const lf = script.replace(/\r\n/g, "\n");
  await writeFile(path.join(dir, "migration.sql"), lf.endsWith("\n") ? lf : `${lf}\n`);
  const lockfile = path.join(path.resolve(options.migrationsDir), LOCKFILE_NAME);
  if (!existsSync(lockfile)) await writeFile(lockfile, POSTGRES_LOCKFILE);
  return { dir, script: lf };
}

/** Parsed command line. */
interface CommandLine {
  command: string | undefined;
  args: string[];
  schemaPath: string;
  migrationsDir: string;
}

function parseArgs(argv: string[]): CommandLine {
  const args: string[] = [];
  let schemaPath = DEFAULT_SCHEMA_PATH;
  let migrationsDir = DEFAULT_MIGRATIONS_DIR;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--schema" || arg === "--migrations") {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a path`);
      if (arg === "--schema") schemaPath = path.resolve(value);
      else migrationsDir = path.resolve(value);
    } else {
      args.push(arg);
    }
  }
  return { command: args[0], args: args.slice(1), schemaPath, migrationsDir };
}

function databaseUrl(): string {
  const envFile = path.join(REPO_ROOT, ".env");
  if (!process.env.DATABASE_URL && existsSync(envFile)) process.loadEnvFile(envFile);
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (postgresql://user@host:5432/database).");
  return url;
}

const USAGE =
  "usage: migrate.ts deploy | status | drift | new <name> | resolve <name> [--schema <path>] [--migrations <dir>]";

/**
 * Runs one command of the CLI.
 * @param argv the arguments after the script name.
 * @returns the process exit code (0 success, 1 refusal, drift or pending migrations, 2 usage).
 * @throws whatever the command throws; {@link runCli} turns it into a message.
 */
export async function main(argv: string[]): Promise<number> {
  const cli = parseArgs(argv);
  const log = (line: string) => console.log(`[migrate] ${line}`);
  switch (cli.command) {
    case "deploy": {
      await applyMigrations({
        connectionString: databaseUrl(),
        migrationsDir: cli.migrationsDir,
        log,
      });
      return 0;
    }
    case "status": {
      const status = await getMigrationStatus({
        connectionString: databaseUrl(),
        migrationsDir: cli.migrationsDir,
      });
      for (const name of status.applied) console.log(`applied   ${name}`);
      for (const name of status.pending) console.log(`pending   ${name}`);
      for (const name of status.failed) console.log(`FAILED    ${name}`);
      for (const name of status.edited)
        console.log(`EDITED    ${name} (changed after it was applied)`);
      for (const name of status.missingFromFolder)
        console.log(`unknown   ${name} (applied, not in the folder)`);
      const upToDate = status.pending.length + status.failed.length + status.edited.length === 0;
      log(upToDate ? "database is up to date" : "database is not up to date");
      return upToDate ? 0 : 1;
    }
    case "drift": {
      const { drift, script } = await checkDrift({
        connectionString: databaseUrl(),
        migrationsDir: cli.migrationsDir,
        schemaPath: cli.schemaPath,
      });
      if (!drift) {
        log("no drift: the migrations produce the schema");
        return 0;
      }
      console.log(script);
      log("DRIFT: the migrations do not produce the schema; the SQL above is the difference.");
      log("Create a migration for it: npm run db:new-migration -- <name>");
      return 1;
    }
    case "new": {
      const name = cli.args.join(" ");
      if (name.trim() === "") {
        console.error(USAGE);
        return 2;
      }
      const { dir } = await createMigration({
        connectionString: databaseUrl(),
        migrationsDir: cli.migrationsDir,
        schemaPath: cli.schemaPath,
        name,
      });
      if (dir === null) {
        log("no change: the migrations already produce the schema; nothing written");
        return 1;
      }
      log(
        `wrote ${path.relative(process.cwd(), path.join(dir, "migration.sql"))}; review it before committing`,
      );
      return 0;
    }
    case "resolve": {
      const name = cli.args[0];
      if (name === undefined) {
        console.error(USAGE);
        return 2;
      }
      await markMigrationRolledBack({ connectionString: databaseUrl(), migrationName: name, log });
      return 0;
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

/** Runs {@link main} and exits with its code, printing errors without a stack for known ones. */
export function runCli(argv: string[]): void {
  main(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(
        `[migrate] ${error instanceof MigrationError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      process.exitCode = 1;
    },
  );
}

if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  runCli(process.argv.slice(2));
}
