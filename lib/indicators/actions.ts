"use server";
/**
 * Server actions of the indicator catalogue: thin adapters that read the form, call the use
 * case in ./mutations.ts and return a translated FormState (or open the new indicator).
 */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import {
  actionState,
  errorState,
  formFields as fields,
  formOf,
  type FormState,
} from "@/lib/validation/form-state";
import { indicatorFormInput } from "@/lib/validation/indicator";
import {
  assignFigureInput,
  createIndicator,
  deleteBasicRequirement,
  deleteIndicator,
  restoreIndicator,
  retireIndicator,
  saveBasicRequirement,
  updateIndicator,
} from "./mutations";

/** Adds an indicator, then opens its page. */
export async function createIndicatorAction(_prev: FormState, form: FormData): Promise<FormState> {
  let id: number;
  try {
    ({ id } = await createIndicator(await requireActor(), indicatorFormInput(formOf(form))));
  } catch (error) {
    return errorState(error, "indicator.create");
  }
  revalidatePath("/admin/indicators", "layout");
  redirect(`/admin/indicators/${id}?created=1`);
}

/** Saves an indicator's fields (with the version the editor loaded). */
export async function updateIndicatorAction(_prev: FormState, form: FormData): Promise<FormState> {
  return actionState("indicator.update", async () =>
    updateIndicator(await requireActor(), indicatorFormInput(formOf(form))),
  );
}

/** Retires, restores or deletes an indicator, as the form's `op` says. */
export async function changeIndicatorAction(_prev: FormState, form: FormData): Promise<FormState> {
  let op: FormDataEntryValue | undefined;
  let year: FormDataEntryValue | undefined;
  try {
    ({ op, year } = fields(form));
  } catch (error) {
    return errorState(error, "indicator.change");
  }
  if (op === "delete") {
    try {
      await deleteIndicator(await requireActor(), fields(form));
    } catch (error) {
      return errorState(error, "indicator.delete");
    }
    revalidatePath("/admin/indicators", "layout");
    redirect(`/admin/indicators?year=${encodeURIComponent(String(year ?? ""))}&deleted=1`);
  }
  const run = op === "restore" ? restoreIndicator : retireIndicator;
  return actionState(`indicator.${op === "restore" ? "restore" : "retire"}`, async () =>
    run(await requireActor(), fields(form)),
  );
}

/** Gives an unassigned dashboard input to an indicator. */
export async function assignFigureInputAction(
  _prev: FormState,
  form: FormData,
): Promise<FormState> {
  return actionState("indicator.assignFigureInput", async () =>
    assignFigureInput(await requireActor(), fields(form)),
  );
}

/** Adds or edits a basic requirement; `op=delete` deletes it. */
export async function basicRequirementAction(_prev: FormState, form: FormData): Promise<FormState> {
  if (form instanceof FormData && form.get("op") === "delete") {
    return actionState("basicRequirement.delete", async () =>
      deleteBasicRequirement(await requireActor(), fields(form)),
    );
  }
  return actionState("basicRequirement.save", async () =>
    saveBasicRequirement(await requireActor(), fields(form)),
  );
}
