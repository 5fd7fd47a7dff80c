/**
 * The process the crash proof (lib/prove/crash.test.ts) kills with SIGKILL: it runs one use case
 * against DATABASE_URL and prints "start" just before and "done" after. Run with
 * `tsx --conditions=react-server lib/prove/crash-worker.ts <operation> <json>`.
 * Operations: bulkApprove <{ reviewer: user id, reportIds: number[] }>.
 */
import type { Actor } from "@/lib/access";
import { db } from "@/lib/db";
import { bulkApproveReports } from "@/lib/reports/mutations";

const [operation, json] = process.argv.slice(2);
const args = JSON.parse(json ?? "{}") as { reviewer: number; reportIds: number[] };
if (operation !== "bulkApprove") throw new Error(`unknown operation ${operation}`);
// The actor as lib/auth/session.ts loads it (not imported: it pulls in Next's request APIs).
const { id, username, displayName, role, countyId, townId } = await db().user.findUniqueOrThrow({
  where: { id: args.reviewer },
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
const reports = await db().progressReport.findMany({
  where: { id: { in: args.reportIds } },
  select: { id: true, version: true },
});
process.stdout.write("start\n");
await bulkApproveReports(actor, {
  reports: reports.map((r) => ({ reportId: r.id, expectedVersion: r.version })),
});
process.stdout.write("done\n");
process.exit(0);
