/**
 * The one translator from a thrown error to what the user gets, shared by server actions
 * (lib/validation/form-state.ts), browser write endpoints and file downloads
 * (lib/http/handlers.ts) and the JSON API (lib/api/route.ts):
 * - ZodError → VALIDATION with a message per field;
 * - a database refusal that is the request's fault (out of range, duplicate, gone) → its code;
 * - AppError → its code's status, its user part translated into the request's language;
 * - anything else → INTERNAL, with the stack in the log and nothing of it shown;
 * - but a request the client gave up on (clientAborted) is logged at debug, not as an error:
 *   the server's request log already records it with status 499.
 * It logs every AppError at warn level with the actor and the log-only detail, and records a
 * refused write (FORBIDDEN, or NOT_FOUND from a write action) in the audit log, once, throttled
 * per client address and minute (lib/audit/refusals.ts).
 */
import "server-only";
import { getTranslations } from "next-intl/server";
import { ZodError } from "zod";
import { isReadAction, type Actor } from "@/lib/access";
import { recordRefusal } from "@/lib/audit/refusals";
import { limits } from "@/lib/limits";
import { log } from "@/lib/log";
import { issueFields } from "@/lib/validation/issues";
import {
  AppError,
  errorStatus,
  fromDatabaseError,
  type ErrorCode,
  type UserMessage,
} from "./index";

/** An error as the user sees it, in their language. */
export type PresentedError = {
  status: number;
  code: ErrorCode;
  message: string;
  /** Field name → message. */
  fields?: Record<string, string>;
  /** One message per refused row of an import. */
  rows?: string[];
  retryAfterSeconds?: number;
};

/** Where the error happened, for the log and the audit row. */
export type ErrorContext = {
  actor?: Pick<Actor, "id" | "username" | "client"> | null;
  /** The request's client (address, user agent), for the audit row of a refusal without an actor. */
  client?: Actor["client"];
  /** The server action or route, e.g. "report.submit" or "GET /export/towns". */
  where: string;
  /** True for writes: a refusal is then recorded in the audit log. */
  write?: boolean;
  /** The request's abort signal (route handlers): aborted when the client went away. */
  signal?: AbortSignal;
};

/** The status of a request the client gave up on (nginx's "client closed request"). */
export const CLIENT_CLOSED_REQUEST = 499;

/** Node's and undici's names and codes for a connection the peer closed mid-request. */
const abortNames = new Set(["AbortError", "ResponseAborted"]);
const abortCodes = new Set(["ECONNRESET", "ECONNABORTED", "EPIPE", "ERR_STREAM_PREMATURE_CLOSE"]);

/**
 * True when `error` comes from the client going away rather than from the server: an error
 * other than an AppError while the request's signal is aborted, or the body stopped mid-way (AppError "upload.interrupted" from
 * lib/http/handlers.ts readBody, or the stream's own abort error: AbortError, "aborted",
 * ECONNRESET and the like).
 */
export function clientAborted(error: unknown, signal?: AbortSignal): boolean {
  // A refusal stays a refusal (logged and, for writes, audited) even if the client left.
  if (error instanceof AppError) return error.user.message?.key === "upload.interrupted";
  if (signal?.aborted) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as Error & { code?: unknown }).code;
  return (
    abortNames.has(error.name) ||
    (typeof code === "string" && abortCodes.has(code)) ||
    error.message === "aborted"
  );
}

/**
 * The AppError equivalent of a ZodError: VALIDATION with the first message per field. When
 * every refused field has the same `security.*` reason (text that cannot be stored, a key of
 * the wrong shape), that reason is also the message: such a field may be one the form does not
 * mark (a narrative, a note inside a list; the attack pass found "fix the fields marked red"
 * with nothing marked).
 */
function fromZod(error: ZodError): AppError {
  const fields: Record<string, UserMessage> = Object.fromEntries(
    Object.entries(issueFields(error.issues)).map(([field, key]) => [field, { key }]),
  );
  const reasons = new Set(Object.values(fields).map((f) => f.key));
  const [only] = reasons;
  const message =
    reasons.size === 1 && only?.startsWith("security.") ? only : "validation.fixFields";
  return new AppError(
    "VALIDATION",
    { message: { key: message }, fields },
    { issues: error.issues.map((i) => ({ path: i.path.map(String), code: i.code })) },
  );
}

/**
 * Translates, logs and (for refused writes) audits an error.
 * @returns the status, code and messages to answer with.
 */
export async function presentError(error: unknown, context: ErrorContext): Promise<PresentedError> {
  const t = await getTranslations();
  const appError = error instanceof ZodError ? fromZod(error) : (fromDatabaseError(error) ?? error);
  const actor = context.actor ?? null;
  if (clientAborted(appError, context.signal)) {
    // Nobody is waiting for the answer: not an error of the server, and nothing to audit.
    log.debug(
      {
        where: context.where,
        actor: actor?.id,
        reason: appError instanceof Error ? `${appError.name}: ${appError.message}` : "aborted",
      },
      "client aborted the request",
    );
    return {
      status: CLIENT_CLOSED_REQUEST,
      code: appError instanceof AppError ? appError.code : "VALIDATION",
      message: t("upload.interrupted"),
    };
  }
  if (!(appError instanceof AppError)) {
    log.error({ err: error, where: context.where, actor: actor?.id }, "unexpected error");
    return {
      status: errorStatus.INTERNAL,
      code: "INTERNAL",
      message: t("errors.codes.INTERNAL"),
    };
  }
  log.warn(
    {
      code: appError.code,
      where: context.where,
      actor: actor?.id,
      username: actor?.username,
      action: appError.action,
      message: appError.user.message?.key,
      detail: appError.detail,
    },
    "request refused",
  );
  const refusedWrite =
    (appError.code === "FORBIDDEN" || appError.code === "NOT_FOUND") &&
    (context.write === true || (appError.action !== undefined && !isReadAction(appError.action)));
  if (refusedWrite) await auditRefusal(appError, context);
  const say = (m: UserMessage) => t(m.key, m.values ?? {});
  const { user } = appError;
  return {
    status: appError.status,
    code: appError.code,
    message: user.message ? say(user.message) : t(`errors.codes.${appError.code}`),
    fields: user.fields
      ? Object.fromEntries(Object.entries(user.fields).map(([field, m]) => [field, say(m)]))
      : undefined,
    rows: user.rows && presentRows(user.rows, say, t),
    retryAfterSeconds: appError.retryAfterSeconds,
  };
}

/**

 * Row messages, at most `limits().rowErrors` of them (a 100,000-row file of errors must not
 * become a 7 MB answer); the rest are counted in a last line ("…and 99,900 more rows").
 */
export function presentRows(
  rows: NonNullable<AppError["user"]["rows"]>,
  say: (m: UserMessage) => string,
  t: Awaited<ReturnType<typeof getTranslations>>,
): string[] {
  const max = limits().rowErrors;
  const shown = rows
    .slice(0, max)
    .map((r) =>
      r.sheet === undefined
        ? t("import.rowError", { row: r.row, message: say(r) })
        : t("import.sheetRowError", { sheet: r.sheet, row: r.row, message: say(r) }),
    );
  if (rows.length > max) shown.push(t("upload.moreRows", { count: rows.length - max }));
  return shown;
}

/** Records a refused write once (lib/audit/refusals.ts: throttled per address and minute). */
async function auditRefusal(error: AppError, context: ErrorContext): Promise<void> {
  const actor = context.actor ?? { id: null, username: null, client: context.client };
  await recordRefusal(actor.client ? actor : { ...actor, client: context.client }, {
    action: error.action ?? context.where,
    code: error.code,
    where: context.where,
  });
}
