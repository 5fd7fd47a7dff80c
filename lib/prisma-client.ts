/**
 * Creates a Prisma client on the `pg` driver adapter (Prisma 7 needs no query engine binary
 * this way, so it runs on networks that cannot download Prisma's engines).
 * Used directly by scripts, the seed and tests; the app uses the singleton in `lib/db.ts`.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type { PrismaClient };

/**
 * @param connectionString a `postgresql://` URL.
 * @param options.max      pool size (default 10 per app server).
 * @param options.onPool   receives the client's connection pool (the app's metrics read it).
 * @returns a new client; call `$disconnect()` when done (it ends the pool too).
 */
export function createPrismaClient(
  connectionString: string,
  options: { max?: number; onPool?: (pool: pg.Pool) => void } = {},
): PrismaClient {
  // A bounded connect timeout lets health checks report "down" instead of hanging.
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
  });
  options.onPool?.(pool);
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  return new PrismaClient({ adapter });
}
