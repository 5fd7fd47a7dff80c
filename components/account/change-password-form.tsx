"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { changePasswordAction } from "@/lib/users/actions";
import { idleState, type FormState } from "@/lib/validation/form-state-shared";
import { issueFields } from "@/lib/validation/issues";
import { changePasswordSchema } from "@/lib/validation/user";

/**
 * Change my password; on success every session ends and the user signs in again. The password
 * policy is checked here first with the server's own schema (lib/validation/user.ts).
 */
export function ChangePasswordForm({ username }: { username: string }) {
  const t = useTranslations("account");
  const tr = useTranslations();
  const [serverState, action, pending] = useActionState(changePasswordAction, idleState);
  const [local, setLocal] = useState<FormState | null>(null);
  const state = local ?? serverState;
  const check = (event: React.FormEvent<HTMLFormElement>) => {
    const input = Object.fromEntries(new FormData(event.currentTarget).entries());
    const checked = changePasswordSchema(username).safeParse(input);
    if (checked.success) {
      setLocal(null);
      return;
    }
    event.preventDefault();
    const fields = issueFields(checked.error.issues);
    setLocal({
      status: "error",
      message: tr("validation.fixFields"),
      fieldErrors: Object.fromEntries(Object.entries(fields).map(([f, key]) => [f, tr(key)])),
    });
  };
  useEffect(() => {
    if (state.status === "ok") void signOut({ callbackUrl: "/login?passwordChanged=1" });
  }, [state.status]);
  return (
    <form action={action} onSubmit={check} className="max-w-sm space-y-4" noValidate>
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
