/**
 * The environment the app needs, as a zod schema (no server-only import, so the launchers in
 * lib/cli can validate the environment before they start Next; lib/env.ts uses it at run time).
 */
import { z } from "zod";

const MB = 1024 * 1024;

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string({
        error: "DATABASE_URL is required (the launcher sets it for the embedded database)",
      })
      .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL"),
    NEXTAUTH_SECRET: z
      .string()
      .min(16, "NEXTAUTH_SECRET must be at least 16 characters")
      .optional(),
    NEXTAUTH_URL: z
      .url("NEXTAUTH_URL must be a URL such as https://meizhen.example.gov.cn")
      .optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    /**
     * Requests the app server lets into Next at once; more wait their turn in arrival order
     * (lib/server/http-server.ts createGate): bounds the memory and the database connections a
     * burst takes. Health checks, static files and uploads do not wait.
     */
    MAX_CONCURRENT_REQUESTS: z.coerce.number().int().min(1).max(10_000).default(16),
    /**
     * App processes of `npm start` (Node's cluster: one port, connections shared between them).
     * One process uses one core; on a machine whose cores are otherwise idle, set it to the
     * cores the app may use (docs/BENCHMARKS.md has what two do on 2 cores). Each process has
     * its own memory (≈ 250–450 MB), database pool and live-figure cache. `npm run dev` and
     * `npm run demo`: always 1.
     */
    WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
    /**
     * The reverse proxies whose forwarding headers (X-Forwarded-For, X-Request-Id, …) are
     * trusted: comma-separated addresses, "loopback" for 127.0.0.1 and ::1. Unset: none.
     */
    TRUST_PROXY: z.string().optional(),
    /** Bearer token that GET /api/metrics requires; unset: the endpoint answers 404. */
    METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
    /** How long a shutdown waits for requests in flight, in seconds. */
    SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(0).max(600).default(20),
    // Limits of the work one request may cause (lib/limits.ts; README "Limits").
    LIMIT_EVIDENCE_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(200 * MB)
      .default(20 * MB),
    LIMIT_IMPORT_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(100 * MB)
      .default(5 * MB),
    LIMIT_IMPORT_EXPANDED_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(1024 * MB)
      .default(50 * MB),
    LIMIT_IMPORT_ROWS: z.coerce.number().int().min(10).max(1_000_000).default(5_000),
    LIMIT_ROW_ERRORS: z.coerce.number().int().min(1).max(10_000).default(100),
    LIMIT_REFUSALS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(10),
    LIMIT_JSON_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(100 * MB)
      .default(1 * MB),
    /**
     * Where new evidence files go (lib/evidence/storage; README "Evidence storage"): "postgres"
     * (EvidenceBlob rows, the default) or "s3" (an S3-compatible object store). Files keep the
     * store they were written to, so the S3_* settings are needed while any file is in S3.
     */
    EVIDENCE_STORE: z.enum(["postgres", "s3"]).default("postgres"),
    /** The store's URL (MinIO, a cloud provider's S3 endpoint); unset: AWS S3 of S3_REGION. */
    S3_ENDPOINT: z.url("S3_ENDPOINT must be a URL such as http://minio:9000").optional(),
    S3_REGION: z.string().min(1).default("us-east-1"),
    S3_BUCKET: z.string().min(3, "S3_BUCKET must name a bucket").optional(),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    /** Path-style addresses (http://host/bucket/key), as MinIO and most self-hosted stores need. */
    S3_FORCE_PATH_STYLE: z.stringbool().default(false),
  })
  .superRefine((e, ctx) => {
    if (e.EVIDENCE_STORE !== "s3") return;
    for (const key of ["S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const) {
      if (!e[key])
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: `${key} is required when EVIDENCE_STORE=s3`,
        });
    }
  });

/** The validated environment. */
export type Env = z.infer<typeof envSchema>;

/**
 * Validates an environment.
 * @throws Error listing every invalid variable, one per line.
 */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) throw new Error(`Invalid environment:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
