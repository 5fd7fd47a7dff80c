import { pathId, sessionWrite, uploadedFile } from "@/lib/http/handlers";
import { importReport } from "@/lib/reports/import";
import { getReportForActor } from "@/lib/reports/queries";

export const dynamic = "force-dynamic";

/**
 * POST /api/reports/{id}/import (multipart: `file` .xlsx or .csv, `expectedVersion`): imports a
 * filled template into an editable report, all or nothing. → `{ version, rows }`; a refused
 * file → 400 with `error.fields["row.<n>"]`: one translated message per bad row ("第 3 行：…").
 */
export const POST = sessionWrite<{ id: string }>(
  "report.import",
  async (actor, request, { id }) => {
    const { form, fileName, bytes } = await uploadedFile(request, "import", "import.badType");
    const report = await getReportForActor(actor, pathId(id));
    return importReport(actor, report, {
      expectedVersion: Number(form.get("expectedVersion")),
      fileName,
      bytes,
    });
  },
);
