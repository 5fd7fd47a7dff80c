/**
 * `npm run bench:load`: the load part of issue 14's "Prove it" — `--users` (200) people at once
 * on the production server with the demo data, for `--seconds` (30), with `--think` seconds (0)
 * on average between a person's requests (each pause drawn from an exponential distribution,
 * and one before the first request, so that people do not all click in the same millisecond;
 * 0 = no pause, the server's saturation: by Little's law p50 is then about users ÷ throughput,
 * whatever the server does):
 *
 * - **township users** (60%, one per town with an open report: 64 in the demo data) save their
 *   own report three times (POST /api/reports/{id}/draft, the version carried from answer to
 *   answer), then submit it (the form's server action); while it waits for review they open
 *   their report form;
 * - **county users** (half the rest, spread over the counties of those towns) take a submitted
 *   report of their county, open its review page and return it with a comment (the review
 *   form's server action), so its town can save again; with nothing to review they open their
 *   review queue;
 * - **city users** (the rest) open the cockpit.
 *
 * Prints per route: requests, req/s, p50/p95/p99, errors (no answer within 10 s, a 5xx, or an
 * action that threw) and other non-2xx answers by status; submissions the checklist refused are
 * counted apart (a user's answer, not a fault). Then the server's CPU ms per request, peak RSS
 * and RSS +0/+30/+60 s after, the load average, and each target as met / not met: 0 errors,
 * p99 ≤ 500 ms on every route (issue 14), peak RSS ≤ 300 MB (issue 14), RSS ≤ 500 MB after the
 * burst and < 300 MB a minute later (issue 15). Figures only: exits 1 only when something breaks.
 * Before the clock starts, each page of the mix and a few saves run unmeasured (the warm-up,
 * as bench:pages has). Shares its server, sessions and measurements with `npm run bench:pages`
 * (lib/cli/bench-server.ts).
 */
import os from "node:os";
import { actionId, callAction } from "@/e2e/http";
import {
  args,
  cpuMs,
  loadAverage,
  ms,
  openBench,
  percentile,
  processTree,
  rssAfterLoad,
  rssMb,
  YEAR,
} from "./bench-server";

const PORT = Number(args.port ?? 3291);
const USERS = Number(args.users ?? 200);
const SECONDS = Number(args.seconds ?? 30);
/** A request with no answer after this long counts as an error (autocannon's default). */
const TIMEOUT_MS = 10_000;
const SAVES_BEFORE_SUBMIT = 3;
/** Mean seconds a person spends between two requests (reading, typing); 0 = none. */
const THINK_S = Number(args.think ?? 0);

/** A person's pause before the next request: exponential with mean THINK_S, none past `end`. */
function think(end: number): Promise<void> {
  if (!(THINK_S > 0)) return Promise.resolve();
  const pause = Math.min(-Math.log(1 - Math.random()) * THINK_S * 1000, end - Date.now());
  return new Promise((done) => setTimeout(done, Math.max(0, pause)));
}

/** What one route's requests measured. */
type RouteStats = { latencies: number[]; statuses: Map<number, number>; errors: number };

/** Latencies and outcomes per route. */
class Recorder {
  readonly routes = new Map<string, RouteStats>();
  /** Refusals that are answers to the user (the checklist refused a submission). */
  refusedSubmissions = 0;

  /**
   * Times `send` as one request of `route`; resolves with its status (0 when it failed).
   * A 5xx or a thrown action counts as an error.
   */
  async time(
    route: string,
    send: (signal: AbortSignal) => Promise<{ status: number; thrown?: boolean }>,
  ) {
    let stats = this.routes.get(route);
    if (!stats) this.routes.set(route, (stats = { latencies: [], statuses: new Map(), errors: 0 }));
    const started = performance.now();
    try {
      const { status, thrown } = await send(AbortSignal.timeout(TIMEOUT_MS));
      stats.statuses.set(status, (stats.statuses.get(status) ?? 0) + 1);
      if (status >= 500 || thrown) stats.errors++;
      return status;
    } catch {
      stats.errors++;
      return 0;
    } finally {
      stats.latencies.push(performance.now() - started);
    }
  }
}

async function main() {
  const townships = Math.round(USERS * 0.6);
  const bench = await openBench({ port: PORT, townships, allCounties: true });
  const { base, pid, byTown, versions, staff } = bench;
  try {
    const towns = bench.staffTowns;
    const countyOf = (town: string) => byTown.get(town)!.task.town.county.divisionCode;
    const counties = [...new Set(towns.map(countyOf))];
    const countyUsers = Math.round((USERS - towns.length) / 2);
    const cityUsers = USERS - towns.length - countyUsers;
    const submit = actionId("lib/reports/actions.ts", "submitReportAction");
    const returnIt = actionId("lib/reports/actions.ts", "returnReportAction");
    const record = new Recorder();
    /** Submitted reports waiting for their county's review, by county. */
    const waiting = new Map<string, { town: string; reportId: number }[]>(
      counties.map((c) => [c, []]),
    );
    /** Towns whose report is submitted and not yet returned. */
    const submitted = new Set<string>();
    const formPath = (town: string) =>
      `/towns/${town}/reports/${YEAR}/${byTown.get(town)!.period.index}`;
    const page = (path: string, cookie: string) => async (signal: AbortSignal) => {
      const r = await fetch(`${base}${path}`, { headers: { cookie }, signal });
      await r.arrayBuffer();
      return { status: r.status };
    };
    /** The version the database holds (after a conflict: someone else moved it). */
    const reread = async (reportId: number) => {
      const row = await bench.prisma.progressReport.findUniqueOrThrow({
        where: { id: reportId },
        select: { version: true },
      });
      versions.set(reportId, row.version);
    };

    const end = Date.now() + SECONDS * 1000;
    const township = async (town: string) => {
      const report = byTown.get(town)!;
      const save = bench.saveOwn(town);
      let saves = 0;
      while (Date.now() < end) {
        await think(end);
        if (Date.now() >= end) break;
        if (submitted.has(town)) {
          await record.time(
            "report form (waiting for review)",
            page(formPath(town), staff.get(town)!),
          );
        } else if (saves < SAVES_BEFORE_SUBMIT) {
          const status = await record.time("draft save", () => save().then((s) => ({ status: s })));
          if (status === 409) await reread(report.id);
          saves++;
        } else {
          saves = 0;
          const version = versions.get(report.id)!;
          let answer: Awaited<ReturnType<typeof callAction>> | undefined;
          await record.time("submit", async () => {
            answer = await callAction(
              base,
              staff.get(town)!,
              submit,
              [{ reportId: report.id, expectedVersion: version }],
              { path: formPath(town) },
            );
            return answer;
          });
          const state = answer?.value as { status?: string } | undefined;
          if (state?.status === "ok") {
            versions.set(report.id, version + 1);
            submitted.add(town);
            waiting.get(countyOf(town))!.push({ town, reportId: report.id });
          } else if (answer && !answer.thrown) {
            record.refusedSubmissions++;
            await reread(report.id);
          }
        }
      }
    };
    const reviewer = async (county: string) => {
      const cookie = bench.reviewers.get(county)!;
      while (Date.now() < end) {
        await think(end);
        if (Date.now() >= end) break;
        const next = waiting.get(county)!.shift();
        if (!next) {
          await record.time("review queue", page(`/counties/${county}/reviews`, cookie));
          continue;
        }
        const path = `/counties/${county}/reviews/${next.reportId}`;
        await record.time("review page", page(path, cookie));
        await think(end);
        const version = versions.get(next.reportId)!;
        let answer: Awaited<ReturnType<typeof callAction>> | undefined;
        await record.time("return", async () => {
          answer = await callAction(
            base,
            cookie,
            returnIt,
            [
              {
                reportId: next.reportId,
                expectedVersion: version,
                comment: "请补充说明",
                items: [],
              },
            ],
            { path },
          );
          return answer;
        });
        if ((answer?.value as { status?: string } | undefined)?.status === "ok") {
          versions.set(next.reportId, version + 1);
        } else {
          await reread(next.reportId);
        }
        submitted.delete(next.town);
      }
    };
    const city = async () => {
      while (Date.now() < end) {
        await think(end);
        if (Date.now() >= end) break;
        await record.time("cockpit", page("/dashboard", bench.leader));
      }
    };

    // Warm-up, as bench:pages does before it measures: each page of the mix and a save a few
    // times, unmeasured, so that the first requests' one-off costs (the route's code loaded and
    // compiled, the live figures computed) are not counted as the mix's latency.
    const warm = new Recorder();
    for (let i = 0; i < 3; i++) {
      await warm.time("cockpit", page("/dashboard", bench.leader));
      for (const county of counties) {
        await warm.time("queue", page(`/counties/${county}/reviews`, bench.reviewers.get(county)!));
      }
      const town = towns[i % towns.length]!;
      await warm.time("form", page(formPath(town), staff.get(town)!));
    }
    for (const town of towns.slice(0, 3)) {
      const status = await warm.time("save", () =>
        bench
          .saveOwn(town)()
          .then((s) => ({ status: s })),
      );
      if (status === 409) await reread(byTown.get(town)!.id);
    }

    const cores = os.cpus().length;
    for (const line of processTree(pid)) console.log(line);
    const idle = rssMb(pid);
    console.log(
      `\n== ${USERS} users for ${SECONDS} s, ${THINK_S} s between a user's requests on average: ${towns.length} township (saving and submitting), ${countyUsers} county (reviewing, ${counties.length} counties), ${cityUsers} city (cockpit) ==`,
    );
    console.log(`${cores} cores, load average ${loadAverage()}, server RSS idle ${ms(idle)} MB`);
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 200);
    const cpuBefore = cpuMs(pid);
    const started = performance.now();
    await Promise.all([
      ...towns.map(township),
      ...Array.from({ length: countyUsers }, (_, i) => reviewer(counties[i % counties.length]!)),
      ...Array.from({ length: cityUsers }, city),
    ]);
    const elapsed = (performance.now() - started) / 1000;
    const cpu = cpuMs(pid) - cpuBefore;
    clearInterval(sampler);
    const loadDuring = loadAverage();

    console.log("\nroute | requests | req/s | p50 ms | p95 ms | p99 ms | errors | non-2xx");
    let total = 0;
    let errors = 0;
    let worstP99 = 0;
    for (const [route, s] of record.routes) {
      s.latencies.sort((a, b) => a - b);
      const p99 = percentile(s.latencies, 99);
      total += s.latencies.length;
      errors += s.errors;
      worstP99 = Math.max(worstP99, p99);
      const non2xx = [...s.statuses]
        .filter(([code]) => code < 200 || code > 299)
        .map(([code, n]) => `${code || "no answer"}×${n}`)
        .join(" ");
      console.log(
        `${route} | ${s.latencies.length} | ${(s.latencies.length / elapsed).toFixed(1)} | ${Math.round(percentile(s.latencies, 50))} | ${Math.round(percentile(s.latencies, 95))} | ${Math.round(p99)} | ${s.errors} | ${non2xx}`,
      );
    }
    console.log(
      `all | ${total} | ${(total / elapsed).toFixed(1)} req/s (${(total / elapsed / cores).toFixed(1)} per core) | server CPU ${ms(cpu / Math.max(1, total))} ms/req | submissions refused by the checklist: ${record.refusedSubmissions}`,
    );
    const [now, later, minute] = await rssAfterLoad(pid);
    console.log(
      `server RSS: idle ${ms(idle)} MB, peak ${ms(peak)} MB, after +0 s ${ms(now!)} MB, +30 s ${ms(later!)} MB, +60 s ${ms(minute!)} MB`,
    );
    const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
    console.log(`\nTargets (load average during the run ${loadDuring}; now ${loadAverage()}):`);
    console.log(`- 0 errors: ${errors} — ${verdict(errors === 0)}`);
    console.log(
      `- p99 ≤ 500 ms on every route: worst ${Math.round(worstP99)} ms — ${verdict(worstP99 <= 500)}`,
    );
    console.log(`- server RSS ≤ 300 MB (issue 14, peak): ${ms(peak)} MB — ${verdict(peak <= 300)}`);
    console.log(
      `- RSS ≤ 500 MB after the burst (issue 15): ${ms(now!)} MB — ${verdict(now! <= 500)}`,
    );
    console.log(
      `- RSS < 300 MB a minute later (issue 15): ${ms(minute!)} MB — ${verdict(minute! < 300)}`,
    );
    for (const [message, count] of bench.serverErrors())
      console.log(`server error ×${count}: ${message}`);
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
