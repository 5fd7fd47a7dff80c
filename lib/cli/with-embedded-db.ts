/**
 * Runs a command with DATABASE_URL pointing at a throwaway embedded PostgreSQL (for tools that
 * need a server, such as the drift check, on machines without one):
 *   npx tsx lib/cli/with-embedded-db.ts npm run db:drift
 */
import "./one-line-errors";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "./embedded-postgres";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: tsx lib/cli/with-embedded-db.ts <command> [args…]");
  process.exit(2);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meizhen-pg-"));
fs.chmodSync(dir, 0o755); // run as root, the server's own user must enter it
const server = await startEmbeddedPostgres({
  dataDir: path.join(dir, "pg"),
  port: 54349,
  quiet: true,
});
let status = 1;
try {
  status =
    spawnSync(command, args, {
      stdio: "inherit",
      env: { ...process.env, DATABASE_URL: server.urlFor("postgres") },
    }).status ?? 1;
} finally {
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(status);
