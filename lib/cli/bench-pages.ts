/**
 * `npm run bench:pages`: what a page costs through the real server (issue 15, part 1). It
 * builds the app when out of date, loads the Quzhou demo data (as of E2E_TODAY) into a scratch
 * database on the local PostgreSQL, starts the production launcher (as e2e/server.ts does) and
 * signs in as the demo users (lib/cli/bench-server.ts, shared with `npm run bench:load`). Then:
 *
 * 1. **One at a time** (5 warm-up + `--rounds` requests per scenario): p50/p95 latency, the
 *    server's CPU ms per request (its process tree's CPU time from /proc over the requests: the
 *    figure that does not depend on what else the machine runs), and from the server's own
 *    metrics (meizhen_db_statement_seconds, lib/server/metrics.ts) the statements per request
 *    and the time spent waiting for PostgreSQL per request — "its SQL"; the ratio p50 ÷ SQL
 *    time is the page's cost over its statements.
 * 2. **Under load** (autocannon, `--connections` each for `--seconds`): requests/s (and per core),
 *    CPU ms per request, p50/p97.5/p99, errors and non-2xx answers, the server's peak RSS.
 *
 * Scenarios: the cockpit (/dashboard, city leader), a county page (/counties/330825, its
 * reviewer), the township report form (staff of 330825109, its open report), /api/v1/summary
 * (leader), and a draft save (POST /api/reports/{id}/draft, each connection its own town's
 * report, the version carried from answer to answer); `--only=<part of a name>` picks some.
 * `WEB_CONCURRENCY=2 npm run bench:pages` measures two app processes (no statement figures then:
 * each process counts its own). Prints figures only; exits 1 only when something breaks. Targets (issue 15): p50 ≤ 1.5× its
 * SQL, ≤ 8 statements per page, the cockpit ≥ 100 renders/s on 2 cores, 200 saves/s.
 */
import os from "node:os";
import {
  args,
  cpuMs,
  dbCounters,
  loadAverage,
  ms,
  openBench,
  percentile,
  processTree,
  rssAfterLoad,
  rssMb,
  runLoad,
  type Scenario,
} from "./bench-server";

const PORT = Number(args.port ?? 3290);
const ROUNDS = Number(args.rounds ?? 50);
/** App processes of the server under test (WEB_CONCURRENCY, passed on to the launcher). */
const PROCESSES = Number(process.env.WEB_CONCURRENCY ?? 1);
const SECONDS = Number(args.seconds ?? 10);
const CONNECTIONS = String(args.connections ?? "10,50")
  .split(",")
  .map(Number);

async function main() {
  const bench = await openBench({ port: PORT, townships: Math.max(...CONNECTIONS, 20) });
  try {
    const { base, pid } = bench;
    const { cockpit, countyPage, form, summary, save } = bench.scenarios;
    const scenarios: Scenario[] = [cockpit, countyPage, form, summary, save].filter(
      (s) => !args.only || s.name.includes(String(args.only)),
    );
    const cores = os.cpus().length;
    for (const line of processTree(pid)) console.log(line);
    console.log(
      `\nServer pid ${pid}, ${cores} cores, load average ${loadAverage()}, RSS ${ms(rssMb(pid))} MB`,
    );
    console.log(`\n== One at a time (${ROUNDS} requests after 5 warm-up) ==`);
    // CPU ms/req: the server's process tree's CPU time over the requests (from /proc), which does
    // not depend on what else runs on the machine, unlike the wall-clock times.
    // Σ SQL: time waiting for PostgreSQL summed over the request's statements; statements sent
    // in parallel overlap, so for such pages it exceeds the wall time and the ratio is < 1.
    console.log(
      "scenario | p50 ms | p95 ms | CPU ms/req | statements/req | Σ SQL ms/req | p50 ÷ Σ SQL",
    );
    for (const s of scenarios) {
      for (let i = 0; i < 5; i++) await s.once();
      const before = await dbCounters(base);
      const cpuBefore = cpuMs(pid);
      const samples: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const started = performance.now();
        await s.once();
        samples.push(performance.now() - started);
      }
      const cpu = (cpuMs(pid) - cpuBefore) / ROUNDS;
      const after = await dbCounters(base);
      samples.sort((a, b) => a - b);
      const statements = (after.count - before.count) / ROUNDS;
      const sqlMs = ((after.seconds - before.seconds) * 1000) / ROUNDS;
      const p50 = percentile(samples, 50);
      // With several app processes the metrics answer is one process's: no statement figures.
      const sql =
        PROCESSES > 1
          ? "– | – | –"
          : `${statements.toFixed(1)} | ${ms(sqlMs)} | ${(p50 / sqlMs).toFixed(2)}×`;
      console.log(`${s.name} | ${ms(p50)} | ${ms(percentile(samples, 95))} | ${ms(cpu)} | ${sql}`);
    }
    console.log(`load average ${loadAverage()}`);

    if (SECONDS > 0) {
      console.log(`\n== Under load (${SECONDS} s each) ==`);
      console.log(
        "scenario | connections | req/s | req/s/core | CPU ms/req | p50 | p97.5 | p99 ms | errors | non-2xx | peak RSS MB | load",
      );
      for (const s of scenarios) {
        for (const connections of CONNECTIONS) {
          let peak = rssMb(pid);
          const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 200);
          const cpuBefore = cpuMs(pid);
          const r = await runLoad(s, connections, SECONDS);
          const cpu = (cpuMs(pid) - cpuBefore) / Math.max(1, r.requests * SECONDS);
          clearInterval(sampler);
          console.log(
            `${s.name} | ${connections} | ${r.requests.toFixed(1)} | ${(r.requests / cores).toFixed(1)} | ${ms(cpu)} | ${r.p50} | ${r.p97_5} | ${r.p99} | ${r.errors} | ${r.non2xx} ${r.refused} | ${ms(peak)} | ${os.loadavg()[0]!.toFixed(2)}`,
          );
        }
      }
      const after = await rssAfterLoad(pid);
      const [now, later, minute] = after.map(ms);
      console.log(
        `\nServer RSS after the load: +0 s ${now} MB, +30 s ${later} MB, +60 s ${minute} MB`,
      );
    }
    for (const [message, count] of bench.serverErrors())
      console.log(`server error ×${count}: ${message}`);
    console.log(`load average ${loadAverage()}`);
  } finally {
    await bench.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
