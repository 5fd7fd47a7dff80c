/**
 * Proof (issue 14): concurrent progress-report writes at the same expected version. Each round
 * eight saves of 溪口镇's draft start together, each writing its own value: exactly one wins,
 * seven are CONFLICT, and the stored value, the version and the audit log are the winner's
 * (no lost update). Then rounds of a county return racing a second return and an approval of
 * the same SUBMITTED report (the township resubmitting in between). Then two writes that may
 * both succeed but must not break a rule between them: a submission racing the deletion of a
 * required evidence file (a submitted report always has it), and two periods of one task
 * confirmed at once (the projects carry the later period's figures), and a bulk approval racing
 * a single approval of one of its reports (the batch skips it, it never fails), and two bulk
 * confirmations of different periods of the same towns listed in opposite orders (no deadlock). PROVE_ROUNDS=1000 runs the
 * full proof (docs/BENCHMARKS.md); `npm test` runs 100.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access";
import type { PrismaClient } from "@/lib/prisma-client";
import { scratchApp } from "@/lib/testing/builders";
import { PROVE_TIMEOUT_MS, proveRounds, race } from "@/lib/testing/race";
import { seedReportFixture, type ReportFixture } from "@/lib/testing/report-fixture";
import { addEvidence, deleteEvidence } from "@/lib/reports/evidence";
import {
  approveReport,
  bulkApproveReports,
  bulkConfirmReports,
  confirmReport,
  returnReport,
  saveReport,
  submitReport,
} from "@/lib/reports/mutations";

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

  it(
    `${ROUNDS} rounds of a submission racing the deletion of its required evidence`,
    async () => {
      const { reportId, indicators } = fixture;
      await prisma.indicator.update({
        where: { id: indicators.greenwayKm },
        data: { evidenceRequired: true },
      });
      let version = (await report(reportId)).version;
      version = (
        await saveReport(staff, {
          reportId,
          expectedVersion: version,
          values: {
            [indicators.sewageTreatmentRate]: "96",
            [indicators.nankongReadingRooms]: "2",
            [indicators.greenwayKm]: "8.5",
            [indicators.nightLandscape]: "1",
          },
        })
      ).version;
      const outcomes = { submitted: 0, refused: 0 };
      for (let round = 0; round < ROUNDS; round++) {
        const file = await addEvidence(staff, {
          reportId,
          indicatorId: indicators.greenwayKm,
          fileName: `绿道台账-${round}.pdf`,
          bytes: new TextEncoder().encode("%PDF-1.4 race"),
        });
        const [submit, remove] = await Promise.allSettled([
          submitReport(staff, { reportId, expectedVersion: version }),
          deleteEvidence(staff, file.id),
        ]);
        const stored = await report(reportId);
        const files = await prisma.evidence.count({
          where: { reportId, indicatorId: indicators.greenwayKm },
        });
        // Exactly one of the two happened, and a submitted report has its required file.
        expect([submit.status, remove.status].sort()).toEqual(["fulfilled", "rejected"]);
        if (submit.status === "fulfilled") {
          outcomes.submitted++;
          expect([stored.status, files]).toEqual(["SUBMITTED", 1]);
          // Back to a draft without the file for the next round.
          await prisma.evidence.deleteMany({ where: { reportId } });
          version = (
            await prisma.progressReport.update({
              where: { id: reportId },
              data: { status: "DRAFT", version: { increment: 1 } },
            })
          ).version;
        } else {
          outcomes.refused++;
          expect([stored.status, files]).toEqual(["DRAFT", 0]);
          expect((submit.reason as { code?: string }).code).toBe("VALIDATION");
        }
      }
      console.log(`submit × evidence delete: ${ROUNDS} rounds →`, outcomes);
    },
    PROVE_TIMEOUT_MS,
  );

  it(
    `${ROUNDS} rounds of two periods of one task confirmed at once: the later period's figures`,
    async () => {
      const { admin } = fixture;
      // 府山街道's task: P3 and P4 county-approved, each with its own figure for one project.
      const task = await prisma.creationTask.findFirstOrThrow({
        where: { town: { divisionCode: "330802001" } },
        include: { reports: true },
      });
      const periods = await prisma.reportingPeriod.findMany({
        where: { year: 2026 },
        orderBy: { index: "asc" },
      });
      const project = await prisma.project.create({
        data: { taskId: task.id, code: "P1", name: "口袋公园", plannedInvestmentWan: "100" },
      });
      const p4 = task.reports[0]!;
      const p3 = await prisma.progressReport.create({
        data: { taskId: task.id, periodId: periods[2]!.id, status: "COUNTY_APPROVED", version: 1 },
      });
      for (const [id, completed] of [
        [p3.id, "30"],
        [p4.id, "70"],
      ] as const) {
        await prisma.projectProgress.create({
          data: {
            reportId: id,
            projectId: project.id,
            completedInvestmentWan: completed,
            percentComplete: completed,
            status: "IN_PROGRESS",
          },
        });
      }
      for (let round = 0; round < ROUNDS; round++) {
        await prisma.progressReport.updateMany({
          where: { id: { in: [p3.id, p4.id] } },
          data: { status: "COUNTY_APPROVED", version: { increment: 1 } },
        });
        await prisma.project.update({
          where: { id: project.id },
          data: { completedInvestmentWan: "0" },
        });
        const versions = await prisma.progressReport.findMany({
          where: { id: { in: [p3.id, p4.id] } },
          select: { id: true, version: true },
        });
        const at = (id: number) => versions.find((v) => v.id === id)!.version;
        // Both confirmations succeed (different reports); the order they commit in is chance.
        await Promise.all(
          [p3.id, p4.id].map((id) =>
            confirmReport(admin, { reportId: id, expectedVersion: at(id) }),
          ),
        );
        const stored = await prisma.project.findUniqueOrThrow({ where: { id: project.id } });
        expect(stored.completedInvestmentWan.toFixed(0)).toBe("70");
      }
    },
    PROVE_TIMEOUT_MS,
  );

  it(
    `${ROUNDS} rounds of a bulk approval racing a single approval of one of its reports`,
    async () => {
      const { reviewer } = fixture;
      const [a, b] = fixture.submittedIds;
      const outcomes = { batchFirst: 0, singleFirst: 0 };
      for (let round = 0; round < ROUNDS; round++) {
        await prisma.progressReport.updateMany({
          where: { id: { in: [a, b] } },
          data: { status: "SUBMITTED", version: { increment: 1 } },
        });
        const va = (await report(a)).version;
        const vb = (await report(b)).version;
        // One of the two starts 0–4 ms after the other (which one alternates), so that across
        // the rounds the single approval lands before, inside and after the batch.
        const later = <T>(first: boolean, start: () => Promise<T>) =>
          first ? start() : new Promise((wait) => setTimeout(wait, round % 5)).then(start);
        const [bulk, single] = await Promise.allSettled([
          later(round % 2 === 0, () =>
            bulkApproveReports(reviewer, {
              reports: [
                { reportId: a, expectedVersion: va },
                { reportId: b, expectedVersion: vb },
              ],
            }),
          ),
          later(round % 2 === 1, () =>
            approveReport(reviewer, { reportId: b, expectedVersion: vb }),
          ),
        ]);
        // The batch never fails for the other approval: it approves a, and b is its own or
        // skipped as already approved.
        expect(bulk.status).toBe("fulfilled");
        const result = (bulk as PromiseFulfilledResult<{ done: number[]; skipped: unknown[] }>)
          .value;
        if (single.status === "fulfilled") {
          outcomes.singleFirst++;
          expect(result).toEqual({ done: [a], skipped: [{ reportId: b, reason: "alreadyDone" }] });
        } else {
          outcomes.batchFirst++;
          expect(single.reason).toMatchObject({ code: "CONFLICT" });
          expect(result).toEqual({ done: [a, b], skipped: [] });
        }
        expect([(await report(a)).status, (await report(b)).status]).toEqual([
          "COUNTY_APPROVED",
          "COUNTY_APPROVED",
        ]);
      }
      console.log(`bulk approval × single approval: ${ROUNDS} rounds →`, outcomes);
    },
    PROVE_TIMEOUT_MS,
  );

  it(
    `${ROUNDS} rounds of two bulk confirmations of the same towns' periods in opposite orders`,
    async () => {
      const { admin } = fixture;
      const p4 = fixture.submittedIds;
      const tasks = await prisma.progressReport.findMany({
        where: { id: { in: p4 } },
        select: { id: true, taskId: true },
      });
      const period3 = await prisma.reportingPeriod.findFirstOrThrow({
        where: { year: 2026, index: 3 },
      });
      // P3 of the same two towns (by the order of their P4 reports).
      const p3: number[] = [];
      for (const id of p4) {
        const taskId = tasks.find((t) => t.id === id)!.taskId;
        p3.push(
          (
            await prisma.progressReport.create({
              data: { taskId, periodId: period3.id, status: "COUNTY_APPROVED", version: 1 },
            })
          ).id,
        );
      }
      for (let round = 0; round < ROUNDS; round++) {
        await prisma.progressReport.updateMany({
          where: { id: { in: [...p3, ...p4] } },
          data: { status: "COUNTY_APPROVED", version: { increment: 1 } },
        });
        const rows = await prisma.progressReport.findMany({
          where: { id: { in: [...p3, ...p4] } },
          select: { id: true, version: true },
        });
        const listed = (ids: number[]) =>
          ids.map((reportId) => ({
            reportId,
            expectedVersion: rows.find((r) => r.id === reportId)!.version,
          }));
        // One batch takes the towns in one order, the other in the other: their tasks, locked
        // one by one in list order, crossed (PostgreSQL's deadlock detector failed one batch).
        const results = await Promise.all([
          bulkConfirmReports(admin, { reports: listed(p3) }),
          bulkConfirmReports(admin, { reports: listed([...p4].reverse()) }),
        ]);
        expect(results.map((r) => r.done.length)).toEqual([2, 2]);
      }
    },
    PROVE_TIMEOUT_MS,
  );
});
