import { getLocale } from "next-intl/server";
import { getActor } from "@/lib/auth/session";
import { contentDisposition } from "@/lib/domain/evidence-file";
import { isAppError } from "@/lib/errors";
import { buildCreationListTemplate } from "@/lib/tasks/import";
import { importCreationListSchema } from "@/lib/validation/task";

export const dynamic = "force-dynamic";

/**
 * GET /api/tasks/{year}/template: the year's creation-list template (.xlsx, every town with its
 * current task) in the caller's language; city administrators only (403 otherwise).
 */
export async function GET(_request: Request, { params }: { params: Promise<{ year: string }> }) {
  const actor = await getActor();
  if (!actor) return new Response(null, { status: 401 });
  const parsed = importCreationListSchema.safeParse({ year: (await params).year });
  if (!parsed.success) return new Response(null, { status: 404 });
  const { year } = parsed.data;
  try {
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
  } catch (error) {
    if (isAppError(error)) return new Response(null, { status: error.status });
    throw error;
  }
}
