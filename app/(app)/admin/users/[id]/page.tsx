import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { Card, CardTitle } from "@/components/ui/card";
import { ResetPassword } from "@/components/users/reset-password";
import { UserForm } from "@/components/users/user-form";
import { UserTokens } from "@/components/users/user-tokens";
import { listUserApiTokens } from "@/lib/auth/api-tokens";
import { requirePageActor } from "@/lib/auth/session";
import { loadOrNotFound } from "@/lib/pages";
import { getUser, listScopeOptions } from "@/lib/users/queries";

export default async function EditUserPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const { id } = await params;
  const actor = await requirePageActor(`/admin/users/${id}`);
  const [user, options, tokens] = await loadOrNotFound(() =>
    Promise.all([
      getUser(actor, Number(id)),
      listScopeOptions(actor),
      listUserApiTokens(actor, Number(id)),
    ]),
  );
  const t = await getTranslations("users");
  const created = (await searchParams).created === "1";
  return (
    <div className="space-y-4">
      <Link href="/admin/users" className="text-sm text-brand-700 hover:underline">
        ← {t("title")}
      </Link>
      <h1 className="text-2xl font-semibold">
        {user.displayName}{" "}
        <span className="text-base font-normal text-slate-500">{user.username}</span>
      </h1>
      {created && (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          {t("created")}
        </p>
      )}
      <Card>
        <UserForm user={user} options={options} />
      </Card>
      <Card>
        <CardTitle>{t("resetPassword")}</CardTitle>
        <div className="mt-3">
          <ResetPassword userId={user.id} />
        </div>
      </Card>
      <Card>
        <CardTitle>{t("tokens")}</CardTitle>
        <p className="mb-3 mt-1 text-sm text-slate-600">{t("tokensLead")}</p>
        <UserTokens
          userId={user.id}
          editable
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
