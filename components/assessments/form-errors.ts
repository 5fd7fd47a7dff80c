/**
 * Field errors of a zod schema shared with the server (lib/validation/assessment.ts), checked
 * in the browser before sending: the first message per field, translated. Message keys are the
 * catalogues' (the server's presenter reads them the same way, lib/errors/present.ts); zod's
 * own issues fall back to "the format is wrong".
 */
import type { z } from "zod";

/** The schema's field errors for `input` (field path "a.b" → message), or null when valid. */
export function fieldErrors(
  schema: z.ZodType,
  input: unknown,
  t: (key: string) => string,
): Record<string, string> | null {
  const result = schema.safeParse(input);
  if (result.success) return null;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join(".") || "_form";
    const key = /^[a-z]+\.[A-Za-z.]+$/.test(issue.message) ? issue.message : "validation.format";
    fields[field] ??= t(key);
  }
  return fields;
}
