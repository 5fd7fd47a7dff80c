/**
 * The one way an uploaded evidence file (台账 / 佐证材料) is checked and stored, whichever
 * record owns it (a report, or a self-assessment's item): the name is cleaned, the file is
 * checked by size, extension and content (lib/domain/evidence-file.ts), the bytes go to the
 * configured evidence store (lib/evidence/storage: EvidenceBlob or an S3 object; listings never
 * load them) and one `evidence.create` audit row is written. Callers decide access and that the
 * owner is editable first. Unscoped: app/ and components/ may not import it.
 *
 * Order of writes (README "Evidence storage"): an S3 object is written before the transaction
 * that records it (withStagedFile) and deleted if that transaction fails; a removed file's
 * object is deleted after its transaction commits (discardStoredFile).
 */
import "server-only";
import type { Readable } from "node:stream";
import type { Actor } from "@/lib/access";
import type { AuditRecord } from "@/lib/audit/catalogue";
import { writeAudit } from "@/lib/audit/write";
import { checkEvidenceFile } from "@/lib/domain/evidence-file";
import { db } from "@/lib/db";
import { locate, newObjectKey, storeOf, uploadStorage } from "@/lib/evidence/storage";
import type { FileFacts } from "@/lib/evidence/storage/types";
import { sourceOf, type FileInput, type UploadSource } from "@/lib/evidence/upload-source";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { EvidenceStorage } from "@/lib/generated/prisma/enums";
import { limits, megabytes } from "@/lib/limits";
import { log } from "@/lib/log";

/** A checked upload: the cleaned file name, its MIME type and where its bytes are. */
export type CheckedFile = { fileName: string; mimeType: string; source: UploadSource };

/**
 * Cleans the name (no folders, NFC, ≤ 200 characters) and checks the file by its size, name and
 * first bytes (the content itself stays where it is: memory or a spooled temporary file).
 * @throws AppError VALIDATION (evidence.* keys) | TOO_LARGE (upload.tooLarge)
 */
export function checkUpload(input: FileInput): CheckedFile {
  const source = sourceOf(input);
  const name = source.fileName
    .normalize("NFC")
    .replace(/^.*[\\/]/, "")
    .slice(0, 200);
  const maxBytes = limits().evidenceBytes;
  const check = checkEvidenceFile({ name, size: source.sizeBytes, bytes: source.head }, maxBytes);
  if (check.ok) return { fileName: name, mimeType: check.mimeType, source };
  if (check.error === "evidence.tooLarge") {
    throw new AppError(
      "TOO_LARGE",
      { message: { key: "upload.tooLarge", values: { mb: megabytes(maxBytes) } } },
      { fileName: name, size: source.sizeBytes },
    );
  }
  throw new AppError("VALIDATION", check.error, { fileName: name });
}

/** Who owns a file: a report (and optionally one of its indicators), or a self-assessment item. */
export type EvidenceOwner =
  | { reportId: number; indicatorId: number | null }
  | { selfAssessmentId: number; ratingItemId: number };

/**
 * The timeout (ms) of a transaction that stores an upload: writing a file of up to
 * LIMIT_EVIDENCE_BYTES into PostgreSQL (sent hex-encoded) takes seconds on a busy server, more
 * than Prisma's default 5 s.
 */
export const EVIDENCE_TRANSACTION = { timeout: 60_000, maxWait: 10_000 };

/** Where a file's bytes are kept: the Evidence row's storage columns and its id. */
export type StoredFileRef = { id: number; storage: EvidenceStorage; storageKey: string | null };

/** A checked file and the store it goes to (for S3: already written under storageKey). */
export type StagedFile = CheckedFile & {
  storage: EvidenceStorage;
  storageKey: string | null;
};

/**
 * Puts a checked file in the store new uploads go to (EVIDENCE_STORE) and runs `work` (the
 * caller's transaction, which calls storeEvidence) with it. For S3 the object is written first,
 * streamed from the file's source outside any transaction; when `work` throws, the object is
 * deleted again unless a row refers to it (a commit whose answer was lost). PostgreSQL files are
 * written inside `work`.
 * @throws whatever `work` or the store throws.
 */
export async function withStagedFile<T>(
  file: CheckedFile,
  work: (staged: StagedFile) => Promise<T>,
): Promise<T> {
  const storage = uploadStorage();
  if (storage === "POSTGRES") return work({ ...file, storage, storageKey: null });
  const storageKey = newObjectKey();
  const store = storeOf("S3");
  await store.put(storageKey, file.source.open(), factsOf(file));
  try {
    return await work({ ...file, storage, storageKey });
  } catch (error) {
    const kept = await db()
      .evidence.count({ where: { storageKey } })
      .catch(() => 1);
    if (kept === 0) {
      await store.delete(storageKey).catch((cause: unknown) => {
        log.warn({ err: cause, storageKey }, "evidence object of a failed upload left behind");
      });
    }
    throw error;
  }
}

function factsOf(file: CheckedFile): FileFacts {
  return { sha256: file.source.sha256, sizeBytes: file.source.sizeBytes, mimeType: file.mimeType };
}

/**
 * Deletes a removed file's bytes from an object store, after the transaction that deleted its
 * row committed (PostgreSQL bytes went with the row). A failure is logged, not thrown: the
 * object is then an orphan that `npm run evidence:move -- --orphans` lists.
 */
export async function discardStoredFile(file: StoredFileRef): Promise<void> {
  if (file.storage === "POSTGRES") return;
  const { store, key } = locate(file);
  await store.delete(key).catch((cause: unknown) => {
    log.warn({ err: cause, evidenceId: file.id, storageKey: key }, "evidence object left behind");
  });
}

/**
 * A stream of a stored file's bytes from whichever store holds it.
 * @throws AppError NOT_FOUND when the store has no such file.
 */
export async function openStoredFile(file: StoredFileRef): Promise<Readable> {
  const { store, key } = locate(file);
  return store.get(key);
}

/**
 * Records a staged file (withStagedFile) for its owner in the caller's transaction (writing the
 * bytes there when the store is PostgreSQL) and audits it; `context`
 * (ids naming the owner) goes into the audit row with the file's name, size and SHA-256.
 * @returns the evidence id.
 */
export async function storeEvidence(
  tx: Prisma.TransactionClient,
  actor: Actor,
  owner: EvidenceOwner,
  file: StagedFile,
  context: AuditRecord,
): Promise<{ id: number }> {
  const evidence = await tx.evidence.create({
    data: {
      ...owner,
      fileName: file.fileName,
      mimeType: file.mimeType,
      sizeBytes: file.source.sizeBytes,
      sha256: file.source.sha256,
      uploadedById: actor.id,
      storage: file.storage,
      storageKey: file.storageKey,
    },
    select: { id: true, sha256: true },
  });
  if (file.storage === "POSTGRES") {
    // A row is written in one piece: the PostgreSQL store is for the demo and small sites.
    const bytes = await file.source.readAll();
    await storeOf("POSTGRES").put(String(evidence.id), bytes, factsOf(file), tx);
  }
  await writeAudit(tx, actor, "evidence.create", evidence.id, {
    after: {
      ...context,
      fileName: file.fileName,
      sizeBytes: file.source.sizeBytes,
      sha256: evidence.sha256,
    },
  });
  return { id: evidence.id };
}
