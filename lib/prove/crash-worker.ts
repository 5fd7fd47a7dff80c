/**
 * The process the crash proof (lib/prove/crash.test.ts) kills with SIGKILL: it runs one use case
 * against DATABASE_URL and prints "start" just before and "done" after. Run with
 * `tsx --conditions=react-server lib/prove/crash-worker.ts <operation> <json>`.
 * Operations (the json always names the acting user: `{ user: id, ... }`):
 * - bulkApprove `{ reportIds: number[] }`: a county reviewer approves the reports at their
 *   current versions (one transaction);
 * - importTasks `{ year, csv }`: a city administrator imports a creation list (CSV text);
 * - publishRun `{ runId, expectedRevision }`: a city administrator publishes an assessment run.
 * Two more prepare the HTTP crash proof (e2e/crash.spec.ts), which cannot load server code
 * itself; each prints one line of JSON:
 * - seed `{ password }`: loads the crash fixture (lib/testing/crash-seed.ts) into DATABASE_URL;
 * - computedRun `{ user }`: starts and computes the next assessment run to publish.
 */
import type { Actor } from "@/lib/access";
import { publishRun } from "@/lib/assessments/runs";
import { db } from "@/lib/db";
import { bulkApproveReports } from "@/lib/reports/mutations";
import { importCreationList } from "@/lib/tasks/import";
import { computedRun, seedCrashFixture } from "@/lib/testing/crash-seed";

type Args = {
  user: number;
  password?: string;
  reportIds?: number[];
  year?: number;
  csv?: string;
  runId?: number;
  expectedRevision?: number;
};

const [operation, json] = process.argv.slice(2);
const args = JSON.parse(json ?? "{}") as Args;
if (operation === "seed") {
  const fixture = await seedCrashFixture(db(), { password: args.password });
  process.stdout.write(`${JSON.stringify(fixture)}\n`);
  process.exit(0);
}
// The actor as lib/auth/session.ts loads it (not imported: it pulls in Next's request APIs).
const { id, username, displayName, role, countyId, townId } = await db().user.findUniqueOrThrow({
  where: { id: args.user },
});
const actor: Actor = {
  id,
  username,
  displayName,
  role,
  countyId,
  townId,
  mustChangePassword: false,
};

/** The operation, prepared up to the point where it writes. */
async function prepare(): Promise<() => Promise<unknown>> {
  switch (operation) {
    case "bulkApprove": {
      const reports = await db().progressReport.findMany({
        where: { id: { in: args.reportIds ?? [] } },
        select: { id: true, version: true },
      });
      return () =>
        bulkApproveReports(actor, {
          reports: reports.map((r) => ({ reportId: r.id, expectedVersion: r.version })),
        });
    }
    case "importTasks":
      return () =>
        importCreationList(actor, {
          year: args.year,
          fileName: "名单.csv",
          bytes: new TextEncoder().encode(args.csv ?? ""),
        });
    case "publishRun":
      return () =>
        publishRun(actor, { runId: args.runId, expectedRevision: args.expectedRevision });
    default:
      throw new Error(`unknown operation ${operation}`);
  }
}

if (operation === "computedRun") {
  process.stdout.write(`${JSON.stringify(await computedRun(actor, db()))}\n`);
  process.exit(0);
}
const run = await prepare();
process.stdout.write("start\n");
await run();
process.stdout.write("done\n");
process.exit(0);
