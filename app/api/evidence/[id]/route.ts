import { getActor } from "@/lib/auth/session";
import { contentDisposition } from "@/lib/domain/evidence-file";
import { isAppError } from "@/lib/errors";
import { deleteEvidence, getEvidenceFile } from "@/lib/reports/evidence";
import { sessionWrite } from "@/lib/reports/http";

export const dynamic = "force-dynamic";

/**
 * GET /api/evidence/{id}: downloads an evidence file in the caller's scope, with its original
 * (Chinese) name in an RFC 5987 Content-Disposition. Out of scope or unknown → 404.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return new Response(null, { status: 401 });
  try {
    const file = await getEvidenceFile(actor, Number((await params).id));
    return new Response(Buffer.from(file.content), {
      headers: {
        "Content-Type": file.mimeType,
        "Content-Disposition": contentDisposition(file.fileName),
        "Content-Length": String(file.content.length),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (isAppError(error)) return new Response(null, { status: error.status });
    throw error;
  }
}

/** DELETE /api/evidence/{id}: removes a file from an editable report. → `{ ok: true }`. */
export const DELETE = sessionWrite<{ id: string }>(async (actor, _request, { id }) => {
  await deleteEvidence(actor, Number(id));
  return { ok: true };
});
