"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmSubmitButton } from "@/components/ui/confirm-dialog";
import { FormMessage, TextField } from "@/components/ui/field";
import { DEFAULT_TOKEN_LIFETIME_DAYS, TOKEN_LIFETIME_DAYS } from "@/lib/auth/token-lifetime";
import { createTokenAction, revokeTokenAction } from "@/lib/users/actions";
import { idleState } from "@/lib/validation/form-state-shared";
import { useDates } from "@/lib/i18n/dates";

type Token = {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string;
};

function RevokeButton({ id, name }: { id: number; name: string }) {
  const t = useTranslations("account");
  const tc = useTranslations("everyday.confirm");
  const [state, action, pending] = useActionState(revokeTokenAction, idleState);
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      <ConfirmSubmitButton
        variant="secondary"
        size="sm"
        disabled={pending}
        request={{
          title: tc("revokeTokenTitle", { name }),
          message: tc("revokeTokenText"),
          confirmLabel: tc("revokeToken"),
        }}
      >
        {t("revoke")}
      </ConfirmSubmitButton>
      {state.status === "error" && (
        <span className="ml-2 text-xs text-red-600">{state.message}</span>
      )}
    </form>
  );
}

/** My API tokens: list, create (the token is shown once), revoke. */
export function ApiTokens({ tokens }: { tokens: Token[] }) {
  const t = useTranslations("account");
  const dates = useDates();
  const [state, action, pending] = useActionState(createTokenAction, idleState);
  return (
    <div className="space-y-4">
      {tokens.length === 0 ? (
        <p className="text-sm text-slate-500">{t("noTokens")}</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
          {tokens.map((token) => (
            <li
              key={token.id}
              className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm"
            >
              <span>
                <span className="font-medium">{token.name}</span>{" "}
                <code className="text-slate-500">{token.prefix}…</code>
                <span className="block text-xs text-slate-500">
                  {t("tokenCreated", {
                    at: dates.dateTime(token.createdAt),
                  })}
                  {" · "}
                  {t("tokenExpires", {
                    at: dates.dateTime(token.expiresAt),
                  })}
                  {" · "}
                  {token.lastUsedAt
                    ? t("tokenLastUsed", {
                        at: dates.dateTime(token.lastUsedAt),
                      })
                    : t("tokenNeverUsed")}
                </span>
              </span>
              <RevokeButton id={token.id} name={token.name} />
            </li>
          ))}
        </ul>
      )}
      <form action={action} className="flex flex-wrap items-end gap-2" noValidate>
        <TextField
          name="name"
          label={t("tokenName")}
          error={state.fieldErrors?.name}
          className="w-64"
        />
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("tokenLifetime")}</span>
          <select
            name="days"
            defaultValue={String(DEFAULT_TOKEN_LIFETIME_DAYS)}
            className="h-9 rounded-md border border-slate-300 bg-white px-2 text-sm"
          >
            {TOKEN_LIFETIME_DAYS.map((days) => (
              <option key={days} value={days}>
                {t("tokenDays", { days })}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit" disabled={pending}>
          {t("createToken")}
        </Button>
      </form>
      {state.status === "ok" &&
      state.data?.token &&
      tokens.some((x) => state.data?.token?.startsWith(x.prefix)) ? (
        <div role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-900">
          <p>{t("tokenShownOnce")}</p>
          <code data-testid="new-token" className="mt-1 block break-all font-mono">
            {state.data.token}
          </code>
        </div>
      ) : (
        <FormMessage status={state.status} message={state.message} />
      )}
    </div>
  );
}
