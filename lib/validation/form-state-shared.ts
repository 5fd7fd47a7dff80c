/**
 * The FormState shape and its idle value, importable from client components (the helpers that
 * build states from errors are server-only: ./form-state.ts).
 */

/** What a form action returns. `data` carries a one-time result (e.g. a new token). */
export type FormState = {
  status: "idle" | "ok" | "error";
  message?: string;
  fieldErrors?: Record<string, string>;
  data?: Record<string, string>;
};

/** The state before the first submit. */
export const idleState: FormState = { status: "idle" };
