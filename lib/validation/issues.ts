/**
 * zod issues as message keys, the one mapping shared by the server's error presenter
 * (lib/errors/present.ts) and forms that check the same schema in the browser before sending.
 * Our schemas give message keys ("validation.required"); zod's own issues map by their code.
 * Importable from client components (no server code).
 */
import type { core } from "zod";

/** The message key of one issue. */
export function issueKey(issue: core.$ZodIssue): string {
  if (/^[a-z][A-Za-z]*\.[A-Za-z.]+$/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case "invalid_type":
      return "validation.required";
    case "too_small":
      return "validation.tooShort";
    case "too_big":
      return "validation.tooLong";
    case "invalid_value":
      return "validation.invalidChoice";
    default:
      return "validation.format";
  }
}

/**
 * The first message key per field, fields named by their path joined with "." ("bands.0.minPoints");
 * an issue about the whole input is under "_form".
 */
export function issueFields(issues: readonly core.$ZodIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.path.length > 0 ? issue.path.map(String).join(".") : "_form";
    fields[field] ??= issueKey(issue);
  }
  return fields;
}
