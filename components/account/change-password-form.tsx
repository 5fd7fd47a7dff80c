"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useActionState, useEffect } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { changePasswordAction } from "@/lib/users/actions";
import { idleState } from "@/lib/validation/form-state-shared";

/** Change my password; on success every session ends and the user signs in again. */
export function ChangePasswordForm() {
  const t = useTranslations("account");
  const [state, action, pending] = useActionState(changePasswordAction, idleState);
  useEffect(() => {
    if (state.status === "ok") void signOut({ callbackUrl: "/login?passwordChanged=1" });
  }, [state.status]);
  return (
    <form action={action} className="max-w-sm space-y-4" noValidate>
      <TextField
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        label={t("currentPassword")}
        error={state.fieldErrors?.currentPassword}
      />
      <TextField
        name="newPassword"
        type="password"
        autoComplete="new-password"
        label={t("newPassword")}
        hint={t("passwordRule")}
        error={state.fieldErrors?.newPassword}
      />
      <TextField
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        label={t("confirmPassword")}
        error={state.fieldErrors?.confirmPassword}
      />
      <FormMessage
        status={state.status}
        message={state.status === "ok" ? t("passwordChanged") : state.message}
      />
      <Button type="submit" disabled={pending}>
        {t("changePassword")}
      </Button>
    </form>
  );
}
