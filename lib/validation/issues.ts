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
      // A number that is not a whole one (an id or version of 1.5) is malformed, not missing.
      return issue.expected === "int" ? "validation.format" : "validation.required";
    case "too_small":
    case "too_big":
      // A number past its bounds (an id beyond PostgreSQL's integer, a version of 0) is out of
      // range; only text and lists are too short or too long (the attack pass read 太短 for ids).
      // ("int": zod's own bound for whole numbers past 2^53, checked before ours.)
      if (["number", "int", "bigint"].includes(issue.origin)) return "validation.outOfRange";
      return issue.code === "too_small" ? "validation.tooShort" : "validation.tooLong";
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
