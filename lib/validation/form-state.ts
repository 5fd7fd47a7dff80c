/**
 * The state a form's server action returns to `useActionState`: an overall message and
 * per-field messages, already translated into the user's language by the one presenter
 * (lib/errors/present.ts). Field names match the form's input names; inputs point at their
 * message with aria-describedby.
 */
import "server-only";
import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/auth/session";
import { presentError } from "@/lib/errors/present";

import type { FormState } from "./form-state-shared";

export type { FormState } from "./form-state-shared";

/**
 * Turns a thrown error into a translated FormState (logged, and audited when a write was
 * refused).
 * @param where the server action's name for the log (e.g. "user.create").
 */
export async function errorState(error: unknown, where: string): Promise<FormState> {
  const actor = await getActor().catch(() => null);
  const presented = await presentError(error, { actor, where, write: true });
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
