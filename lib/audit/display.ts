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
 * A field holding a record (e.g. a report save's `values`, keyed by indicator id) reads as one
 * entry per changed key, `values.193`. A non-object side counts as no fields.
 */
export function fieldChanges(before: unknown, after: unknown, prefix = ""): FieldChange[] {
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields.flatMap((field) => {
    const change = {
      field: `${prefix}${field}`,
      before: b[field] ?? null,
      after: a[field] ?? null,
    };
    if (JSON.stringify(change.before) === JSON.stringify(change.after)) return [];
    if (prefix === "" && (isRecord(change.before) || isRecord(change.after))) {
      return fieldChanges(change.before, change.after, `${field}.`);
    }
    return [change];
  });
}

/**
 * How an audit row's field paths and values read in the reader's language (built on the server
 * by lib/audit/table.ts): a path's label (`values.193` → the indicator's name) and a value's
 * text (status codes → their labels; `entityType`, the row's, tells whose status it is).
 */
export type AuditWords = {
  field: (path: string) => string;
  value: (path: string, value: unknown, entityType?: string) => string;
};

/** A field value as short text: "—" for none, strings as is, anything else as JSON. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * A changed field as one line: "field: before → after", in `words` when given (`entityType`:
 * the audit row's, for the words of its codes).
 */
export function changeLine(change: FieldChange, words?: AuditWords, entityType?: string): string {
  const field = words ? words.field(change.field) : change.field;
  const value = (v: unknown) => (words ? words.value(change.field, v, entityType) : showValue(v));
  return `${field}: ${value(change.before)} → ${value(change.after)}`;
}
