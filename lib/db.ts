/**
 * The app's one Prisma client (pg driver adapter), created on first use and reused across
 * hot reloads in development. Server code only.
 */
import "server-only";
import type { Sql as DomainSql } from "@/lib/domain/sql";
import { env } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import { createPrismaClient, type PrismaClient } from "@/lib/prisma-client";
import { setPoolSource, timeStatements } from "@/lib/server/metrics";
import { serverState } from "@/lib/server/request-context";

const globalForPrisma = globalThis as unknown as { meizhenPrisma?: PrismaClient };

/** Closes the shared client and its pool (after a graceful drain); db() would open a new one. */
async function closeDb(): Promise<void> {
  const client = globalForPrisma.meizhenPrisma;
  globalForPrisma.meizhenPrisma = undefined;
  await client?.$disconnect();
}

/** The shared client. @throws when DATABASE_URL is missing or invalid. */
export function db(): PrismaClient {
  if (!globalForPrisma.meizhenPrisma) {
    const { DATABASE_URL, DATABASE_POOL_SIZE } = env();
    globalForPrisma.meizhenPrisma = createPrismaClient(DATABASE_URL, {
      max: DATABASE_POOL_SIZE,
      onPool: (pool) => {
        setPoolSource(() => ({
          total: pool.totalCount,
          idle: pool.idleCount,
          waiting: pool.waitingCount,
        }));
        pool.on("connect", (client) =>
          timeStatements(client as unknown as { query: (...args: unknown[]) => unknown }),
        );
      },
    });
    serverState.afterDrain.set("database pool", closeDb);
  }
  return globalForPrisma.meizhenPrisma;
}

/**
 * Turns a statement built with lib/domain/sql.ts (the domain's rules in SQL) into the Sql
 * object of this Prisma client, for `$queryRaw`. The two are the same library loaded as two
 * module instances (ESM and CommonJS), so Prisma would not recognise ours as a nested
 * fragment; a statement is flat after construction, so copying strings and values is exact.
 */
export function toPrismaSql(statement: DomainSql): Prisma.Sql {
  return new Prisma.Sql(statement.strings, statement.values);
}
