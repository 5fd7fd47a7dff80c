import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { BeltForm } from "@/components/programme/circles/belt-form";
import { Card } from "@/components/ui/card";
import { can } from "@/lib/access";
import { requirePageActor, type PageSearchParams } from "@/lib/auth/session";
import { resolveYear } from "@/lib/years/queries";
import { leaveUnavailablePage } from "@/lib/pages";

/** A new belt (诗画风光带; the city administrator only). */
export default async function NewBeltPage({
  searchParams,
}: {
  searchParams: Promise<PageSearchParams>;
}) {
  const query = await searchParams;
  const actor = await requirePageActor("/admin/circles/belts/new", query);
  if (!can(actor, "programme.manage")) return leaveUnavailablePage();
  const { year } = await resolveYear(query.year);
  const t = await getTranslations("circleAdmin");
  return (
    <div className="space-y-4">
      <Link href={`/admin/circles?year=${year}`} className="text-sm text-brand-700 hover:underline">
        ← {t("title")}
      </Link>
      <h1 className="text-2xl font-semibold">{t("belt.new")}</h1>
      <Card>
        <BeltForm editable defaultYear={year} />
      </Card>
    </div>
  );
}
