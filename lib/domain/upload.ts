/**
 * The browser's check of a file before it is sent (issue 14, part 4): a file over the limit or
 * of a type the server refuses is never uploaded. The limits themselves are the server's
 * (lib/limits.ts, passed to the page); the server checks again whatever the browser says.
 */

/** What the browser checks: the largest file (bytes) and the accepted extensions. */
export type BrowserFileLimit = { maxBytes: number; extensions: string[] };

/** Bytes as whole or decimal megabytes for messages: 20971520 → "20", 524288 → "0.5". */
export function megabytes(bytes: number): string {
  return String(Math.round((bytes / (1024 * 1024)) * 10) / 10);
}

/** A refusal as a catalogue key (under `upload.`) and its values; null when the file may go. */
export type UploadRefusal = { key: string; values: Record<string, string> } | null;

/**
 * Checks a chosen file against the limit: empty, too large (upload.tooLarge with `mb`), or not
 * of an accepted extension (upload.badType with `types`, ".pdf, .png, …").
 */
export function checkBeforeUpload(
  file: { name: string; size: number },
  limit: BrowserFileLimit,
): UploadRefusal {
  if (file.size === 0) return { key: "upload.empty", values: {} };
  if (file.size > limit.maxBytes) {
    return { key: "upload.tooLarge", values: { mb: megabytes(limit.maxBytes) } };
  }
  const ext = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? "";
  if (!limit.extensions.includes(ext)) {
    return {
      key: "upload.badType",
      values: { types: limit.extensions.map((e) => `.${e}`).join(", ") },
    };
  }
  return null;
}
