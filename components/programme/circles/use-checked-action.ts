"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { z } from "zod";
import type { FormState } from "@/lib/validation/form-state-shared";
import { issueFields } from "@/lib/validation/issues";

/**
 * Sends a form's values to a server action after checking them in the browser with the
 * server's own zod schema (lib/validation/circle.ts): bad input gets its field messages at once
 * and is not sent; the server's answer (translated) replaces the state; on success the page
 * re-renders and `onOk` runs with the answer.
 */
export function useCheckedAction(
  schema: z.ZodType,
  action: (input: unknown) => Promise<FormState>,
  onOk?: (state: FormState) => void,
) {
  const t = useTranslations();
  const router = useRouter();
  const [state, setState] = useState<FormState>({ status: "idle" });
  const [pending, startTransition] = useTransition();
  const submit = (input: unknown, okMessage?: string) => {
    const checked = schema.safeParse(input);
    if (!checked.success) {
      const fields = issueFields(checked.error.issues);
      setState({
        status: "error",
        message: t("validation.fixFields"),
        fieldErrors: Object.fromEntries(Object.entries(fields).map(([f, key]) => [f, t(key)])),
      });
      return;
    }
    startTransition(async () => {
      const result = await action(input);
      setState(result.status === "ok" ? { ...result, message: okMessage } : result);
      if (result.status === "ok") {
        router.refresh();
        onOk?.(result);
      }
    });
  };
  return { state, pending, submit, errors: state.fieldErrors ?? {} };
}
