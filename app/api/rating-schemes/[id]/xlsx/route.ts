import { getLocale } from "next-intl/server";
import { contentDisposition } from "@/lib/domain/evidence-file";
import { pathId, sessionFile } from "@/lib/http/handlers";
import { exportSchemeXlsx } from "@/lib/ratings/scheme-xlsx";

export const dynamic = "force-dynamic";

/**
 * GET /api/rating-schemes/{id}/xlsx: the scheme as .xlsx in the caller's language (the printed
 * sheet layout, its rules and settings; lib/ratings/scheme-xlsx.ts); roles that read ratings.
 */
export const GET = sessionFile<{ id: string }>(
  "ratingScheme.export",
  async (actor, _request, { id }) => {
    const en = (await getLocale()) === "en";
    const file = await exportSchemeXlsx(actor, pathId(id), en);
    return new Response(new Uint8Array(file.bytes), {
      headers: {
        "Content-Type": file.type,
        "Content-Disposition": contentDisposition(file.fileName),
        "Cache-Control": "private, no-store",
      },
    });
  },
  { signInRedirect: true },
);
