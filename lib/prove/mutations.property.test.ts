/**
 * Proof (issue 14): every mutation use case `(actor, input: unknown)` of the app, driven with
 * generated inputs against a scratch PostgreSQL loaded with the demo data (so small ids name
 * real rows), as the city admin, a county reviewer and a township's staff. Each call either
 * succeeds or is refused with an AppError or a ZodError — never another exception (which the
 * app would answer with a 500) — and the audit log agrees: a refused call wrote nothing to it
 * (its transaction rolled back whole), a successful one wrote at least one row. PROVE_RUNS sets
 * the inputs per use case (docs/BENCHMARKS.md has what was run; 20 in `npm test`).
 */
import fc from "fast-check";
import { ZodError } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { E2E_NOW, E2E_TODAY } from "@/e2e/demo-date";
import type { Actor } from "@/lib/access";
import { loadActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/prisma-client";
import { scratchApp } from "@/lib/testing/builders";
import { fieldNames, proveRuns, schemasOf, shapedInput } from "@/lib/testing/fuzz";
import { PROVE_TIMEOUT_MS } from "@/lib/testing/race";
import * as validation from "@/lib/validation/report";
import * as assessmentSchemas from "@/lib/validation/assessment";
import * as circleSchemas from "@/lib/validation/circle";
import * as indicatorSchemas from "@/lib/validation/indicator";
import * as programmeSchemas from "@/lib/validation/programme";
import * as ratingSchemas from "@/lib/validation/rating";
import * as taskSchemas from "@/lib/validation/task";
import * as townSchemas from "@/lib/validation/town";
import * as userSchemas from "@/lib/validation/user";
import { seedDemoData } from "@/prisma/seed";

const RUNS = proveRuns(20);
let prisma: PrismaClient;
let drop: () => Promise<void>;
let actors: Actor[] = [];
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

/** Every schema's field names: the keys the generated inputs use. */
const fields = fieldNames(
  schemasOf({
    validation,
    assessmentSchemas,
    circleSchemas,
    indicatorSchemas,
    programmeSchemas,
    ratingSchemas,
    taskSchemas,
    townSchemas,
    userSchemas,
  }).values(),
);

beforeAll(async () => {
  process.env.MEIZHEN_NOW = E2E_NOW;
  const app = await scratchApp("prove_mutations");
  ({ prisma, drop } = app);
  await seedDemoData(prisma, { today: E2E_TODAY });
  const users = await prisma.user.findMany({
    where: { username: { in: ["admin", "reviewer-330825", "staff-330825109"] } },
  });
  actors = await Promise.all(users.map(async (u) => (await loadActor(u.id))!));
}, 300_000);

afterAll(async () => {
  if (previousNow === undefined) delete process.env.MEIZHEN_NOW;
  else process.env.MEIZHEN_NOW = previousNow;
  await drop?.();
});

type UseCase = (actor: Actor, input: unknown) => Promise<unknown>;

describe(`every mutation use case, ${RUNS} generated inputs each`, () => {
  for (const [name, load] of Object.entries(modules)) {
    it(
      name,
      async () => {
        const exports = await load();
        const useCases = Object.entries(exports).filter(
          (entry): entry is [string, UseCase] =>
            typeof entry[1] === "function" &&
            /^async function \w+\(actor, input\)/.test(String(entry[1])),
        );
        expect(useCases.length).toBeGreaterThan(0);
        const tally: string[] = [];
        for (const [fn, useCase] of useCases) {
          const outcomes = { ok: 0, refused: 0, invalid: 0 };
          await fc.assert(
            fc.asyncProperty(
              fc.constantFrom(...actors),
              shapedInput(fields),
              async (actor, input) => {
                const audits = await prisma.auditLog.count();
                try {
                  await useCase(actor, input);
                  outcomes.ok++;
                  expect(
                    await prisma.auditLog.count(),
                    `${fn} succeeded without an audit row`,
                  ).toBeGreaterThan(audits);
                } catch (error) {
                  if (error instanceof ZodError) outcomes.invalid++;
                  else if (error instanceof AppError) outcomes.refused++;
                  else throw error;
                  expect(await prisma.auditLog.count(), `${fn} refused but wrote audit rows`).toBe(
                    audits,
                  );
                }
              },
            ),
            { numRuns: RUNS },
          );
          tally.push(`${fn} ${outcomes.ok}/${outcomes.refused}/${outcomes.invalid}`);
        }
        console.log(`${name} (ok/refused/invalid): ${tally.join(", ")}`);
      },
      PROVE_TIMEOUT_MS,
    );
  }
});
