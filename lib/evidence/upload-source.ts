/**
 * Where an uploaded file's bytes are while it is checked and stored: in memory (a caller's
 * `Uint8Array`, e.g. tests and the seed) or spooled to a temporary file by the multipart reader
 * (lib/http/multipart.ts), so an upload is never held whole in memory on its way to an object
 * store. Every source knows its size (bytes), SHA-256 (hex) and first bytes (for the content
 * check of lib/domain/evidence-file.ts) before anything is stored.
 */
import "server-only";
import { createHash } from "node:crypto";
import { Readable } from "node:stream";

/** How many leading bytes a source keeps for the content check (signatures are ≤ 8 bytes). */
export const HEAD_BYTES = 16;

/** An uploaded file's bytes and what is known of them. */
export type UploadSource = {
  /** The name the client gave (not yet cleaned). */
  fileName: string;
  /** Size in bytes. */
  sizeBytes: number;
  /** SHA-256 of the content, lower-case hex. */
  sha256: string;
  /** The first HEAD_BYTES bytes (fewer for a shorter file). */
  head: Uint8Array;
  /** A fresh stream of the content (may be called more than once). */
  open(): Readable;
  /** The whole content in memory (only for stores that need it, e.g. a PostgreSQL row). */
  readAll(): Promise<Uint8Array>;
};

/** A file given as bytes, the way in-process callers pass it: `{ fileName, bytes }`. */
export type BytesInput = { fileName: string; bytes: Uint8Array };

/** A file given as an upload source (a spooled multipart upload). */
export type SourceInput = { file: UploadSource };

/** Either way a use case accepts a file. */
export type FileInput = BytesInput | SourceInput;

/** An upload source over bytes already in memory. */
export function bytesSource(fileName: string, bytes: Uint8Array): UploadSource {
  return {
    fileName,
    sizeBytes: bytes.length,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    head: bytes.subarray(0, HEAD_BYTES),
    open: () => Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]),
    readAll: async () => bytes,
  };
}

/** The upload source of a use case's file input, whichever way it was given. */
export function sourceOf(input: FileInput): UploadSource {
  return "file" in input ? input.file : bytesSource(input.fileName, input.bytes);
}
