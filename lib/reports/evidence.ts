/**
 * Evidence files (台账 / 佐证材料) of a report: upload while the report is editable, download
 * within the actor's scope. Files are checked by size, extension and content
 * (lib/domain/evidence-file.ts); the bytes go to EvidenceBlob so listings never load them.
 * Evidence rows do not bump the report's version: they are separate rows the form never
 * overwrites, so an upload must not make the township's open form stale.
 */
import "server-only";
import { createHash } from "node:crypto";
import { decide, enforce, type Actor } from "@/lib/access";
import { writeAudit } from "@/lib/audit/write";
import { db } from "@/lib/db";
import { checkEvidenceFile } from "@/lib/domain/evidence-file";
import { statusesAllowing } from "@/lib/domain/report-status";
import { AppError } from "@/lib/errors";
import { indicatorsFor, reportScope } from "./queries";

/** An uploaded file as the route handler reads it from multipart form data. */
export type EvidenceUpload = {
  reportId: number;
  /** The indicator the file supports; null for the report as a whole. */
  indicatorId: number | null;
  fileName: string;
  bytes: Uint8Array;
};

/**
 * Attaches a file to an editable report (DRAFT or RETURNED) of the actor's town.
 * @returns the evidence id.
 * @throws AppError VALIDATION (detail.message: evidence.*) | FORBIDDEN | NOT_FOUND |
 *   CONFLICT (the report is no longer editable)
 */
export async function addEvidence(actor: Actor, upload: EvidenceUpload): Promise<{ id: number }> {
  enforce(decide(actor, "report.edit", true));
  const fileName = upload.fileName
    .normalize("NFC")
    .replace(/^.*[\\/]/, "")
    .slice(0, 200);
  const check = checkEvidenceFile({
    name: fileName,
    size: upload.bytes.length,
    bytes: upload.bytes,
  });
  if (!check.ok) throw new AppError("VALIDATION", { message: check.error });
  return db().$transaction(async (tx) => {
    const report = await tx.progressReport.findFirst({
      where: { AND: [{ id: upload.reportId }, reportScope(actor)] },
      select: {
        id: true,
        status: true,
        task: { select: { year: true, town: { select: { townType: true } } } },
      },
    });
    enforce(decide(actor, "report.edit", report !== null), { reportId: upload.reportId });
    if (!statusesAllowing("save").includes(report!.status)) {
      throw new AppError("CONFLICT", { message: "reports.illegalTransition" });
    }
    if (upload.indicatorId !== null) {
      const known = await tx.indicator.count({
        where: {
          AND: [
            indicatorsFor(report!.task.year, report!.task.town.townType),
            { id: upload.indicatorId },
          ],
        },
      });
      if (known === 0) throw new AppError("VALIDATION", { message: "reports.unknownIndicator" });
    }
    const evidence = await tx.evidence.create({
      data: {
        reportId: report!.id,
        indicatorId: upload.indicatorId,
        fileName,
        mimeType: check.mimeType,
        sizeBytes: upload.bytes.length,
        sha256: createHash("sha256").update(upload.bytes).digest("hex"),
        uploadedById: actor.id,
        blob: { create: { content: Buffer.from(upload.bytes) } },
      },
      select: { id: true, sha256: true },
    });
    await writeAudit(tx, {
      actor,
      action: "evidence.create",
      entityType: "Evidence",
      entityId: evidence.id,
      after: {
        reportId: report!.id,
        indicatorId: upload.indicatorId,
        fileName,
        sha256: evidence.sha256,
      },
    });
    return { id: evidence.id };
  });
}

/**
 * Removes a file from an editable report of the actor's town.
 * @throws AppError FORBIDDEN | NOT_FOUND | CONFLICT (the report is no longer editable)
 */
export async function deleteEvidence(actor: Actor, evidenceId: number): Promise<void> {
  enforce(decide(actor, "report.edit", true));
  await db().$transaction(async (tx) => {
    const evidence = await tx.evidence.findFirst({
      where: { id: evidenceId, report: reportScope(actor) },
      select: { id: true, reportId: true, fileName: true, report: { select: { status: true } } },
    });
    enforce(decide(actor, "report.edit", evidence !== null), { evidenceId });
    if (!statusesAllowing("save").includes(evidence!.report.status)) {
      throw new AppError("CONFLICT", { message: "reports.illegalTransition" });
    }
    await tx.evidence.delete({ where: { id: evidenceId } });
    await writeAudit(tx, {
      actor,
      action: "evidence.delete",
      entityType: "Evidence",
      entityId: evidenceId,
      before: { reportId: evidence!.reportId, fileName: evidence!.fileName },
    });
  });
}

/**
 * The content of an evidence file the actor may see (one scoped query).
 * @throws AppError NOT_FOUND
 */
export async function getEvidenceFile(
  actor: Actor,
  evidenceId: number,
): Promise<{ fileName: string; mimeType: string; content: Uint8Array }> {
  enforce(decide(actor, "town.view", true));
  const evidence = Number.isInteger(evidenceId)
    ? await db().evidence.findFirst({
        where: { id: evidenceId, report: reportScope(actor) },
        select: { fileName: true, mimeType: true, blob: { select: { content: true } } },
      })
    : null;
  enforce(decide(actor, "town.view", evidence?.blob != null), { evidenceId });
  return {
    fileName: evidence!.fileName,
    mimeType: evidence!.mimeType,
    content: evidence!.blob!.content,
  };
}
