"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmSubmitButton } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/field";
import type { RatingStatus } from "@/lib/generated/prisma/enums";
import { decideRatingAction } from "@/lib/ratings/actions";
import { idleState } from "@/lib/validation/form-state-shared";

/**
 * The city administrator's decision on a rating, at the version shown: a SUBMITTED rating is
 * approved (locking it) or returned to the panel with a comment; an APPROVED one is reopened
 * with a reason (the earlier result stays in the history). Approving asks first: it locks the
 * rating and its score sheets. Rules: lib/domain/rating-status.ts.
 */
export function DecisionForm({
  ratingId,
  version,
  status,
}: {
  ratingId: number;
  version: number;
  status: RatingStatus;
}) {
  const t = useTranslations("ratings");
  const [state, action, pending] = useActionState(decideRatingAction, idleState);
  if (status !== "SUBMITTED" && status !== "APPROVED") return null;
  const error = state.fieldErrors?.comment;
  return (
    <form action={action} className="space-y-3" data-testid="decision-form">
      <input type="hidden" name="ratingId" value={ratingId} />
      <input type="hidden" name="expectedVersion" value={version} />
      <div className="space-y-1">
        <label htmlFor="field-comment" className="block text-sm font-medium text-slate-700">
          {status === "APPROVED" ? t("reopenReason") : t("decisionComment")}
        </label>
        <textarea
          id="field-comment"
          name="comment"
          rows={2}
          maxLength={1000}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? "field-comment-error" : undefined}
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-500"
        />
        {error && (
          <p id="field-comment-error" role="alert" className="text-sm text-red-600">
            {error}
          </p>
        )}
      </div>
      <div className="flex flex-wrap gap-2">
        {status === "SUBMITTED" ? (
          <>
            <ConfirmSubmitButton
              name="decision"
              value="APPROVE"
              disabled={pending}
              request={{
                title: t("approveConfirmTitle"),
                message: t("approveConfirmText"),
                confirmLabel: t("approve"),
              }}
            >
              {t("approve")}
            </ConfirmSubmitButton>
            <Button
              type="submit"
              name="decision"
              value="RETURN"
              variant="secondary"
              disabled={pending}
            >
              {t("return")}
            </Button>
          </>
        ) : (
          <Button type="submit" name="decision" value="REOPEN" variant="danger" disabled={pending}>
            {t("reopen")}
          </Button>
        )}
      </div>
      <FormMessage
        status={state.status}
        message={state.status === "error" ? state.message : undefined}
      />
    </form>
  );
}
