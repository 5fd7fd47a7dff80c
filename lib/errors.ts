/**
 * The one application error type. Domain code throws AppError with a code; route handlers map
 * the code to an HTTP status, pages to a not-found or error screen, and forms show the
 * translated message (`errors.<code>` in the message catalogues) while the log keeps `detail`.
 */
export const errorStatus = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION: 400,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

/** One of the error codes above. */
export type ErrorCode = keyof typeof errorStatus;

/** An expected failure with a stable code; `detail` is for logs, never shown to users. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail?: unknown;
  /** Seconds the client should wait (RATE_LIMITED only). */
  readonly retryAfterSeconds?: number;

  constructor(code: ErrorCode, detail?: unknown, options: { retryAfterSeconds?: number } = {}) {
    super(code);
    this.name = "AppError";
    this.code = code;
    this.detail = detail;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** The HTTP status for this error's code. */
  get status(): number {
    return errorStatus[this.code];
  }
}

/** True when `error` is an AppError (optionally of the given code). */
export function isAppError(error: unknown, code?: ErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}
