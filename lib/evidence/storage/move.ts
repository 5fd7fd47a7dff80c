/**
 * Moves existing evidence files from one store to the other (`npm run evidence:move`,
 * lib/cli/evidence-move.ts), in batches by id. Each file is copied, read back from the target and
 * checked against the SHA-256 and size recorded at upload; only then is its row switched (in a
 * transaction that also removes the PostgreSQL copy, or followed by deleting the S3 copy).
 * A rerun after an interruption continues where it stopped: rows still in the source store are
 * picked again, and an S3 copy has a key fixed by the file (`evidence/moved/<id>-<sha256>`), so a
 * half-finished copy is overwritten, not duplicated.
 */
import "server-only";
import { createHash } from "node:crypto";
import { PassThrough, type Readable } from "node:stream";
import { db } from "@/lib/db";
import type { EvidenceStorage } from "@/lib/generated/prisma/enums";
import { locate, s3FromEnv, storeOf } from "./index";
import { S3_PREFIX } from "./s3";

/** A file to move, as selected from Evidence. */
type Row = {
  id: number;
  storage: EvidenceStorage;
  storageKey: string | null;
  sha256: string;
  sizeBytes: number;
  mimeType: string;
};

/** What a run did: files and bytes moved, files that failed (left where they were), seconds. */
export type MoveResult = {
  /** Files found in the other store (all of them for a dry run). */
  candidates: number;
  moved: number;
  bytes: number;
  failed: number;
  seconds: number;
};

/** The SHA-256 (hex) and size of a stream, read to its end. */
export async function digest(stream: Readable): Promise<{ sha256: string; sizeBytes: number }> {
  const hash = createHash("sha256");
  let sizeBytes = 0;
  for await (const part of stream) {
    const bytes = part as Uint8Array;
    hash.update(bytes);
    sizeBytes += bytes.length;
  }
  return { sha256: hash.digest("hex"), sizeBytes };
}

const same = (a: { sha256: string; sizeBytes: number }, row: Row) =>
  a.sha256 === row.sha256 && a.sizeBytes === row.sizeBytes;

/** The S3 key a moved file gets (fixed by the file, so a rerun overwrites its own copy). */
export const movedObjectKey = (row: { id: number; sha256: string }) =>
  `${S3_PREFIX}moved/${row.id}-${row.sha256}`;

async function toS3(row: Row): Promise<boolean> {
  const source = locate(row);
  const target = storeOf("S3");
  const key = movedObjectKey(row);
  // Hash while copying: a source that no longer matches its recorded hash is not moved.
  const copied = createHash("sha256");
  let copiedBytes = 0;
  const tap = new PassThrough();
  tap.on("data", (part: Buffer) => {
    copied.update(part);
    copiedBytes += part.length;
  });
  const body = (await source.store.get(source.key)).pipe(tap);
  await target.put(key, body, row);
  const check = await digest(await target.get(key));
  if (!same({ sha256: copied.digest("hex"), sizeBytes: copiedBytes }, row) || !same(check, row)) {
    await target.delete(key);
    throw new Error(`SHA-256 or size differs after copying to S3 (got ${check.sha256})`);
  }
  const switched = await db().$transaction(async (tx) => {
    const { count } = await tx.evidence.updateMany({
      where: { id: row.id, storage: row.storage },
      data: { storage: "S3", storageKey: key },
    });
    if (count === 1) await storeOf("POSTGRES").delete(String(row.id), tx);
    return count === 1;
  });
  if (!switched) await target.delete(key); // deleted or moved meanwhile
  return switched;
}

async function toPostgres(row: Row): Promise<boolean> {
  const source = locate(row);
  const bytes = Buffer.concat(
    await (await source.store.get(source.key)).toArray().then((parts) => parts as Buffer[]),
  );
  const switched = await db().$transaction(
    async (tx) => {
      const { count } = await tx.evidence.updateMany({
        where: { id: row.id, storage: row.storage },
        data: { storage: "POSTGRES", storageKey: null },
      });
      if (count === 0) return false;
      await storeOf("POSTGRES").put(String(row.id), bytes, row, tx);
      // Verified by the database's own hash of what it stored; a mismatch rolls back.
      const [stored] = await tx.$queryRaw<{ sha256: string; size: number }[]>`
        SELECT encode(sha256(content), 'hex') AS sha256, octet_length(content)::int AS size
        FROM "EvidenceBlob" WHERE "evidenceId" = ${row.id}`;
      if (!stored || !same({ sha256: stored.sha256, sizeBytes: stored.size }, row)) {
        throw new Error(`SHA-256 or size differs after copying to PostgreSQL`);
      }
      return true;
    },
    { timeout: 60_000 },
  );
  if (switched) {
    await source.store.delete(source.key).catch((error: unknown) => {
      console.warn(`evidence ${row.id}: S3 object ${source.key} left behind: ${String(error)}`);
    });
  }
  return switched;
}

/**
 * Moves every file not yet in `to` there (see the module comment).
 * @param options.dryRun count only; options.batchSize rows per query (default 50);
 *   options.log one line per batch and per failure.
 */
export async function moveEvidence(options: {
  to: EvidenceStorage;
  dryRun?: boolean;
  batchSize?: number;
  log?: (line: string) => void;
}): Promise<MoveResult> {
  const { to, dryRun = false, batchSize = 50, log = () => {} } = options;
  const started = performance.now();
  const result: MoveResult = { candidates: 0, moved: 0, bytes: 0, failed: 0, seconds: 0 };
  let after = 0;
  for (;;) {
    const rows: Row[] = await db().evidence.findMany({
      where: { storage: { not: to }, id: { gt: after } },
      orderBy: { id: "asc" },
      take: batchSize,
      select: {
        id: true,
        storage: true,
        storageKey: true,
        sha256: true,
        sizeBytes: true,
        mimeType: true,
      },
    });
    if (rows.length === 0) break;
    after = rows.at(-1)!.id;
    result.candidates += rows.length;
    if (dryRun) {
      result.bytes += rows.reduce((sum, row) => sum + row.sizeBytes, 0);
      continue;
    }
    for (const row of rows) {
      try {
        if (await (to === "S3" ? toS3(row) : toPostgres(row))) {
          result.moved += 1;
          result.bytes += row.sizeBytes;
        }
      } catch (error) {
        result.failed += 1;
        log(`evidence ${row.id}: not moved: ${(error as Error).message}`);
      }
    }
    log(`… ${result.moved} files moved (${result.bytes} bytes), ${result.failed} failed`);
  }
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

/**
 * Objects in the S3 store that no Evidence row refers to (left by a crash between writing an
 * object and its transaction, or by a cascade delete of a report). An upload in progress also
 * shows here for a moment, so the list is reported, never deleted automatically.
 */
export async function findOrphans(): Promise<string[]> {
  const orphans: string[] = [];
  let page: string[] = [];
  const flush = async () => {
    const known = await db().evidence.findMany({
      where: { storageKey: { in: page } },
      select: { storageKey: true },
    });
    const referenced = new Set(known.map((row) => row.storageKey));
    orphans.push(...page.filter((key) => !referenced.has(key)));
    page = [];
  };
  for await (const key of s3FromEnv().keys()) {
    page.push(key);
    if (page.length === 1000) await flush();
  }
  if (page.length > 0) await flush();
  return orphans;
}
