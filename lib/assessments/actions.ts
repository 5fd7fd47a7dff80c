"use server";
/**
 * Server actions of the assessment pages: thin adapters over the use cases (./schemes.ts,
 * ./entries.ts, ./runs.ts). Each returns a FormState with translated field errors; `data`
 * carries the id of what was created.
 */
import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { errorState, type FormState } from "@/lib/validation/form-state";
import { deleteEntry, saveEntry } from "./entries";
import { computeRun, discardRun, publishRun, startAndComputeRun } from "./runs";
import {
  activateScheme,
  copySchemes,
  createScheme,
  deleteItem,
  deleteScheme,
  newSchemeVersion,
  saveItem,
  updateScheme,
} from "./schemes";

type UseCase = (
  actor: Awaited<ReturnType<typeof requireActor>>,
  input: unknown,
) => Promise<unknown>;

/** Runs a use case for the signed-in user and refreshes the assessment pages. */
async function run(where: string, operation: UseCase, input: unknown): Promise<FormState> {
  try {
    const result = (await operation(await requireActor(), input)) as { id?: number } | undefined;
    revalidatePath("/assessments", "layout");
    return { status: "ok", ...(result?.id !== undefined && { data: { id: String(result.id) } }) };
  } catch (error) {
    return errorState(error, where);
  }
}

/** Creates a DRAFT scheme of a year. */
export async function createSchemeAction(input: unknown): Promise<FormState> {
  return run("assessmentScheme.create", createScheme, input);
}

/** Edits a DRAFT scheme's header. */
export async function updateSchemeAction(input: unknown): Promise<FormState> {
  return run("assessmentScheme.update", updateScheme, input);
}

/** Adds or edits an item of a DRAFT scheme with its county targets. */
export async function saveItemAction(input: unknown): Promise<FormState> {
  return run("assessmentScheme.itemSave", saveItem, input);
}

/** Deletes an item of a DRAFT scheme. */
export async function deleteItemAction(input: unknown): Promise<FormState> {
  return run("assessmentScheme.itemDelete", deleteItem, input);
}

/** Activates (freezes) a DRAFT scheme. */
export async function activateSchemeAction(input: unknown): Promise<FormState> {
  return run("assessmentScheme.activate", activateScheme, input);
}

/** Starts a new DRAFT version of a frozen scheme. */
export async function newSchemeVersionAction(input: unknown): Promise<FormState> {
  return run("assessmentScheme.create", newSchemeVersion, input);
}

/** Deletes a DRAFT scheme. */
export async function deleteSchemeAction(input: unknown): Promise<FormState> {
  return run("assessmentScheme.delete", deleteScheme, input);
}

/** Copies another year's scheme into a year as a DRAFT. */
export async function copySchemesAction(input: unknown): Promise<FormState> {
  return run("assessmentScheme.copy", copySchemes, input);
}

/** Enters a value of an entered item for one county. */
export async function saveEntryAction(input: unknown): Promise<FormState> {
  return run("assessmentEntry.save", saveEntry, input);
}

/** Clears an entered value. */
export async function deleteEntryAction(input: unknown): Promise<FormState> {
  return run("assessmentEntry.delete", deleteEntry, input);
}

/** Starts a year's next run (with the reason from the second version on) and computes it. */
export async function startRunAction(input: unknown): Promise<FormState> {
  return run("assessmentRun.start", startAndComputeRun, input);
}

/** Computes an unpublished run. */
export async function computeRunAction(input: unknown): Promise<FormState> {
  return run("assessmentRun.compute", computeRun, input);
}

/** Confirms and publishes a computed run. */
export async function publishRunAction(input: unknown): Promise<FormState> {
  return run("assessmentRun.publish", publishRun, input);
}

/** Discards an unpublished run. */
export async function discardRunAction(input: unknown): Promise<FormState> {
  return run("assessmentRun.discard", discardRun, input);
}
