/**
 * `npm run evidence:move -- --to=s3|postgres [--dry-run] [--batch=N]`: moves existing evidence
 * files to the other store, verifying each by its SHA-256 before switching its row
 * (lib/evidence/storage/move.ts); safe to rerun after an interruption. Prints the files and bytes
 * moved and the throughput. `npm run evidence:move -- --orphans` lists S3 objects no row refers
 * to (README "Evidence storage"). Exit 1 when a file failed.
 *
 * Reads DATABASE_URL and the S3_* settings from the environment (or .env when DATABASE_URL is
 * unset). lib/evidence imports "server-only", which throws outside React Server Components; the
 * npm script runs tsx with --conditions=react-server, under which that package is empty.
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { db } from "@/lib/db";
import { findOrphans, moveEvidence } from "@/lib/evidence/storage/move";

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      to: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      batch: { type: "string", default: "50" },
      orphans: { type: "boolean", default: false },
    },
  });
  if (!process.env.DATABASE_URL && existsSync(".env")) process.loadEnvFile(".env");
  if (values.orphans) {
    const orphans = await findOrphans();
    for (const key of orphans) console.log(key);
    console.log(`${orphans.length} S3 objects without an evidence row`);
    return 0;
  }
  if (values.to !== "s3" && values.to !== "postgres") {
    console.error("Usage: npm run evidence:move -- --to=s3|postgres [--dry-run] [--batch=N]");
    return 2;
  }
  const batchSize = Number(values.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    console.error("--batch must be a positive whole number");
    return 2;
  }
  const result = await moveEvidence({
    to: values.to === "s3" ? "S3" : "POSTGRES",
    dryRun: values["dry-run"],
    batchSize,
    log: (line) => console.log(line),
  });
  const mb = result.bytes / (1024 * 1024);
  if (values["dry-run"]) {
    console.log(
      `Dry run: ${result.candidates} files (${mb.toFixed(1)} MiB) would move to ${values.to}.`,
    );
    return 0;
  }
  console.log(
    `Moved ${result.moved} of ${result.candidates} files to ${values.to}: ${mb.toFixed(1)} MiB in ` +
      `${result.seconds.toFixed(1)} s (${(mb / Math.max(result.seconds, 0.001)).toFixed(1)} MiB/s); ` +
      `${result.failed} failed.`,
  );
  return result.failed > 0 ? 1 : 0;
}

main()
  .then(async (code) => {
    await db().$disconnect();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
