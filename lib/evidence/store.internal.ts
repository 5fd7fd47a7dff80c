/**
 * The one way an uploaded evidence file (台账 / 佐证材料) is checked and stored, whichever
 * record owns it (a report, or a self-assessment's item): the name is cleaned, the file is
 * checked by size, extension and content (lib/domain/evidence-file.ts), the bytes go to
 * EvidenceBlob (listings never load them) and one `evidence.create` audit row is written.
 * Callers decide access and that the owner is editable first. Unscoped: app/ and components/
 * may not import it.
 */
import "server-only";
import { createHash } from "node:crypto";
import type { Actor } from "@/lib/access";
import type { AuditRecord } from "@/lib/audit/catalogue";
import { writeAudit } from "@/lib/audit/write";
import { checkEvidenceFile } from "@/lib/domain/evidence-file";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { limits, megabytes } from "@/lib/limits";

/** A checked upload: the cleaned file name, its MIME type and bytes. */
export type CheckedFile = { fileName: string; mimeType: string; bytes: Uint8Array };

/**
 * Cleans the name (no folders, NFC, ≤ 200 characters) and checks the file.
 * @throws AppError VALIDATION (evidence.* keys)
 */
export function checkUpload(fileName: string, bytes: Uint8Array): CheckedFile {
  const name = fileName
    .normalize("NFC")
    .replace(/^.*[\\/]/, "")
    .slice(0, 200);
  const maxBytes = limits().evidenceBytes;
  const check = checkEvidenceFile({ name, size: bytes.length, bytes }, maxBytes);
  if (check.ok) return { fileName: name, mimeType: check.mimeType, bytes };
  if (check.error === "evidence.tooLarge") {
    throw new AppError(
      "TOO_LARGE",
      { message: { key: "upload.tooLarge", values: { mb: megabytes(maxBytes) } } },
      { fileName: name, size: bytes.length },
    );
  }
  throw new AppError("VALIDATION", check.error, { fileName: name });
}

/** Who owns a file: a report (and optionally one of its indicators), or a self-assessment item. */
export type EvidenceOwner =
  | { reportId: number; indicatorId: number | null }
  | { selfAssessmentId: number; ratingItemId: number };

/**
 * Stores a checked file for its owner in the caller's transaction and audits it; `context`
 * (ids naming the owner) goes into the audit row with the file's name, size and SHA-256.
 * @returns the evidence id.
 */
export async function storeEvidence(
  tx: Prisma.TransactionClient,
  actor: Actor,
  owner: EvidenceOwner,
  file: CheckedFile,
  context: AuditRecord,
): Promise<{ id: number }> {
  const evidence = await tx.evidence.create({
    data: {
      ...owner,
      fileName: file.fileName,
      mimeType: file.mimeType,
      sizeBytes: file.bytes.length,
      sha256: createHash("sha256").update(file.bytes).digest("hex"),
      uploadedById: actor.id,
      blob: { create: { content: Buffer.from(file.bytes) } },
    },
    select: { id: true, sha256: true },
  });
  await writeAudit(tx, actor, "evidence.create", evidence.id, {
    after: {
      ...context,
      fileName: file.fileName,
      sizeBytes: file.bytes.length,
      sha256: evidence.sha256,
    },
  });
  return { id: evidence.id };
}
