/**
 * Runs the app in the foreground on a prepared database: Next.js behind the app server of
 * lib/server/http-server.ts (request ids, trusted forwarding, request log, metrics), in this
 * process, or in WEB_CONCURRENCY processes of Node's cluster sharing the port (`npm start`
 * only). Ctrl-C / SIGTERM drains every process (readiness 503, requests in flight finish
 * within SHUTDOWN_GRACE_SECONDS, the pool closes), then stops the embedded PostgreSQL, so no
 * request sees a dead database. A cluster process that dies is replaced.
 */
import cluster from "node:cluster";
import http from "node:http";
import { parseEnv, type Env } from "@/lib/env-schema";
import {
  collectWhenIdle,
  createGate,
  createRequestListener,
  drain,
  parseTrustedProxies,
} from "@/lib/server/http-server";
import { keepServingOnBrokenStreams } from "./one-line-errors";
import { log } from "@/lib/server/logger";
import type { ReadyDatabase } from "./database";
import { localSecret } from "./secret";

/** The port the app listens on: PORT, else 3000. @throws on a non-numeric PORT. */
export function appPort(): number {
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`PORT must be a TCP port number, got "${process.env.PORT}"`);
  }
  return port;
}

/**
 * The address the app listens on: LISTEN_HOST when set; else only this machine (127.0.0.1) for
 * the demo and development, every interface for a production start (behind its proxy).
 */
export function appHostname(local: boolean): string {
  return process.env.LISTEN_HOST?.trim() || (local ? "127.0.0.1" : "0.0.0.0");
}

/**
 * Serves the app until it exits or a signal arrives; resolves with the exit code.
 * @param local the demo or development: listen on this machine only unless LISTEN_HOST says so.
 * @throws when NEXTAUTH_SECRET is missing on an external database (a production setting).
 */
export async function serve(
  mode: "start" | "dev",
  database: ReadyDatabase,
  local: boolean = mode === "dev",
): Promise<number> {
  let secret = process.env.NEXTAUTH_SECRET;
  if (!secret) {
    if (!database.embedded) {
      await database.stop();
      throw new Error("NEXTAUTH_SECRET must be set when DATABASE_URL points at a shared server.");
    }
    secret = localSecret();
  }
  const port = appPort();
  const appEnv = {
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: secret,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  };
  let env: Env;
  try {
    // Fail here, with the list of bad variables, rather than on the first request.
    env = parseEnv({
      ...process.env,
      ...appEnv,
      NODE_ENV: mode === "dev" ? "development" : "production",
    });
  } catch (error) {
    await database.stop();
    throw error;
  }
  Object.assign(process.env, appEnv, { NEXT_TELEMETRY_DISABLED: "1" });
  // Next reads NODE_ENV when it loads; set it before importing Next.
  Object.assign(process.env, { NODE_ENV: mode === "dev" ? "development" : "production" });
  // Several processes only for `npm start` (the launcher, lib/cli/run-app.ts, is the entry each
  // forked process runs again); the demo and development serve from this one.
  const processes = mode === "start" && !local && cluster.isPrimary ? env.WEB_CONCURRENCY : 1;
  const code =
    processes > 1 ? await serveCluster(processes, env) : await serveHere(mode, env, local);
  await database.stop();
  log.info("stopped");
  return code;
}

/**
 * One app process: Next.js behind the app server on PORT, until SIGTERM/SIGINT has drained it;
 * resolves with the exit code. The environment is the parsed one of `serve` (in a cluster
 * process: inherited from the primary, parsed again by `serveClusterProcess`).
 */
async function serveHere(mode: "start" | "dev", env: Env, local: boolean): Promise<number> {
  const port = appPort();
  const { default: next } = await import("next");
  const hostname = appHostname(local);
  const app = next({ dev: mode === "dev", hostname, port, dir: process.cwd() });
  await app.prepare();
  keepServingOnBrokenStreams();
  // With node --expose-gc (the start script's), collect after a burst once the server is idle.
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) collectWhenIdle(gc);
  const server = http.createServer(
    createRequestListener(app.getRequestHandler(), {
      log,
      trustedProxies: parseTrustedProxies(env.TRUST_PROXY),
      gate: createGate(env.MAX_CONCURRENT_REQUESTS),
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, resolve);
  });
  log.info({ hostname, port, mode }, `Meizhen listening on http://${hostname}:${port}`);

  const code = await new Promise<number>((resolve) => {
    let stopping = false;
    const shutdown = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, "draining: finishing the requests in flight");
      drain(server, env.SHUTDOWN_GRACE_SECONDS * 1000, log)
        .then(() => app.close())
        .then(
          () => resolve(0),
          () => resolve(1),
        );
    };
    process.on("SIGINT", () => shutdown("SIGINT"));
    process.on("SIGTERM", () => shutdown("SIGTERM"));
  });
  return code;
}

/** Processes in a row that may end before listening before the launcher gives up. */
const MAX_FAILED_STARTS = 5;

/**
 * The primary of a cluster: forks `processes` app processes (each runs `serveClusterProcess`
 * on the same port; Node hands connections round-robin), replaces one that dies (after a
 * second, so a process that cannot start does not spin), and on SIGTERM/SIGINT passes the
 * signal on and waits until every process has drained; resolves with 0, or 1 when one did not
 * stop cleanly or `MAX_FAILED_STARTS` processes in a row ended before they listened (it then
 * stops the others).
 */
async function serveCluster(processes: number, env: Env): Promise<number> {
  let stopping = false;
  let failed = false;
  // Every process listens where this one would have (`npm start`: not only this machine).
  const fork = () =>
    cluster.fork({ MEIZHEN_CLUSTER_PROCESS: "1", LISTEN_HOST: appHostname(false) });
  for (let i = 0; i < processes; i++) fork();
  log.info({ processes }, `Meizhen: ${processes} app processes on port ${appPort()}`);
  // Processes that end before they ever listened, one after another: the app cannot start
  // (a bad setting, the build gone), so the launcher stops instead of restarting them forever.
  let failedStarts = 0;
  let giveUp = () => {};
  const listened = new WeakSet<object>();
  cluster.on("listening", (worker) => {
    listened.add(worker);
    failedStarts = 0;
  });
  cluster.on("exit", (worker, exitCode, signal) => {
    if (stopping) {
      if (exitCode !== 0) failed = true;
      return;
    }
    if (!listened.has(worker) && ++failedStarts >= MAX_FAILED_STARTS) {
      log.error({ failedStarts }, "app processes end before they start; stopping");
      failed = true;
      giveUp();
      return;
    }
    log.error(
      { pid: worker.process.pid, exitCode, signal },
      "an app process ended; starting another",
    );
    // Not unref'd: with every process gone, this timer is what keeps the launcher alive.
    setTimeout(() => {
      if (!stopping) fork();
    }, 1000);
  });
  return new Promise<number>((resolve) => {
    const shutdown = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, "draining every app process");
      const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
      let left = workers.length;
      if (left === 0) resolve(failed ? 1 : 0);
      const done = () => {
        if (--left === 0) resolve(failed ? 1 : 0);
      };
      for (const worker of workers) {
        worker.once("exit", done);
        worker.process.kill(signal);
      }
      // A process that has not drained well after the grace period is ended.
      setTimeout(
        () => {
          for (const worker of workers) if (!worker.isDead()) worker.process.kill("SIGKILL");
        },
        (env.SHUTDOWN_GRACE_SECONDS + 10) * 1000,
      ).unref();
    };
    giveUp = () => shutdown("SIGTERM");
    process.on("SIGINT", () => shutdown("SIGINT"));
    process.on("SIGTERM", () => shutdown("SIGTERM"));
  });
}

/** True in a process the cluster primary forked (`serveClusterProcess` is its entry). */
export const isClusterProcess = () =>
  cluster.isWorker && process.env.MEIZHEN_CLUSTER_PROCESS === "1";

/**
 * A cluster process: the primary has prepared the database and set DATABASE_URL, the secret,
 * NODE_ENV and LISTEN_HOST; this serves the built app on the shared port until drained.
 * @returns the exit code.
 */
export async function serveClusterProcess(): Promise<number> {
  const env = parseEnv(process.env);
  return serveHere("start", env, false);
}
