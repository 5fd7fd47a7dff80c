"use server";
/** Server actions of a task's page (projects, indicator targets): thin adapters over ./projects.ts. */
import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { errorState, type FormState } from "@/lib/validation/form-state";
import { deleteProject, saveProject, saveTargets } from "./projects";

/** Adds a project to a task, or edits one (`id` set). Field errors are keyed by input name. */
export async function saveProjectAction(input: Record<string, string>): Promise<FormState> {
  try {
    await saveProject(await requireActor(), input);
    revalidatePath("/admin/tasks", "layout");
    return { status: "ok" };
  } catch (error) {
    return errorState(error);
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
    return errorState(error);
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
    const detail = (error instanceof AppError ? error.detail : null) as {
      indicatorId?: number;
      message?: string;
      values?: Record<string, string>;
    } | null;
    if (detail?.indicatorId && detail.message) {
      const t = await getTranslations();
      return {
        status: "error",
        message: t("validation.fixFields"),
        fieldErrors: { [`target-${detail.indicatorId}`]: t(detail.message, detail.values) },
      };
    }
    return errorState(error);
  }
}
