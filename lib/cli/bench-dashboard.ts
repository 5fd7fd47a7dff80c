/**
 * `npm run bench:dashboard`: how fast are the dashboard's live aggregates on a province-sized
 * data set? Prints figures; it is not a test and never fails on timing.
 *
 *  1. Creates the database `meizhen_bench` on the local server (BENCH_DATABASE_SERVER_URL,
 *     else TEST_DATABASE_SERVER_URL, else postgresql://postgres@127.0.0.1:5432/postgres),
 *     dropping a previous one, applies the migrations and loads ./bench-data.ts (≈ 1.9 M
 *     indicator values) with set-based SQL. No other database is touched.
 *  2. Times, after warm-up runs, the app's own code (lib/dashboard, through lib/db.ts):
 *     - city summary: the city dashboard's key figures, i.e. getSummaries for the largest
 *       city's counties = computeSummary for the year and the year before, in parallel;
 *     - county page: computeSummary for the county with most towns, then listTownRows;
 *     - ratings table: the city's star-rating approval table of the open year (listRatings of
 *       lib/ratings/queries.ts: 300 rated towns, 3 sheets of 40 items each);
 *     - with --province, for information: the city summary's work for all 90 counties.
 *  3. Times the same SQL statements sent through a plain `pg` pool of the same size with the
 *     same parameters and parallelism (copied below from lib/dashboard; the results are
 *     compared with the app's, so a stale copy is reported), and prints p50/p95 of both and
 *     the ratio, against the targets p95 < 150 ms and p95 < 2 × the direct SQL's p95.
 *
 * Percentiles are nearest-rank on the sorted samples: pXX = sorted[ceil(XX/100 · n) − 1].
 * Times are wall-clock round trips from performance.now() (server time as the app sees it).
 *
 * Flags: --keep (keep the database afterwards and reuse a finished one next time, e.g. to try
 * an index), --runs=N (default 50), --warmup=N (default 5), --explain (EXPLAIN ANALYZE each
 * statement once and print its execution time), --plans (print the plans too), --province
 * (add the province row; it takes seconds per run, so it is not run by default).
 *
 * lib/dashboard imports "server-only", which throws outside React Server Components; the npm
 * script runs tsx with --conditions=react-server, under which that package is empty.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { summaryStatements as appSummaryStatements } from "@/lib/dashboard/summary.internal";
import { figureDate } from "@/lib/domain/attainment";
import { isoDate, shanghaiToday as shanghaiTodayDate } from "@/lib/domain/calendar";
import { townRowsStatement as appTownRowsStatement } from "@/lib/dashboard/town-rows.internal";
import { testServerUrl } from "@/lib/testing/database";
import { applyMigrations } from "@/prisma/tools/deploy";
import {
  BENCH_LAST_YEAR,
  countRows,
  generateBenchData,
  isBenchDataComplete,
  type BenchCounts,
} from "./bench-data";

const DATABASE = "meizhen_bench";
const TARGET_P95_MS = 150;
const TARGET_RATIO = 2;
const YEAR = BENCH_LAST_YEAR;
/** A fixed "now" in the open year's last quarter, so the current period is Q4 every run. */
const NOW = new Date("2023-12-15T04:00:00Z");

// ───────────────────────────── arguments and database ─────────────────────────────

const { values: flags } = parseArgs({
  options: {
    keep: { type: "boolean", default: false },
    runs: { type: "string", default: "50" },
    warmup: { type: "string", default: "5" },
    explain: { type: "boolean", default: false },
    plans: { type: "boolean", default: false },
    province: { type: "boolean", default: false },
  },
});
const RUNS = positiveInt(flags.runs, "--runs");
const WARMUP = Math.max(0, positiveInt(flags.warmup, "--warmup", true));

function positiveInt(raw: string | undefined, name: string, allowZero = false): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1)) {
    console.error(`${name} must be a ${allowZero ? "non-negative" : "positive"} integer`);
    process.exit(2);
  }
  return n;
}

function serverUrl(): string {
  return process.env.BENCH_DATABASE_SERVER_URL ?? testServerUrl();
}

function benchUrl(): string {
  const url = new URL(serverUrl());
  url.pathname = `/${DATABASE}`;
  return url.toString();
}

/** Runs one statement on the admin database (CREATE/DROP DATABASE cannot run inside it). */
async function admin<T extends pg.QueryResultRow>(sql: string, params?: unknown[]) {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await client.query<T>(sql, params);
  } finally {
    await client.end();
  }
}

async function dropDatabase(): Promise<void> {
  // Only ever this one name: the benchmark must not touch any other database.
  await admin(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
}

/** Creates and loads the database, or reuses a finished one under --keep. */
async function prepare(): Promise<{ counts: BenchCounts; reused: boolean }> {
  const { rows } = await admin("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
  if (flags.keep && rows.length > 0) {
    const client = new pg.Client({ connectionString: benchUrl() });
    await client.connect();
    try {
      if (await isBenchDataComplete(client).catch(() => false)) {
        console.log(`Reusing ${DATABASE} (--keep).`);
        return { counts: await countRows(client), reused: true };
      }
    } finally {
      await client.end();
    }
  }
  await dropDatabase();
  await admin(`CREATE DATABASE "${DATABASE}"`);
  const started = performance.now();
  await applyMigrations({
    connectionString: benchUrl(),
    migrationsDir: path.join(process.cwd(), "prisma", "migrations"),
  });
  console.log(`Created ${DATABASE} and applied the migrations; generating the data set …`);
  const client = new pg.Client({ connectionString: benchUrl() });
  await client.connect();
  try {
    const counts = await generateBenchData(client, console.log);
    console.log(`Generated in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    return { counts, reused: false };
  } finally {
    await client.end();
  }
}

// ───────────────────────────── the direct-SQL baseline ─────────────────────────────
// The aggregate statements are the app's own (summaryStatements, townRowsStatement), sent through
// a plain pg pool; the two Prisma model reads are written as the SQL Prisma sends for them. The
// benchmark still compares the results with the app's and reports a mismatch.

type Statement = { name: string; sql: string; params: unknown[] };
type Rows = Record<string, unknown>[];

function countiesStatement(countyIds: number[]): Statement {
  return {
    name: "counties",
    sql: `SELECT id, "divisionCode", name, "nameEn" FROM "County" WHERE id = ANY($1) ORDER BY "divisionCode" ASC`,
    params: [countyIds],
  };
}

function periodStatement(year: number, today: string): Statement {
  return {
    name: "period",
    sql: `SELECT id, index, name, "nameEn", "dueOn" FROM "ReportingPeriod"
          WHERE year = $1 AND "startsOn" <= $2 ORDER BY index DESC LIMIT 1`,
    params: [year, today],
  };
}

/** computeSummary's aggregate queries, as the app builds them (the reports query only when a
 * period has started, as computeSummary runs it). */
function summaryStatements(ids: number[], year: number, periodId: number | null): Statement[] {
  return Object.entries(appSummaryStatements(ids, year, periodId, dateOf(year), shanghaiToday(NOW)))
    .filter(([name]) => name !== "reports" || periodId !== null)
    .map(([name, statement]) => ({ name, sql: statement.text, params: statement.values }));
}

/** listTownRows' statement, as the app builds it. */
function townRowsStatement(countyIds: number[], year: number, periodId: number | null): Statement {
  const statement = appTownRowsStatement(
    countyIds,
    year,
    periodId,
    dateOf(year),
    shanghaiToday(NOW),
  );
  return { name: "townRows", sql: statement.text, params: statement.values };
}

/** listRatings' reads as one SQL statement (the rows the approval table shows). */
function ratingsStatement(year: number, viewerId: number): Statement {
  return {
    name: "ratings",
    sql: `SELECT sr.id, sr.status, sr."totalPoints", sr.stars, sr."flaggedItems", sr."flaggedReviewers",
                 tw."divisionCode", tw.name, tw."nameEn",
                 co."divisionCode" AS county_code, co.name AS county_name, co."nameEn" AS county_name_en,
                 (SELECT COUNT(*) FROM "RatingPanelist" p WHERE p."ratingId" = sr.id) AS panel,
                 (SELECT COUNT(*) FROM "ScoreSheet" s WHERE s."ratingId" = sr.id AND s.status = 'SUBMITTED') AS submitted,
                 (SELECT s.status FROM "ScoreSheet" s WHERE s."ratingId" = sr.id AND s."reviewerId" = $2) AS own,
                 (SELECT sa.status FROM "SelfAssessment" sa WHERE sa."ratingId" = sr.id) AS self
          FROM "StarRating" sr
          JOIN "Town" tw ON tw.id = sr."townId"
          JOIN "County" co ON co.id = tw."countyId"
          WHERE sr.year = $1
          ORDER BY co."divisionCode", tw."divisionCode"`,
    params: [year, viewerId],
  };
}

function shanghaiToday(now: Date): string {
  return isoDate(shanghaiTodayDate(now));
}

/** The figure date of a year at NOW (lib/domain/attainment.ts), as the app computes it. */
function dateOf(year: number): string {
  return figureDate(year, shanghaiToday(NOW));
}

type DirectSummary = { periodId: number | null; results: Map<string, Rows> };

/** computeSummary's round trips through `pg`: two reads, then the aggregates in parallel. */
async function directSummary(pool: pg.Pool, ids: number[], year: number): Promise<DirectSummary> {
  const counties = await run(pool, countiesStatement(ids));
  const period = await run(pool, periodStatement(year, shanghaiToday(NOW)));
  const periodId = period[0] ? Number(period[0].id) : null;
  const statements = summaryStatements(
    counties.map((c) => Number(c.id)),
    year,
    periodId,
  );
  const rows = await Promise.all(statements.map((s) => run(pool, s)));
  return { periodId, results: new Map(statements.map((s, i) => [s.name, rows[i]!])) };
}

async function run(pool: pg.Pool, statement: Statement): Promise<Rows> {
  return (await pool.query(statement.sql, statement.params)).rows;
}

// ───────────────────────────── timing ─────────────────────────────

/** The nearest-rank percentile of ascending samples: sorted[ceil(p/100 · n) − 1]. */
function percentile(sorted: number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

type Scenario = {
  name: string;
  /** Whether the 150 ms / 2× targets apply (the province row is for information). */
  targeted: boolean;
  app: () => Promise<unknown>;
  direct: () => Promise<unknown>;
};

type Result = { name: string; targeted: boolean; app: number[]; direct: number[] };

/**
 * Warms up, then times `RUNS` runs of each side. The two sides alternate which goes first,
 * so neither always meets the other's warmed caches or its leftover load.
 */
async function measure(scenario: Scenario): Promise<Result> {
  for (let i = 0; i < WARMUP; i++) {
    await scenario.app();
    await scenario.direct();
  }
  const app: number[] = [];
  const direct: number[] = [];
  const time = async (fn: () => Promise<unknown>, into: number[]) => {
    const started = performance.now();
    await fn();
    into.push(performance.now() - started);
  };
  for (let i = 0; i < RUNS; i++) {
    if (i % 2 === 0) {
      await time(scenario.app, app);
      await time(scenario.direct, direct);
    } else {
      await time(scenario.direct, direct);
      await time(scenario.app, app);
    }
  }
  return {
    name: scenario.name,
    targeted: scenario.targeted,
    app: app.sort((a, b) => a - b),
    direct: direct.sort((a, b) => a - b),
  };
}

function printTable(results: Result[]): void {
  const header = [
    "scenario",
    "p50 ms",
    "p95 ms",
    "SQL p50",
    "SQL p95",
    "p95/SQL",
    `p95<${TARGET_P95_MS}ms`,
    `<${TARGET_RATIO}×SQL`,
  ];
  const rows = results.map((r) => {
    const p95 = percentile(r.app, 95);
    const sqlP95 = percentile(r.direct, 95);
    const ratio = p95 / sqlP95;
    const verdict = (ok: boolean) => (r.targeted ? (ok ? "OK" : "OVER") : "(info)");
    return [
      r.name,
      percentile(r.app, 50).toFixed(1),
      p95.toFixed(1),
      percentile(r.direct, 50).toFixed(1),
      sqlP95.toFixed(1),
      `${ratio.toFixed(2)}×`,
      verdict(p95 < TARGET_P95_MS),
      verdict(ratio < TARGET_RATIO),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "─".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}

/** Prints each statement's server execution time (EXPLAIN ANALYZE), and its plan if asked. */
async function explain(pool: pg.Pool, label: string, statements: Statement[]): Promise<void> {
  for (const s of statements) {
    const { rows } = await pool.query<{ "QUERY PLAN": string }>(
      `EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`,
      s.params,
    );
    const lines = rows.map((r) => r["QUERY PLAN"]);
    const execution = lines.find((l) => l.startsWith("Execution Time"))?.replace(/^.*: /, "");
    console.log(`  ${label.padEnd(14)} ${s.name.padEnd(14)} ${execution}`);
    if (flags.plans) console.log(lines.map((l) => `      ${l}`).join("\n"));
  }
}

// ───────────────────────────── main ─────────────────────────────

let status = 0;
let pool: pg.Pool | undefined;
let disconnect: (() => Promise<void>) | undefined;
try {
  const { counts } = await prepare();
  console.log(
    "Rows: " +
      Object.entries(counts)
        .map(([table, n]) => `${table} ${n.toLocaleString("en")}`)
        .join(", "),
  );

  // Before the first db() call: lib/env.ts reads and caches DATABASE_URL then.
  process.env.DATABASE_URL = benchUrl();
  let dashboard;
  try {
    dashboard = {
      ...(await import("@/lib/dashboard/summary.internal")),
      ...(await import("@/lib/dashboard/town-rows.internal")),
      ...(await import("@/lib/db")),
      ...(await import("@/lib/ratings/queries")),
    };
  } catch (error) {
    throw new Error(
      `cannot load lib/dashboard (${(error as Error).message}); run it as ` +
        "`tsx --conditions=react-server lib/cli/bench-dashboard.ts` (npm run bench:dashboard)",
      { cause: error },
    );
  }
  const { computeSummary, listTownRows, listRatings, db } = dashboard;
  // The city administrator's view (scope: every town; no panel of their own).
  const cityAdmin = {
    id: 0,
    username: "bench-admin",
    displayName: "bench",
    role: "CITY_ADMIN" as const,
    countyId: null,
    townId: null,
    mustChangePassword: false,
  };
  const appRatings = () => listRatings(cityAdmin, YEAR);
  const directRatings = () => run(pool!, ratingsStatement(YEAR, cityAdmin.id));
  disconnect = () => db().$disconnect();
  const poolSize = Number(process.env.DATABASE_POOL_SIZE ?? 10);
  pool = new pg.Pool({ connectionString: benchUrl(), max: poolSize });

  // The largest city (by towns), all counties, and the city's county with most towns.
  const { rows: cities } = await pool.query<{ name: string; ids: number[]; towns: string }>(`
    SELECT ci."nameEn" AS name, array_agg(DISTINCT co.id) AS ids, COUNT(tw.id) AS towns
    FROM "City" ci JOIN "County" co ON co."cityId" = ci.id JOIN "Town" tw ON tw."countyId" = co.id
    GROUP BY ci.id ORDER BY COUNT(tw.id) DESC, ci.id LIMIT 1`);
  const city = cities[0]!;
  const { rows: counties } = await pool.query<{ id: number; name: string; towns: string }>(
    `SELECT co.id, co."nameEn" AS name, COUNT(tw.id) AS towns
     FROM "County" co JOIN "Town" tw ON tw."countyId" = co.id
     WHERE co.id = ANY($1) GROUP BY co.id ORDER BY COUNT(tw.id) DESC, co.id LIMIT 1`,
    [city.ids],
  );
  const county = counties[0]!;
  const { rows: all } = await pool.query<{ id: number }>(`SELECT id FROM "County" ORDER BY id`);
  const allIds = all.map((c) => c.id);
  const countyRows = async (ids: number[]) =>
    (await run(pool!, countiesStatement(ids))).map((c) => ({
      id: Number(c.id),
      divisionCode: String(c.divisionCode),
      name: String(c.name),
      nameEn: String(c.nameEn),
    }));

  // The app reads its counties once per request (lib/dashboard/queries.ts areaCounties).
  const appCity = async (ids: number[]) => {
    const counties = await countyRows(ids);
    return Promise.all([
      computeSummary(counties, YEAR, NOW),
      computeSummary(counties, YEAR - 1, NOW),
    ]);
  };
  const directCity = (ids: number[]) =>
    Promise.all([directSummary(pool!, ids, YEAR), directSummary(pool!, ids, YEAR - 1)]);
  const appCounty = async () => {
    const summary = await computeSummary(await countyRows([county.id]), YEAR, NOW);
    return {
      summary,
      rows: await listTownRows(
        [county.id],
        YEAR,
        summary.period?.id ?? null,
        summary.asOfDate,
        summary.today,
      ),
    };
  };
  const directCounty = async () => {
    const summary = await directSummary(pool!, [county.id], YEAR);
    const rows = await run(pool!, townRowsStatement([county.id], YEAR, summary.periodId));
    return { summary, rows };
  };

  // The copied SQL must give the app's answers, or the baseline measures something else.
  const problems: string[] = [];
  const check = (what: string, app: unknown, direct: unknown) => {
    if (String(app) !== String(direct)) problems.push(`${what}: app ${app}, direct SQL ${direct}`);
  };
  const sumOf = (rows: Rows | undefined, key: string) =>
    (rows ?? []).reduce((n, r) => n + Number(r[key] ?? 0), 0);
  for (const [label, ids] of [
    ["city", city.ids],
    ["county", [county.id]],
  ] as const) {
    const [app] = await appCity([...ids]);
    const [direct] = await directCity([...ids]);
    const r = direct.results;
    check(
      `${label} towns in programme`,
      app.total.townsInProgramme,
      sumOf(r.get("towns"), "towns_in_programme"),
    );
    check(
      `${label} basic compliance`,
      app.total.basicCompliance,
      sumOf(r.get("towns"), "basic_compliance"),
    );
    check(
      `${label} local jobs`,
      app.total.localJobsCreated,
      sumOf(r.get("values"), "localJobsCreated"),
    );
    check(
      `${label} reports submitted`,
      app.total.reportsSubmitted,
      sumOf(r.get("reports"), "submitted"),
    );
    check(
      `${label} star ratings`,
      app.total.stars.reduce((a, b) => a + b, 0),
      sumOf(r.get("stars"), "n"),
    );
    check(`${label} circles`, app.total.circles, sumOf(r.get("cityCircles"), "circles"));
  }
  const ratingsApp = await appRatings();
  const ratingsDirect = await directRatings();
  check("ratings rows", ratingsApp.length, ratingsDirect.length);
  check(
    "ratings submitted sheets",
    ratingsApp.reduce((n, r) => n + r.sheetsSubmitted, 0),
    sumOf(ratingsDirect, "submitted"),
  );
  check(
    "ratings totals",
    ratingsApp.reduce((n, r) => n + Number(r.total ?? 0), 0).toFixed(2),
    sumOf(ratingsDirect, "totalPoints").toFixed(2),
  );
  const countyApp = await appCounty();
  const countyDirect = await directCounty();
  check("county town rows", countyApp.rows.length, countyDirect.rows.length);
  check(
    "county towns with missing items",
    countyApp.rows.filter((r) => (r.missingItems ?? 0) > 0).length,
    countyDirect.rows.filter((r) => Number(r.missing ?? 0) > 0).length,
  );

  console.log(
    `\nYear ${YEAR}, current period Q4; ${WARMUP} warm-up + ${RUNS} timed runs each; ` +
      `pool size ${poolSize} on both sides.\n` +
      `city = ${city.name} (${city.ids.length} counties, ${city.towns} towns): ` +
      `computeSummary for ${YEAR} and ${YEAR - 1} in parallel (getSummaries)\n` +
      `county = ${county.name} (${county.towns} towns): computeSummary then listTownRows\n` +
      `ratings table = the ${YEAR} star ratings of every town (listRatings, city administrator)\n` +
      (flags.province
        ? `province = all ${allIds.length} counties, as city (for information)\n`
        : ""),
  );
  const results: Result[] = [];
  for (const scenario of [
    {
      name: "city summary",
      targeted: true,
      app: () => appCity(city.ids),
      direct: () => directCity(city.ids),
    },
    { name: "county page", targeted: true, app: appCounty, direct: directCounty },
    { name: "ratings table", targeted: true, app: appRatings, direct: directRatings },
    ...(flags.province
      ? [
          {
            name: "province summary",
            targeted: false,
            app: () => appCity(allIds),
            direct: () => directCity(allIds),
          },
        ]
      : []),
  ] satisfies Scenario[]) {
    results.push(await measure(scenario));
  }
  printTable(results);
  console.log(
    `\nTargets: p95 < ${TARGET_P95_MS} ms and p95 < ${TARGET_RATIO}× the direct SQL's p95 ` +
      "(figures only: timing never fails this command).",
  );

  if (flags.explain || flags.plans) {
    console.log("\nEXPLAIN ANALYZE, one run per statement (server execution time):");
    const cityPeriod = (await directSummary(pool, city.ids, YEAR)).periodId;
    await explain(pool, "city", summaryStatements(city.ids, YEAR, cityPeriod));
    const countyPeriod = (await directSummary(pool, [county.id], YEAR)).periodId;
    await explain(pool, "county", [
      ...summaryStatements([county.id], YEAR, countyPeriod),
      townRowsStatement([county.id], YEAR, countyPeriod),
    ]);
  }

  if (problems.length > 0) {
    console.error(
      "\nThe direct-SQL copy no longer gives the app's results (update the statements in " +
        `lib/cli/bench-dashboard.ts from lib/dashboard):\n  ${problems.join("\n  ")}`,
    );
    status = 1;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  status = 1;
} finally {
  await pool?.end().catch(() => undefined);
  await disconnect?.().catch(() => undefined);
  if (!flags.keep) {
    await dropDatabase().catch((error: Error) =>
      console.error(`could not drop ${DATABASE}: ${error.message}`),
    );
  } else {
    console.log(`\nKept ${DATABASE} (${benchUrl()}).`);
  }
}
process.exit(status);
