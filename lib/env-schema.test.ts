import { describe, expect, it } from "vitest";
import { parseEnv } from "./env-schema";

describe("parseEnv", () => {
  it("accepts a complete environment and applies defaults", () => {
    expect(
      parseEnv({
        DATABASE_URL: "postgresql://u:p@db:5432/meizhen",
        NEXTAUTH_SECRET: "0123456789abcdef",
        NEXTAUTH_URL: "https://meizhen.example.gov.cn",
      }),
    ).toEqual({
      NODE_ENV: "development",
      DATABASE_URL: "postgresql://u:p@db:5432/meizhen",
      NEXTAUTH_SECRET: "0123456789abcdef",
      NEXTAUTH_URL: "https://meizhen.example.gov.cn",
      DATABASE_POOL_SIZE: 10,
      SHUTDOWN_GRACE_SECONDS: 20,
      LIMIT_EVIDENCE_BYTES: 20 * 1024 * 1024,
      LIMIT_IMPORT_BYTES: 5 * 1024 * 1024,
      LIMIT_IMPORT_EXPANDED_BYTES: 50 * 1024 * 1024,
      LIMIT_IMPORT_ROWS: 5000,
      LIMIT_ROW_ERRORS: 100,
      LIMIT_JSON_BYTES: 1024 * 1024,
    });
  });

  it("lists every bad variable", () => {
    expect(() =>
      parseEnv({ DATABASE_URL: "mysql://x", NEXTAUTH_SECRET: "short", DATABASE_POOL_SIZE: "0" }),
    ).toThrow(
      /DATABASE_URL must be a postgresql:\/\/ URL[\s\S]*at least 16 characters[\s\S]*DATABASE_POOL_SIZE/,
    );
  });
});
