import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countStatements } from "@/lib/testing/statements";
import { createPrismaClient, serializeQueries, type Queryable } from "./prisma-client";
import { createScratchDatabase, testServerUrl, type ScratchDatabase } from "./testing/database";

/** Collects the process warnings emitted while `fn` runs (pg's queue deprecation is one). */
async function warningsDuring(fn: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const listener = (warning: Error) => seen.push(warning.message);
  process.on("warning", listener);
  try {
    await fn();
    // Warnings are emitted on the next tick.
    await new Promise((resolve) => setTimeout(resolve, 20));
  } finally {
    process.off("warning", listener);
  }
  return seen;
}

describe("one statement at a time per connection", () => {
  const prisma = createPrismaClient(testServerUrl(), { max: 2 });
  const client = new pg.Client({ connectionString: testServerUrl() });
  beforeAll(async () => {
    await client.connect();
    serializeQueries(client as unknown as Queryable);
  });
  afterAll(async () => {
    await client.end();
    await prisma.$disconnect();
  });

  it("answers overlapping queries in order, each with its own result, without pg's queue", async () => {
    const finished: number[] = [];
    const run = (n: number, sleep: number) =>
      client
        .query<{ n: number }>("SELECT $1::int AS n, pg_sleep($2)", [n, sleep])
        .then((r) => (finished.push(n), r.rows[0]!.n));
    let results: number[] = [];
    const warnings = await warningsDuring(async () => {
      // The first is the slowest: sent at once, pg would still answer in order; so do we.
      results = await Promise.all([run(1, 0.05), run(2, 0), run(3, 0)]);
    });
    expect(results).toEqual([1, 2, 3]);
    expect(finished).toEqual([1, 2, 3]);
    expect(warnings.filter((w) => w.includes("already executing a query"))).toEqual([]);
  });

  it("keeps going after a failed statement and serves the callback form", async () => {
    const failed = client.query("SELECT 1/0");
    const after = client.query<{ n: number }>("SELECT 7 AS n");
    await expect(failed).rejects.toThrow(/division by zero/);
    expect((await after).rows[0]!.n).toBe(7);
    const viaCallback = await new Promise<number>((resolve, reject) =>
      (client as unknown as Queryable).query(
        "SELECT 8 AS n",
        [],
        (error: Error | null, r: { rows: { n: number }[] }) =>
          error ? reject(error) : resolve(r.rows[0]!.n),
      ),
    );
    expect(viaCallback).toBe(8);
  });

  it("lets Prisma load relations inside a transaction without a warning, and counts every statement", async () => {
    // Prisma's adapter loads a write's relations at once (prisma/orm#29468): pg warns from the
    // third statement in flight on, so three includes.
    let scratch: ScratchDatabase | undefined;
    try {
      scratch = await createScratchDatabase("serial");
      const schema = createPrismaClient(scratch.url, { max: 2 });
      try {
        await schema.city.create({
          data: {
            divisionCode: "330800",
            name: "衢州市",
            nameEn: "Quzhou",
            counties: {
              create: { divisionCode: "330825", name: "龙游县", nameEn: "Longyou", kind: "COUNTY" },
            },
          },
        });
        let counties: { towns: unknown[]; users: unknown[] }[] = [];
        let warnings: string[] = [];
        const measured = await countStatements(async () => {
          warnings = await warningsDuring(async () => {
            counties = [
              await schema.$transaction((tx) =>
                tx.county.update({
                  where: { divisionCode: "330825" },
                  data: { nameEn: "Longyou County" },
                  include: { towns: true, users: true, targets: true },
                }),
              ),
            ];
          });
        });
        expect(warnings.filter((w) => w.includes("already executing a query"))).toEqual([]);
        expect(counties).toHaveLength(1);
        expect(counties[0]).toMatchObject({ towns: [], users: [], targets: [] });
        // The county (read back after the update), its towns, users and targets: each counted.
        expect(measured.statements.filter((s) => s.startsWith("SELECT"))).toHaveLength(4);
      } finally {
        await schema.$disconnect();
      }
    } finally {
      await scratch?.drop();
    }
  });
});
