/**
 * The app's environment, validated with zod on first use so a bad configuration fails fast
 * with a readable message instead of a stray 500 later. The launcher (lib/cli/run-app.ts)
 * sets DATABASE_URL (embedded PostgreSQL when unset) and, for the demo, NEXTAUTH_SECRET.
 */
import "server-only";
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is required (the launcher sets it for the embedded database)" })
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL"),
  NEXTAUTH_SECRET: z.string().min(16, "NEXTAUTH_SECRET must be at least 16 characters").optional(),
  NEXTAUTH_URL: z.url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
});

/** The validated environment. */
export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/**
 * Returns the validated environment.
 * @throws Error listing every invalid variable.
 */
export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Invalid environment:\n${z.prettifyError(parsed.error)}`);
  }
  cached = parsed.data;
  return cached;
}
