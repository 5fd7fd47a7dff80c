"use server";
/**
 * Server actions of the belts and circles administration (app/(app)/admin/circles): thin
 * adapters over ./mutations.ts that take the form's values (checked in the browser with the same
 * schemas) and return a translated FormState. A create or a code change answers with the row's
 * code in `data.code` so the page can open it.
 */
import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { errorState, type FormState } from "@/lib/validation/form-state";
import {
  addTownToCircle,
  createBelt,
  createCircle,
  deleteCircle,
  endCircle,
  removeTownFromCircle,
  updateBelt,
  updateCircle,
  updateCircleTown,
} from "./mutations";

/** Runs a use case for the signed-in user; every page re-renders from the new data. */
async function run(
  where: string,
  mutation: (actor: Awaited<ReturnType<typeof requireActor>>) => Promise<{ code: string } | void>,
): Promise<FormState> {
  let result: { code: string } | void;
  try {
    result = await mutation(await requireActor());
  } catch (error) {
    return errorState(error, where);
  }
  revalidatePath("/", "layout");
  return { status: "ok", ...(result && { data: { code: result.code } }) };
}

/** Creates a belt (lib/validation/circle.ts createBeltSchema). */
export async function createBeltAction(input: unknown): Promise<FormState> {
  return run("belt.create", (actor) => createBelt(actor, input));
}

/** Saves a belt against the version its editor loaded. */
export async function updateBeltAction(input: unknown): Promise<FormState> {
  return run("belt.update", (actor) => updateBelt(actor, input));
}

/** Creates a circle with its first towns and lead town. */
export async function createCircleAction(input: unknown): Promise<FormState> {
  return run("circle.create", (actor) => createCircle(actor, input));
}

/** Saves a circle against the version its editor loaded. */
export async function updateCircleAction(input: unknown): Promise<FormState> {
  return run("circle.update", (actor) => updateCircle(actor, input));
}

/** Ends a circle as of a year ("until last year"). */
export async function endCircleAction(input: unknown): Promise<FormState> {
  return run("circle.end", (actor) => endCircle(actor, input));
}

/** Deletes a circle that never counted in a closed year. */
export async function deleteCircleAction(input: unknown): Promise<FormState> {
  return run("circle.delete", (actor) => deleteCircle(actor, input));
}

/** Puts a town into a circle. */
export async function addTownAction(input: unknown): Promise<FormState> {
  return run("circle.addTown", (actor) => addTownToCircle(actor, input));
}

/** Changes a membership's years or lead flag (ending it included). */
export async function updateTownAction(input: unknown): Promise<FormState> {
  return run("circle.updateTown", (actor) => updateCircleTown(actor, input));
}

/** Takes a town out of a circle it never counted in during a closed year. */
export async function removeTownAction(input: unknown): Promise<FormState> {
  return run("circle.removeTown", (actor) => removeTownFromCircle(actor, input));
}
