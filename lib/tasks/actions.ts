"use server";
/** Server actions of the creation list: thin adapters over ./mutations.ts. */
import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { errorState, type FormState } from "@/lib/validation/form-state";
import { publishTasks, setTasks } from "./mutations";

/** Sets target, track and deadline on the chosen towns' tasks of a year. */
export async function setTasksAction(input: {
  year: number;
  townCodes: string[];
  target: string;
  track: string;
  deadline: string;
}): Promise<FormState> {
  try {
    const { created, updated } = await setTasks(await requireActor(), input);
    revalidatePath("/admin/tasks");
    return { status: "ok", data: { created: String(created), updated: String(updated) } };
  } catch (error) {
    return errorState(error, "task.set");
  }
}

/** Publishes the chosen towns' draft tasks of a year. */
export async function publishTasksAction(input: {
  year: number;
  townCodes: string[];
}): Promise<FormState> {
  try {
    const { published } = await publishTasks(await requireActor(), input);
    revalidatePath("/admin/tasks");
    return { status: "ok", data: { published: String(published) } };
  } catch (error) {
    return errorState(error, "task.publish");
  }
}
