import { Readable } from "node:stream";
import { contentDisposition } from "@/lib/domain/evidence-file";
import { pathId, sessionFile, sessionWrite } from "@/lib/http/handlers";
import { STREAM_LENGTH_HEADER } from "@/lib/http/stream-length";
import { deleteEvidence, getEvidenceFile } from "@/lib/reports/evidence";

export const dynamic = "force-dynamic";

/**
 * GET /api/evidence/{id}: downloads an evidence file in the caller's scope, with its original
 * (Chinese) name in an RFC 5987 Content-Disposition, streamed from its store (never whole in
 * memory). Out of scope or unknown → 404.
 */
export const GET = sessionFile<{ id: string }>(
  "evidence.download",
  async (actor, _request, { id }) => {
    const file = await getEvidenceFile(actor, pathId(id));
    return new Response(Readable.toWeb(file.stream) as ReadableStream<Uint8Array>, {
      headers: {
        "Content-Type": file.mimeType,
        "Content-Disposition": contentDisposition(file.fileName),
        "Content-Length": String(file.sizeBytes),
        // Next drops Content-Length from route handlers; the app server restores it from this.
        [STREAM_LENGTH_HEADER]: String(file.sizeBytes),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
      },
    });
  },
);

/** DELETE /api/evidence/{id}: removes a file from an editable report. → `{ ok: true }`. */
export const DELETE = sessionWrite<{ id: string }>(
  "evidence.delete",
  async (actor, _request, { id }) => {
    await deleteEvidence(actor, pathId(id));
    return { ok: true };
  },
);
