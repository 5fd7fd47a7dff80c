"use client";

import { signIn } from "next-auth/react";

const RATE_LIMITED = /^RATE_LIMITED:(\d+)$/;

/**
 * Signs in with next-auth's Credentials provider without leaving the page (the server's one
 * password check and sign-in limits, lib/auth/sign-in.ts, decide). Used by the sign-in page and
 * by the "session expired" dialog of auto-saved forms.
 * @param t the `auth` namespace's translator (for the refusal message).
 * @returns null when signed in, else the message to show: wrong user name or password, the
 *   lock-out time (whole minutes, at least 1), or a general failure.
 */
export async function signInWithPassword(
  username: string,
  password: string,
  t: (key: string, values?: Record<string, number>) => string,
): Promise<string | null> {
  const result = await signIn("credentials", { username, password, redirect: false });
  if (result?.ok && !result.error) return null;
  const limited = RATE_LIMITED.exec(result?.error ?? "");
  return limited
    ? t("rateLimited", { minutes: Math.max(1, Math.ceil(Number(limited[1]) / 60)) })
    : result?.error === "CredentialsSignin"
      ? t("invalidCredentials")
      : t("signInFailed");
}
