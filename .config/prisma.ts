/**
 * Prisma CLI configuration (Prisma 7 moved the datasource URL out of schema.prisma).
 * Kept under `.config/` so the project's top level stays as the design card lists it.
 * `DATABASE_URL` is only needed by commands that talk to a database; `prisma generate`
 * runs without it, so the fallback here is never used to connect.
 */
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "../prisma/schema.prisma",
  migrations: {
    path: "../prisma/migrations",
    seed: "tsx prisma/seed.ts",
  },
  datasource: {
    url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/meizhen",
  },
});
