import { getLocale } from "next-intl/server";
import { sessionWrite, uploadedFile } from "@/lib/http/handlers";
import { importSchemeXlsx } from "@/lib/ratings/scheme-xlsx";

export const dynamic = "force-dynamic";

/**
 * POST /api/rating-schemes/{id}/import (multipart: `file` .xlsx, `expectedUpdatedAt` the
 * scheme's updatedAt as the page showed it): replaces a DRAFT's content, bands and settings
 * with the file's, all or nothing; city administrators only.
 * → `{ categories, items, criteria }`; a refused file → 400 with `error.rows`: one translated
 * message per bad row ("“规则”表第 5 行：…").
 */
export const POST = sessionWrite<{ id: string }>(
  "ratingScheme.import",
  async (actor, request, { id }) => {
    const { form, fileName, bytes } = await uploadedFile(
      request,
      "import",
      "ratingSchemes.import.badType",
    );
    return importSchemeXlsx(
      actor,
      { schemeId: id, expectedUpdatedAt: form.get("expectedUpdatedAt"), fileName, bytes },
      (await getLocale()) === "en",
    );
  },
);
