/**
 * Proof (issue 14) through the real server: `kill -9` of the production server (the launcher
 * and the app process under it) in the middle of a bulk approval, a creation-list import and an
 * assessment publication sent over HTTP; after a restart, all or nothing, and the audit log
 * agrees (judged by lib/testing/crash-fixture.ts judgeTrial, as lib/prove/crash.test.ts judges
 * the same operations in a worker process).
 * Each operation runs once to the end first (its duration through the server), then
 * E2E_CRASH_TRIALS times (3 by default: each kill costs a server restart, 10–30 s on a loaded
 * 2-core machine; 50 per operation run in the worker proof) with the kill drawn at random
 * between 0 and 1.5 × that duration after the request is sent. Its own scratch database with
 * the crash fixture (seeded by lib/prove/crash-worker.ts, since server code cannot load here)
 * and its own server on E2E_PORT + 51.
 */
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { createPrismaClient, type PrismaClient } from "@/lib/prisma-client";
import * as crash from "@/lib/testing/crash-fixture";
import { createScratchDatabase, type ScratchDatabase } from "@/lib/testing/database";
import { E2E_NOW } from "./demo-date";
import { DEMO_PASSWORD } from "./fixtures";
import { actionId, callAction, signIn } from "./http";
import { startServer, type TestServer } from "./server";

const TRIALS = Number(process.env.E2E_CRASH_TRIALS) > 0 ? Number(process.env.E2E_CRASH_TRIALS) : 3;
const port = Number(process.env.E2E_PORT ?? 3100) + 51;
const root = path.resolve(import.meta.dirname, "..");

let database: ScratchDatabase;
let prisma: PrismaClient;
let fixture: crash.CrashFixture;
let server: TestServer;

/** Runs an operation of lib/prove/crash-worker.ts on the scratch database; its JSON line. */
function worker<T>(operation: string, args: object): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      path.join(root, "node_modules/.bin/tsx"),
      ["--conditions=react-server", "lib/prove/crash-worker.ts", operation, JSON.stringify(args)],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: database.url, MEIZHEN_NOW: E2E_NOW },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("exit", (code) => {
      if (code === 0) resolve(JSON.parse(out.trim().split("\n").at(-1)!) as T);
      else reject(new Error(`crash-worker ${operation} exited ${code}: ${err.slice(0, 600)}`));
    });
  });
}

test.describe.configure({ timeout: 1_800_000 });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  database = await createScratchDatabase("crash_http");
  prisma = createPrismaClient(database.url, { max: 2 });
  fixture = await worker<crash.CrashFixture>("seed", { password: DEMO_PASSWORD });
  server = await startServer(port, database.url, 180_000);
});

test.afterAll(async () => {
  await server?.stop();
  await prisma?.$disconnect();
  await database?.drop();
});

/** The request of one trial, sent to the server now; resolves when it answered or broke off. */
type Send = (baseURL: string) => Promise<unknown>;

/** Prepares the next trial of an operation: what to send, and what to judge a publication by. */
async function prepare(
  operation: crash.CrashOperation,
): Promise<{ send: Send; publish?: crash.PublishTrial }> {
  switch (operation) {
    case "bulkApprove": {
      const cookie = await signIn(server.baseURL, "reviewer-330825");
      const reports = await prisma.progressReport.findMany({
        where: { id: { in: fixture.submittedIds } },
        select: { id: true, version: true },
      });
      const id = actionId("lib/reports/actions.ts", "bulkApproveAction");
      const args = [reports.map((r) => ({ reportId: r.id, expectedVersion: r.version }))];
      return {
        send: (baseURL) =>
          callAction(baseURL, cookie, id, args, { path: "/counties/330825/reviews" }),
      };
    }
    case "importTasks": {
      const cookie = await signIn(server.baseURL, "admin");
      return {
        send: (baseURL) => {
          const form = new FormData();
          form.set("file", new File([crash.CRASH_IMPORT_CSV], "名单.csv", { type: "text/csv" }));
          return fetch(`${baseURL}/api/tasks/${crash.IMPORT_YEAR}/import`, {
            method: "POST",
            headers: { cookie, Origin: baseURL },
            body: form,
          }).then((r) => r.text());
        },
      };
    }
    case "publishRun": {
      const run = await worker<{ runId: number; expectedRevision: number }>("computedRun", {
        user: fixture.admin.id,
      });
      const earlier = (await crash.crashState(prisma, fixture)).published;
      const cookie = await signIn(server.baseURL, "admin");
      const id = actionId("lib/assessments/actions.ts", "publishRunAction");
      return {
        send: (baseURL) => callAction(baseURL, cookie, id, [run], { path: "/assessments" }),
        publish: { runId: run.runId, earlier },
      };
    }
  }
}

const subjects: [string, crash.CrashOperation][] = [
  ["a bulk approval", "bulkApprove"],
  ["a creation-list import", "importTasks"],
  ["an assessment publication", "publishRun"],
];

for (const [name, operation] of subjects) {
  test(`kill -9 of the server during ${name}: after restart all or nothing, the audit log agrees`, async () => {
    const started = performance.now();
    const first = await prepare(operation);
    const sentAt = performance.now();
    await first.send(server.baseURL);
    const duration = performance.now() - sentAt;
    expect(await crash.judgeTrial(prisma, fixture, operation, first.publish)).toBe(true);
    await crash.undoTrial(prisma, fixture, operation);
    const tally = { killedBefore: 0, killedAfterCommit: 0 };
    for (let trial = 0; trial < TRIALS; trial++) {
      const { send, publish } = await prepare(operation);
      const answered = send(server.baseURL).catch(() => "broken off");
      await new Promise((resolve) => setTimeout(resolve, Math.random() * duration * 1.5));
      await server.kill();
      await answered;
      server = await startServer(port, database.url, 180_000);
      const all = await crash.judgeTrial(prisma, fixture, operation, publish);
      if (all) {
        tally.killedAfterCommit++;
        await crash.undoTrial(prisma, fixture, operation);
      } else tally.killedBefore++;
    }
    console.log(
      `crash through the server (${name}, ${duration.toFixed(0)} ms when not killed): ${TRIALS} kills → ` +
        `${tally.killedBefore} nothing written, ${tally.killedAfterCommit} all written; ` +
        `${((performance.now() - started) / 1000).toFixed(0)} s (load ${os.loadavg()[0]!.toFixed(2)})`,
    );
  });
}
