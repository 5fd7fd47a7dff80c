/**
 * What `npm run bench:pages` and `npm run bench:load` share (one owner): the command line, a
 * production server on the demo data (built when out of date, loaded into a scratch database,
 * started with the production launcher as e2e/server.ts does), the demo users' sessions, the
 * requests they send, and what is measured of the server: statements and time waiting for
 * PostgreSQL (its own metrics), CPU time and RSS of its process tree (/proc), and the
 * percentiles of the answers.
 */
import os from "node:os";
import fs from "node:fs";
import autocannon from "autocannon";
import { E2E_TODAY } from "@/e2e/demo-date";
import { E2E_METRICS_TOKEN, startServer, type TestServer } from "@/e2e/server";
import { createPrismaClient, type PrismaClient } from "@/lib/prisma-client";
import { createScratchDatabase } from "@/lib/testing/database";
import { seedDemoData } from "@/prisma/seed";
import { ensureBuilt } from "./next-process";

/** The command line's `--name=value` options (`--flag` alone is "true"). */
export const args: Record<string, string> = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, "").split("=");
    return [k!, v ?? "true"];
  }),
);
const PASSWORD = "Meizhen#2026";
/** The township whose report form is measured, its county, and the demo data's year. */
export const TOWN = "330825109";
export const COUNTY = "330825";
export const YEAR = 2026;

/** Nearest-rank percentile of sorted samples. */
export const percentile = (sorted: number[], p: number) =>
  sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
/** A figure in ms with one decimal. */
export const ms = (n: number) => n.toFixed(1);

/** Signs in through next-auth's credentials endpoint; returns the Cookie header. */
export async function signIn(base: string, username: string): Promise<string> {
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
export async function dbCounters(base: string): Promise<{ count: number; seconds: number }> {
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
export function rssMb(pid: number): number {
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
export function cpuMs(pid: number): number {
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
export function processTree(pid: number, depth = 0): string[] {
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
export type Scenario = {
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
export type LoadResult = {
  requests: number;
  p50: number;
  p97_5: number;
  p99: number;
  errors: number;
  non2xx: number;
  refused: string;
};

/** Runs workers in parallel for `seconds`, each sending its next request when its last ended. */
export async function runWorkers(
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
export async function runLoad(
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

/** The machine's load averages (1, 5, 15 min), printed beside every figure. */
export const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

/** An open report of the demo year, one per town (the save scenarios' reports). */
export type OpenReport = {
  id: number;
  version: number;
  period: { index: number };
  task: { town: { divisionCode: string; county: { divisionCode: string } } };
  values: { indicatorId: number; value: unknown }[];
};

/** A running bench: the server, its sessions and the requests of the scenarios. */
export type Bench = {
  base: string;
  /** The launcher's process id (RSS and CPU are of its whole tree). */
  pid: number;
  server: TestServer;
  /** The bench's own client of the scratch database (for versions after a conflict). */
  prisma: PrismaClient;
  /** Sessions: the city leader, a county reviewer per county, a township user per open report. */
  leader: string;
  reviewers: Map<string, string>;
  staff: Map<string, string>;
  /** Open reports by town, and the version each was last seen at. */
  byTown: Map<string, OpenReport>;
  versions: Map<number, number>;
  /** Towns with a signed-in township user, in the order their workers are started. */
  staffTowns: string[];
  scenarios: {
    cockpit: Scenario;
    countyPage: Scenario;
    form: Scenario;
    summary: Scenario;
    save: Scenario;
  };
  /** Saves `town`'s report once with the version last seen; resolves with the status. */
  saveOwn: (town: string) => () => Promise<number>;
  /** A GET that must answer 2xx (the sequential phase) as a scenario. */
  get: (path: string, cookie: string) => Scenario;
  /** The server's error log lines so far, grouped by their first lines. */
  serverErrors: () => Map<string, number>;
  close: () => Promise<void>;
};

/**
 * Builds when out of date, loads the demo data into a scratch database, starts the server on
 * `port` and signs in the leader, the reviewers of `counties` (default: the measured one) and
 * the township users of up to `townships` towns with an open report.
 */
export async function openBench(options: {
  port: number;
  townships: number;
  allCounties?: boolean;
}): Promise<Bench> {
  ensureBuilt();
  const database = await createScratchDatabase("bench_pages");
  const prisma = createPrismaClient(database.url, { max: 4 });
  let server: TestServer | undefined;
  try {
    console.log(`Loading the demo data as of ${E2E_TODAY} …`);
    await seedDemoData(prisma, { today: E2E_TODAY });
    server = await startServer(options.port, database.url);
    const base = server.baseURL;
    const leader = await signIn(base, "leader");

    // Open reports of the current year, one per town, for the save scenarios.
    const open: OpenReport[] = await prisma.progressReport.findMany({
      where: { status: { in: ["DRAFT", "RETURNED"] }, task: { year: YEAR } },
      select: {
        id: true,
        version: true,
        period: { select: { index: true } },
        task: {
          select: {
            town: {
              select: { divisionCode: true, county: { select: { divisionCode: true } } },
            },
          },
        },
        values: { select: { indicatorId: true, value: true }, take: 40 },
      },
      orderBy: { id: "desc" },
    });
    const byTown = new Map<string, OpenReport>();
    for (const r of open)
      if (!byTown.has(r.task.town.divisionCode)) byTown.set(r.task.town.divisionCode, r);
    if (!byTown.has(TOWN)) throw new Error(`no open ${YEAR} report of ${TOWN} in the demo data`);
    const staffTowns = [TOWN, ...[...byTown.keys()].filter((t) => t !== TOWN)].slice(
      0,
      Math.max(1, options.townships),
    );
    const counties = options.allCounties
      ? [...new Set(staffTowns.map((t) => byTown.get(t)!.task.town.county.divisionCode))]
      : [];
    const reviewers = new Map<string, string>();
    for (const county of new Set([COUNTY, ...counties]))
      reviewers.set(county, await signIn(base, `reviewer-${county}`));
    console.log(`Signing in ${staffTowns.length} township users …`);
    const staff = new Map<string, string>();
    for (const town of staffTowns) staff.set(town, await signIn(base, `staff-${town}`));

    const saveBody = (report: OpenReport, version: number) =>
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
    const own = byTown.get(TOWN)!;
    const started = server;
    return {
      base,
      pid: server.pid,
      server,
      prisma,
      leader,
      reviewers,
      staff,
      byTown,
      versions,
      staffTowns,
      scenarios: {
        cockpit: get("/dashboard", leader),
        countyPage: get(`/counties/${COUNTY}`, reviewers.get(COUNTY)!),
        form: get(`/towns/${TOWN}/reports/${YEAR}/${own.period.index}`, staff.get(TOWN)!),
        summary: get(`/api/v1/summary?year=${YEAR}`, leader),
        save,
      },
      saveOwn,
      get,
      serverErrors: () => groupErrors(started.output()),
      close: async () => {
        await started.stop();
        await prisma.$disconnect();
        await database.drop();
      },
    };
  } catch (error) {
    await server?.stop();
    await prisma.$disconnect();
    await database.drop();
    throw error;
  }
}

/** What the server logged as errors (pretty or JSON lines), grouped by their first lines. */
function groupErrors(output: string): Map<string, number> {
  const errors = new Map<string, number>();
  const lines = output.split("\n");
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
  return errors;
}

/** RSS of the server's tree now, 30 s and 60 s later (the memory's return after a load). */
export async function rssAfterLoad(pid: number): Promise<number[]> {
  const after: number[] = [];
  for (const wait of [0, 30, 60]) {
    if (wait) await new Promise((resolve) => setTimeout(resolve, 30_000));
    after.push(rssMb(pid));
  }
  return after;
}
