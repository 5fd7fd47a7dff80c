"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { signInWithPassword } from "./sign-in";

/**
 * The sign-in form. Posts to next-auth's Credentials provider without a full redirect, shows
 * "wrong user name or password" or the lock-out time, then loads `callbackUrl` (already
 * checked to be a same-site path by the page) as a document.
 */
export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("auth");
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    const failure = await signInWithPassword(
      String(form.get("username") ?? ""),
      String(form.get("password") ?? ""),
      t,
    );
    if (failure === null) {
      // A document load, not a client navigation: the server answers "/" with an HTTP redirect
      // to the role's page, so the form stays until that page arrives (the client router
      // rendered "/" blank for a moment, then redirected). The button stays disabled meanwhile.
      window.location.assign(callbackUrl);
      return;
    }
    setError(failure);
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <TextField name="username" label={t("username")} autoComplete="username" required autoFocus />
      <TextField
        name="password"
        label={t("password")}
        type="password"
        autoComplete="current-password"
        required
      />
      <FormMessage status={error ? "error" : "idle"} message={error} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t("signingIn") : t("signIn")}
      </Button>
    </form>
  );
}
