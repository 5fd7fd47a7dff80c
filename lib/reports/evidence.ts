/**
 * Evidence files (台账 / 佐证材料) of a report: upload while the report is editable, download
 * within the actor's scope. Files are checked by size, extension and content
 * (lib/domain/evidence-file.ts); the bytes go to the evidence store (lib/evidence/storage) so
 * listings never load them, and downloads stream from it.
 * Evidence rows do not bump the report's version: they are separate rows the form never
 * overwrites, so an upload must not make the township's open form stale.
 */
import "server-only";
import type { Readable } from "node:stream";
import { authorize, type Actor } from "@/lib/access";
import { writeAudit } from "@/lib/audit/write";
import { db } from "@/lib/db";
import {
  checkUpload,
  discardStoredFile,
  openStoredFile,
  EVIDENCE_TRANSACTION,
  storeEvidence,
  withStagedFile,
} from "@/lib/evidence/store.internal";
import type { FileInput } from "@/lib/evidence/upload-source";
import { applicableIndicatorWhere } from "@/lib/domain/indicators";
import { isEditable } from "@/lib/domain/report-status";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ReportStatus } from "@/lib/generated/prisma/enums";
import { assertYearWritable } from "@/lib/years/internal";

/**
 * A file for a report: as bytes (`{ fileName, bytes }`) or as an upload spooled by the multipart
 * reader (`{ file }`, lib/http/multipart.ts).
 */
export type EvidenceUpload = {
  reportId: number;
  /** The indicator the file supports; null for the report as a whole. */
  indicatorId: number | null;
} & FileInput;

/**
 * The report's status read under a shared row lock: a submission (which updates the row) waits
 * for this transaction, and this one for a submission in progress, so no file is added to or
 * removed from a report while it is being submitted.
 */
async function lockedStatus(tx: Prisma.TransactionClient, reportId: number): Promise<ReportStatus> {
  const rows = await tx.$queryRaw<{ status: ReportStatus }[]>`
    SELECT status FROM "ProgressReport" WHERE id = ${reportId} FOR SHARE`;
  return rows[0]!.status;
}

/**
 * Attaches a file to an editable report (DRAFT or RETURNED) of the actor's town.
 * @returns the evidence id.
 * @throws AppError VALIDATION (evidence.*) | FORBIDDEN | NOT_FOUND |
 *   CONFLICT (the report is no longer editable)
 */
export async function addEvidence(actor: Actor, upload: EvidenceUpload): Promise<{ id: number }> {
  const scope = authorize(actor, "report.edit");
  const checked = checkUpload(upload);
  return withStagedFile(checked, (file) =>
    db().$transaction(async (tx) => {
      const report = scope.found(
        await tx.progressReport.findFirst({
          where: { AND: [{ id: upload.reportId }, scope.reports] },
          select: {
            id: true,
            taskId: true,
            task: { select: { year: true, town: { select: { townType: true } } } },
          },
        }),
        { reportId: upload.reportId },
      );
      if (!isEditable(await lockedStatus(tx, report.id))) {
        throw new AppError("CONFLICT", "reports.illegalTransition", { reportId: report.id });
      }
      await assertYearWritable(tx, report.task.year);
      if (upload.indicatorId !== null) {
        const known = await tx.indicator.count({
          where: {
            AND: [
              applicableIndicatorWhere(report.task.year, report.task.town.townType, report.taskId),
              { id: upload.indicatorId },
            ],
          },
        });
        if (known === 0) {
          throw new AppError("VALIDATION", "reports.unknownIndicator", {
            indicatorId: upload.indicatorId,
          });
        }
      }
      return storeEvidence(
        tx,
        actor,
        { reportId: report.id, indicatorId: upload.indicatorId },
        file,
        { reportId: report.id, indicatorId: upload.indicatorId },
      );
    }, EVIDENCE_TRANSACTION),
  );
}

/**
 * Removes a file from an editable report of the actor's town.
 * @throws AppError FORBIDDEN | NOT_FOUND | CONFLICT (the report is no longer editable)
 */
export async function deleteEvidence(actor: Actor, evidenceId: number): Promise<void> {
  const scope = authorize(actor, "report.edit");
  const stored = await db().$transaction(async (tx) => {
    const evidence = scope.found(
      Number.isInteger(evidenceId)
        ? await tx.evidence.findFirst({
            where: { AND: [{ id: evidenceId }, scope.evidence] },
            select: {
              id: true,
              fileName: true,
              storage: true,
              storageKey: true,
              report: { select: { id: true, task: { select: { year: true } } } },
            },
          })
        : null,
      { evidenceId },
    );
    const report = scope.found(evidence.report, { evidenceId });
    if (!isEditable(await lockedStatus(tx, report.id))) {
      throw new AppError("CONFLICT", "reports.illegalTransition", { evidenceId });
    }
    await assertYearWritable(tx, report.task.year);
    await tx.evidence.delete({ where: { id: evidenceId } });
    await writeAudit(tx, actor, "evidence.delete", evidenceId, {
      before: { reportId: report.id, fileName: evidence.fileName },
    });
    return evidence;
  });
  await discardStoredFile(stored);
}

/**
 * An evidence file the actor may see (one scoped query), opened as a stream from its store:
 * the caller sends `sizeBytes` as Content-Length and pipes `stream` to the response.
 * @throws AppError NOT_FOUND (out of scope, unknown, or missing from its store)
 */
export async function getEvidenceFile(
  actor: Actor,
  evidenceId: number,
): Promise<{ fileName: string; mimeType: string; sizeBytes: number; stream: Readable }> {
  const scope = authorize(actor, "town.view");
  const evidence = scope.found(
    Number.isInteger(evidenceId)
      ? await db().evidence.findFirst({
          where: { AND: [{ id: evidenceId }, scope.evidence] },
          select: {
            id: true,
            fileName: true,
            mimeType: true,
            sizeBytes: true,
            storage: true,
            storageKey: true,
          },
        })
      : null,
    { evidenceId },
  );
  return {
    fileName: evidence.fileName,
    mimeType: evidence.mimeType,
    sizeBytes: evidence.sizeBytes,
    stream: await openStoredFile(evidence),
  };
}
