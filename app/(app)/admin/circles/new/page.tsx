import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { CircleForm } from "@/components/programme/circles/circle-form";
import { Card } from "@/components/ui/card";
import { can } from "@/lib/access";
import { requirePageActor, type PageSearchParams } from "@/lib/auth/session";
import { listCircleAdmin, listTownChoices } from "@/lib/circles/queries";
import { leaveUnavailablePage, loadOrNotFound } from "@/lib/pages";
import { resolveYear } from "@/lib/years/queries";

/** A new circle with its towns across counties (the city administrator only). */
export default async function NewCirclePage({
  searchParams,
}: {
  searchParams: Promise<PageSearchParams>;
}) {
  const query = await searchParams;
  const actor = await requirePageActor("/admin/circles/new", query);
  if (!can(actor, "programme.manage")) return leaveUnavailablePage();
  const { year } = await resolveYear(query.year);
  const [{ belts }, choices] = await loadOrNotFound(() =>
    Promise.all([listCircleAdmin(actor, year), listTownChoices(actor)]),
  );
  const t = await getTranslations("circleAdmin");
  return (
    <div className="space-y-4">
      <Link href={`/admin/circles?year=${year}`} className="text-sm text-brand-700 hover:underline">
        ← {t("title")}
      </Link>
      <h1 className="text-2xl font-semibold">{t("circle.new")}</h1>
      <Card>
        <CircleForm belts={belts} choices={choices} editable defaultYear={year} />
      </Card>
    </div>
  );
}
