/**
 * The app's environment, validated with zod on first use so a bad configuration fails with a
 * readable message instead of a stray 500 later (the launchers validate it before start too).
 */
import "server-only";
import { parseEnv, type Env } from "@/lib/env-schema";

export type { Env };

let cached: Env | undefined;

/** Returns the validated environment. @throws Error listing every invalid variable. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
