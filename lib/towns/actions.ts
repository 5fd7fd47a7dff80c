"use server";
/**
 * Server actions of the town register (/admin/towns): thin adapters that read the form, call
 * the use case (./register.ts, ./events.ts) and return a translated FormState.
 */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import {
  actionState,
  errorState,
  formFields as fields,
  type FormState,
} from "@/lib/validation/form-state";
import { recordTitleEvent } from "./events";
import { createTown, mergeTown, recodeTown, renameTown, updateTown } from "./register";

/** Adds a town, then opens its page. */
export async function createTownAction(_prev: FormState, form: FormData): Promise<FormState> {
  let code: string;
  try {
    ({ divisionCode: code } = await createTown(await requireActor(), fields(form)));
  } catch (error) {
    return errorState(error, "town.create");
  }
  revalidatePath("/", "layout");
  redirect(`/admin/towns/${code}?created=1`);
}

/** Saves a town's type, county-seat flag, English name and source note. */
export async function updateTownAction(_prev: FormState, form: FormData): Promise<FormState> {
  return actionState("town.update", async () => updateTown(await requireActor(), fields(form)));
}

/** Renames a town (RENAMED event). */
export async function renameTownAction(_prev: FormState, form: FormData): Promise<FormState> {
  return actionState("town.rename", async () => renameTown(await requireActor(), fields(form)));
}

/** Changes a town's division code, then opens the page under the new code. */
export async function recodeTownAction(_prev: FormState, form: FormData): Promise<FormState> {
  let code: string;
  try {
    ({ divisionCode: code } = await recodeTown(await requireActor(), fields(form)));
  } catch (error) {
    return errorState(error, "town.recode");
  }
  revalidatePath("/", "layout");
  redirect(`/admin/towns/${code}`);
}

/** Merges a town into another town of its county. */
export async function mergeTownAction(_prev: FormState, form: FormData): Promise<FormState> {
  return actionState("town.merge", async () => mergeTown(await requireActor(), fields(form)));
}

/** Awards or strips a title (达标 / 样板; 摘帽) with its document. */
export async function titleEventAction(_prev: FormState, form: FormData): Promise<FormState> {
  return actionState("town.title", async () => {
    const input = fields(form);
    return recordTitleEvent(await requireActor(), { ...input, year: input.year || undefined });
  });
}
