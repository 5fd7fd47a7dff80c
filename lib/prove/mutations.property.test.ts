/**
 * Proof (issue 14): every mutation use case `(actor, input: unknown)` of the app, driven with
 * generated inputs against a scratch PostgreSQL loaded with the demo data, as the city admin, a
 * county reviewer (330825) and a township's staff (330825109). Four inputs in five are built
 * from the use case's own zod schema (lib/testing/zod-arbitrary.ts; the schema is the one its
 * body parses `input` with) with ids drawn from the demo data in and out of the actor's scope
 * (reports, ratings, towns… of the staff's town, of other towns of the reviewer's county and of
 * other counties; `id` from the module's own aggregate) and, every other call, the current
 * version of the row named (as the form that loaded it would send), so that calls pass
 * validation and both succeed and meet scope refusals; the fifth is a generic awkward input (lib/testing/fuzz.ts). After each call:
 * - it succeeded, or was refused with an AppError, a ZodError or a database refusal that
 *   lib/errors fromDatabaseError answers as a 4xx — never another exception (which the app
 *   would answer with a 500-class error);
 * - the audit log agrees: a refused call wrote nothing to it (its transaction rolled back
 *   whole), a successful one wrote at least one row (unless it is a batch that did nothing:
 *   `done: []`);
 * - no version went back: every versioned row (report, rating, score sheet, self-assessment,
 *   assessment scheme, entry and run) has a version (revision) ≥ the one before the call.
 * PROVE_RUNS sets the inputs per use case (20 in `npm test`); each module's line prints
 * ok/scope-refused/other-refused/invalid per use case and the time (docs/BENCHMARKS.md).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { ZodError, type z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { E2E_NOW, E2E_TODAY } from "@/e2e/demo-date";
import type { Actor } from "@/lib/access";
import { loadActor } from "@/lib/auth/session";
import { beltVersion, circleVersion } from "@/lib/circles/internal";
import { AppError, fromDatabaseError } from "@/lib/errors";
import { indicatorVersion } from "@/lib/indicators/queries";
import type { PrismaClient } from "@/lib/prisma-client";
import { scratchApp } from "@/lib/testing/builders";
import { fieldNames, proveRuns, shapedInput } from "@/lib/testing/fuzz";
import { PROVE_TIMEOUT_MS } from "@/lib/testing/race";
import { validationSchemas } from "@/lib/testing/validation-schemas";
import { arbitraryOf, type Hints } from "@/lib/testing/zod-arbitrary";
import { seedDemoData } from "@/prisma/seed";

type UseCase = (actor: Actor, input: unknown) => Promise<unknown>;

const RUNS = proveRuns(20);
const TOWN = "330825109";
const COUNTY = "330825";
let prisma: PrismaClient;
let drop: () => Promise<void>;
let actors: Actor[] = [];
let hints: Hints = {};
const previousNow = process.env.MEIZHEN_NOW;

const modules: Record<string, () => Promise<Record<string, unknown>>> = {
  "circles/mutations": () => import("@/lib/circles/mutations"),
  "users/mutations": () => import("@/lib/users/mutations"),
  "tasks/projects": () => import("@/lib/tasks/projects"),
  "tasks/mutations": () => import("@/lib/tasks/mutations"),
  "indicators/mutations": () => import("@/lib/indicators/mutations"),
  "years/admin": () => import("@/lib/years/admin"),
  "towns/register": () => import("@/lib/towns/register"),
  "towns/events": () => import("@/lib/towns/events"),
  "assessments/schemes": () => import("@/lib/assessments/schemes"),
  "assessments/runs": () => import("@/lib/assessments/runs"),
  "assessments/entries": () => import("@/lib/assessments/entries"),
  "ratings/decisions": () => import("@/lib/ratings/decisions"),
  "ratings/schemes": () => import("@/lib/ratings/schemes"),
  "ratings/panels": () => import("@/lib/ratings/panels"),
  "ratings/self-assessment": () => import("@/lib/ratings/self-assessment"),
  "reports/mutations": () => import("@/lib/reports/mutations"),
};

/** Every schema's field names: the keys of the generic inputs. */
const fields = fieldNames(validationSchemas.values());

/**
 * The schema a use case parses its input with: the `X.parse(input)` in its body, resolved
 * through its module's imports from lib/validation (two modules export an `updateTownSchema`).
 */
function schemaOf(moduleName: string, useCase: UseCase): z.ZodType | undefined {
  const name = /(\w+)\.parse\(input\)/.exec(String(useCase))?.[1];
  if (!name) return undefined;
  const source = fs.readFileSync(path.join("lib", `${moduleName}.ts`), "utf8");
  for (const match of source.matchAll(/import \{([^}]*)\} from "@\/lib\/validation\/([\w-]+)"/g)) {
    if (match[1]!.split(",").some((part) => part.trim() === name)) {
      const alias = match[2]!.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
      return validationSchemas.get(`${alias}.${name}`);
    }
  }
  return undefined;
}

/** Numbers of a query's `v` column. */
async function values(sql: string): Promise<unknown[]> {
  const rows = await prisma.$queryRawUnsafe<{ v: unknown }[]>(sql);
  return rows.map((r) => (typeof r.v === "bigint" ? Number(r.v) : r.v));
}

/**
 * Ids of the demo data per field name: some of the staff's town, some of other towns of the
 * reviewer's county, some of other counties (or simply some of the table).
 */
async function demoHints(): Promise<Hints> {
  const scoped = (table: string, townJoin: string) =>
    Promise.all(
      [
        `w."divisionCode" = '${TOWN}'`,
        `c."divisionCode" = '${COUNTY}' AND w."divisionCode" <> '${TOWN}'`,
        `c."divisionCode" <> '${COUNTY}'`,
      ].map((where) =>
        values(
          `SELECT x.id AS v FROM "${table}" x ${townJoin} JOIN "Town" w ON w.id = t."townId"
             JOIN "County" c ON c.id = w."countyId" WHERE ${where} ORDER BY x.id LIMIT 8`,
        ),
      ),
    ).then((parts) => parts.flat());
  const some = (table: string, column = "id") =>
    values(`SELECT "${column}" AS v FROM "${table}" ORDER BY random() LIMIT 12`);
  const reportIds = await scoped("ProgressReport", `JOIN "CreationTask" t ON t.id = x."taskId"`);
  const taskIds = await scoped("CreationTask", `JOIN "CreationTask" t ON t.id = x.id`);
  const ratingIds = await scoped("StarRating", `JOIN "StarRating" t ON t.id = x.id`);
  const townCodes = [
    TOWN,
    ...(await values(`SELECT w."divisionCode" AS v FROM "Town" w ORDER BY random() LIMIT 12`)),
  ];
  const indicatorIds = await some("Indicator");
  const ratingItemIds = await some("RatingItem");
  const assessmentItemIds = await some("AssessmentItem");
  const years = [2025, 2026, 2027];
  const fields: Record<string, unknown[]> = {
    reportId: reportIds,
    taskId: taskIds,
    ratingId: ratingIds,
    townCode: townCodes,
    leadTownCode: townCodes,
    fromCode: townCodes,
    intoCode: townCodes,
    countyCode: [COUNTY, ...(await some("County", "divisionCode"))],
    evidenceId: await some("Evidence"),
    projectId: await some("Project"),
    userId: await some("User"),
    circleId: await some("TownCircle"),
    beltId: await some("Belt"),
    indicatorId: indicatorIds,
    runId: await some("AssessmentRun"),
    entryId: await some("AssessmentEntry"),
    itemId: [...ratingItemIds, ...assessmentItemIds],
    schemeId: [...(await some("AssessmentScheme")), ...(await some("RatingScheme"))],
    year: years,
    fromYear: years,
    toYear: years,
    periodIndex: [1, 2, 3, 4],
    expectedVersion: [0, 1, 2, 3],
    expectedRevision: [0, 1, 2, 3],
  };
  fields.id = [...reportIds, ...taskIds, ...(fields.projectId ?? []), ...(fields.circleId ?? [])];
  fields.reports = [reportIds.slice(0, 3).map((reportId) => ({ reportId, expectedVersion: 1 }))];
  return {
    fields,
    recordKeys: [...indicatorIds, ...ratingItemIds].map(String),
  };
}

/** The ids an `id` field names in each module (its own aggregate). */
const ownIds: Record<string, string[]> = {
  "circles/mutations": ["TownCircle", "Belt"],
  "users/mutations": ["User"],
  "tasks/projects": ["Project"],
  "indicators/mutations": ["Indicator", "BasicRequirement"],
  "assessments/schemes": ["AssessmentItem", "AssessmentScheme"],
  "assessments/entries": ["AssessmentEntry"],
};

/** The hints of one module: `id` drawn from its own aggregate's rows where it has one. */
async function moduleHints(name: string): Promise<Hints> {
  const tables = ownIds[name];
  if (!tables) return hints;
  const ids = (
    await Promise.all(
      tables.map((t) => values(`SELECT id AS v FROM "${t}" ORDER BY random() LIMIT 12`)),
    )
  ).flat();
  return { ...hints, fields: { ...hints.fields, id: ids } };
}

const asId = (v: unknown) => {
  if (typeof v !== "number" && typeof v !== "string") return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n > 0 && n <= 2_147_483_647 ? n : undefined;
};

/**
 * Puts the current version (revision, version token, updatedAt) of the row an input names into
 * its expectedVersion / expectedRevision / expectedUpdatedAt, as the form that loaded it would
 * send: without it nearly every versioned write ends in CONFLICT.
 */
async function withCurrentVersion(name: string, fn: string, input: unknown): Promise<void> {
  if (input === null || typeof input !== "object" || Array.isArray(input)) return;
  const x = input as Record<string, unknown>;
  const id = asId(x.id);
  const set = (field: string, value: unknown) => {
    if (field in x && value !== undefined) x[field] = value;
  };
  const reportId = asId(x.reportId);
  if (reportId) {
    const r = await prisma.progressReport.findUnique({ where: { id: reportId } });
    set("expectedVersion", r?.version);
  }
  const runId = asId(x.runId);
  if (runId) {
    const r = await prisma.assessmentRun.findUnique({ where: { id: runId } });
    set("expectedRevision", r?.revision);
  }
  const ratingId = asId(x.ratingId);
  if (ratingId && name === "ratings/decisions") {
    const r = await prisma.starRating.findUnique({ where: { id: ratingId } });
    set("expectedVersion", r?.version);
  }
  const schemeId = asId(x.schemeId);
  if (name === "assessments/schemes" && (schemeId ?? id)) {
    const r = await prisma.assessmentScheme.findUnique({ where: { id: (schemeId ?? id)! } });
    set("expectedRevision", r?.revision);
  }
  if (name === "ratings/schemes" && schemeId) {
    const r = await prisma.ratingScheme.findUnique({ where: { id: schemeId } });
    set("expectedUpdatedAt", r?.updatedAt.toISOString());
  }
  if (name === "towns/register" && typeof x.townCode === "string") {
    const r = await prisma.town.findUnique({ where: { divisionCode: x.townCode } });
    set("expectedUpdatedAt", r?.updatedAt.toISOString());
  }
  if (name === "users/mutations" && id) {
    const r = await prisma.user.findUnique({ where: { id } });
    set("expectedUpdatedAt", r?.updatedAt.toISOString());
  }
  if (name === "indicators/mutations" && id) {
    const r = await prisma.indicator.findUnique({ where: { id } });
    if (r) set("expectedVersion", indicatorVersion(r));
  }
  if (name === "circles/mutations" && id) {
    if (/Belt/.test(fn)) {
      const r = await prisma.belt.findUnique({ where: { id } });
      if (r) set("expectedVersion", beltVersion(r));
    } else {
      const r = await prisma.townCircle.findUnique({ where: { id } });
      if (r) set("expectedVersion", circleVersion(r));
    }
  }
}

/** The versioned rows' (table, id, version) before a call, kept in the scratch database. */
const VERSIONED: [table: string, column: string][] = [
  ["ProgressReport", "version"],
  ["StarRating", "version"],
  ["ScoreSheet", "version"],
  ["SelfAssessment", "version"],
  ["AssessmentScheme", "revision"],
  ["AssessmentEntry", "revision"],
  ["AssessmentRun", "revision"],
];

async function snapshotVersions(): Promise<void> {
  await prisma.$executeRawUnsafe(`TRUNCATE prove_versions`);
  await prisma.$executeRawUnsafe(
    `INSERT INTO prove_versions ${VERSIONED.map(
      ([t, c]) => `SELECT '${t}', id, "${c}" FROM "${t}"`,
    ).join(" UNION ALL ")}`,
  );
}

/** The versioned rows whose version went back since the snapshot, as "Table#id a→b". */
async function versionsBack(): Promise<string[]> {
  const rows = await prisma.$queryRawUnsafe<{ v: string }[]>(
    VERSIONED.map(
      ([t, c]) =>
        `SELECT '${t}#' || x.id || ' ' || p.version || '→' || x."${c}" AS v FROM "${t}" x
         JOIN prove_versions p ON p.tbl = '${t}' AND p.id = x.id WHERE x."${c}" < p.version`,
    ).join(" UNION ALL "),
  );
  return rows.map((r) => r.v);
}

beforeAll(async () => {
  process.env.MEIZHEN_NOW = E2E_NOW;
  const app = await scratchApp("prove_mutations");
  ({ prisma, drop } = app);
  await seedDemoData(prisma, { today: E2E_TODAY });
  await prisma.$executeRawUnsafe(
    `CREATE TABLE prove_versions (tbl text, id int, version int, PRIMARY KEY (tbl, id))`,
  );
  const users = await prisma.user.findMany({
    where: { username: { in: ["admin", `reviewer-${COUNTY}`, `staff-${TOWN}`] } },
  });
  actors = await Promise.all(users.map(async (u) => (await loadActor(u.id))!));
  hints = await demoHints();
}, 300_000);

afterAll(async () => {
  if (previousNow === undefined) delete process.env.MEIZHEN_NOW;
  else process.env.MEIZHEN_NOW = previousNow;
  await drop?.();
});

const totals = { calls: 0, ok: 0, scope: 0, ms: 0 };

describe(`every mutation use case, ${RUNS} generated inputs each`, () => {
  for (const [name, load] of Object.entries(modules)) {
    it(
      name,
      async () => {
        const started = performance.now();
        const exports = await load();
        const useCases = Object.entries(exports).filter(
          (entry): entry is [string, UseCase] =>
            typeof entry[1] === "function" &&
            /^async function \w+\(actor, input\)/.test(String(entry[1])),
        );
        expect(useCases.length).toBeGreaterThan(0);
        const tally: string[] = [];
        const ownHints = await moduleHints(name);
        for (const [fn, useCase] of useCases) {
          const schema = schemaOf(name, useCase);
          const input = schema
            ? fc.oneof(
                { weight: 4, arbitrary: arbitraryOf(schema, ownHints) },
                { weight: 1, arbitrary: shapedInput(fields) },
              )
            : shapedInput(fields);
          const outcomes = { ok: 0, scope: 0, refused: 0, invalid: 0 };
          await fc.assert(
            fc.asyncProperty(
              fc.constantFrom(...actors),
              input,
              fc.boolean(),
              async (actor, input, fresh) => {
                if (fresh) await withCurrentVersion(name, fn, input);
                const audits = await prisma.auditLog.count();
                await snapshotVersions();
                try {
                  const result = await useCase(actor, input);
                  outcomes.ok++;
                  // A batch that skipped every report (not ready, changed since) changed nothing;
                  // so did opening a report that already existed.
                  const said = result as { done?: unknown[]; created?: boolean } | null;
                  const noop = said?.done?.length === 0 || said?.created === false;
                  if (!noop) {
                    expect(
                      await prisma.auditLog.count(),
                      `${fn} succeeded without an audit row`,
                    ).toBeGreaterThan(audits);
                  }
                } catch (error) {
                  // A database refusal the presenter answers as the request's fault (a 4xx) is a refusal.
                  const refusal =
                    error instanceof AppError ? error : (fromDatabaseError(error) ?? error);
                  if (refusal instanceof ZodError) outcomes.invalid++;
                  else if (refusal instanceof AppError && refusal.status < 500) {
                    if (refusal.code === "FORBIDDEN" || refusal.code === "NOT_FOUND")
                      outcomes.scope++;
                    else outcomes.refused++;
                  } else throw error;
                  expect(await prisma.auditLog.count(), `${fn} refused but wrote audit rows`).toBe(
                    audits,
                  );
                }
                expect(await versionsBack(), `${fn}: a version went back`).toEqual([]);
              },
            ),
            { numRuns: RUNS },
          );
          totals.calls += RUNS;
          totals.ok += outcomes.ok;
          totals.scope += outcomes.scope;
          tally.push(
            `${fn}${schema ? "" : " (generic)"} ${outcomes.ok}/${outcomes.scope}/${outcomes.refused}/${outcomes.invalid}`,
          );
        }
        const ms = performance.now() - started;
        totals.ms += ms;
        console.log(
          `${name} (ok/scope-refused/other-refused/invalid, ${RUNS} each): ${tally.join(", ")}; ` +
            `${(ms / 1000).toFixed(1)} s (load ${os.loadavg()[0]!.toFixed(2)})`,
        );
      },
      PROVE_TIMEOUT_MS,
    );
  }

  it("sums up", () => {
    console.log(
      `mutations: ${totals.calls} calls, ${totals.ok} succeeded, ${totals.scope} refused by ` +
        `scope/role/id; ${(totals.ms / 1000).toFixed(1)} s`,
    );
  });
});
