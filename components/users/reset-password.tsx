"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { resetPasswordAction } from "@/lib/users/actions";
import { idleState } from "@/lib/validation/form-state-shared";

/** Resets a user's password and shows the temporary one once. */
export function ResetPassword({ userId }: { userId: number }) {
  const t = useTranslations("users");
  const [state, action, pending] = useActionState(resetPasswordAction, idleState);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="id" value={userId} />
      <p className="text-sm text-slate-600">{t("resetLead")}</p>
      <Button type="submit" variant="secondary" disabled={pending}>
        {t("resetPassword")}
      </Button>
      {state.status === "ok" && state.data?.temporaryPassword ? (
        <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-900">
          {t("temporaryPassword")}{" "}
          <code data-testid="temporary-password" className="font-mono font-semibold">
            {state.data.temporaryPassword}
          </code>
        </p>
      ) : (
        <FormMessage status={state.status} message={state.message} />
      )}
    </form>
  );
}
