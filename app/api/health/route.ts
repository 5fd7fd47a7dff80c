import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/system/health";

export const dynamic = "force-dynamic";

/** GET /api/health → 200 `{"status":"ok","db":"ok"}`, or 503 with `"db":"down"`. */
export async function GET() {
  const health = await checkHealth();
  return NextResponse.json(health, {
    status: health.db === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
