import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/system/health";
import { serverState } from "@/lib/server/request-context";

export const dynamic = "force-dynamic";

/**
 * GET /api/health/ready → 200 `{"status":"ready","db":"ok"}` when this server should get
 * traffic; 503 while it drains for a shutdown (`"status":"draining"`) or when the database does
 * not answer (`"db":"down"`). Load balancers route by this; liveness is /api/health/live.
 */
export async function GET() {
  if (serverState.draining) {
    return NextResponse.json(
      { status: "draining" },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
  const health = await checkHealth();
  const ready = health.db === "ok";
  return NextResponse.json(
    { status: ready ? "ready" : "unavailable", db: health.db },
    { status: ready ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
