import { getTranslations } from "next-intl/server";
import { ApiTokens } from "@/components/account/api-tokens";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { Card, CardTitle } from "@/components/ui/card";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { requirePageActor } from "@/lib/auth/session";

export default async function AccountPage() {
  const actor = await requirePageActor("/account");
  const tokens = await listApiTokens(actor);
  const t = await getTranslations("account");
  const tr = await getTranslations("roles");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <Card>
        <CardTitle>{t("profile")}</CardTitle>
        <dl className="mt-3 grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
          <dt className="text-slate-500">{t("username")}</dt>
          <dd>{actor.username}</dd>
          <dt className="text-slate-500">{t("displayName")}</dt>
          <dd>{actor.displayName}</dd>
          <dt className="text-slate-500">{t("role")}</dt>
          <dd>{tr(actor.role)}</dd>
          <dt className="text-slate-500">{t("scope")}</dt>
          <dd>{actor.town?.name ?? actor.county?.name ?? t("wholeCity")}</dd>
        </dl>
      </Card>
      <Card>
        <CardTitle>{t("changePassword")}</CardTitle>
        <div className="mt-3">
          <ChangePasswordForm username={actor.username} />
        </div>
      </Card>
      <Card>
        <CardTitle>{t("apiTokens")}</CardTitle>
        <p className="mb-3 mt-1 text-sm text-slate-600">{t("apiTokensLead")}</p>
        <ApiTokens
          tokens={tokens.map((x) => ({
            ...x,
            createdAt: x.createdAt.toISOString(),
            lastUsedAt: x.lastUsedAt?.toISOString() ?? null,
            expiresAt: x.expiresAt.toISOString(),
          }))}
        />
      </Card>
    </div>
  );
}
