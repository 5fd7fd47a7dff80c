/**
 * Database resolution shared by the launchers (`npm start`, `npm run demo`): DATABASE_URL when
 * set, otherwise the embedded PostgreSQL under `.data/pg` with a `meizhen` database. Either
 * way the migrations are applied before the app starts (under an advisory lock, so several
 * app servers starting together migrate once).
 */
import path from "node:path";
import { applyMigrations } from "@/prisma/tools/deploy";
import { startEmbeddedPostgres } from "./embedded-postgres";

/** A ready database: its URL, whether it is the embedded one, and how to release it. */
export type ReadyDatabase = { url: string; embedded: boolean; stop: () => Promise<void> };

/**
 * Resolves and migrates the database.
 * @throws when the server is unreachable or a migration fails (the message says which).
 */
export async function prepareDatabase(
  log: (line: string) => void = console.log,
): Promise<ReadyDatabase> {
  let url = process.env.DATABASE_URL;
  let embedded = false;
  let stop = async () => {};
  if (!url) {
    log("DATABASE_URL is not set: starting the embedded PostgreSQL (data in .data/pg) …");
    const server = await startEmbeddedPostgres({ quiet: true });
    await server.ensureDatabase("meizhen");
    url = server.urlFor("meizhen");
    embedded = true;
    stop = server.stop;
  }
  try {
    const { applied } = await applyMigrations({
      connectionString: url,
      migrationsDir: path.join(process.cwd(), "prisma", "migrations"),
    });
    log(
      applied.length
        ? `Applied migrations: ${applied.join(", ")}`
        : "Database schema is up to date.",
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, embedded, stop };
}
