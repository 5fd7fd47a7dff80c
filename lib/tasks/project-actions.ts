"use server";
/** Server actions of a task's page (projects, indicator targets): thin adapters over ./projects.ts. */
import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { errorState, type FormState } from "@/lib/validation/form-state";
import { deleteProject, saveProject, saveTargets } from "./projects";

/** Adds a project to a task, or edits one (`id` set). Field errors are keyed by input name. */
export async function saveProjectAction(input: Record<string, string>): Promise<FormState> {
  try {
    await saveProject(await requireActor(), input);
    revalidatePath("/admin/tasks", "layout");
    return { status: "ok" };
  } catch (error) {
    return errorState(error, "project.save");
  }
}

/** Deletes a project (refused once progress has been reported on it). */
export async function deleteProjectAction(input: {
  taskId: number;
  id: number;
}): Promise<FormState> {
  try {
    await deleteProject(await requireActor(), input);
    revalidatePath("/admin/tasks", "layout");
    return { status: "ok" };
  } catch (error) {
    return errorState(error, "project.delete");
  }
}

/**
 * Saves all indicator targets of a task. A refused value comes back as a field error keyed
 * `target-<indicatorId>`, with its bound filled in.
 */
export async function saveTargetsAction(input: {
  taskId: number;
  targets: Record<string, string>;
}): Promise<FormState> {
  try {
    const { set, cleared } = await saveTargets(await requireActor(), input);
    revalidatePath("/admin/tasks", "layout");
    return { status: "ok", data: { set: String(set), cleared: String(cleared) } };
  } catch (error) {
    return errorState(error, "task.targets");
  }
}
