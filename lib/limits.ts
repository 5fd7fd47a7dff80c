/**
 * The one place that says how much work a request may cause (issue 14, part 4): bytes of a
 * request body by kind, the expanded size and rows of an imported table, and how many row
 * errors an answer lists. The values come from the validated environment (lib/env-schema.ts,
 * LIMIT_*; safe defaults, README "Limits"). The checks read them while reading:
 * - bodies: lib/http/handlers.ts (Content-Length refused before reading; bytes counted while
 *   reading when it is absent),
 * - tables: lib/import/table.ts (zip directory before unpacking, rows while streaming),
 * - row errors: importRowsError (lib/import/table.ts) keeps the first ones and counts the rest;
 * and the browser checks size and type before sending (lib/domain/upload.ts, fed with
 * `browserLimit()` by the pages).
 */
import "server-only";
import type { BrowserFileLimit } from "@/lib/domain/upload";
import { env } from "@/lib/env";

export { megabytes } from "@/lib/domain/upload";

/** The limits in force (bytes; counts). */
export type Limits = {
  /** An evidence file (台账 / 佐证材料). */
  evidenceBytes: number;
  /** An imported .xlsx or .csv file (report values, creation list, rating scheme). */
  importBytes: number;
  /** The sum of the unpacked parts of an imported .xlsx (a zip): a zip bomb stops here. */
  importExpandedBytes: number;
  /** Data rows of an imported table (the header not counted). */
  importRows: number;
  /** Row errors listed in one answer; the rest are counted ("and N more"). */
  rowErrors: number;
  /** A JSON request body (auto-save, score sheets). */
  jsonBytes: number;
  /** Refused writes recorded one by one per client address and minute (lib/audit/refusals.ts). */
  refusalsPerMinute: number;
};

/** What a request body carries, for its byte limit. */
export type BodyKind = "evidence" | "import" | "json";

/** The room a multipart body needs beside its file (boundaries, field names, small fields). */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/** The limits from the environment. */
export function limits(): Limits {
  const e = env();
  return {
    evidenceBytes: e.LIMIT_EVIDENCE_BYTES,
    importBytes: e.LIMIT_IMPORT_BYTES,
    importExpandedBytes: e.LIMIT_IMPORT_EXPANDED_BYTES,
    importRows: e.LIMIT_IMPORT_ROWS,
    rowErrors: e.LIMIT_ROW_ERRORS,
    jsonBytes: e.LIMIT_JSON_BYTES,
    refusalsPerMinute: e.LIMIT_REFUSALS_PER_MINUTE,
  };
}

/** The largest file of a kind (bytes). */
export function fileLimit(kind: Exclude<BodyKind, "json">): number {
  const l = limits();
  return kind === "evidence" ? l.evidenceBytes : l.importBytes;
}

/** The largest request body of a kind (bytes): a file's limit plus the multipart overhead. */
export function bodyLimit(kind: BodyKind): number {
  return kind === "json" ? limits().jsonBytes : fileLimit(kind) + MULTIPART_OVERHEAD_BYTES;
}

/**
 * The browser's check for a kind of upload (passed by a page to its upload control).
 * @param extensions the accepted extensions, lower case without the dot.
 */
export function browserLimit(
  kind: Exclude<BodyKind, "json">,
  extensions: string[],
): BrowserFileLimit {
  return { maxBytes: fileLimit(kind), extensions };
}
