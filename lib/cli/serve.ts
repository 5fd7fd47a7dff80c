/**
 * Runs the app in the foreground on a prepared database and shuts both down cleanly on
 * Ctrl-C / SIGTERM (Next first, then the embedded PostgreSQL, so no request sees a dead DB).
 */
import { parseEnv } from "@/lib/env-schema";
import type { ReadyDatabase } from "./database";
import { localSecret } from "./secret";
import { startNext } from "./next-process";

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
  try {
    // Fail here, with the list of bad variables, rather than on the first request.
    parseEnv({
      ...process.env,
      ...appEnv,
      NODE_ENV: mode === "dev" ? "development" : "production",
    });
  } catch (error) {
    await database.stop();
    throw error;
  }
  const child = startNext(mode, port, appEnv, appHostname(local));

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    child.kill(signal);
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));

  const code = await new Promise<number>((resolve) =>
    child.on("exit", (exitCode, signal) => resolve(exitCode ?? (signal ? 0 : 1))),
  );
  await database.stop();
  return code;
}
