import { metricsResponse } from "@/lib/system/metrics-route";

export const dynamic = "force-dynamic";

/** GET /api/metrics: Prometheus metrics for the METRICS_TOKEN bearer (lib/system/metrics-route.ts). */
export function GET(request: Request) {
  return metricsResponse(request);
}
