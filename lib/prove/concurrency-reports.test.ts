/**
 * Proof (issue 14): concurrent progress-report writes at the same expected version. Each round
 * eight saves of 溪口镇's draft start together, each writing its own value: exactly one wins,
 * seven are CONFLICT, and the stored value, the version and the audit log are the winner's
 * (no lost update). Then rounds of a county return racing a second return and an approval of
 * the same SUBMITTED report (the township resubmitting in between). PROVE_ROUNDS=1000 runs the
 * full proof (docs/BENCHMARKS.md); `npm test` runs 100.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access";
import type { PrismaClient } from "@/lib/prisma-client";
import { scratchApp } from "@/lib/testing/builders";
import { PROVE_TIMEOUT_MS, proveRounds, race } from "@/lib/testing/race";
import { seedReportFixture, type ReportFixture } from "@/lib/testing/report-fixture";
import { approveReport, returnReport, saveReport, submitReport } from "@/lib/reports/mutations";

let drop: () => Promise<void>;
let prisma: PrismaClient;
let fixture: ReportFixture;
let staff: Actor;
const ROUNDS = proveRounds();

beforeAll(async () => {
  const app = await scratchApp("prove_reports");
  prisma = app.prisma;
  drop = app.drop;
  fixture = await seedReportFixture(prisma);
  staff = fixture.staff;
});

afterAll(async () => {
  await drop?.();
});

const report = (id: number) => prisma.progressReport.findUniqueOrThrow({ where: { id } });

describe("concurrent report writes at one version", () => {
  it(
    `${ROUNDS} rounds of 8 saves: one winner each, its value stored, nothing lost`,
    async () => {
      const { reportId } = fixture;
      const greenway = fixture.indicators.greenwayKm;
      const start = (await report(reportId)).version;
      const auditBefore = await prisma.auditLog.count({ where: { action: "report.save" } });
      let expected = start;
      const figures = await race(
        "report save",
        { rounds: ROUNDS, writers: 8 },
        (round, writer) =>
          saveReport(staff, {
            reportId,
            expectedVersion: expected,
            values: { [greenway]: String(round * 10 + writer) },
            narrative: `round ${round} writer ${writer}`,
          }),
        async (round, winner, value) => {
          expected += 1;
          expect(value.version).toBe(expected);
          const stored = await report(reportId);
          expect([stored.version, stored.narrative]).toEqual([
            expected,
            `round ${round} writer ${winner}`,
          ]);
          const cell = await prisma.indicatorValue.findUniqueOrThrow({
            where: { reportId_indicatorId: { reportId, indicatorId: greenway } },
          });
          expect(cell.value?.toFixed(0)).toBe(String(round * 10 + winner));
        },
      );
      expect(figures).toMatchObject({ winners: ROUNDS, conflicts: ROUNDS * 7 });
      expect((await report(reportId)).version).toBe(start + ROUNDS);
      // One audit row per winning save, carrying the versions in sequence.
      const audits = await prisma.auditLog.findMany({
        where: { action: "report.save" },
        orderBy: { id: "asc" },
        skip: auditBefore,
      });
      expect(audits.map((a) => (a.after as { version: number }).version)).toEqual(
        Array.from({ length: ROUNDS }, (_, i) => start + i + 1),
      );
    },
    PROVE_TIMEOUT_MS,
  );

  it(
    `${ROUNDS} rounds of return × 2 and approve of one SUBMITTED report: one winner each`,
    async () => {
      const [id] = fixture.submittedIds;
      const { reviewer } = fixture;
      const rounds = Math.max(1, Math.round(ROUNDS / 2));
      const { task } = await prisma.progressReport.findUniqueOrThrow({
        where: { id },
        include: { task: true },
      });
      // The township of that report (the fixture's staff account, scoped to that town).
      const submitter: Actor = { ...staff, townId: task.townId };
      let expected = (await report(id)).version;
      let approved = 0;
      await race(
        "report return/approve",
        { rounds, writers: 3 },
        (round, writer) =>
          writer < 2
            ? returnReport(reviewer, {
                reportId: id,
                expectedVersion: expected,
                comment: `round ${round} return ${writer}`,
              })
            : round === rounds - 1
              ? approveReport(reviewer, { reportId: id, expectedVersion: expected })
              : // Approval only in the last round (it ends the cycle); before that a third return.
                returnReport(reviewer, {
                  reportId: id,
                  expectedVersion: expected,
                  comment: `round ${round} return ${writer}`,
                }),
        async (round, winner, value) => {
          expected += 1;
          expect(value.version).toBe(expected);
          const stored = await report(id);
          if (round === rounds - 1 && winner === 2) {
            approved++;
            expect(stored.status).toBe("COUNTY_APPROVED");
            return;
          }
          expect(stored.status).toBe("RETURNED");
          if (round < rounds - 1) {
            expected = (await submitReport(submitter, { reportId: id, expectedVersion: expected }))
              .version;
          }
        },
      );
      const audits = await prisma.auditLog.count({
        where: { entityId: String(id), action: { in: ["report.return", "report.approve"] } },
      });
      expect(audits).toBe(rounds);
      expect(approved).toBeLessThanOrEqual(1);
    },
    PROVE_TIMEOUT_MS,
  );
});
