import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";
import { MergedTownReports } from "@/components/programme/towns/merged-town-reports";
import { TownHistory } from "@/components/programme/towns/town-history";
import {
  EditTownForm,
  MergeForm,
  RecodeForm,
  RenameForm,
  TitleEventForm,
} from "@/components/programme/towns/town-forms";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/access";
import { requirePageActor } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { leaveUnavailablePage, loadOrNotFound } from "@/lib/pages";
import {
  currentCodeOf,
  getTownForActor,
  listMergedTownReports,
  listRegister,
} from "@/lib/towns/queries";

/**
 * A town of the register (/admin/towns/{code}): its details, its history as a timeline of
 * dated events with their documents, the towns merged into it with their reports, and — for
 * the city administrator — the forms that change it. A link with a town's former code
 * redirects to its current one.
 */
export default async function RegisterTownPage({
  params,
  searchParams,
}: {
  params: Promise<{ code: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const { code } = await params;
  const actor = await requirePageActor(`/admin/towns/${code}`);
  if (!can(actor, "programme.view")) return leaveUnavailablePage();
  const town = await getTownForActor(actor, code, "programme.view").catch(async (error) => {
    if (!isAppError(error, "NOT_FOUND")) throw error;
    const current = await currentCodeOf(actor, code);
    if (current) redirect(`/admin/towns/${current}`);
    return leaveUnavailablePage();
  });
  const [merged, register] = await loadOrNotFound(() =>
    Promise.all([listMergedTownReports(actor, town), listRegister(actor)]),
  );
  const t = await getTranslations("townRegister");
  const te = await getTranslations("enums");
  const en = (await getLocale()) === "en";
  const manage = can(actor, "town.manage");
  const created = (await searchParams).created === "1";
  const name = (en && town.nameEn) || town.name;
  const facts: [string, React.ReactNode][] = [
    [t("code"), town.divisionCode],
    [t("county"), en ? town.county.nameEn : town.county.name],
    [t("kind"), te(`TownKind.${town.kind}`)],
    [t("townType"), te(`TownType.${town.townType}`)],
    [t("countySeat"), town.isCountySeat ? t("yes") : t("no")],
    [t("attainment"), te(`Attainment.${town.attainment}`)],
    [t("nameEn"), town.nameEn ?? "—"],
    [t("sourceNote"), town.sourceNote ?? "—"],
  ];
  const edited = {
    divisionCode: town.divisionCode,
    updatedAt: town.updatedAt,
    name: town.name,
    nameEn: town.nameEn,
    townType: town.townType,
    isCountySeat: town.isCountySeat,
    sourceNote: town.sourceNote,
  };
  const candidates = register
    .filter(
      (r) =>
        r.countyCode === town.county.divisionCode &&
        r.divisionCode !== town.divisionCode &&
        r.mergedIntoCode === null,
    )
    .map((r) => ({ divisionCode: r.divisionCode, name: r.name, nameEn: r.nameEn }));
  return (
    <div className="space-y-4">
      <Link href="/admin/towns" className="text-sm text-brand-700 hover:underline">
        ← {t("backToList")}
      </Link>
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-semibold">{name}</h1>
        <span className="text-slate-500">{town.divisionCode}</span>
        {town.isLocalUnit && <Badge tone="amber">{t("localUnit")}</Badge>}
        {town.mergedInto && town.mergedOn && (
          <Badge tone="red">
            <Link href={`/admin/towns/${town.mergedInto.divisionCode}`}>
              {t("mergedInto", {
                name: (en && town.mergedInto.nameEn) || town.mergedInto.name,
                date: town.mergedOn,
              })}
            </Link>
          </Badge>
        )}
        <Link
          href={`/towns/${town.divisionCode}`}
          className="text-sm text-brand-700 hover:underline"
        >
          {t("townPage")} →
        </Link>
      </div>
      {created && (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          {t("created")}
        </p>
      )}
      {!manage && <p className="text-sm text-slate-500">{t("readOnly")}</p>}
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardTitle>{t("details")}</CardTitle>
          <dl className="mt-3 grid grid-cols-[9rem_1fr] gap-y-2 text-sm" data-testid="town-details">
            {facts.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-slate-500">{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card>
          <CardTitle>{t("history")}</CardTitle>
          <TownHistory events={town.events} en={en} linkBase="/admin/towns" />
        </Card>
      </div>
      {merged.length > 0 && <MergedTownReports towns={merged} en={en} linkBase="/admin/towns" />}
      {manage && (
        <div className="grid gap-4 lg:grid-cols-2">
          <Card>
            <CardTitle>{t("forms.titleEvent")}</CardTitle>
            <div className="mt-3">
              <TitleEventForm townCode={town.divisionCode} />
            </div>
          </Card>
          <Card>
            <CardTitle>{t("forms.edit")}</CardTitle>
            <div className="mt-3">
              <EditTownForm town={edited} />
            </div>
          </Card>
          <Card>
            <CardTitle>{t("forms.rename")}</CardTitle>
            <div className="mt-3">
              <RenameForm town={edited} />
            </div>
          </Card>
          <Card>
            <CardTitle>{t("forms.recode")}</CardTitle>
            <div className="mt-3">
              <RecodeForm town={edited} />
            </div>
          </Card>
          {!town.mergedInto && (
            <Card>
              <CardTitle>{t("forms.merge")}</CardTitle>
              <div className="mt-3">
                <MergeForm town={edited} candidates={candidates} />
              </div>
            </Card>
          )}
        </div>
      )}
    </div>
  );
}
