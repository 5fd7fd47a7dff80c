/**
 * Page helpers: access failures in a page render the not-found page (a page never reveals
 * whether something out of the user's scope exists), other errors reach error.tsx.
 */
import "server-only";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";

/** Runs a page's data load; AppError NOT_FOUND or FORBIDDEN becomes notFound(). */
export async function loadOrNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isAppError(error, "NOT_FOUND") || isAppError(error, "FORBIDDEN")) notFound();
    throw error;
  }
}
