import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/access";
import { requirePageActor } from "@/lib/auth/session";
import { loadOrNotFound } from "@/lib/pages";
import { getTownForActor } from "@/lib/towns/queries";

export default async function TownPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const actor = await requirePageActor(`/towns/${code}`);
  const town = await loadOrNotFound(() => getTownForActor(actor, code));
  const t = await getTranslations("towns");
  const te = await getTranslations("enums");
  const en = (await getLocale()) === "en";
  const facts: [string, React.ReactNode][] = [
    [t("code"), town.divisionCode],
    [t("county"), en ? town.county.nameEn : town.county.name],
    [t("kind"), te(`TownKind.${town.kind}`)],
    [t("townType"), te(`TownType.${town.townType}`)],
    [
      t("attainment"),
      <>
        {te(`Attainment.${town.attainment}`)}
        {town.attainmentYear ? ` (${town.attainmentYear})` : ""}
      </>,
    ],
    [t("inProgramme"), town.inProgramme ? t("yes") : t("no")],
    [t("countySeat"), town.isCountySeat ? t("yes") : t("no")],
  ];
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-semibold">{(en && town.nameEn) || town.name}</h1>
        {town.isLocalUnit && <Badge tone="amber">{t("localUnit")}</Badge>}
        {can(actor, "county.view") && (
          <Link
            href={`/counties/${town.county.divisionCode}`}
            className="text-sm text-brand-700 hover:underline"
          >
            ← {en ? town.county.nameEn : town.county.name}
          </Link>
        )}
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <CardTitle>{t("profile")}</CardTitle>
          <dl className="mt-3 grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
            {facts.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-slate-500">{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card>
          <CardTitle>{t("circles")}</CardTitle>
          {town.circles.length === 0 ? (
            <p className="mt-3 text-sm text-slate-500">{t("noCircle")}</p>
          ) : (
            <ul className="mt-3 space-y-1 text-sm">
              {town.circles.map(({ circle, isLead }) => (
                <li key={circle.code} className="flex items-center gap-2">
                  {en ? circle.nameEn : circle.name}
                  {circle.isModel && <Badge tone="green">{t("modelCircle")}</Badge>}
                  {isLead && <Badge>{t("leadTown")}</Badge>}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
