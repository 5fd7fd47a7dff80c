/**
 * The production launcher, compiled at build time (issue 15, part 6: a lean server): esbuild
 * bundles lib/cli/run-app.ts and what it imports from lib/ and prisma/tools into one plain
 * JavaScript module, `.next/meizhen/run-app.mjs`, leaving the packages in node_modules as
 * imports. `npm start` and the image run it with plain `node`: no tsx CLI process, no TypeScript
 * loader hooks or source maps kept in the server (they cost memory and each chunk Next loads
 * went through the loader), only the app server.
 *
 * Beside it, `.next/meizhen/start`: a shell script that `exec`s node on it (the shell is
 * replaced, so one process remains) with the server's memory settings — the one owner of
 * them; `npm start`, the image and the tests (e2e/server.ts) run it:
 * - MALLOC_ARENA_MAX=2: glibc's allocator keeps 2 arenas instead of one per thread (each
 *   reserves up to 64 MB; measured ≈ 80 MB of the idle server's RSS);
 * - `--max-old-space-size` = MEIZHEN_HEAP_MB (default 512): V8 collects before its old space
 *   outgrows it instead of growing the heap under a burst and keeping it (measured on the demo
 *   data, 200 connections: peak 765 → ≈ 400 MB, a minute later 404 → ≈ 290 MB). An import or
 *   export near the limits of lib/limits.ts needs well under it; raise it if one fails;
 * - `--expose-gc`: lib/server/http-server.ts collectWhenIdle collects once a burst is over, so
 *   the memory returns within a minute (without it, at 512 MB it stayed at its peak).
 *
 * Written after `next build` (which empties .next/) by `npm run build` and by
 * lib/cli/next-process.ts `ensureBuilt` (the demo, the tests, the benchmarks).
 */
import fs from "node:fs";
import path from "node:path";
import { buildSync } from "esbuild";

/** Where the compiled launcher is written (inside the build, so it ships with it). */
export const LAUNCHER = path.join(".next", "meizhen", "run-app.mjs");
/** The start script: `<START_SCRIPT> start` runs the production server (see above). */
export const START_SCRIPT = path.join(".next", "meizhen", "start");

/** The start script's text: node on the launcher beside it, with the memory settings. */
const startScript = `#!/bin/sh
# Built by lib/cli/build-launcher.ts: the production server in one process (exec replaces this
# shell). NODE: the node binary (default: node on PATH); MEIZHEN_HEAP_MB: V8's old space in MB.
export MALLOC_ARENA_MAX="\${MALLOC_ARENA_MAX:-2}"
exec "\${NODE:-node}" --max-old-space-size="\${MEIZHEN_HEAP_MB:-512}" --expose-gc "$(dirname "$0")/run-app.mjs" "$@"
`;

/**
 * Bundles the launcher into `LAUNCHER` and writes `START_SCRIPT` beside it, under `root`
 * (default: the working directory).
 * @throws when esbuild reports an error (the message lists them).
 */
export function buildLauncher(root: string = process.cwd()): string {
  const outfile = path.join(root, LAUNCHER);
  buildSync({
    absWorkingDir: root,
    entryPoints: [path.join(root, "lib/cli/run-app.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // Packages stay imports of node_modules (resolved from .next/meizhen upwards); "@/…" paths
    // follow tsconfig.json's.
    packages: "external",
    logLevel: "warning",
    banner: { js: "// Built by lib/cli/build-launcher.ts from lib/cli/run-app.ts: do not edit." },
  });
  fs.writeFileSync(path.join(root, START_SCRIPT), startScript, { mode: 0o755 });
  return outfile;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  try {
    console.log(`Launcher: ${path.relative(process.cwd(), buildLauncher())}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
