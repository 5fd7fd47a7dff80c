/**
 * The state a form's server action returns to `useActionState`: an overall message and
 * per-field messages, already translated into the user's language by the one presenter
 * (lib/errors/present.ts). Field names match the form's input names; inputs point at their
 * message with aria-describedby.
 */
import "server-only";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { clientOf, getActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { presentError } from "@/lib/errors/present";

import type { FormState } from "./form-state-shared";

export type { FormState } from "./form-state-shared";

/**
 * The FormData a form's server action was called with. Anyone can call a server action by its
 * id with arguments of their own choosing, so the declared `FormData` is a hope, not a fact:
 * anything else is refused like a body that is not a form (call it inside the action's
 * try/actionState, so the refusal becomes a translated FormState, not a 500).
 * @throws AppError VALIDATION (validation.badBody)
 */
export function formOf(value: unknown): FormData {
  if (value instanceof FormData) return value;
  throw new AppError("VALIDATION", "validation.badBody", { reason: "not form data" });
}

/**
 * A form's fields by name (the last value of a repeated name), for a use case's zod schema.
 * @throws AppError VALIDATION (validation.badBody) when `value` is not a FormData (see formOf).
 */
export function formFields(value: unknown): Record<string, FormDataEntryValue> {
  return Object.fromEntries(formOf(value).entries());
}

/**
 * Turns a thrown error into a translated FormState (logged, and audited when a write was
 * refused).
 * @param where the server action's name for the log (e.g. "user.create").
 */
export async function errorState(error: unknown, where: string): Promise<FormState> {
  const actor = await getActor().catch(() => null);
  const client = await headers()
    .then(clientOf)
    .catch(() => undefined);
  const presented = await presentError(error, { actor, where, write: true, client });
  return {
    status: "error",
    message: presented.message,
    fieldErrors: presented.fields,
    ...(presented.rows && { data: { rows: presented.rows.join("\n") } }),
  };
}

/**
 * Runs a server action's mutation: `{ status: "ok" }` with every page re-rendered from the new
 * data, or the translated error state (see errorState).
 * @param where the server action's name for the log (e.g. "report.submit").
 */
export async function actionState(
  where: string,
  mutation: () => Promise<unknown>,
): Promise<FormState> {
  try {
    await mutation();
  } catch (error) {
    return errorState(error, where);
  }
  revalidatePath("/", "layout");
  return { status: "ok" };
}
