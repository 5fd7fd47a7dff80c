/**
 * Demo data seed. `tsx prisma/seed.ts [--reset] [--today=YYYY-MM-DD]` loads the Quzhou demo
 * data set into DATABASE_URL (already migrated) as of today (or the date given, also as
 * DEMO_TODAY); `--reset` wipes every table first. Imported by the CLI (`npm run demo`,
 * `npm test`) for seedDemoData. What the data is: docs/DEMO-DATA.md.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createPrismaClient } from "@/lib/prisma-client";

export { DEMO_PASSWORD } from "./seed/accounts";
export { PUBLISHED_FIGURES, PUBLISHED_FIGURES_YEAR } from "./seed/figures";
export { demoClock, requestedToday } from "./seed/clock";
export { DEMO_DATA_VERSION, seedDemoData } from "./seed/seed-demo-data";

import { requestedToday } from "./seed/clock";
import { seedDemoData } from "./seed/seed-demo-data";

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set.");
  const prisma = createPrismaClient(url, { max: 2 });
  try {
    const started = performance.now();
    const { skipped, today } = await seedDemoData(prisma, {
      reset: process.argv.includes("--reset"),
      today: requestedToday(),
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      skipped
        ? `Demo data of ${today} already loaded (use --reset to reload).`
        : `Demo data as of ${today} loaded in ${seconds} s.`,
    );
  } finally {
    await prisma.$disconnect();
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
