/**
 * The data version and the live-figure cache (issue 15, part 2) on the report fixture
 * (lib/testing/report-fixture.ts): a mutation moves the version by exactly one when it commits
 * (however many statements it sends), a refused one does not move it, a direct SQL change moves
 * it too; cached figures are served without recomputing (one statement: the version) and a
 * change is visible on the very next read.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getTownRows, loadAreaDashboard } from "@/lib/dashboard/queries";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/prisma-client";
import { approveReport, saveReport } from "@/lib/reports/mutations";
import { scratchApp } from "@/lib/testing/builders";
import { seedReportFixture, type ReportFixture } from "@/lib/testing/report-fixture";
import { countStatements } from "@/lib/testing/statements";
import { clearLiveFigures, liveFigures, readDataVersion, readDataVersions } from "./data-version";

let prisma: PrismaClient;
let drop: () => Promise<void>;
let fixture: ReportFixture;

beforeAll(async () => {
  const app = await scratchApp("data_version");
  prisma = app.prisma;
  drop = app.drop;
  fixture = await seedReportFixture(prisma);
});

afterAll(async () => {
  await drop?.();
});

const reportVersion = async (id: number) =>
  (await prisma.progressReport.findUniqueOrThrow({ where: { id } })).version;

// 2026-12-05 in Shanghai: P4 (due 2026-12-10) is the current period.
const now = new Date("2026-12-05T04:00:00Z");

describe("the data version", () => {
  it("is moved by every table but the four that figures never read (a new table needs its trigger)", async () => {
    // Tables without the trigger, on purpose: users, API tokens, the audit log, rate limits,
    // the version itself, and Prisma's migration log.
    const exempt = [
      "ApiToken",
      "AuditLog",
      "DataVersion",
      "RateLimit",
      "User",
      "_prisma_migrations",
    ];
    const rows = await prisma.$queryRaw<{ table: string; triggered: boolean }[]>`
      SELECT c.relname AS "table",
             EXISTS (SELECT 1 FROM pg_trigger t
                     WHERE t.tgrelid = c.oid AND t.tgname = c.relname || '_data_version') AS triggered
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
      ORDER BY 1`;
    expect(rows.length).toBeGreaterThan(30);
    expect(rows.filter((r) => !r.triggered).map((r) => r.table)).toEqual(exempt);
  });

  it("moves by one per committed change, not for a refused one", async () => {
    const start = await readDataVersion();
    const { staff, reportId, indicators } = fixture;
    const version = await reportVersion(reportId);
    await saveReport(staff, {
      reportId,
      expectedVersion: version,
      values: { [indicators.greenwayKm]: "7.5", [indicators.sewageTreatmentRate]: "90" },
      notes: { [indicators.greenwayKm]: "新建" },
    });
    expect(await readDataVersion()).toBe(start + 1n);
    // A stale version: CONFLICT, rolled back, the version stays.
    await expect(
      saveReport(staff, { reportId, expectedVersion: version, values: {} }),
    ).rejects.toBeInstanceOf(AppError);
    expect(await readDataVersion()).toBe(start + 1n);
    // A change made outside the app moves it too.
    await prisma.$executeRaw`UPDATE "Town" SET "nameEn" = 'Fushan' WHERE "divisionCode" = '330802001'`;
    expect(await readDataVersion()).toBe(start + 2n);
  });
});

describe("live figures", () => {
  it("are computed once per data version and show a change on the very next read", async () => {
    clearLiveFigures();
    const { reviewer, submittedIds } = fixture;
    const county = { kind: "county", code: "330825" } as const;
    const statusOf = async () =>
      (await getTownRows(reviewer, county, 2026, { now })).find((r) => r.code === "330825101")
        ?.reportStatus;

    const first = await countStatements(statusOf);
    expect(first.result).toBe("SUBMITTED");
    // Cached: only the data version is read (once per cached step — the area, the summary, the
    // rows — outside a React request, once per request inside one).
    const second = await countStatements(statusOf);
    expect(second.result).toBe("SUBMITTED");
    expect(second.statements.length).toBeGreaterThan(0);
    expect(second.statements.every((q) => q.includes('"DataVersion"'))).toBe(true);
    expect(first.statements.filter((q) => !q.includes('"DataVersion"')).length).toBeGreaterThan(0);

    await approveReport(reviewer, {
      reportId: submittedIds[0],
      expectedVersion: await reportVersion(submittedIds[0]),
    });
    expect(await statusOf()).toBe("COUNTY_APPROVED");

    // A rename made directly in PostgreSQL is visible on the next read too.
    await prisma.town.update({ where: { divisionCode: "330825101" }, data: { name: "湖镇" } });
    const rows = await getTownRows(reviewer, county, 2026, { now });
    expect(rows.find((r) => r.code === "330825101")?.name).toBe("湖镇");
  });

  it("shares one computation between concurrent reads and does not keep a failure", async () => {
    clearLiveFigures();
    let runs = 0;
    const load = async () => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return runs;
    };
    const [a, b] = await Promise.all([liveFigures("k", load), liveFigures("k", load)]);
    expect([a, b, runs]).toEqual([1, 1, 1]);

    await expect(
      liveFigures("failing", async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await liveFigures("failing", async () => "ok")).toBe("ok");
  });
});

describe("the figures version", () => {
  const moved = async (change: () => Promise<unknown>) => {
    const before = await readDataVersions();
    await change();
    const after = await readDataVersions();
    return { all: after.all - before.all, figures: after.figures - before.figures };
  };
  const mark = () => prisma.$executeRaw`SELECT set_config('meizhen.draft_save', 'yes', true)`;

  it("is not moved by a draft save, and by every other change as the data version is", async () => {
    const { staff, reportId, indicators, reviewer, submittedIds } = fixture;
    expect(
      await moved(async () =>
        saveReport(staff, {
          reportId,
          expectedVersion: await reportVersion(reportId),
          values: { [indicators.sewageTreatmentRate]: "97" },
          projects: [],
          narrative: "本期进展",
        }),
      ),
    ).toEqual({ all: 1n, figures: 0n });
    // The mark is honoured for the report, its values and its project progress only: anything
    // else written in a marked transaction moves both, once each.
    expect(
      await moved(() =>
        prisma.$transaction([
          mark(),
          prisma.$executeRaw`UPDATE "IndicatorValue" SET note = 'x' WHERE "reportId" = ${reportId}`,
          prisma.$executeRaw`UPDATE "Town" SET "nameEn" = 'Xikou' WHERE "divisionCode" = '330825109'`,
          prisma.$executeRaw`UPDATE "Town" SET "nameEn" = 'Xikou' WHERE "divisionCode" = '330825109'`,
        ]),
      ),
    ).toEqual({ all: 1n, figures: 1n });
    // Unmarked, a change to a draft's values moves both (an import, a direct fix).
    expect(
      await moved(
        () =>
          prisma.$executeRaw`UPDATE "IndicatorValue" SET note = NULL WHERE "reportId" = ${reportId}`,
      ),
    ).toEqual({ all: 1n, figures: 1n });
    expect(
      await moved(async () =>
        approveReport(reviewer, {
          reportId: submittedIds[1],
          expectedVersion: await reportVersion(submittedIds[1]),
        }),
      ),
    ).toEqual({ all: 1n, figures: 1n });
  });

  it("keeps a dashboard's figures cached while a township saves, and shows its missing values at once", async () => {
    clearLiveFigures();
    const { staff, reportId, indicators, admin, reviewer } = fixture;
    const city = () => loadAreaDashboard(admin, { kind: "city" }, 2026, { now });
    const county = { kind: "county", code: "330825" } as const;
    const missing = async () =>
      (await getTownRows(reviewer, county, 2026, { now })).find((r) => r.code === "330825109")
        ?.missingItems;
    const cold = await countStatements(city);
    const missingBefore = await missing();
    expect(missingBefore).toBeGreaterThan(0);

    const value = (await prisma.indicatorValue.findFirst({
      where: { reportId, indicatorId: indicators.nightLandscape },
    })) ?? { value: null };
    expect(value.value).toBeNull(); // required and empty: one of the missing values
    await saveReport(staff, {
      reportId,
      expectedVersion: await reportVersion(reportId),
      values: { [indicators.nightLandscape]: "1" },
    });
    const warm = await countStatements(city);
    // Only "as of" is read again (the latest change of any report, the draft's save included).
    const reads = warm.statements.filter((q) => !q.includes('"DataVersion"'));
    expect(reads).toHaveLength(1);
    expect(reads[0]).toContain('MAX(pr."updatedAt")');
    expect(cold.statements.filter((q) => !q.includes('"DataVersion"')).length).toBeGreaterThan(4);
    expect(warm.result.current).toBe(cold.result.current);
    expect(warm.result.asOf!.getTime()).toBeGreaterThan(cold.result.asOf!.getTime());
    // The county page's town rows read the draft: the value is no longer missing.
    expect(await missing()).toBe(missingBefore! - 1);
  });
});
