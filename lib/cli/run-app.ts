/**
 * `npm start` / `npm run dev`: migrate the database (embedded when DATABASE_URL is unset),
 * then serve the app (after `npm run build`; `dev` compiles on demand) through lib/cli/serve.ts.
 */
import "./one-line-errors";
import { prepareDatabase } from "./database";
import { serve } from "./serve";

const mode = process.argv[2] === "dev" ? "dev" : "start";
try {
  const database = await prepareDatabase();
  process.exit(await serve(mode, database));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
