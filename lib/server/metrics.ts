/**
 * The app's Prometheus metrics (prom-client), in one registry kept on `globalThis` so the app
 * server (lib/server/http-server.ts) and the Next route that serves them (GET /api/metrics)
 * share it. Label values are bounded: routes are path patterns (ids and codes replaced), never
 * raw paths. Gauges whose value lives in the database (the pool, overdue reports) are read on
 * scrape through collectors that the app registers (`setPoolSource`, `setOverdueSource`).
 */
import client from "prom-client";
import type { Queryable } from "@/lib/prisma-client";

/** A pool's counts as node-postgres reports them. */
export type PoolCounts = { total: number; idle: number; waiting: number };

type Metrics = {
  registry: client.Registry;
  httpDuration: client.Histogram<"method" | "route" | "status">;
  signInFailures: client.Counter;
  signInRefused: client.Counter;
  uploadBytes: client.Histogram<"kind">;
  dbStatements: client.Histogram;
  poolSource?: () => PoolCounts | null;
  overdueSource?: () => Promise<{ county: string; count: number }[]>;
};

const KEY = Symbol.for("meizhen.metrics");
const shared = globalThis as unknown as { [KEY]?: Metrics };

function create(): Metrics {
  const registry = new client.Registry();
  registry.setDefaultLabels({ app: "meizhen" });
  client.collectDefaultMetrics({ register: registry });
  const metrics: Metrics = {
    registry,
    httpDuration: new client.Histogram({
      name: "meizhen_http_request_duration_seconds",
      help: "HTTP request duration by method, route pattern and status",
      labelNames: ["method", "route", "status"],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    signInFailures: new client.Counter({
      name: "meizhen_sign_in_failures_total",
      help: "Sign-in attempts with a wrong user name or password or a disabled account",
      registers: [registry],
    }),
    signInRefused: new client.Counter({
      name: "meizhen_sign_in_refused_total",
      help: "Sign-in attempts refused by the limits before the password was checked",
      registers: [registry],
    }),
    uploadBytes: new client.Histogram({
      name: "meizhen_upload_bytes",
      help: "Sizes of uploaded files and imports in bytes, by kind",
      labelNames: ["kind"],
      buckets: [1e4, 1e5, 1e6, 5e6, 1e7, 2.5e7, 5e7],
      registers: [registry],
    }),
    dbStatements: new client.Histogram({
      name: "meizhen_db_statement_seconds",
      help: "Round trips to PostgreSQL (statements, BEGIN/COMMIT included) and their durations",
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
  };
  new client.Gauge({
    name: "meizhen_db_pool_connections",
    help: "Database pool connections by state (in use, idle, waiting clients)",
    labelNames: ["state"],
    registers: [registry],
    collect() {
      const counts = metrics.poolSource?.();
      if (!counts) return;
      this.set({ state: "in_use" }, counts.total - counts.idle);
      this.set({ state: "idle" }, counts.idle);
      this.set({ state: "waiting" }, counts.waiting);
    },
  });
  new client.Gauge({
    name: "meizhen_reports_overdue",
    help: "Reports of the open year past their due date and not submitted, by county code",
    labelNames: ["county"],
    registers: [registry],
    async collect() {
      if (!metrics.overdueSource) return;
      this.reset();
      for (const row of await metrics.overdueSource()) this.set({ county: row.county }, row.count);
    },
  });
  return metrics;
}

/** The process-wide metrics. */
export function metrics(): Metrics {
  return (shared[KEY] ??= create());
}

/** Registers where the database pool's counts come from (lib/db.ts). */
export function setPoolSource(source: () => PoolCounts | null): void {
  metrics().poolSource = source;
}

/**
 * Times every statement a database client sends (meizhen_db_statement_seconds: count = round
 * trips, sum = time waiting for PostgreSQL). Called for each new pool connection (lib/db.ts);
 * `npm run bench:pages` reads it to give statements and database time per request.
 */
export function timeStatements(dbClient: Queryable): void {
  // Over the client's own query when it has one (lib/prisma-client.ts serializeQueries, which
  // calls the prototype's method at call time), else through the prototype's method at call
  // time, so whatever wraps it later (the tests' statement counter, lib/testing/statements.ts)
  // still sees every statement.
  const own = Object.prototype.hasOwnProperty.call(dbClient, "query") ? dbClient.query : null;
  const proto = Object.getPrototypeOf(dbClient) as Queryable;
  const query = (...args: unknown[]) => (own ?? proto.query).apply(dbClient, args);
  const histogram = metrics().dbStatements;
  dbClient.query = (...args: unknown[]) => {
    const started = process.hrtime.bigint();
    const observe = () => histogram.observe(Number(process.hrtime.bigint() - started) / 1e9);
    const last = args[args.length - 1];
    if (typeof last === "function") {
      args[args.length - 1] = (...results: unknown[]) => {
        observe();
        return (last as (...r: unknown[]) => unknown)(...results);
      };
      return query(...args);
    }
    const result = query(...args);
    if (result instanceof Promise) result.then(observe, observe);
    else observe();
    return result;
  };
}

/** Registers where the overdue reports per county come from (read on each scrape). */
export function setOverdueSource(source: () => Promise<{ county: string; count: number }[]>): void {
  metrics().overdueSource = source;
}

/**
 * The route pattern of a path for metric labels: numeric ids → `:id`, 9-digit town and 6-digit
 * county division codes → `:code`, four-digit years → `:year`; `/_next/…` collapses to one label.
 */
export function routePattern(pathname: string): string {
  if (pathname.startsWith("/_next/")) return "/_next/*";
  return (
    pathname
      .split("/")
      .map((part) =>
        /^(19|20|21)\d{2}$/.test(part)
          ? ":year"
          : /^\d{6}$|^\d{9}$/.test(part)
            ? ":code"
            : /^\d+$/.test(part)
              ? ":id"
              : part.length > 48
                ? ":long"
                : part,
      )
      .join("/") || "/"
  );
}
