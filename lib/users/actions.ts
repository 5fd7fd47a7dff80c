"use server";
/**
 * Server actions for user administration and the own-account page: thin adapters that read
 * the form, call the use case in ./mutations.ts and return a translated FormState.
 */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createApiToken, revokeApiToken, revokeUserApiToken } from "@/lib/auth/api-tokens";
import { requireActor } from "@/lib/auth/session";
import {
  errorState,
  formFields as fields,
  formOf,
  type FormState,
} from "@/lib/validation/form-state";
import { changeOwnPassword, createUser, resetPassword, updateUser } from "./mutations";

/** Creates a user, then opens their page. */
export async function createUserAction(_prev: FormState, form: FormData): Promise<FormState> {
  let id: number;
  try {
    ({ id } = await createUser(await requireActor(), fields(form)));
  } catch (error) {
    return errorState(error, "user.create");
  }
  revalidatePath("/admin/users");
  redirect(`/admin/users/${id}?created=1`);
}

/**
 * Saves a user's name, role, scope and status. The page re-renders with the new version, which
 * the form sends with its next save.
 */
export async function updateUserAction(_prev: FormState, form: FormData): Promise<FormState> {
  try {
    await updateUser(await requireActor(), {
      ...fields(form),
      isActive: formOf(form).get("isActive") === "on",
    });
  } catch (error) {
    return errorState(error, "user.update");
  }
  revalidatePath("/admin/users", "layout");
  return { status: "ok" };
}

/** Resets a user's password; the temporary password comes back once in `data`. */
export async function resetPasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  try {
    const { temporaryPassword } = await resetPassword(
      await requireActor(),
      Number(formOf(form).get("id")),
    );
    return { status: "ok", data: { temporaryPassword } };
  } catch (error) {
    return errorState(error, "user.resetPassword");
  }
}

/** Changes the signed-in user's password (the form then signs them out). */
export async function changePasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  try {
    await changeOwnPassword(await requireActor(), fields(form));
    return { status: "ok" };
  } catch (error) {
    return errorState(error, "user.changePassword");
  }
}

/** Creates an API token; the token comes back once in `data`. */
export async function createTokenAction(_prev: FormState, form: FormData): Promise<FormState> {
  try {
    const { token } = await createApiToken(await requireActor(), fields(form));
    revalidatePath("/account");
    return { status: "ok", data: { token } };
  } catch (error) {
    return errorState(error, "apiToken.create");
  }
}

/** Revokes one of the signed-in user's API tokens. */
export async function revokeTokenAction(_prev: FormState, form: FormData): Promise<FormState> {
  try {
    await revokeApiToken(await requireActor(), Number(formOf(form).get("id")));
    revalidatePath("/account");
    return { status: "ok" };
  } catch (error) {
    return errorState(error, "apiToken.revoke");
  }
}

/** Revokes another user's API token (administrators, on the user's page). */
export async function revokeUserTokenAction(_prev: FormState, form: FormData): Promise<FormState> {
  let userId: number;
  try {
    userId = Number(formOf(form).get("userId"));
    await revokeUserApiToken(await requireActor(), userId, Number(formOf(form).get("id")));
    revalidatePath(`/admin/users/${userId}`);
    return { status: "ok" };
  } catch (error) {
    return errorState(error, "apiToken.revoke");
  }
}
