/**
 * `npm start` / `npm run dev`: migrate the database (embedded when DATABASE_URL is unset),
 * then serve the app (after `npm run build`; `dev` compiles on demand) through lib/cli/serve.ts,
 * in this process or in WEB_CONCURRENCY processes that this one starts and stops.
 */
import "./one-line-errors";
import { prepareDatabase } from "./database";
import { isClusterProcess, serve, serveClusterProcess } from "./serve";

const mode = process.argv[2] === "dev" ? "dev" : "start";
try {
  // A process of the cluster (WEB_CONCURRENCY > 1): the primary has prepared the database.
  if (isClusterProcess()) process.exit(await serveClusterProcess());
  const database = await prepareDatabase();
  process.exit(await serve(mode, database));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
