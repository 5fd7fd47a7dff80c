"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ConfirmSubmitButton } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/field";
import { revokeUserTokenAction } from "@/lib/users/actions";
import { idleState } from "@/lib/validation/form-state-shared";
import { useDates } from "@/lib/i18n/dates";

/** A token as the administrator's page lists it (dates as ISO strings). */
export type UserToken = {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string;
};

function Revoke({ userId, token }: { userId: number; token: UserToken }) {
  const t = useTranslations("users");
  const tc = useTranslations("everyday.confirm");
  const [state, action, pending] = useActionState(revokeUserTokenAction, idleState);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="id" value={token.id} />
      <ConfirmSubmitButton
        variant="secondary"
        size="sm"
        disabled={pending}
        aria-label={t("revokeTokenNamed", { name: token.name })}
        request={{
          title: tc("revokeTokenTitle", { name: token.name }),
          message: tc("revokeTokenText"),
          confirmLabel: tc("revokeToken"),
        }}
      >
        {t("revokeToken")}
      </ConfirmSubmitButton>
      {state.status === "error" && <FormMessage status={state.status} message={state.message} />}
    </form>
  );
}

/**
 * Another user's working API tokens on the administrator's page of that user, each with a
 * revoke button (lib/auth/api-tokens.ts revokeUserApiToken); `editable` false for readers.
 */
export function UserTokens({
  userId,
  tokens,
  editable,
}: {
  userId: number;
  tokens: UserToken[];
  editable: boolean;
}) {
  const t = useTranslations("users");
  const ta = useTranslations("account");
  const dates = useDates();
  if (tokens.length === 0) return <p className="text-sm text-slate-500">{t("noTokens")}</p>;
  return (
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
              {ta("tokenCreated", { at: dates.dateTime(token.createdAt) })}
              {" · "}
              {ta("tokenExpires", { at: dates.dateTime(token.expiresAt) })}
              {" · "}
              {token.lastUsedAt
                ? ta("tokenLastUsed", {
                    at: dates.dateTime(token.lastUsedAt),
                  })
                : ta("tokenNeverUsed")}
            </span>
          </span>
          {editable && <Revoke userId={userId} token={token} />}
        </li>
      ))}
    </ul>
  );
}
