/**
 * The PostgreSQL evidence store (the default, for the demo and small sites): the bytes are one
 * EvidenceBlob row keyed by the evidence id, written in the caller's transaction, and read back
 * in 1 MiB slices (substring of a bytea stored EXTERNAL, i.e. uncompressed, so a slice does not
 * decompress the whole value).
 */
import "server-only";
import { Readable } from "node:stream";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { DbClient, EvidenceStore, FileFacts } from "./types";

/** Bytes read from PostgreSQL per query while streaming a download. */
export const POSTGRES_SLICE_BYTES = 1024 * 1024;

const evidenceId = (key: string): number => {
  const id = Number(key);
  if (!Number.isSafeInteger(id) || id <= 0)
    throw new Error(`Not a PostgreSQL evidence key: ${key}`);
  return id;
};

async function collect(body: Uint8Array | Readable): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return body;
  const parts: Buffer[] = [];
  for await (const part of body) parts.push(Buffer.from(part as Uint8Array));
  return Buffer.concat(parts);
}

/** The PostgreSQL store; `client` defaults to the app's database. */
export function postgresStore(): EvidenceStore {
  return {
    kind: "POSTGRES",
    async put(key: string, body: Uint8Array | Readable, _facts: FileFacts, client?: DbClient) {
      // A bytea parameter is sent whole: PostgreSQL has no streaming insert through Prisma.
      const content = Buffer.from(await collect(body));
      const id = evidenceId(key);
      const c = client ?? db();
      // Replace by delete + insert: an upsert would carry the bytes twice (insert and update).
      await c.evidenceBlob.deleteMany({ where: { evidenceId: id } });
      await c.evidenceBlob.create({
        data: { evidenceId: id, content },
        select: { evidenceId: true },
      });
    },
    async get(key: string, client?: DbClient) {
      const id = evidenceId(key);
      const c = client ?? db();
      const rows = await c.$queryRaw<{ size: number }[]>`
        SELECT octet_length(content)::int AS size FROM "EvidenceBlob" WHERE "evidenceId" = ${id}`;
      if (rows.length === 0) throw new AppError("NOT_FOUND", undefined, { evidenceId: id });
      const size = rows[0]!.size;
      async function* slices() {
        for (let offset = 0; offset < size; offset += POSTGRES_SLICE_BYTES) {
          const part = await c.$queryRaw<{ part: Uint8Array }[]>`
            SELECT substring(content FROM ${offset + 1}::int FOR ${POSTGRES_SLICE_BYTES}::int) AS part
            FROM "EvidenceBlob" WHERE "evidenceId" = ${id}`;
          if (part.length === 0) throw new Error(`Evidence ${id} was removed while being read`);
          yield Buffer.from(part[0]!.part);
        }
      }
      return Readable.from(slices(), { objectMode: false });
    },
    async delete(key: string, client?: DbClient) {
      await (client ?? db()).evidenceBlob.deleteMany({ where: { evidenceId: evidenceId(key) } });
    },
    async exists(key: string, client?: DbClient) {
      return (
        (await (client ?? db()).evidenceBlob.count({ where: { evidenceId: evidenceId(key) } })) > 0
      );
    },
  };
}
