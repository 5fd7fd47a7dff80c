/**
 * Liveness of the app and its database, for load balancers and monitoring
 * (`GET /api/health`).
 */
import "server-only";
import { db } from "@/lib/db";

/** `{ status: "ok", db: "ok" }` when the database answers within `timeoutMs`, else db "down". */
export type Health = { status: "ok" | "degraded"; db: "ok" | "down" };

/** Pings the database with `SELECT 1`; never throws. */
export async function checkHealth(timeoutMs = 3_000): Promise<Health> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timeout")), timeoutMs);
  });
  try {
    await Promise.race([db().$queryRaw`SELECT 1`, timeout]);
    return { status: "ok", db: "ok" };
  } catch {
    return { status: "degraded", db: "down" };
  } finally {
    clearTimeout(timer);
  }
}
