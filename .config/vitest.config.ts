/**
 * Vitest: unit tests (pure rules) and integration tests (real PostgreSQL, one scratch database
 * per test file that needs one: lib/testing/database.ts). Run through `npm test` or
 * `npm run test:unit`.
 */
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "..");

export default defineConfig({
  root,
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // `server-only` throws outside React Server Components; tests call server code directly.
      { find: /^server-only$/, replacement: path.join(root, "lib/testing/empty-module.ts") },
    ],
  },
  test: {
    include: ["lib/**/*.test.ts", "prisma/**/*.test.ts"],
    exclude: ["node_modules/**", ".next/**", "e2e/**"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: more workers only contend for them and for PostgreSQL.
    maxWorkers: 2,
  },
});
