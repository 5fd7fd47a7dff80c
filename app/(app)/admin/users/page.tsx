import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { UserTable } from "@/components/users/user-table";
import { requirePageActor, type PageSearchParams } from "@/lib/auth/session";
import { loadOrNotFound } from "@/lib/pages";
import { listUsers } from "@/lib/users/queries";

export default async function UsersPage({
  searchParams,
}: {
  searchParams: Promise<PageSearchParams>;
}) {
  const actor = await requirePageActor("/admin/users", await searchParams);
  const users = await loadOrNotFound(() => listUsers(actor));
  const t = await getTranslations("users");
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <Button asChild>
          <Link href="/admin/users/new">{t("new")}</Link>
        </Button>
      </div>
      <UserTable users={users} />
    </div>
  );
}
