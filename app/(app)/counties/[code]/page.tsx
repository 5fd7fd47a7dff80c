import { getLocale, getTranslations } from "next-intl/server";
import { TownTable } from "@/components/towns/town-table";
import { requirePageActor } from "@/lib/auth/session";
import { getCountyForActor } from "@/lib/counties/queries";
import { loadOrNotFound } from "@/lib/pages";
import { listTownsForActor, townToJson } from "@/lib/towns/queries";

export default async function CountyPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const actor = await requirePageActor(`/counties/${code}`);
  const county = await loadOrNotFound(() => getCountyForActor(actor, code));
  const towns = await listTownsForActor(actor, { countyCode: county.divisionCode });
  const t = await getTranslations("counties");
  const en = (await getLocale()) === "en";
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">{en ? county.nameEn : county.name}</h1>
        <p className="text-sm text-slate-600">
          {t("summary", {
            towns: towns.length,
            inProgramme: towns.filter((x) => x.inProgramme).length,
          })}
        </p>
      </div>
      <TownTable towns={towns.map(townToJson)} />
    </div>
  );
}
