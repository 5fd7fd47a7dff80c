/**
 * Page helpers: access failures in a page render the not-found page (a page never reveals
 * whether something out of the user's scope exists), other errors reach error.tsx.
 */
import "server-only";
import { notFound } from "next/navigation";
import { fromDatabaseError, isAppError } from "@/lib/errors";

/**
 * Runs a page's data load; AppError NOT_FOUND or FORBIDDEN becomes notFound(), and so does
 * VALIDATION (a malformed or out-of-range id or code in the URL names nothing).
 */
export async function loadOrNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isAppError(error, "NOT_FOUND") || isAppError(error, "FORBIDDEN")) notFound();
    if (isAppError(error, "VALIDATION")) notFound();
    // A database refusal of the URL's id (out of the integer range, gone) names nothing too.
    const refusal = fromDatabaseError(error);
    if (refusal?.code === "VALIDATION" || refusal?.code === "NOT_FOUND") notFound();
    throw error;
  }
}
