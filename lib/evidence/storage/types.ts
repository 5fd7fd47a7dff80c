/**
 * The one interface every evidence store implements (PostgreSQL rows or an S3-compatible object
 * store), so the upload, download, delete and move code never asks which one it talks to.
 */
import type { Readable } from "node:stream";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { EvidenceStorage } from "@/lib/generated/prisma/enums";

/** A database client: the app's own or the caller's transaction (the PostgreSQL store uses it). */
export type DbClient = Prisma.TransactionClient;

/** What is known of a file before it is written: its SHA-256 (hex) and size (bytes). */
export type FileFacts = { sha256: string; sizeBytes: number; mimeType: string };

/**
 * One evidence store. Keys are the store's own: the evidence id for POSTGRES, the object key for
 * S3 (Evidence.storageKey). `client` is the transaction to work in; only POSTGRES uses it.
 */
export interface EvidenceStore {
  readonly kind: EvidenceStorage;
  /** Writes the bytes (or a stream of them) under the key, replacing what was there. */
  put(key: string, body: Uint8Array | Readable, facts: FileFacts, client?: DbClient): Promise<void>;
  /**
   * A stream of the bytes; it reads the store piece by piece, never the whole file at once.
   * @throws AppError NOT_FOUND when the key holds nothing.
   */
  get(key: string, client?: DbClient): Promise<Readable>;
  /** Removes the key; nothing happens when it holds nothing. */
  delete(key: string, client?: DbClient): Promise<void>;
  /** Whether the key holds a file. */
  exists(key: string, client?: DbClient): Promise<boolean>;
}
