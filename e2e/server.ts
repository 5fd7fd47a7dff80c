/**
 * The app server as the browser tests run it (e2e/playwright.config.ts starts the first one;
 * e2e/two-servers.spec.ts starts more): the production launcher (lib/cli/run-app.ts, compiled
 * into the build by lib/cli/build-launcher.ts, run by plain node as `npm start` runs it) on the
 * build, with the tests' settings.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { START_SCRIPT } from "@/lib/cli/build-launcher";
import { E2E_NOW } from "./demo-date";

/** The bearer token GET /api/metrics accepts in the tests (never a production value). */
export const E2E_METRICS_TOKEN = "e2e-metrics-token-not-for-production";

/** The session-signing secret of every test server (the same on all, as in production). */
export const E2E_NEXTAUTH_SECRET =
  process.env.NEXTAUTH_SECRET ?? "e2e-secret-not-for-production-use";

const root = path.resolve(import.meta.dirname, "..");

/**
 * The launcher's command line: the build's start script (lib/cli/build-launcher.ts, which
 * exec's node on the compiled lib/cli/run-app.ts: one process), `start`.
 */
export function launcherArgs(): string[] {
  return [path.join(root, START_SCRIPT), "start"];
}

/** The environment of a test server on `port` and `databaseUrl`. */
export function serverEnv(port: number, databaseUrl: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: E2E_NEXTAUTH_SECRET,
    NEXTAUTH_URL: `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    LISTEN_HOST: "127.0.0.1",
    METRICS_TOKEN: E2E_METRICS_TOKEN,
    // The demo data lives at E2E_TODAY; the app judges due dates at the same moment.
    MEIZHEN_NOW: E2E_NOW,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    // Every spec refuses from the same address: each refusal gets its row, so that a spec can
    // find its own (the per-minute summary is proved in lib/audit/refusals.test.ts).
    LIMIT_REFUSALS_PER_MINUTE: "100000",
    // The start script runs this node (the tests' own), whatever is first on PATH.
    NODE: process.execPath,
  };
}

/** A server started by a test: its base URL and how to stop it (SIGTERM, then wait). */
export type TestServer = {
  baseURL: string;
  /** The server's process id (for its memory, e.g. `npm run bench:pages`). */
  pid: number;
  output: () => string;
  stop: () => Promise<void>;
  /** kill -9 of the server and every process it started (the app processes with WEB_CONCURRENCY > 1). */
  kill: () => Promise<void>;
};

/** A process's descendants, deepest first, from /proc (Linux). */
export function descendants(pid: number): number[] {
  let children: number[] = [];
  try {
    const listed = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
    children = listed ? listed.split(/\s+/).map(Number) : [];
  } catch {
    return [];
  }
  return children.flatMap((child) => [...descendants(child), child]);
}

/**
 * Starts another app server and waits until it is ready (GET /api/health/ready answers 200);
 * `env` is added to the tests' settings (e.g. WEB_CONCURRENCY).
 * @throws when it exits or is not ready within `timeoutMs`; its output is in the message.
 */
export async function startServer(
  port: number,
  databaseUrl: string,
  timeoutMs = 90_000,
  env: Record<string, string> = {},
): Promise<TestServer> {
  const [command, ...rest] = launcherArgs();
  const child: ChildProcess = spawn(command!, rest, {
    cwd: root,
    env: { ...process.env, ...serverEnv(port, databaseUrl), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const baseURL = `http://localhost:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server on ${port} exited:\n${output}`);
    const ready = await fetch(`${baseURL}/api/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server on ${port} not ready in ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return {
    baseURL,
    pid: child.pid!,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
    kill: async () => {
      // The tree is read first; then the launcher and every process under it are killed.
      const tree = descendants(child.pid!);
      child.kill("SIGKILL");
      for (const pid of tree) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
      await exited;
    },
  };
}
