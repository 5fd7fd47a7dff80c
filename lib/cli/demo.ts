/**
 * `npm run demo`: build the app if needed, start the database (embedded by default), apply
 * migrations, load the Quzhou demo data once (later runs reuse it), print the demo accounts
 * and serve the app at http://localhost:3000 (or PORT).
 * `npm run demo -- --reset` reloads the demo data from scratch; `--today=YYYY-MM-DD` (or
 * DEMO_TODAY) sets the date the demo data lives at (default: today in Asia/Shanghai). Demo
 * data loaded in an earlier year (or by an earlier version) is reloaded for today.
 */
import "./one-line-errors";
import { createPrismaClient } from "@/lib/prisma-client";
import { DEMO_PASSWORD } from "@/prisma/seed/accounts";
import { requestedToday, seedDemoData } from "@/prisma/seed";
import { prepareDatabase } from "./database";
import { ensureBuilt } from "./next-process";
import { appPort, serve } from "./serve";

try {
  const port = appPort();
  ensureBuilt();
  const database = await prepareDatabase();
  const prisma = createPrismaClient(database.url, { max: 2 });
  try {
    const started = Date.now();
    const { skipped, replaced, today } = await seedDemoData(prisma, {
      reset: process.argv.includes("--reset"),
      today: requestedToday(),
      replaceOutdated: true,
    });
    if (replaced) console.log(`Demo data of ${replaced} replaced by demo data as of ${today}.`);
    console.log(
      skipped
        ? `Demo data as of ${today} already loaded: reusing it (npm run demo -- --reset reloads it).`
        : `Demo data as of ${today} loaded in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
  } finally {
    await prisma.$disconnect();
  }
  console.log(
    [
      "",
      "  美镇 Meizhen demo",
      `  Open http://localhost:${port}`,
      `  Password for every demo account: ${DEMO_PASSWORD}`,
      "  Accounts: admin (city administrator), leader (city leader),",
      "            reviewer-330825 (龙游县 county reviewer; any county code),",
      "            staff-330825109 (溪口镇 township staff; any town code)",
      "  Stop with Ctrl-C.",
      "",
    ].join("\n"),
  );
  process.exit(await serve("start", database, true));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
