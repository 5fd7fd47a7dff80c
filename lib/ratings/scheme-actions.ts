"use server";
/**
 * Server actions of the rating-scheme pages (app/(app)/admin/rating-schemes): thin adapters
 * over ./schemes.ts that return a translated FormState (the .xlsx download and upload are route
 * handlers: app/api/rating-schemes/[id]/).
 */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { errorState, formOf, type FormState } from "@/lib/validation/form-state";
import {
  activateScheme,
  createSchemeVersion,
  deleteDraftScheme,
  retireScheme,
  updateSchemeSettings,
} from "./schemes";

const LIST = "/admin/rating-schemes";

/**
 * Starts a new version of the form's year, then opens it; `?created=` says what it was copied
 * from ("<year>-<version>", or "empty").
 */
export async function createSchemeVersionAction(
  _prev: FormState,
  form: FormData,
): Promise<FormState> {
  let created: Awaited<ReturnType<typeof createSchemeVersion>>;
  try {
    created = await createSchemeVersion(await requireActor(), {
      year: formOf(form).get("year"),
    });
  } catch (error) {
    return errorState(error, "ratingScheme.create");
  }
  revalidatePath(LIST);
  const from = created.copiedFrom;
  redirect(`${LIST}/${created.id}?created=${from ? `${from.year}-${from.version}` : "empty"}`);
}

/** Saves a draft's settings and bands (the form sends the scheme's updatedAt it loaded). */
export async function updateSchemeSettingsAction(input: unknown): Promise<FormState> {
  try {
    await updateSchemeSettings(await requireActor(), input);
  } catch (error) {
    return errorState(error, "ratingScheme.update");
  }
  revalidatePath(LIST, "layout");
  return { status: "ok" };
}

/** Activates a draft; `data` says how many ratings moved to it and how many stayed. */
export async function activateSchemeAction(input: unknown): Promise<FormState> {
  try {
    const { moved, stayed } = await activateScheme(await requireActor(), input);
    revalidatePath(LIST, "layout");
    return { status: "ok", data: { moved: String(moved), stayed: String(stayed) } };
  } catch (error) {
    return errorState(error, "ratingScheme.activate");
  }
}

/** Retires the active scheme of its year. */
export async function retireSchemeAction(input: unknown): Promise<FormState> {
  try {
    await retireScheme(await requireActor(), input);
  } catch (error) {
    return errorState(error, "ratingScheme.retire");
  }
  revalidatePath(LIST, "layout");
  return { status: "ok" };
}

/** Deletes a draft, then shows the list of its year. */
export async function deleteDraftSchemeAction(input: unknown): Promise<FormState> {
  let year: number;
  try {
    ({ year } = await deleteDraftScheme(await requireActor(), input));
  } catch (error) {
    return errorState(error, "ratingScheme.delete");
  }
  revalidatePath(LIST, "layout");
  redirect(`${LIST}?f.year=${year}&deleted=1`);
}
