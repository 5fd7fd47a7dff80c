/**
 * Building Next.js from the launchers (lib/cli/serve.ts runs it). The build is skipped when nothing it
 * depends on changed since the last one (a fingerprint of paths, sizes and mtimes stored in
 * .next/), which makes a second `npm run demo` quick.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { buildLauncher, START_SCRIPT } from "./build-launcher";

const require = createRequire(import.meta.url);
const nextBin = require.resolve("next/dist/bin/next");
const root = process.cwd();
const fingerprintFile = path.join(root, ".next", "meizhen-build-fingerprint");
const buildInputs = [
  "app",
  "components",
  "lib",
  "prisma/schema.prisma",
  "next.config.js",
  "package-lock.json",
  "tsconfig.json",
  ".postcssrc.json",
];

function walk(entry: string, out: string[]): void {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return;
  const stat = fs.statSync(full);
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(full).sort()) {
      // Generated code follows the schema (already an input); tests do not affect the build.
      if (name === "generated" || /\.test\.tsx?$/.test(name)) continue;
      walk(path.join(entry, name), out);
    }
  } else {
    out.push(`${entry}:${stat.size}:${stat.mtimeMs}`);
  }
}

/** A hash of every build input's path, size and mtime. */
export function buildFingerprint(): string {
  const lines: string[] = [];
  for (const entry of buildInputs) walk(entry, lines);
  return createHash("sha256").update(lines.join("\n")).digest("hex");
}

/**
 * Runs `next build` unless the last build used the same inputs, then compiles the production
 * launcher into the build (lib/cli/build-launcher.ts) when it is missing or was rebuilt.
 * @throws when the build fails.
 */
export function ensureBuilt(log: (line: string) => void = console.log): void {
  const fingerprint = buildFingerprint();
  const built =
    fs.existsSync(path.join(root, ".next", "BUILD_ID")) &&
    fs.existsSync(fingerprintFile) &&
    fs.readFileSync(fingerprintFile, "utf8") === fingerprint;
  if (built) {
    log("The production build is up to date.");
    if (!fs.existsSync(path.join(root, START_SCRIPT))) buildLauncher(root);
    return;
  }
  log("Building the app (next build, a few minutes on 2 cores) …");
  const result = spawnSync(process.execPath, [nextBin, "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("next build failed");
  buildLauncher(root);
  fs.writeFileSync(fingerprintFile, fingerprint);
}
