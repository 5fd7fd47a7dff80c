import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { BeltForm } from "@/components/programme/circles/belt-form";
import { Card } from "@/components/ui/card";
import { can } from "@/lib/access";
import { requirePageActor, type PageSearchParams } from "@/lib/auth/session";
import { getBeltAdmin } from "@/lib/circles/queries";
import { loadOrNotFound } from "@/lib/pages";
import { resolveYear } from "@/lib/years/queries";

/** One belt: its settings, editable by the administrator, read by the leader. */
export default async function BeltPage({
  params,
  searchParams,
}: {
  params: Promise<{ code: string }>;
  searchParams: Promise<PageSearchParams>;
}) {
  const { code } = await params;
  const query = await searchParams;
  const actor = await requirePageActor(`/admin/circles/belts/${code}`, query);
  const { year } = await resolveYear(query.year);
  const belt = await loadOrNotFound(() => getBeltAdmin(actor, decodeURIComponent(code), year));
  const t = await getTranslations("circleAdmin");
  return (
    <div className="space-y-4">
      <Link href={`/admin/circles?year=${year}`} className="text-sm text-brand-700 hover:underline">
        ← {t("title")}
      </Link>
      <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold">
        {belt.name}
        <span className="text-base font-normal text-slate-500">{belt.code}</span>
      </h1>
      <p className="text-sm text-slate-600">{t("belt.circles", { count: belt.circles })}</p>
      <Card>
        <BeltForm belt={belt} editable={can(actor, "programme.manage")} defaultYear={year} />
      </Card>
    </div>
  );
}
