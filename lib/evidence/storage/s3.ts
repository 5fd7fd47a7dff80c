/**
 * The S3-compatible evidence store (MinIO, a cloud provider's object store, AWS S3): one object
 * per file under `evidence/`, written with a multipart upload when large (lib-storage Upload,
 * 8 MiB parts, so a stream is never held whole) and read back as the response stream. The SHA-256
 * is kept in the object's metadata (`x-amz-meta-sha256`) for an operator's own checks.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { AppError } from "@/lib/errors";
import type { EvidenceStore, FileFacts } from "./types";

/** Where the S3 store is and how to sign in (from lib/env-schema.ts S3_*). */
export type S3Config = {
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
};

/** The folder every evidence object is under. */
export const S3_PREFIX = "evidence/";

/** A fresh object key for a new upload (never reused, so a failed upload cannot clobber a file). */
export function newObjectKey(): string {
  return `${S3_PREFIX}${randomUUID()}`;
}

const notFound = (error: unknown): boolean => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === "NoSuchKey" || e.name === "NotFound" || e.$metadata?.httpStatusCode === 404;
};

/** The S3 store plus what only it can do: list its keys (to find orphaned objects). */
export type S3Store = EvidenceStore & {
  /** Every object key under the evidence prefix, page by page. */
  keys(): AsyncGenerator<string>;
};

/** An S3 store for a configuration (one client, reused). */
export function s3Store(config: S3Config): S3Store {
  const client = new S3Client({
    endpoint: config.endpoint,
    region: config.region,
    forcePathStyle: config.forcePathStyle,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    // Plain Content-MD5/none checksums: many S3-compatible stores refuse the SDK's default
    // trailing CRC checksums (aws-chunked bodies). Integrity is checked by SHA-256 instead.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const Bucket = config.bucket;
  return {
    kind: "S3",
    async put(key: string, body: Uint8Array | Readable, facts: FileFacts) {
      await new Upload({
        client,
        params: {
          Bucket,
          Key: key,
          Body: body,
          ContentType: facts.mimeType,
          Metadata: { sha256: facts.sha256 },
        },
        partSize: 8 * 1024 * 1024,
        queueSize: 2,
        leavePartsOnError: false,
      }).done();
    },
    async get(key: string) {
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket, Key: key }));
        return answer.Body as Readable;
      } catch (error) {
        if (notFound(error)) throw new AppError("NOT_FOUND", undefined, { storageKey: key });
        throw error;
      }
    },
    async delete(key: string) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },
    async exists(key: string) {
      try {
        await client.send(new HeadObjectCommand({ Bucket, Key: key }));
        return true;
      } catch (error) {
        if (notFound(error)) return false;
        throw error;
      }
    },
    async *keys() {
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket, Prefix: S3_PREFIX, ContinuationToken }),
        );
        for (const object of page.Contents ?? []) if (object.Key) yield object.Key;
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
    },
  };
}
