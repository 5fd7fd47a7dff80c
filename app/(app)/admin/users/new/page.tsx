import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { UserForm } from "@/components/users/user-form";
import { requirePageActor } from "@/lib/auth/session";
import { loadOrNotFound } from "@/lib/pages";
import { listScopeOptions } from "@/lib/users/queries";

export default async function NewUserPage() {
  const actor = await requirePageActor("/admin/users/new");
  const options = await loadOrNotFound(() => listScopeOptions(actor));
  const t = await getTranslations("users");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("new")}</h1>
      <Card>
        <UserForm options={options} />
      </Card>
    </div>
  );
}
