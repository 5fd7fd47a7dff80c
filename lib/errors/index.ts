/**
 * The one application error type. Domain code throws AppError with a code and, apart, two
 * things that never mix:
 * - `user`: what the user is told, as message keys of the catalogues with their values — an
 *   overall message, messages per form field, messages per imported row;
 * - `detail`: what the log keeps (ids, the action, the reason), never shown to users.
 * lib/errors/present.ts is the one translator from an error to what a form, a JSON endpoint or
 * a file download answers; it also logs every AppError at warn level with the actor.
 */
import type { Action } from "@/lib/access";

/** HTTP status per error code. */
export const errorStatus = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION: 400,
  CONFLICT: 409,
  TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

/**
 * Seconds a client is asked to wait (Retry-After) when the server is too busy to take a write:
 * long enough for a burst to drain, short enough for an auto-save to retry unnoticed.
 */
export const BUSY_RETRY_AFTER_SECONDS = 5;

/** One of the error codes above. */
export type ErrorCode = keyof typeof errorStatus;

/** A message for the user: a catalogue key (e.g. "reports.staleVersion") and its values. */
export type UserMessage = { key: string; values?: Record<string, string | number> };

/** What the user is told about an error (all optional; the code's own message is the default). */
export type UserPart = {
  message?: UserMessage;
  /** Field name → message (field names match the form's inputs). */
  fields?: Record<string, UserMessage>;
  /**
   * Messages about rows of an imported file (row numbers as the user sees them in Excel; the
   * sheet's name when the file has several sheets).
   */
  rows?: (UserMessage & { row: number; sheet?: string })[];
};

/** An expected failure with a stable code; `detail` is for logs only. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly user: UserPart;
  readonly detail?: unknown;
  /** The access action that was refused (FORBIDDEN / NOT_FOUND from lib/access.ts). */
  readonly action?: Action;
  /** Seconds the client should wait (RATE_LIMITED only). */
  readonly retryAfterSeconds?: number;

  /**
   * @param user a message key (shorthand for `{ message: { key } }`) or the whole user part.
   * @param detail anything useful in the log (ids, reasons); never shown.
   */
  constructor(
    code: ErrorCode,
    user: UserPart | string = {},
    detail?: unknown,
    options: { action?: Action; retryAfterSeconds?: number } = {},
  ) {
    super(code);
    this.name = "AppError";
    this.code = code;
    this.user = typeof user === "string" ? { message: { key: user } } : user;
    this.detail = detail;
    this.action = options.action;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** The HTTP status for this error's code. */
  get status(): number {
    return errorStatus[this.code];
  }
}

/**
 * An error about one form field (VALIDATION unless another code is given, e.g. CONFLICT for a
 * name already taken): the form shows "fix the marked fields" and the message at the field.
 */
export function fieldError(
  field: string,
  key: string,
  values?: UserMessage["values"],
  code: ErrorCode = "VALIDATION",
  detail?: unknown,
): AppError {
  return new AppError(
    code,
    { message: { key: "validation.fixFields" }, fields: { [field]: { key, values } } },
    detail,
  );
}

/**
 * Throws a VALIDATION AppError when `fields` (field → message) is not empty: the form shows
 * `message` (default "fix the marked fields") and each message at its field.
 * @throws AppError VALIDATION
 */
export function assertNoFieldErrors(
  fields: Record<string, UserMessage>,
  detail?: unknown,
  message: UserMessage = { key: "validation.fixFields" },
): void {
  if (Object.keys(fields).length > 0) {
    throw new AppError("VALIDATION", { message, fields }, detail);
  }
}

/** True when `error` is an AppError (optionally of the given code). */
export function isAppError(error: unknown, code?: ErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}

/** The part of a P2010 (raw query failed) error's meta that names PostgreSQL's SQLSTATE. */
type RawQueryMeta = { driverAdapterError?: { cause?: { originalCode?: string } } };

/**
 * PostgreSQL SQLSTATEs of a failed raw statement, as the Prisma code of the same refusal:
 * 22003 numeric overflow and 22001 string too long (P2020/P2000), 23505 unique violation
 * (P2002), 40001 serialization failure and 40P01 deadlock (P2034).
 */
const SQLSTATE_AS_PRISMA: Record<string, string> = {
  "22003": "P2020",
  "22001": "P2000",
  "23505": "P2002",
  "40001": "P2034",
  "40P01": "P2034",
};

/**
 * The database refusals that are the request's fault, not the server's, as AppErrors (Prisma's
 * known request errors, recognised by name and code so any copy of the runtime matches):
 * a value too long or out of its column's range (P2000, P2020: e.g. an id past the integer
 * range, a 15-digit number) → VALIDATION; a unique constraint (P2002) or a write conflict
 * (P2034) → CONFLICT; a record that is gone (P2025) → NOT_FOUND. And the server's own overload,
 * which is no fault of the request and no bug either: no connection from the pool in time (pg's
 * "timeout exceeded when trying to connect") or no transaction started in time (P2028) →
 * UNAVAILABLE (503, Retry-After), measured under 200 simultaneous users by `npm run bench:pages`.
 * A failed raw statement (P2010) is judged by its PostgreSQL SQLSTATE the same way.
 * Anything else stays unexpected.
 */
export function fromDatabaseError(error: unknown): AppError | null {
  if (!(error instanceof Error)) return null;
  if (/timeout exceeded when trying to connect/.test(`${error.message} ${String(error.cause)}`)) {
    return busy({ message: error.message });
  }
  if (error.name !== "PrismaClientKnownRequestError") return null;
  const known = error as Error & { code?: unknown; meta?: RawQueryMeta };
  const detail = { prisma: known.code, message: error.message.split("\n").at(-1) };
  // A raw statement ($executeRaw/$queryRaw) fails as P2010 with PostgreSQL's own SQLSTATE:
  // judged like the Prisma code of the same refusal (found by e2e/attack.spec.ts: a 15-digit
  // value in a draft save answered 500).
  // Text PostgreSQL cannot store (a NUL character: 22021 in a text column, 22P05 in JSON),
  // whatever Prisma calls it (P2039 on a model write, P2010 on a raw one): the input's fault.
  const sqlState = known.meta?.driverAdapterError?.cause?.originalCode;
  if (sqlState === "22021" || sqlState === "22P05") {
    return new AppError("VALIDATION", "security.badText", detail);
  }
  const code =
    known.code === "P2010"
      ? (SQLSTATE_AS_PRISMA[known.meta?.driverAdapterError?.cause?.originalCode ?? ""] ?? "P2010")
      : known.code;
  switch (code) {
    case "P2000":
    case "P2020":
      return new AppError("VALIDATION", "validation.outOfRange", detail);
    case "P2002":
      return new AppError("CONFLICT", "errors.duplicate", detail);
    case "P2034":
      return new AppError("CONFLICT", "errors.tryAgain", detail);
    case "P2025":
      return new AppError("NOT_FOUND", {}, detail);
    case "P2028":
      return busy(detail);
    default:
      return null;
  }
}

/** The server is too busy (pool or transaction start timed out): 503 with Retry-After. */
function busy(detail: unknown): AppError {
  return new AppError("UNAVAILABLE", {}, detail, { retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS });
}

/**
 * A create that may race another create of the same row (two first saves at once): the
 * loser's unique-constraint refusal (P2002) becomes `conflict`, the message the user would
 * see for a stale version; any other error passes through.
 * @throws `conflict` | the create's own error
 */
export async function createOrConflict<T>(create: Promise<T>, conflict: AppError): Promise<T> {
  try {
    return await create;
  } catch (error) {
    if (fromDatabaseError(error)?.code === "CONFLICT") throw conflict;
    throw error;
  }
}
