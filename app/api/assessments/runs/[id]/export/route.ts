import { NextResponse } from "next/server";
import { exportRun } from "@/lib/assessments/export";
import { attachment, pathId, sessionFile } from "@/lib/http/handlers";

export const dynamic = "force-dynamic";

/**
 * GET /api/assessments/runs/{id}/export: the run as an .xlsx performance score sheet (city
 * roles). Signed out → sign-in and back; refused → a JSON error body.
 */
export const GET = sessionFile<{ id: string }>(
  "GET /api/assessments/runs/export",
  async (actor, _request, { id }) => {
    const { fileName, bytes } = await exportRun(actor, pathId(id));
    return new NextResponse(new Uint8Array(bytes), {
      headers: {
        "Cache-Control": "no-store",
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": attachment(`${fileName}.xlsx`),
      },
    });
  },
  { signInRedirect: true },
);
