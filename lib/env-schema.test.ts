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
      MAX_CONCURRENT_REQUESTS: 16,
      WEB_CONCURRENCY: 1,
      SHUTDOWN_GRACE_SECONDS: 20,
      LIMIT_EVIDENCE_BYTES: 20 * 1024 * 1024,
      LIMIT_IMPORT_BYTES: 5 * 1024 * 1024,
      LIMIT_IMPORT_EXPANDED_BYTES: 50 * 1024 * 1024,
      LIMIT_IMPORT_ROWS: 5000,
      LIMIT_ROW_ERRORS: 100,
      LIMIT_REFUSALS_PER_MINUTE: 10,
      LIMIT_JSON_BYTES: 1024 * 1024,
      EVIDENCE_STORE: "postgres",
      S3_REGION: "us-east-1",
      S3_FORCE_PATH_STYLE: false,
    });
  });

  it("requires the bucket and keys for the S3 evidence store, and reads path style", () => {
    const base = { DATABASE_URL: "postgresql://u@db/meizhen", EVIDENCE_STORE: "s3" };
    expect(() => parseEnv({ ...base, S3_BUCKET: "evidence" })).toThrow(
      /S3_ACCESS_KEY_ID is required when EVIDENCE_STORE=s3[\s\S]*S3_SECRET_ACCESS_KEY is required/,
    );
    expect(() => parseEnv({ ...base, S3_ACCESS_KEY_ID: "k", S3_SECRET_ACCESS_KEY: "s" })).toThrow(
      /S3_BUCKET is required/,
    );
    const env = parseEnv({
      ...base,
      S3_ENDPOINT: "http://minio:9000",
      S3_BUCKET: "evidence",
      S3_ACCESS_KEY_ID: "k",
      S3_SECRET_ACCESS_KEY: "s",
      S3_FORCE_PATH_STYLE: "true",
    });
    expect(env).toMatchObject({ EVIDENCE_STORE: "s3", S3_FORCE_PATH_STYLE: true });
    expect(parseEnv({ DATABASE_URL: base.DATABASE_URL }).EVIDENCE_STORE).toBe("postgres");
  });

  it("lists every bad variable", () => {
    expect(() =>
      parseEnv({ DATABASE_URL: "mysql://x", NEXTAUTH_SECRET: "short", DATABASE_POOL_SIZE: "0" }),
    ).toThrow(
      /DATABASE_URL must be a postgresql:\/\/ URL[\s\S]*at least 16 characters[\s\S]*DATABASE_POOL_SIZE/,
    );
  });
});
