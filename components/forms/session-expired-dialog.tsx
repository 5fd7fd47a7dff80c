"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useCurrentUsername } from "@/components/auth/current-user";
import { signInWithPassword } from "@/components/auth/sign-in";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { Modal } from "@/components/ui/modal";
import { hasSession } from "./use-versioned-autosave";

/**
 * Shown while an auto-saved form is signed out (its save answered 401; issue 13, item 4): the
 * typed work stays on the page; the user signs in again right here (the page's user, by
 * password, through the one sign-in with its limits) or in a new tab, and the save is retried
 * (`onSignedIn`) as soon as there is a session again. Render it only while signed out.
 * @param onSignedIn retries the save (the auto-save hook's `retry`).
 */
export function SessionExpiredDialog({ onSignedIn }: { onSignedIn: () => unknown }) {
  const t = useTranslations("saveRecovery.session");
  const ta = useTranslations("auth");
  const id = useId();
  const username = useCurrentUsername();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  async function signIn(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    const failure = await signInWithPassword(
      username ?? String(form.get("session-username") ?? ""),
      String(form.get("session-password") ?? ""),
      ta,
    );
    setPending(false);
    if (failure === null) onSignedIn();
    else setError(failure);
  }

  async function retry() {
    if (await hasSession()) onSignedIn();
    else setError(t("stillSignedOut"));
  }

  const back = typeof window === "undefined" ? "/" : window.location.pathname;
  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-lead`}>
      <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
        {t("title")}
      </h2>
      <p id={`${id}-lead`} className="mt-2 text-sm text-slate-700">
        {t("lead")}
      </p>
      <form onSubmit={signIn} className="mt-4 space-y-3" noValidate>
        <TextField
          name="session-username"
          label={ta("username")}
          autoComplete="username"
          defaultValue={username ?? ""}
          readOnly={username !== null}
        />
        <TextField
          name="session-password"
          label={ta("password")}
          type="password"
          autoComplete="current-password"
          required
          autoFocus
        />
        <FormMessage status={error ? "error" : "idle"} message={error} />
        <Button type="submit" className="w-full" disabled={pending}>
          {pending ? ta("signingIn") : t("signInAndSave")}
        </Button>
      </form>
      <div className="mt-4 space-y-2 border-t border-slate-200 pt-3 text-sm">
        <a
          href={`/login?callbackUrl=${encodeURIComponent(back)}`}
          target="_blank"
          rel="noopener"
          className="font-medium text-brand-700 hover:underline"
        >
          {t("newTab")}
        </a>
        <p className="text-slate-600">{t("newTabHint")}</p>
        <Button type="button" variant="secondary" size="sm" onClick={() => void retry()}>
          {t("retry")}
        </Button>
      </div>
    </Modal>
  );
}
