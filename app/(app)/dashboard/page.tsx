import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { assertCan } from "@/lib/access";
import { requirePageActor } from "@/lib/auth/session";
import { listCountiesForActor } from "@/lib/counties/queries";
import { loadOrNotFound } from "@/lib/pages";

export default async function DashboardPage() {
  const actor = await requirePageActor("/dashboard");
  const counties = await loadOrNotFound(async () => {
    assertCan(actor, "dashboard.city.view");
    return listCountiesForActor(actor);
  });
  const t = await getTranslations("dashboard");
  const en = (await getLocale()) === "en";
  const towns = counties.reduce((sum, c) => sum + c.towns, 0);
  const inProgramme = counties.reduce((sum, c) => sum + c.townsInProgramme, 0);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("lead", { towns, inProgramme })}</p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {counties.map((c) => (
          <Card key={c.divisionCode}>
            <Link
              href={`/counties/${c.divisionCode}`}
              className="text-lg font-medium text-brand-700 hover:underline"
            >
              {en ? c.nameEn : c.name}
            </Link>
            <p className="mt-1 text-sm text-slate-600">
              {t("countyLine", { towns: c.towns, inProgramme: c.townsInProgramme })}
            </p>
          </Card>
        ))}
      </div>
    </div>
  );
}
