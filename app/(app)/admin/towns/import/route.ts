import { sessionWrite, uploadedFile } from "@/lib/http/handlers";
import { importRegister } from "@/lib/towns/transfer";

export const dynamic = "force-dynamic";

/**
 * POST /admin/towns/import (multipart: `file` .xlsx in the export's layout): adds and updates
 * towns, all or nothing; city administrators only. → `{ created, updated }`; a refused file →
 * 400 with one translated message per bad row.
 */
export const POST = sessionWrite("town.import", async (actor, request) => {
  const { fileName, bytes } = await uploadedFile(request, "import", "import.badType");
  return importRegister(actor, { fileName, bytes });
});
