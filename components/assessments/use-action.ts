"use client";
/**
 * The assessment forms' way to call a server action: check the input with the zod schema the
 * server uses (field errors in the user's language), ask for confirmation where asked, run the
 * action in a transition, show its outcome, then do `after` and refresh the page.
 */
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useConfirm } from "@/components/ui/confirm-dialog";
import type { z } from "zod";
import type { FormState } from "@/lib/validation/form-state-shared";
import { fieldErrors } from "./form-errors";

type Options = {
  /** The message shown on success. */
  done: string;
  /** A question the user must confirm first (in the app's dialog; its button says `confirmLabel`). */
  confirm?: string;
  /** The confirming button's text (default: "Confirm"). */
  confirmLabel?: string;
  /** Checked before sending (the schema the server parses with). */
  schema?: z.ZodType;
  /** Done after success, before the page is refreshed (e.g. close the form, navigate). */
  after?: (result: FormState) => void;
};

/**
 * The action runner of a form: its state, whether it is busy, `run`, and the confirmation
 * `dialog` to render (once, anywhere in the form) when any of its actions asks first.
 */
export function useActionRunner() {
  const tr = useTranslations();
  const [ask, dialog] = useConfirm();
  const router = useRouter();
  const [state, setState] = useState<FormState>({ status: "idle" });
  const [pending, startTransition] = useTransition();

  // The question is asked before the transition starts: a dialog opened from inside it would
  // only render once the transition ended, which waits for the answer.
  const run = (action: (input: unknown) => Promise<FormState>, input: unknown, options: Options) =>
    void (async () => {
      const invalid = options.schema ? fieldErrors(options.schema, input, tr) : null;
      if (invalid) {
        setState({ status: "error", message: tr("validation.fixFields"), fieldErrors: invalid });
        return;
      }
      if (options.confirm) {
        const confirmLabel = options.confirmLabel ?? tr("everyday.confirm.ok");
        if (!(await ask({ title: options.confirm, confirmLabel }))) return;
      }
      startTransition(async () => {
        const result = await action(input);
        setState(result.status === "ok" ? { status: "ok", message: options.done } : result);
        if (result.status !== "ok") return;
        options.after?.(result);
        router.refresh();
      });
    })();

  return { state, setState, pending, run, router, dialog };
}
