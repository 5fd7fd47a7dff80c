/**
 * `npm start` with WEB_CONCURRENCY=2 (lib/cli/serve.ts): two app processes of Node's cluster
 * share one port and both answer; a process that dies is replaced while the other keeps
 * answering; SIGTERM drains both and the launcher exits with no process left behind.
 */
import http from "node:http";
import { expect, test } from "@playwright/test";
import { signIn } from "./http";
import { descendants, startServer, type TestServer } from "./server";

const port = Number(process.env.E2E_PORT ?? 3100) + 61;

/** The app processes under the launcher (the cluster's primary). */
const appProcesses = (server: TestServer) => descendants(server.pid);

test.describe("two app processes on one port", () => {
  test.describe.configure({ timeout: 240_000 });
  let server: TestServer;

  test.beforeAll(async () => {
    server = await startServer(port, process.env.E2E_DATABASE_URL ?? "", 120_000, {
      WEB_CONCURRENCY: "2",
    });
  });
  test.afterAll(async () => {
    await server?.kill();
  });

  test("both serve; a dead one is replaced; SIGTERM stops them all", async () => {
    const workers = appProcesses(server);
    expect(workers).toHaveLength(2);

    // Signed-in pages through both processes (round-robin across fresh connections).
    const cookie = await signIn(server.baseURL, "leader");
    const statuses = await Promise.all(
      Array.from({ length: 8 }, () =>
        fetch(`${server.baseURL}/dashboard`, { headers: { cookie, connection: "close" } }).then(
          (r) => r.status,
        ),
      ),
    );
    expect(statuses).toEqual(Array(8).fill(200));

    // One process is killed. Once the primary has seen it end (a connection it handed over
    // in that instant is reset, as with any crash: the proxy in front retries), the other
    // answers every request while the replacement starts.
    process.kill(workers[0]!, "SIGKILL");
    await expect
      .poll(() => server.output().includes("an app process ended; starting another"), {
        timeout: 10_000,
      })
      .toBe(true);
    const during = await Promise.all(
      Array.from({ length: 4 }, () =>
        fetch(`${server.baseURL}/api/health/ready`, { headers: { connection: "close" } }).then(
          (r) => r.status,
        ),
      ),
    );
    expect(during).toEqual(Array(4).fill(200));
    await expect
      .poll(() => appProcesses(server).filter((pid) => !workers.includes(pid)).length, {
        timeout: 60_000,
      })
      .toBe(1);
    await expect
      .poll(
        async () => {
          const answers = await Promise.all(
            Array.from({ length: 6 }, () =>
              fetch(`${server.baseURL}/api/health/ready`, {
                headers: { connection: "close" },
              }).then((r) => r.status),
            ),
          );
          return answers.every((s) => s === 200);
        },
        { timeout: 60_000 },
      )
      .toBe(true);
    // SIGTERM: every process drains and exits, then the launcher.
    const last = appProcesses(server);
    expect(last).toHaveLength(2);
    await server.stop();
    for (const pid of last) expect(() => process.kill(pid, 0)).toThrow();
  });
});

test("processes that cannot start (the port is taken): the launcher stops instead of restarting them forever", async () => {
  test.setTimeout(120_000);
  const taken = port + 1;
  const blocker = http.createServer((_, res) => res.writeHead(503).end());
  await new Promise<void>((done) => blocker.listen(taken, "127.0.0.1", done));
  try {
    await expect(
      startServer(taken, process.env.E2E_DATABASE_URL ?? "", 90_000, { WEB_CONCURRENCY: "2" }),
    ).rejects.toThrow(/exited:[\s\S]*app processes end before they start; stopping/);
  } finally {
    blocker.close();
  }
});
