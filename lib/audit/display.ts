/**
 * How an audit row's before/after reads on the audit page: one line per field, before → after.
 */

/** One field of an audit row: its value before and after (null when absent on that side). */
export type FieldChange = { field: string; before: unknown; after: unknown };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The fields of an audit row's `before` and `after` (as written by `writeAudit`/`changes`), in the
 * order they first appear, one entry per field; fields with the same value on both sides (the
 * identity fields `changes` adds to `after` only are kept, as they have no before) are left out.
 * A non-object side counts as no fields.
 */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields
    .map((field) => ({ field, before: b[field] ?? null, after: a[field] ?? null }))
    .filter((c) => JSON.stringify(c.before) !== JSON.stringify(c.after));
}

/** A field value as short text: "—" for none, strings as is, anything else as JSON. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** A changed field as one line: "field: before → after". */
export function changeLine(change: FieldChange): string {
  return `${change.field}: ${showValue(change.before)} → ${showValue(change.after)}`;
}
