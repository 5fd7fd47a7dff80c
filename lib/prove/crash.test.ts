/**
 * Proof (issue 14): a process killed with SIGKILL in the middle of a bulk approval, a
 * creation-list import or an assessment publication leaves all or nothing, and the audit log
 * agrees with the data. Each trial starts a worker process (lib/prove/crash-worker.ts) that runs
 * the use case in its one transaction, and kills it a random moment after it says it starts:
 * between 0 and 1.5 × the time the operation took when it ran to the end (measured once per
 * operation first), so that trials land before, during and after the commit. Then either all
 * of it is there with its one audit row each, or none of it and no audit row:
 * - bulk approval: both SUBMITTED reports approved with one `report.approve` row each, or neither;
 * - import: the CSV's four 2027 tasks and one `task.import` row, or no task and no row;
 * - publication: the run PUBLISHED (the earlier one SUPERSEDED) with one `assessmentRun.publish`
 *   row for it, or the run still COMPUTED, the earlier one still PUBLISHED, and no row.
 * PROVE_TRIALS sets the trials per operation (50 recorded in docs/BENCHMARKS.md; 5 in `npm test`).
 * The same operations through the real HTTP server, killed with kill -9 and restarted:
 * e2e/crash.spec.ts.
 */
import { spawn } from "node:child_process";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/prisma-client";
import { scratchApp } from "@/lib/testing/builders";
import {
  CRASH_IMPORT_CSV,
  IMPORT_YEAR,
  crashState,
  judgeTrial,
  undoTrial,
  type CrashFixture,
  type CrashOperation,
  type PublishTrial,
} from "@/lib/testing/crash-fixture";
import { computedRun, seedCrashFixture } from "@/lib/testing/crash-seed";
import { PROVE_TIMEOUT_MS } from "@/lib/testing/race";

const TRIALS = Number(process.env.PROVE_TRIALS) > 0 ? Number(process.env.PROVE_TRIALS) : 5;
let prisma: PrismaClient;
let drop: () => Promise<void>;
let url: string;
let fixture: CrashFixture;
const previousNow = process.env.MEIZHEN_NOW;

beforeAll(async () => {
  process.env.MEIZHEN_NOW = "2026-12-04T10:00:00+08:00";
  const app = await scratchApp("prove_crash");
  ({ prisma, drop } = app);
  url = app.database.url;
  fixture = await seedCrashFixture(prisma);
});

afterAll(async () => {
  if (previousNow === undefined) delete process.env.MEIZHEN_NOW;
  else process.env.MEIZHEN_NOW = previousNow;
  await drop?.();
});

/** The environment without the test runner's own variables (its IPC, its loaders). */
function workerEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(VITEST|NODE_OPTIONS|TINYPOOL)/.test(k)),
  ) as NodeJS.ProcessEnv;
}

type Outcome = { outcome: "done" | "killed"; ms: number };

/** The worker's name in pg_stat_activity (its connections carry it as application_name). */
const WORKER_APP = "meizhen_crash_worker";

/**
 * Waits until PostgreSQL has ended every session of the killed worker. A COMMIT the worker sent
 * just before SIGKILL still commits after the process is gone: judging before its session ends
 * could call a committed write "nothing written" (and the next trial then meets its rows).
 * @throws when a session outlives the worker by 10 s.
 */
async function workerSessionsEnded(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const [row] = await prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = ${WORKER_APP}`;
    if (Number(row?.n ?? 0) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the killed worker's database session outlived it by 10 s");
}

/** The scratch database's URL as the worker connects with it (named, see WORKER_APP). */
function workerUrl(): string {
  const named = new URL(url);
  named.searchParams.set("application_name", WORKER_APP);
  return named.toString();
}

/**
 * Runs the worker, killing it `killAfterMs` after "start" (never, when undefined); resolves to
 * whether it finished and how long it ran from "start" to "done" (ms; to its exit when killed).
 */
function runWorker(operation: string, args: object, killAfterMs?: number): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    // Node itself with tsx as its loader, not the tsx CLI: the CLI runs the script in a child
    // process of its own, so SIGKILL of the CLI left that child running to its commit (every
    // "kill" then judged "all written", none "nothing written").
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "--conditions=react-server",
        "lib/prove/crash-worker.ts",
        operation,
        JSON.stringify(args),
      ],
      { env: { ...workerEnv(), DATABASE_URL: workerUrl() }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    let timer: NodeJS.Timeout | undefined;
    let started = 0;
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    let doneAt = 0;
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("done\n") && !doneAt) doneAt = performance.now();
      if (out.includes("start\n") && !started) {
        started = performance.now();
        if (killAfterMs !== undefined) {
          timer = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
        }
      }
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      // Until "done" (the commit), not until the process is gone: its exit costs more than a
      // short transaction, and a window drawn over it lands almost every kill after the commit.
      const ms = (doneAt || performance.now()) - started;
      if (out.includes("done")) resolve({ outcome: "done", ms });
      else if (signal === "SIGKILL") resolve({ outcome: "killed", ms });
      else
        reject(
          new Error(`worker exited ${code}: ${err.slice(0, 400).replace(/[^\x20-\x7e\n]/g, "?")}`),
        );
    });
  });
}

/** The operations under trial, with their worker arguments for the next trial. */
const subjects: {
  name: string;
  operation: CrashOperation;
  prepare: () => Promise<{ args: object; publish?: PublishTrial }>;
}[] = [
  {
    name: "a bulk approval",
    operation: "bulkApprove",
    prepare: async () => ({
      args: { user: fixture.reviewer.id, reportIds: fixture.submittedIds },
    }),
  },
  {
    name: "a creation-list import",
    operation: "importTasks",
    prepare: async () => ({
      args: { user: fixture.admin.id, year: IMPORT_YEAR, csv: CRASH_IMPORT_CSV },
    }),
  },
  {
    name: "an assessment publication",
    operation: "publishRun",
    prepare: async () => {
      const run = await computedRun(fixture.admin, prisma);
      const earlier = (await crashState(prisma, fixture)).published;
      return { args: { user: fixture.admin.id, ...run }, publish: { runId: run.runId, earlier } };
    },
  },
];

describe("SIGKILL of a worker process in the middle of a write", () => {
  for (const subject of subjects) {
    it(
      `${TRIALS} trials during ${subject.name}: all or nothing, the audit log agrees`,
      async () => {
        const started = performance.now();
        // Once to the end: the operation's duration, from which the kill moments are drawn.
        const first = await subject.prepare();
        const calibration = await runWorker(subject.operation, first.args);
        expect(calibration.outcome).toBe("done");
        expect(await judgeTrial(prisma, fixture, subject.operation, first.publish)).toBe(true);
        await undoTrial(prisma, fixture, subject.operation);
        const window = Math.max(50, calibration.ms * 1.5);
        const tally = { done: 0, killedBefore: 0, killedAfterCommit: 0 };
        for (let trial = 0; trial < TRIALS; trial++) {
          const { args, publish } = await subject.prepare();
          const { outcome } = await runWorker(
            subject.operation,
            args,
            Math.floor(Math.random() * window),
          );
          await workerSessionsEnded();
          const all = await judgeTrial(prisma, fixture, subject.operation, publish);
          if (outcome === "done") {
            tally.done++;
            expect(all).toBe(true);
          } else if (all) tally.killedAfterCommit++;
          else tally.killedBefore++;
          if (all) await undoTrial(prisma, fixture, subject.operation);
        }
        const ms = performance.now() - started;
        console.log(
          `crash (${subject.name}, ${calibration.ms.toFixed(0)} ms when not killed): ${TRIALS} trials → ` +
            `${tally.done} finished, ${tally.killedBefore} killed before commit (nothing written), ` +
            `${tally.killedAfterCommit} killed after commit (all written); ${ms.toFixed(0)} ms ` +
            `(load ${os.loadavg()[0]!.toFixed(2)})`,
        );
      },
      PROVE_TIMEOUT_MS,
    );
  }
});
