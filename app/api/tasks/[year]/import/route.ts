import { sessionWrite, uploadedFile } from "@/lib/http/handlers";
import { importCreationList } from "@/lib/tasks/import";

export const dynamic = "force-dynamic";

/**
 * POST /api/tasks/{year}/import (multipart: `file` .xlsx or .csv): imports a filled
 * creation-list template into the year, all or nothing; city administrators only.
 * → `{ rows, created, updated }`; a refused file → 400 with `error.fields["row.<n>"]`: one
 * translated message per bad row ("第 3 行：…").
 */
export const POST = sessionWrite<{ year: string }>(
  "task.import",
  async (actor, request, { year }) => {
    const { fileName, bytes } = await uploadedFile(request, "import", "import.badType");
    return importCreationList(actor, { year, fileName, bytes });
  },
);
