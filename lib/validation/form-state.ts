/**
 * The state a form's server action returns to `useActionState`: an overall message and
 * per-field messages, already translated into the user's language. Field names match the
 * form's input names; inputs point at their message with aria-describedby.
 */
import "server-only";
import { getTranslations } from "next-intl/server";
import { ZodError, type core } from "zod";
import { AppError } from "@/lib/errors";

import type { FormState } from "./form-state-shared";

export type { FormState } from "./form-state-shared";

// Our schemas give message keys ("validation.required"); zod's own issues are mapped by code.
function messageKey(issue: core.$ZodIssue): string {
  if (/^[a-z]+\.[A-Za-z.]+$/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case "invalid_type":
      return "validation.required";
    case "too_small":
      return "validation.tooShort";
    case "too_big":
      return "validation.tooLong";
    case "invalid_value":
      return "validation.invalidChoice";
    default:
      return "validation.format";
  }
}

/**
 * Turns a thrown error into a translated FormState. Expected errors (validation, conflicts,
 * access) become messages; anything else is logged and shown as a generic failure.
 */
export async function errorState(error: unknown): Promise<FormState> {
  const t = await getTranslations();
  if (error instanceof ZodError) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of error.issues) {
      const field = String(issue.path[0] ?? "_form");
      fieldErrors[field] ??= t(messageKey(issue));
    }
    return { status: "error", message: t("validation.fixFields"), fieldErrors };
  }
  if (error instanceof AppError) {
    const detail = (error.detail ?? {}) as { field?: string; message?: string };
    const message = detail.message ? t(detail.message) : t(`errors.codes.${error.code}`);
    return {
      status: "error",
      message: detail.field ? t("validation.fixFields") : message,
      fieldErrors: detail.field ? { [detail.field]: message } : undefined,
    };
  }
  console.error("Unexpected error in a form action", error);
  return { status: "error", message: t("errors.codes.INTERNAL") };
}
