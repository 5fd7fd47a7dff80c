/**
 * Runs the app in the foreground on a prepared database: Next.js in this process behind the
 * app server of lib/server/http-server.ts (request ids, trusted forwarding, request log,
 * metrics). Ctrl-C / SIGTERM drains it (readiness 503, requests in flight finish within
 * SHUTDOWN_GRACE_SECONDS, the pool closes), then stops the embedded PostgreSQL, so no request
 * sees a dead database.
 */
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
  await database.stop();
  log.info("stopped");
  return code;
}
