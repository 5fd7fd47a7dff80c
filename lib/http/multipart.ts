/**
 * Reads a multipart upload without holding the file in memory (issue 16, part 3): busboy parses
 * the body as it arrives, the `file` part is written to a temporary file while its SHA-256, size
 * and first bytes are taken, and the small text fields are kept. The file then reaches its store
 * as a stream (an S3 object store never sees it whole in this process; the PostgreSQL store reads
 * it back, since a row is written in one piece). The temporary file is removed by `dispose()`
 * — callers use `withSpooledUpload`, which always does.
 *
 * Limits (lib/limits.ts): the body by its Content-Length before reading; the file by counting
 * while writing (the moment it passes the limit the upload stops: TOO_LARGE); at most 20 text
 * fields of 1 KB each; one file.
 */
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { pipeline } from "node:stream/promises";
import busboy from "busboy";
import { HEAD_BYTES, type UploadSource } from "@/lib/evidence/upload-source";
import { AppError } from "@/lib/errors";
import { bodyLimit, fileLimit, megabytes, type BodyKind } from "@/lib/limits";
import { metrics } from "@/lib/server/metrics";

/** A multipart upload read to a temporary file: its text fields and the file. */
export type SpooledUpload = { fields: Map<string, string>; file: UploadSource };

const MAX_FIELDS = 20;
const MAX_FIELD_BYTES = 1024;

function tooLarge(maxBytes: number, detail: Record<string, unknown>): AppError {
  return new AppError(
    "TOO_LARGE",
    { message: { key: "upload.tooLarge", values: { mb: megabytes(maxBytes) } } },
    { maxBytes, ...detail },
  );
}

/**
 * Reads `request` (multipart with one `file` part) to a temporary file and runs `work` with it;
 * the temporary file is removed afterwards, whatever happens.
 * @param kind the upload's kind for its limits ("evidence" | "import").
 * @param missingKey the message key when the body has no file (or an empty file name).
 * @throws AppError TOO_LARGE (body or file over the limit) | VALIDATION (validation.badBody when
 *   the body is not multipart; upload.interrupted when the client stops mid-body; missingKey)
 */
export async function withSpooledUpload<T>(
  request: Request,
  kind: Exclude<BodyKind, "json">,
  missingKey: string,
  work: (upload: SpooledUpload) => Promise<T>,
): Promise<T> {
  const maxFile = fileLimit(kind);
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > bodyLimit(kind)) {
    throw tooLarge(maxFile, { contentLength: Number(declared) });
  }
  const spoolPath = path.join(os.tmpdir(), `meizhen-upload-${randomUUID()}`);
  try {
    const upload = await spool(request, spoolPath, maxFile, bodyLimit(kind), missingKey);
    metrics().uploadBytes.observe({ kind }, upload.file.sizeBytes);
    return await work(upload);
  } finally {
    await rm(spoolPath, { force: true });
  }
}

async function spool(
  request: Request,
  spoolPath: string,
  maxFile: number,
  maxBody: number,
  missingKey: string,
): Promise<SpooledUpload> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": request.headers.get("content-type") ?? "" },
      // Browsers send file names as raw UTF-8 (WHATWG FormData), not RFC 2231: 绿道.pdf stays so.
      defParamCharset: "utf8",
      limits: {
        files: 1,
        fields: MAX_FIELDS,
        fieldSize: MAX_FIELD_BYTES,
        fileSize: maxFile + 1, // one byte more than allowed: crossing it means "too large"
      },
    });
  } catch {
    throw new AppError("VALIDATION", "validation.badBody", { reason: "not multipart" });
  }
  if (!request.body) throw new AppError("VALIDATION", missingKey);
  const source = Readable.fromWeb(request.body as WebReadableStream<Uint8Array>);
  const fields = new Map<string, string>();
  const got: { file?: UploadSource } = {}; // set by the file part (a closure TS cannot follow)
  let fileDone: Promise<void> = Promise.resolve();
  let overLimit = false;

  parser.on("field", (name, value) => {
    if (!fields.has(name)) fields.set(name, value);
  });
  parser.on("file", (name, stream, info) => {
    if (name !== "file" || got.file || !info.filename) {
      stream.resume(); // not ours: drained, never stored
      return;
    }
    const hash = createHash("sha256");
    const head: Buffer[] = [];
    let headLength = 0;
    let size = 0;
    // Hash, count and keep the first bytes on the way to the temporary file.
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        if (headLength < HEAD_BYTES) {
          const part = chunk.subarray(0, HEAD_BYTES - headLength);
          head.push(part);
          headLength += part.length;
        }
        done(null, chunk);
      },
    });
    stream.on("limit", () => {
      overLimit = true;
      source.destroy(); // stop reading the body: nothing more of it is wanted
    });
    const fileName = info.filename;
    fileDone = pipeline(stream, tap, createWriteStream(spoolPath)).then(() => {
      if (overLimit) return;
      got.file = {
        fileName,
        sizeBytes: size,
        sha256: hash.digest("hex"),
        head: new Uint8Array(Buffer.concat(head)),
        open: () => createReadStream(spoolPath),
        readAll: async () => new Uint8Array(await readFile(spoolPath)),
      };
    });
    fileDone.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
  });

  // The whole body is capped too (parts that are not the file are drained, not stored).
  let bodyBytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bodyBytes += chunk.length;
      if (bodyBytes > maxBody) {
        overLimit = true;
        done(new Error("body over the limit"));
      } else done(null, chunk);
    },
  });
  try {
    await pipeline(source, counter, parser);
    await fileDone;
  } catch (error) {
    if (overLimit) throw tooLarge(maxFile, { read: "> limit" });
    const message = String(error);
    if (/Unexpected end of form|Malformed|boundary/i.test(message)) {
      throw new AppError("VALIDATION", "validation.badBody", { reason: message });
    }
    throw new AppError("VALIDATION", "upload.interrupted", { error: message });
  }
  if (overLimit) throw tooLarge(maxFile, { read: "> limit" });
  if (!got.file) throw new AppError("VALIDATION", missingKey);
  return { fields, file: got.file };
}
