/**
 * Creates a Prisma client on the `pg` driver adapter (Prisma 7 needs no query engine binary
 * this way, so it runs on networks that cannot download Prisma's engines).
 * Used directly by scripts, the seed and tests; the app uses the singleton in `lib/db.ts`.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type { PrismaClient };

/**
 * @param connectionString a `postgresql://` URL.
 * @param options.max      pool size (default 10 per app server).
 * @returns a new client; call `$disconnect()` when done.
 */
export function createPrismaClient(
  connectionString: string,
  options: { max?: number } = {},
): PrismaClient {
  // A bounded connect timeout lets health checks report "down" instead of hanging.
  const adapter = new PrismaPg({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
  });
  return new PrismaClient({ adapter });
}
