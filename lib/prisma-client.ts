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
  pool.on("connect", (client) => serializeQueries(client as unknown as Queryable));
  options.onPool?.(pool);
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  return new PrismaClient({ adapter });
}

/** What a pg client's `query` looks like here (promise or callback form). */
export type Queryable = { query: (...args: unknown[]) => unknown };

/**
 * Sends one statement at a time on a pg client: each `query` waits until the client's previous
 * one has finished. pg queues overlapping calls itself, but that queue is deprecated and is
 * removed in pg 9; Prisma's adapter-pg still sends a transaction's relation loads at once on its
 * one connection (prisma/orm#29468, open), which makes pg warn on every run. Same order, same
 * results, one round trip after the other, as pg's queue did. Statements passed as submittable
 * objects (cursors) are sent unqueued. Calls the prototype's `query` at call time, so wrappers
 * of `pg.Client.prototype.query` (lib/testing/statements.ts) see every statement.
 */
export function serializeQueries(dbClient: Queryable): void {
  const proto = Object.getPrototypeOf(dbClient) as Queryable;
  let previous: Promise<unknown> = Promise.resolve();
  dbClient.query = (...args: unknown[]) => {
    const config = args[0] as { submit?: unknown } | undefined;
    if (typeof config === "object" && config !== null && typeof config.submit === "function") {
      return proto.query.apply(dbClient, args);
    }
    const last = args[args.length - 1];
    if (typeof last === "function") {
      // Callback form (pg-pool's pool.query): returns nothing; the callback ends the turn.
      previous = previous.then(
        () =>
          new Promise<void>((done) => {
            args[args.length - 1] = (...results: unknown[]) => {
              done();
              return (last as (...r: unknown[]) => unknown)(...results);
            };
            proto.query.apply(dbClient, args);
          }),
      );
      return undefined;
    }
    const result = previous.then(() => proto.query.apply(dbClient, args));
    previous = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  };
}
