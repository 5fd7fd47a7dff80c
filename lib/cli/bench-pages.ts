/**
 * `npm run bench:pages`: what a page costs through the real server (issue 15, part 1; the load
 * part of issue 14's "Prove it"). It builds the app when out of date, loads the Quzhou demo data
 * (as of E2E_TODAY) into a scratch database on the local PostgreSQL, starts the production
 * launcher (lib/cli/run-app.ts start, one process) and signs in as the demo users. Then:
 *
 * 1. **One at a time** (5 warm-up + `--rounds` requests per scenario): p50/p95 latency, and from
 *    the server's own metrics (meizhen_db_statement_seconds, lib/server/metrics.ts) the
 *    statements per request and the time spent waiting for PostgreSQL per request — "its SQL";
 *    the ratio p50 ÷ SQL time is the page's cost over its statements.
 * 2. **Under load** (autocannon, `--connections` each for `--seconds`): requests/s (and per core),
 *    p50/p95/p99, errors and non-2xx answers, the server's peak RSS.
 * 3. **Mixed** (`--mixed`, issue 14): township users saving their own reports, county reviewers
 *    on their county page, city users on the cockpit, all at once; then the server's RSS over
 *    the following minute.
 *
 * Scenarios: the cockpit (/dashboard, city leader), a county page (/counties/330825, its
 * reviewer), the township report form (staff of 330825109, its open report), /api/v1/summary
 * (leader), and a draft save (POST /api/reports/{id}/draft, each connection its own town's
 * report, the version carried from answer to answer). Prints figures only; exits 1 only when
 * something breaks. Targets (issue 15): p50 ≤ 1.5× its SQL, ≤ 8 statements per page, the cockpit
 * ≥ 100 renders/s on 2 cores; issue 14: 0 errors, p99 ≤ 500 ms, RSS ≤ 300 MB.
 */
import os from "node:os";
import fs from "node:fs";
import autocannon from "autocannon";
import { E2E_TODAY } from "@/e2e/demo-date";
import { E2E_METRICS_TOKEN, startServer } from "@/e2e/server";
import { createPrismaClient } from "@/lib/prisma-client";
import { createScratchDatabase } from "@/lib/testing/database";
import { seedDemoData } from "@/prisma/seed";
import { ensureBuilt } from "./next-process";

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, "").split("=");
    return [k!, v ?? "true"];
  }),
);
const PORT = Number(args.port ?? 3290);
const ROUNDS = Number(args.rounds ?? 50);
const SECONDS = Number(args.seconds ?? 10);
const CONNECTIONS = String(args.connections ?? "10,50")
  .split(",")
  .map(Number);
const PASSWORD = "Meizhen#2026";
const TOWN = "330825109";
const COUNTY = "330825";
const YEAR = 2026;

/** Nearest-rank percentile of sorted samples. */
const percentile = (sorted: number[], p: number) =>
  sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const ms = (n: number) => n.toFixed(1);

/** Signs in through next-auth's credentials endpoint; returns the Cookie header. */
async function signIn(base: string, username: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...rest] = pair!.split("=");
      jar.set(name!.trim(), rest.join("="));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const answer = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, username, password: PASSWORD, json: "true" }),
  });
  keep(answer);
  const session = (await (
    await fetch(`${base}/api/auth/session`, { headers: { cookie: cookie() } })
  ).json()) as { user?: { id?: unknown } } | null;
  if (!session?.user?.id) throw new Error(`sign-in of ${username} failed`);
  return cookie();
}

/** The server's statement count and seconds waiting for PostgreSQL so far. */
async function dbCounters(base: string): Promise<{ count: number; seconds: number }> {
  const text = await (
    await fetch(`${base}/api/metrics`, {
      headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` },
    })
  ).text();
  const read = (name: string) =>
    Number(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, "m").exec(text)?.[1] ?? NaN);
  return {
    count: read("meizhen_db_statement_seconds_count"),
    seconds: read("meizhen_db_statement_seconds_sum"),
  };
}

/** Resident memory of a process and all its descendants (MB), from /proc: the launcher counts. */
function rssMb(pid: number): number {
  let total = 0;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
    for (const child of children ? children.split(/\s+/) : []) total += rssMb(Number(child));
  } catch {
    // the process ended meanwhile
  }
  return total;
}

/** The kernel's clock ticks per second for /proc/<pid>/stat times (USER_HZ: 100 on Linux). */
const CLOCK_TICKS = 100;

/**
 * CPU time (ms, user + system, all threads) used so far by a process and its descendants, from
 * /proc/<pid>/stat (fields 14 and 15, in clock ticks): the server's own cost, whatever else
 * runs on the machine. Resolution 10 ms, so divide by many requests.
 */
function cpuMs(pid: number): number {
  let total = 0;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces: split after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    total += ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
    const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
    for (const child of children ? children.split(/\s+/) : []) total += cpuMs(Number(child));
  } catch {
    // the process ended meanwhile
  }
  return total;
}

/** One line per process of the server's tree: pid, RSS (MB) and the start of its command line. */
function processTree(pid: number, depth = 0): string[] {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    const command = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
    const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
    return [
      `${"  ".repeat(depth)}pid ${pid}: ${rss.toFixed(1)} MB  ${command.slice(0, 90)}`,
      ...(children ? children.split(/\s+/) : []).flatMap((c) => processTree(Number(c), depth + 1)),
    ];
  } catch {
    return [];
  }
}

/** "409×12 429×3" from autocannon's status code counts, for the answers that were not 2xx. */
function refusals(stats: Partial<Record<string, { count?: number }>> | undefined): string {
  return Object.entries(stats ?? {})
    .filter(([code]) => !code.startsWith("2"))
    .map(([code, stat]) => `${code}×${stat?.count ?? 0}`)
    .join(" ");
}

/** A request the scenarios send: built afresh each time (a save carries the last version). */
type Scenario = {
  name: string;
  /** One request for the sequential phase; resolves when the body has been read. */
  once: () => Promise<void>;
  /**
   * The load phase with `connections` connections: autocannon options, or workers that each
   * send one request after another (a request that depends on the previous answer).
   */
  load: (connections: number) => autocannon.Options | { sequential: (() => Promise<number>)[] };
};

/** What a load run measured (autocannon's shape, the part printed). */
type LoadResult = {
  requests: number;
  p50: number;
  p97_5: number;
  p99: number;
  errors: number;
  non2xx: number;
  refused: string;
};

/** Runs workers in parallel for `seconds`, each sending its next request when its last ended. */
async function runWorkers(
  workers: (() => Promise<number>)[],
  seconds: number,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let errors = 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    workers.map(async (send) => {
      while (Date.now() < end) {
        const started = performance.now();
        try {
          const status = await send();
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        } catch {
          errors++;
        }
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const non2xx = [...statuses].filter(([code]) => code < 200 || code > 299);
  return {
    requests: latencies.length / seconds,
    p50: Math.round(percentile(latencies, 50)),
    p97_5: Math.round(percentile(latencies, 97.5)),
    p99: Math.round(percentile(latencies, 99)),
    errors,
    non2xx: non2xx.reduce((n, [, count]) => n + count, 0),
    refused: non2xx.map(([code, count]) => `${code}×${count}`).join(" "),
  };
}

/** Runs one load phase of a scenario. */
async function runLoad(
  scenario: Scenario,
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  const plan = scenario.load(connections);
  if ("sequential" in plan) return runWorkers(plan.sequential, seconds);
  const r = await autocannon({ ...plan, duration: seconds });
  return {
    requests: r.requests.average,
    p50: r.latency.p50,
    p97_5: r.latency.p97_5,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    refused: refusals(r.statusCodeStats),
  };
}

async function main() {
  ensureBuilt();
  const database = await createScratchDatabase("bench_pages");
  const prisma = createPrismaClient(database.url, { max: 4 });
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    console.log(`Loading the demo data as of ${E2E_TODAY} …`);
    await seedDemoData(prisma, { today: E2E_TODAY });
    server = await startServer(PORT, database.url);
    const base = server.baseURL;
    const pid = server.pid;
    const leader = await signIn(base, "leader");
    const reviewer = await signIn(base, `reviewer-${COUNTY}`);

    // Open reports of the current year, one per town, for the save scenarios.
    const open = await prisma.progressReport.findMany({
      where: {
        status: { in: ["DRAFT", "RETURNED"] },
        task: { year: YEAR },
      },
      select: {
        id: true,
        version: true,
        period: { select: { index: true } },
        task: { select: { town: { select: { divisionCode: true } } } },
        values: { select: { indicatorId: true, value: true }, take: 40 },
      },
      orderBy: { id: "desc" },
    });
    const byTown = new Map<string, (typeof open)[number]>();
    for (const r of open)
      if (!byTown.has(r.task.town.divisionCode)) byTown.set(r.task.town.divisionCode, r);
    const own = byTown.get(TOWN);
    if (!own) throw new Error(`no open ${YEAR} report of ${TOWN} in the demo data`);
    const mixedTotal = args.mixed ? Number(args.mixed === "true" ? 200 : args.mixed) : 0;
    const staffTowns = [...byTown.keys()].slice(0, Math.max(...CONNECTIONS, mixedTotal, 20));
    console.log(`Signing in ${staffTowns.length} township users …`);
    const staff = new Map<string, string>();
    for (const town of staffTowns) staff.set(town, await signIn(base, `staff-${town}`));

    const saveBody = (report: (typeof open)[number], version: number) =>
      JSON.stringify({
        expectedVersion: version,
        values: Object.fromEntries(
          report.values
            .filter((v) => v.value !== null)
            .map((v) => [String(v.indicatorId), String(v.value)]),
        ),
      });
    const versions = new Map(open.map((r) => [r.id, r.version]));
    const get = (path: string, cookie: string): Scenario => ({
      name: path,
      once: async () => {
        const r = await fetch(`${base}${path}`, { headers: { cookie } });
        await r.arrayBuffer();
        if (!r.ok) throw new Error(`${path}: ${r.status}`);
      },
      load: (connections) => ({ url: `${base}${path}`, connections, headers: { cookie } }),
    });
    /** Saves `town`'s report once with the version last seen; the answer's status. */
    const saveOwn = (town: string) => async (): Promise<number> => {
      const report = byTown.get(town)!;
      const r = await fetch(`${base}/api/reports/${report.id}/draft`, {
        method: "POST",
        headers: { cookie: staff.get(town)!, origin: base, "content-type": "application/json" },
        body: saveBody(report, versions.get(report.id)!),
      });
      const body = (await r.json()) as { version?: number };
      if (r.ok) versions.set(report.id, body.version!);
      return r.status;
    };
    const save: Scenario = {
      name: "draft save",
      once: async () => {
        const status = await saveOwn(TOWN)();
        if (status !== 200) throw new Error(`save: ${status}`);
      },
      // Each connection saves its own town's report, carrying the version from answer to answer
      // (autocannon prepares a request before the previous answer arrives, so it cannot).
      load: (connections) => ({ sequential: staffTowns.slice(0, connections).map(saveOwn) }),
    };
    const cockpit = get("/dashboard", leader);
    const countyPage = get(`/counties/${COUNTY}`, reviewer);
    const scenarios: Scenario[] = [
      cockpit,
      countyPage,
      get(`/towns/${TOWN}/reports/${YEAR}/${own.period.index}`, staff.get(TOWN)!),
      get(`/api/v1/summary?year=${YEAR}`, leader),
      save,
    ].filter((s) => !args.only || s.name.includes(String(args.only)));

    const cores = os.cpus().length;
    for (const line of processTree(pid)) console.log(line);
    console.log(
      `\nServer pid ${pid}, ${cores} cores, load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}, RSS ${ms(rssMb(pid))} MB`,
    );
    console.log(`\n== One at a time (${ROUNDS} requests after 5 warm-up) ==`);
    // Σ SQL: time waiting for PostgreSQL summed over the request's statements; statements sent
    // in parallel overlap, so for such pages it exceeds the wall time and the ratio is < 1.
    // CPU ms/req: the server's process tree's CPU time over the requests (from /proc), which does
    // not depend on what else runs on the machine, unlike the wall-clock times.
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
      console.log(
        `${s.name} | ${ms(p50)} | ${ms(percentile(samples, 95))} | ${ms(cpu)} | ${statements.toFixed(1)} | ${ms(sqlMs)} | ${(p50 / sqlMs).toFixed(2)}×`,
      );
    }

    console.log(`\n== Under load (${SECONDS} s each) ==`);
    console.log(
      "scenario | connections | req/s | req/s/core | CPU ms/req | p50 | p97.5 | p99 ms | errors | non-2xx | peak RSS MB",
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
          `${s.name} | ${connections} | ${r.requests.toFixed(1)} | ${(r.requests / cores).toFixed(1)} | ${ms(cpu)} | ${r.p50} | ${r.p97_5} | ${r.p99} | ${r.errors} | ${r.non2xx} ${r.refused} | ${ms(peak)}`,
        );
      }
    }

    if (args.mixed) {
      const total = mixedTotal;
      const township = Math.min(staffTowns.length, Math.round(total * 0.6));
      const county = Math.round((total - township) / 2);
      const city = total - township - county;
      console.log(
        `\n== Mixed (${SECONDS * 3} s): ${township} township users saving, ${county} county, ${city} city ==`,
      );
      let peak = rssMb(pid);
      const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 200);
      const runs = await Promise.all([
        runLoad(save, township, SECONDS * 3),
        runLoad(countyPage, county, SECONDS * 3),
        runLoad(cockpit, city, SECONDS * 3),
      ]);
      clearInterval(sampler);
      for (const [name, r] of [
        ["draft save", runs[0]],
        ["county page", runs[1]],
        ["cockpit", runs[2]],
      ] as const) {
        console.log(
          `${name}: ${r.requests.toFixed(1)} req/s, p50 ${r.p50} p99 ${r.p99} ms, errors ${r.errors}, non-2xx ${r.non2xx} ${r.refused}`,
        );
      }
      console.log(`peak RSS ${ms(peak)} MB`);
    }
    const after: string[] = [];
    for (const wait of [0, 30, 60]) {
      if (wait) await new Promise((resolve) => setTimeout(resolve, 30_000));
      after.push(`+${wait} s ${ms(rssMb(pid))} MB`);
    }
    console.log(`\nServer RSS after the load: ${after.join(", ")}`);
    // What the server logged as errors (pretty or JSON lines), grouped by their first lines.
    const errors = new Map<string, number>();
    const lines = server.output().split("\n");
    lines.forEach((line, i) => {
      if (!/ERROR:|"level":50/.test(line)) return;
      const key = lines
        .slice(i, i + 12)
        .filter((l) => /ERROR|message|msg|where|code/.test(l))
        .join(" ")
        .replace(/\[[^\]]*\]/g, "")
        .replace(/\s+/g, " ")
        .slice(0, 300);
      errors.set(key, (errors.get(key) ?? 0) + 1);
    });
    for (const [message, count] of errors) console.log(`server error ×${count}: ${message}`);
    console.log(
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
  } finally {
    await server?.stop();
    await prisma.$disconnect();
    await database.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
