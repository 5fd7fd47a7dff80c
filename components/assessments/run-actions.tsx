"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
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
import { useActionRunner } from "./use-action";

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
  const { state, pending, run: act, router, dialog } = useActionRunner();
  const input = { runId: run.id, expectedRevision: run.revision };

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
              onClick={() => act(computeRunAction, input, { done: t("run.computed") })}
            >
              {run.status === "COMPUTED" ? t("run.recompute") : t("run.compute")}
            </Button>
            {run.status === "COMPUTED" && (
              <Button
                disabled={pending}
                onClick={() =>
                  act(publishRunAction, input, {
                    done: t("run.published"),
                    confirm: t("run.confirmPublish", { version: run.version }),
                    confirmLabel: t("run.publish"),
                  })
                }
              >
                {t("run.publish")}
              </Button>
            )}
            <Button
              variant="danger"
              disabled={pending}
              onClick={() =>
                act(discardRunAction, input, {
                  done: t("run.discarded"),
                  confirm: t("run.confirmDiscard"),
                  confirmLabel: t("run.discard"),
                  after: () => router.push("/assessments"),
                })
              }
            >
              {t("run.discard")}
            </Button>
          </div>
        </Card>
      )}
      <FormMessage status={state.status} message={state.message} />
      {dialog}
    </div>
  );
}

/**
 * Starts the year's next version. Once a version has been published, a recomputation is a new
 * version and must say why (the reason is shown beside it).
 */
export function StartRunForm({ year, needsReason }: { year: number; needsReason: boolean }) {
  const t = useTranslations("assessments");
  const { state, setState, pending, run, router } = useActionRunner();
  const [reason, setReason] = useState("");
  const errors = state.fieldErrors ?? {};

  const submit = () => {
    if (needsReason && !reason.trim()) {
      setState({ status: "error", fieldErrors: { reason: t("reasonRequired") } });
      return;
    }
    run(
      startRunAction,
      { year, reason },
      {
        done: "",
        schema: startRunSchema,
        after: (result) => router.push(`/assessments/runs/${result.data?.id}`),
      },
    );
  };

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
