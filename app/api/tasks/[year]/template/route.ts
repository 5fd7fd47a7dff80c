import { getLocale } from "next-intl/server";
import { contentDisposition } from "@/lib/domain/evidence-file";
import { sessionFile } from "@/lib/http/handlers";
import { buildCreationListTemplate } from "@/lib/tasks/import";
import { importCreationListSchema } from "@/lib/validation/task";

export const dynamic = "force-dynamic";

/**
 * GET /api/tasks/{year}/template: the year's creation-list template (.xlsx, every town with its
 * current task) in the caller's language; city administrators only (403 otherwise).
 */
export const GET = sessionFile<{ year: string }>(
  "task.template",
  async (actor, _request, params) => {
    const { year } = importCreationListSchema.parse({ year: params.year });
    const en = (await getLocale()) === "en";
    const bytes = await buildCreationListTemplate(actor, year, en);
    return new Response(new Uint8Array(bytes), {
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": contentDisposition(
          en ? `creation-list-${year}.xlsx` : `${year}年度创建名单.xlsx`,
        ),
        "Cache-Control": "private, no-store",
      },
    });
  },
);
