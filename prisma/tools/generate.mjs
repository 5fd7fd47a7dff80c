/**
 * `prisma generate` that also works where Prisma's schema-engine binary cannot be downloaded
 * (isolated government networks reach an npm mirror and nothing else).
 *
 * Generating the client never runs the schema engine, yet every Prisma CLI command first makes
 * sure the engine binary exists and downloads it if not; offline that fails with
 * `getaddrinfo ENOTFOUND`. Prisma skips the download when PRISMA_SCHEMA_ENGINE_BINARY names an
 * existing file, so where the engine cannot be had we point it at a stub. Elsewhere the ordinary
 * command runs untouched. Decision, in order:
 *   1. PRISMA_SCHEMA_ENGINE_BINARY already set: the user's choice, run plainly;
 *   2. engine binary already on disk: plain (stub fallback if Prisma still fails to download);
 *   3. no proxy configured and the engine mirror unreachable within 3 s: stub at once;
 *   4. otherwise plain, with a time limit, falling back to the stub on a download failure.
 * Run by `postinstall` and `db:generate`; extra arguments are passed on to `prisma generate`.
 * Exits with Prisma's exit code; 0 with a message when prisma/schema.prisma does not exist yet.
 */
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const SCHEMA = path.join(ROOT, "prisma", "schema.prisma");
const CONFIG = path.join(ROOT, ".config", "prisma.ts");
const MIRROR = process.env.PRISMA_ENGINES_MIRROR || "https://binaries.prisma.sh";
const PROBE_TIMEOUT_MS = 3_000;
// Long enough for the engine download on a slow line; the stub is only a fallback.
const PLAIN_TIMEOUT_MS = 120_000;
const NETWORK_FAILURE =
  /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|socket hang up|request to \S+ failed|binaries\.prisma\.sh/i;

const say = (line) => console.log(`[generate] ${line}`);

/** Resolves the Prisma CLI entry point from the project's dependencies; null when missing. */
function prismaCli() {
  try {
    return createRequire(path.join(ROOT, "package.json")).resolve("prisma/build/index.js");
  } catch {
    return null;
  }
}

/** Tells whether a schema-engine binary is already in @prisma/engines or Prisma's cache. */
function engineOnDisk(cli) {
  const dirs = [];
  try {
    const fromCli = createRequire(cli);
    dirs.push(path.dirname(fromCli.resolve("@prisma/engines/package.json")));
  } catch {
    dirs.push(path.join(ROOT, "node_modules", "@prisma", "engines"));
  }
  const cacheRoot = process.env.XDG_CACHE_HOME
    ? path.join(process.env.XDG_CACHE_HOME, "prisma")
    : path.join(os.homedir(), ".cache", "prisma");
  try {
    const version = createRequire(cli)("@prisma/engines-version/package.json").prisma
      .enginesVersion;
    const versionDir = path.join(cacheRoot, "master", version);
    if (existsSync(versionDir)) {
      for (const target of readdirSync(versionDir)) dirs.push(path.join(versionDir, target));
    }
  } catch {
    // No version information: only the package folder is checked.
  }
  return dirs.some((dir) => {
    try {
      return readdirSync(dir).some(
        (file) => /^schema-engine(-[\w.-]+)?(\.exe)?$/.test(file) && !file.endsWith(".sha256"),
      );
    } catch {
      return false;
    }
  });
}

/** A proxy makes a direct probe meaningless: Prisma's own download goes through it. */
function proxyConfigured() {
  return ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"].some((name) =>
    Boolean(process.env[name]),
  );
}

/** Resolves true when the engine mirror answers anything (even an error status) in time. */
function mirrorReachable() {
  return new Promise((resolve) => {
    let url;
    try {
      url = new URL(MIRROR);
    } catch {
      resolve(true);
      return;
    }
    const client = url.protocol === "http:" ? http : https;
    const request = client.request(
      url,
      { method: "HEAD", timeout: PROBE_TIMEOUT_MS },
      (response) => {
        response.resume();
        resolve(true);
      },
    );
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", () => resolve(false));
    request.end();
  });
}

/** Writes the stand-in engine outside the repository; it explains itself if ever executed. */
function writeStub() {
  const message =
    "Prisma's schema engine could not be downloaded on this machine. Use the project's tools: " +
    "npm run db:migrate, db:drift, db:new-migration.";
  const windows = process.platform === "win32";
  const content = windows
    ? `@echo off\r\necho ${message} 1>&2\r\nexit /b 1\r\n`
    : `#!/bin/sh\necho "${message}" >&2\nexit 1\n`;
  const name = windows ? "schema-engine-stub.cmd" : "schema-engine-stub";
  for (const dir of [
    path.join(ROOT, "node_modules", ".cache", "meizhen-prisma"),
    path.join(os.tmpdir(), "meizhen-prisma"),
  ]) {
    try {
      mkdirSync(dir, { recursive: true });
      const file = path.join(dir, name);
      writeFileSync(file, content);
      chmodSync(file, 0o755);
      return file;
    } catch {
      // Read-only node_modules (some CI caches): try the temp folder.
    }
  }
  throw new Error("cannot write the schema-engine stub anywhere");
}

/**
 * Runs `prisma generate`, echoing its output and keeping the tail for diagnosis.
 * Resolves { code, output, timedOut }; kills the child after timeoutMs (0: no limit).
 */
function runPrisma(cli, env, timeoutMs) {
  const extra = process.argv.slice(2);
  const args = [
    cli,
    "generate",
    ...(existsSync(CONFIG) && !extra.includes("--config") ? ["--config", CONFIG] : []),
    ...extra,
  ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env,
      stdio: ["inherit", "pipe", "pipe"],
    });
    let output = "";
    const keep = (chunk, sink) => {
      sink.write(chunk);
      output = (output + chunk.toString()).slice(-65_536);
    };
    child.stdout.on("data", (chunk) => keep(chunk, process.stdout));
    child.stderr.on("data", (chunk) => keep(chunk, process.stderr));
    let timedOut = false;
    const timer =
      timeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            child.kill("SIGTERM");
            setTimeout(() => child.kill("SIGKILL"), 2_000).unref();
          }, timeoutMs)
        : undefined;
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ code: 1, output: `${output}\n${error.message}`, timedOut });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, output, timedOut });
    });
  });
}

/** Runs generate with the stub engine; resolves Prisma's exit code. */
async function runWithStub(cli) {
  const stub = writeStub();
  const result = await runPrisma(cli, { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: stub }, 0);
  return result.code;
}

/** Runs plain generate, falling back to the stub when the engine download fails or stalls. */
async function runPlainWithFallback(cli) {
  const result = await runPrisma(cli, process.env, PLAIN_TIMEOUT_MS);
  if (result.code === 0) return 0;
  if (result.timedOut || NETWORK_FAILURE.test(result.output)) {
    say(
      result.timedOut
        ? `no result after ${PLAIN_TIMEOUT_MS / 1000} s (engine download stalled): retrying with the offline stub engine`
        : "the schema engine download failed: retrying with the offline stub engine",
    );
    return runWithStub(cli);
  }
  return result.code;
}

async function main() {
  if (!existsSync(SCHEMA)) {
    say("prisma/schema.prisma does not exist yet: nothing to generate");
    return 0;
  }
  const cli = prismaCli();
  if (cli === null) {
    say("the prisma package is not installed (npm install first)");
    return 1;
  }
  if (process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.env.PRISMA_MIGRATION_ENGINE_BINARY) {
    say("plain prisma generate, with the engine named by PRISMA_SCHEMA_ENGINE_BINARY");
    return (await runPrisma(cli, process.env, 0)).code;
  }
  if (engineOnDisk(cli)) {
    say("plain prisma generate (schema engine present)");
    return runPlainWithFallback(cli);
  }
  if (!proxyConfigured() && !(await mirrorReachable())) {
    say(`${new URL(MIRROR).host} unreachable: prisma generate with an offline stub schema engine`);
    return runWithStub(cli);
  }
  say("plain prisma generate (it may download the schema engine)");
  return runPlainWithFallback(cli);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`[generate] ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
