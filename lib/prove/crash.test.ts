/**
 * Proof (issue 14): a process killed with SIGKILL in the middle of a bulk approval leaves all or
 * nothing. Each trial starts a worker process (lib/prove/crash-worker.ts) that approves the
 * fixture's two SUBMITTED reports in one transaction, and kills it a random 0–400 ms after it
 * says it starts; then either both reports are approved with one audit row each, or neither
 * is and no audit row was written. PROVE_TRIALS sets the trials (50 recorded in
 * docs/BENCHMARKS.md; 5 in `npm test`). Not covered here: the HTTP server being killed (the
 * same transaction runs inside it), imports and assessment publication.
 */
import { spawn } from "node:child_process";
import os from "node:os";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/prisma-client";
import { scratchApp } from "@/lib/testing/builders";
import { PROVE_TIMEOUT_MS } from "@/lib/testing/race";
import { seedReportFixture, type ReportFixture } from "@/lib/testing/report-fixture";

const TRIALS = Number(process.env.PROVE_TRIALS) > 0 ? Number(process.env.PROVE_TRIALS) : 5;
let prisma: PrismaClient;
let drop: () => Promise<void>;
let url: string;
let fixture: ReportFixture;

beforeAll(async () => {
  const app = await scratchApp("prove_crash");
  ({ prisma, drop } = app);
  url = app.database.url;
  fixture = await seedReportFixture(prisma);
});

afterAll(async () => {
  await drop?.();
});

/** The environment without the test runner's own variables (its IPC, its loaders). */
function workerEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(VITEST|NODE_OPTIONS|TINYPOOL)/.test(k)),
  ) as NodeJS.ProcessEnv;
}

/** Runs the worker, killing it `killAfterMs` after "start"; resolves to whether it finished. */
function runWorker(killAfterMs: number): Promise<"done" | "killed"> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      "node_modules/.bin/tsx",
      [
        "--conditions=react-server",
        "lib/prove/crash-worker.ts",
        "bulkApprove",
        JSON.stringify({ reviewer: fixture.reviewer.id, reportIds: fixture.submittedIds }),
      ],
      {
        env: { ...workerEnv(), DATABASE_URL: url },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    let timer: NodeJS.Timeout | undefined;
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("start\n") && !timer) {
        timer = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
      }
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (out.includes("done")) resolve("done");
      else if (signal === "SIGKILL") resolve("killed");
      else
        reject(
          new Error(`worker exited ${code}: ${err.slice(0, 400).replace(/[^\x20-\x7e\n]/g, "?")}`),
        );
    });
  });
}

it(
  `${TRIALS} trials of SIGKILL during a bulk approval: all or nothing, the audit log agrees`,
  async () => {
    const ids = fixture.submittedIds;
    const tally = { done: 0, killedBefore: 0, killedAfterCommit: 0 };
    const started = performance.now();
    for (let trial = 0; trial < TRIALS; trial++) {
      const auditsBefore = await prisma.auditLog.count({ where: { action: "report.approve" } });
      const outcome = await runWorker(Math.floor(Math.random() * 400));
      const reports = await prisma.progressReport.findMany({ where: { id: { in: ids } } });
      const approved = reports.filter((r) => r.status === "COUNTY_APPROVED").length;
      const audits =
        (await prisma.auditLog.count({ where: { action: "report.approve" } })) - auditsBefore;
      // All or nothing, and the audit log agrees with the data.
      expect([0, ids.length]).toContain(approved);
      expect(audits).toBe(approved);
      if (outcome === "done") {
        tally.done++;
        expect(approved).toBe(ids.length);
      } else if (approved === 0) tally.killedBefore++;
      else tally.killedAfterCommit++;
      if (approved > 0) {
        // Back to SUBMITTED for the next trial.
        await prisma.progressReport.updateMany({
          where: { id: { in: ids } },
          data: { status: "SUBMITTED", approvedAt: null },
        });
      }
    }
    const ms = performance.now() - started;
    console.log(
      `crash (bulk approval): ${TRIALS} trials → ${tally.done} finished, ${tally.killedBefore} killed before commit (nothing written), ` +
        `${tally.killedAfterCommit} killed after commit (all written); ${ms.toFixed(0)} ms (load ${os.loadavg()[0]!.toFixed(2)})`,
    );
  },
  PROVE_TIMEOUT_MS,
);
