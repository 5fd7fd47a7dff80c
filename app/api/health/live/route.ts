import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/**
 * GET /api/health/live → 200 `{"status":"alive"}` while the process serves requests at all
 * (liveness: restart the server when this fails). Touches no database.
 */
export function GET() {
  return NextResponse.json({ status: "alive" }, { headers: { "Cache-Control": "no-store" } });
}
