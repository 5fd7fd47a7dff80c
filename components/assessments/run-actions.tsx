"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { Field, FormMessage } from "@/components/ui/field";
import {
  computeRunAction,
  discardRunAction,
  publishRunAction,
  startRunAction,
} from "@/lib/assessments/actions";
import { startRunSchema } from "@/lib/validation/assessment";
import type { FormState } from "@/lib/validation/form-state-shared";
import { fieldErrors } from "./form-errors";

/**
 * The administrator's buttons on an unpublished run: compute (again), confirm and publish
 * (asks first: a published run is frozen and county reviewers see it), discard; and the
 * outcome of the last of them.
 */
export function RunActions({
  run,
}: {
  run: { id: number; version: number; status: string; revision: number };
}) {
  const t = useTranslations("assessments");
  const router = useRouter();
  const [state, setState] = useState<FormState>({ status: "idle" });
  const [pending, startTransition] = useTransition();
  const input = { runId: run.id, expectedRevision: run.revision };

  const act = (
    action: (input: unknown) => Promise<FormState>,
    done: string,
    confirm?: string,
    after?: () => void,
  ) =>
    startTransition(async () => {
      if (confirm && !window.confirm(confirm)) return;
      const result = await action(input);
      setState(result.status === "ok" ? { status: "ok", message: done } : result);
      if (result.status === "ok") {
        if (after) after();
        else router.refresh();
      }
    });

  const open = run.status === "DRAFT" || run.status === "COMPUTED";
  // Rendered for every status so that the message of the last action stays after publishing.
  return (
    <div className="space-y-2 print:hidden">
      {open && (
        <Card data-testid="run-actions">
          <CardTitle>{t("run.actions")}</CardTitle>
          <p className="mb-3 mt-1 text-sm text-slate-600">
            {run.status === "DRAFT" ? t("run.draftHelp") : t("run.computedHelp")}
          </p>
          <div className="flex flex-wrap gap-2">
            <Button
              disabled={pending}
              variant={run.status === "COMPUTED" ? "secondary" : "primary"}
              onClick={() => act(computeRunAction, t("run.computed"))}
            >
              {run.status === "COMPUTED" ? t("run.recompute") : t("run.compute")}
            </Button>
            {run.status === "COMPUTED" && (
              <Button
                disabled={pending}
                onClick={() =>
                  act(
                    publishRunAction,
                    t("run.published"),
                    t("run.confirmPublish", { version: run.version }),
                  )
                }
              >
                {t("run.publish")}
              </Button>
            )}
            <Button
              variant="danger"
              disabled={pending}
              onClick={() =>
                act(discardRunAction, t("run.discarded"), t("run.confirmDiscard"), () =>
                  router.push("/assessments"),
                )
              }
            >
              {t("run.discard")}
            </Button>
          </div>
        </Card>
      )}
      <FormMessage status={state.status} message={state.message} />
    </div>
  );
}

/**
 * Starts the year's next version. Once a version has been published, a recomputation is a new
 * version and must say why (the reason is shown beside it).
 */
export function StartRunForm({ year, needsReason }: { year: number; needsReason: boolean }) {
  const t = useTranslations("assessments");
  const tr = useTranslations();
  const router = useRouter();
  const [reason, setReason] = useState("");
  const [state, setState] = useState<FormState>({ status: "idle" });
  const [pending, startTransition] = useTransition();
  const errors = state.fieldErrors ?? {};

  const submit = () =>
    startTransition(async () => {
      const input = { year, reason };
      const invalid =
        fieldErrors(startRunSchema, input, tr) ??
        (needsReason && !reason.trim() ? { reason: t("reasonRequired") } : null);
      if (invalid) {
        setState({ status: "error", message: tr("validation.fixFields"), fieldErrors: invalid });
        return;
      }
      const result = await startRunAction(input);
      if (result.status === "ok" && result.data?.id) {
        router.push(`/assessments/runs/${result.data.id}`);
        return;
      }
      setState(result);
    });

  return (
    <form
      className="space-y-2 print:hidden"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {needsReason && (
        <Field
          name="reason"
          label={t("run.reason")}
          error={errors.reason}
          hint={t("run.reasonHint")}
        >
          {(control) => (
            <textarea
              {...control}
              rows={2}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          )}
        </Field>
      )}
      <Button type="submit" disabled={pending}>
        {needsReason ? t("run.startRecompute") : t("run.start")}
      </Button>
      <FormMessage status={state.status} message={state.message} />
    </form>
  );
}
