/**
 * The app's one Prisma client (pg driver adapter), created on first use and reused across
 * hot reloads in development. Server code only.
 */
import "server-only";
import { env } from "@/lib/env";
import { createPrismaClient, type PrismaClient } from "@/lib/prisma-client";

const globalForPrisma = globalThis as unknown as { meizhenPrisma?: PrismaClient };

/** The shared client. @throws when DATABASE_URL is missing or invalid. */
export function db(): PrismaClient {
  if (!globalForPrisma.meizhenPrisma) {
    const { DATABASE_URL, DATABASE_POOL_SIZE } = env();
    globalForPrisma.meizhenPrisma = createPrismaClient(DATABASE_URL, { max: DATABASE_POOL_SIZE });
  }
  return globalForPrisma.meizhenPrisma;
}
