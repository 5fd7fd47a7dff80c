/**
 * The production launcher, compiled at build time (issue 15, part 6: a lean server): esbuild
 * bundles lib/cli/run-app.ts and what it imports from lib/ and prisma/tools into one plain
 * JavaScript module, `.next/meizhen/run-app.mjs`, leaving the packages in node_modules as
 * imports. `npm start` and the image run it with plain `node`: no tsx CLI process, no TypeScript
 * loader hooks or source maps kept in the server (they cost memory and each chunk Next loads
 * went through the loader), only the app server.
 *
 * Written after `next build` (which empties .next/) by `npm run build` and by
 * lib/cli/next-process.ts `ensureBuilt` (the demo, the tests, the benchmarks).
 */
import path from "node:path";
import { buildSync } from "esbuild";

/** Where the compiled launcher is written (inside the build, so it ships with it). */
export const LAUNCHER = path.join(".next", "meizhen", "run-app.mjs");

/**
 * Bundles the launcher into `LAUNCHER` under `root` (default: the working directory).
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
