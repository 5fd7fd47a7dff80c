/**
 * How tests read what an AppError tells the user (never its log-only detail).
 */
import { ZodError } from "zod";
import { AppError, type UserMessage } from "@/lib/errors";

type Flat = UserMessage;

/**
 * The user part with message keys as plain strings:
 * `{ message: "reports.fixValues", fields: { "value.3": { key, values } }, rows: [...] }`.
 */
export function userPart(error: AppError): {
  message?: string;
  fields?: Record<string, Flat>;
  rows?: (Flat & { row: number })[];
} {
  const { message, fields, rows } = error.user;
  return {
    ...(message && { message: message.key }),
    ...(fields && { fields }),
    ...(rows && { rows }),
  };
}

/**
 * The one key a test names an error by: the message of its only field when exactly one field
 * was refused, else its overall message ("" when it has none).
 */
export function userKey(error: AppError): string {
  const fields = Object.values(error.user.fields ?? {});
  if (fields.length === 1) return fields[0]!.key;
  return error.user.message?.key ?? "";
}

/**
 * What a use case's promise came to, as one string for `expect`: "OK", "<CODE>:<userKey>" (or
 * just the code when the error names no key) for an AppError, "ZOD:<messages>" for a ZodError;
 * any other error is rethrown.
 */
export async function outcomeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof AppError) {
      const message = userKey(error);
      return message ? `${error.code}:${message}` : error.code;
    }
    if (error instanceof ZodError) return `ZOD:${error.issues.map((i) => i.message).join(",")}`;
    throw error;
  }
}
