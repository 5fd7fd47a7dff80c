/**
 * Evidence storage (issue 16, part 3): which store new files go to (EVIDENCE_STORE), the store
 * that holds a given file (Evidence.storage, so a site can switch stores and still read older
 * files), and the stores themselves (./postgres.ts, ./s3.ts, one interface in ./types.ts).
 *
 * Consistency (README "Evidence storage"): an S3 object is written BEFORE the database
 * transaction that records it and deleted again when that transaction fails
 * (lib/evidence/store.internal.ts withStagedFile); a deleted file's object is removed AFTER the
 * transaction commits. An object left behind by a crash between the two is an orphan: harmless,
 * listed by `npm run evidence:move -- --orphans`. PostgreSQL files are written and deleted
 * inside the transaction itself.
 */
import "server-only";
import type { EvidenceStorage } from "@/lib/generated/prisma/enums";
import { env } from "@/lib/env";
import { postgresStore } from "./postgres";
import { s3Store, type S3Store } from "./s3";
import type { EvidenceStore } from "./types";

export type { DbClient, EvidenceStore, FileFacts } from "./types";
export { newObjectKey } from "./s3";

const stores: { postgres?: EvidenceStore; s3?: S3Store } = {};

/** The store new uploads go to, from EVIDENCE_STORE. */
export function uploadStorage(): EvidenceStorage {
  return env().EVIDENCE_STORE === "s3" ? "S3" : "POSTGRES";
}

/**
 * The S3 store from the S3_* settings.
 * @throws Error when S3_BUCKET or the keys are not set (a file in S3 cannot be read without them).
 */
export function s3FromEnv(): S3Store {
  if (stores.s3) return stores.s3;
  const e = env();
  if (!e.S3_BUCKET || !e.S3_ACCESS_KEY_ID || !e.S3_SECRET_ACCESS_KEY) {
    throw new Error(
      "Evidence is stored in S3 but S3_BUCKET, S3_ACCESS_KEY_ID or S3_SECRET_ACCESS_KEY is not set",
    );
  }
  stores.s3 = s3Store({
    endpoint: e.S3_ENDPOINT,
    region: e.S3_REGION,
    bucket: e.S3_BUCKET,
    accessKeyId: e.S3_ACCESS_KEY_ID,
    secretAccessKey: e.S3_SECRET_ACCESS_KEY,
    forcePathStyle: e.S3_FORCE_PATH_STYLE,
  });
  return stores.s3;
}

/** The store of a kind. @throws Error for S3 without its settings. */
export function storeOf(kind: EvidenceStorage): EvidenceStore {
  if (kind === "S3") return s3FromEnv();
  return (stores.postgres ??= postgresStore());
}

/** Where one file's bytes are: its store and its key there. */
export function locate(file: { id: number; storage: EvidenceStorage; storageKey: string | null }): {
  store: EvidenceStore;
  key: string;
} {
  if (file.storage === "S3") {
    if (!file.storageKey) throw new Error(`Evidence ${file.id} is in S3 without a key`);
    return { store: storeOf("S3"), key: file.storageKey };
  }
  return { store: storeOf("POSTGRES"), key: String(file.id) };
}
