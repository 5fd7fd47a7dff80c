/**
 * Which evidence files (台账 / 佐证材料) are accepted (issue 4, item 2): PDF, images (PNG, JPEG)
 * and Office files (Word, Excel, PowerPoint; OOXML and the older binary formats), at most
 * 20 MB. The extension and the first bytes must agree, so a renamed executable is refused.
 * A six-signature table is all this needs; a file-type library would be a new dependency.
 */

/** The largest evidence file accepted by default: 20 MB (the limit in force: lib/limits.ts). */
export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

type Family = { signature: number[]; types: Record<string, string> };

const OOXML = [0x50, 0x4b, 0x03, 0x04]; // "PK\3\4": a zip container
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // Compound File Binary

const families: Family[] = [
  { signature: [0x25, 0x50, 0x44, 0x46, 0x2d], types: { pdf: "application/pdf" } },
  { signature: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], types: { png: "image/png" } },
  { signature: [0xff, 0xd8, 0xff], types: { jpg: "image/jpeg", jpeg: "image/jpeg" } },
  {
    signature: OOXML,
    types: {
      docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    },
  },
  {
    signature: OLE2,
    types: {
      doc: "application/msword",
      xls: "application/vnd.ms-excel",
      ppt: "application/vnd.ms-powerpoint",
    },
  },
];

/** The extensions accepted (lower case, no dot). */
export const evidenceExtensions = families.flatMap((f) => Object.keys(f.types));

/** The extensions accepted, for the file input's `accept` attribute (".pdf,.png,…"). */
export const evidenceAccept = evidenceExtensions.map((ext) => `.${ext}`).join(",");

/** The outcome of checking a file: its MIME type, or an i18n key under `evidence.*`. */
export type EvidenceCheck = { ok: true; mimeType: string } | { ok: false; error: string };

/**
 * Checks an uploaded file by size, extension and content.
 * @param file.name the original name (Chinese names are fine; only the extension is read).
 * @param file.bytes the content (at least its first 8 bytes).
 * @param maxBytes the size limit (bytes).
 */
export function checkEvidenceFile(
  file: { name: string; size: number; bytes: Uint8Array },
  maxBytes: number = MAX_EVIDENCE_BYTES,
): EvidenceCheck {
  if (file.size === 0) return { ok: false, error: "evidence.empty" };
  if (file.size > maxBytes) return { ok: false, error: "evidence.tooLarge" };
  const ext = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? "";
  const family = families.find((f) => ext in f.types);
  if (!family) return { ok: false, error: "evidence.badType" };
  const matches = family.signature.every((byte, i) => file.bytes[i] === byte);
  if (!matches) return { ok: false, error: "evidence.contentMismatch" };
  return { ok: true, mimeType: family.types[ext]! };
}

/**
 * A Content-Disposition header that keeps a Chinese file name (RFC 6266 with the RFC 5987
 * `filename*=UTF-8''…` form, plus an ASCII fallback for old clients).
 */
export function contentDisposition(fileName: string, disposition = "attachment"): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
