/**
 * The environment the app needs, as a zod schema (no server-only import, so the launchers in
 * lib/cli can validate the environment before they start Next; lib/env.ts uses it at run time).
 */
import { z } from "zod";

const MB = 1024 * 1024;

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is required (the launcher sets it for the embedded database)" })
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL"),
  NEXTAUTH_SECRET: z.string().min(16, "NEXTAUTH_SECRET must be at least 16 characters").optional(),
  NEXTAUTH_URL: z
    .url("NEXTAUTH_URL must be a URL such as https://meizhen.example.gov.cn")
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
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
  LIMIT_JSON_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * MB)
    .default(1 * MB),
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
