import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { AddTownForm } from "@/components/programme/circles/add-town-form";
import { CircleActions } from "@/components/programme/circles/circle-actions";
import { CircleForm } from "@/components/programme/circles/circle-form";
import { MembershipTable } from "@/components/programme/circles/membership-table";
import { YearSelect } from "@/components/dashboard/year-select";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/access";
import { requirePageActor, type PageSearchParams } from "@/lib/auth/session";
import { getCircleAdmin, listCircleAdmin, listTownChoices } from "@/lib/circles/queries";
import { loadOrNotFound } from "@/lib/pages";
import { resolveYear } from "@/lib/years/queries";

/**
 * One circle: its settings, its towns by year (`?year=`), and for the administrator the
 * changes (edit, end, delete, towns in and out). The leader reads the same page with no
 * controls.
 */
export default async function CirclePage({
  params,
  searchParams,
}: {
  params: Promise<{ code: string }>;
  searchParams: Promise<PageSearchParams>;
}) {
  const { code } = await params;
  const query = await searchParams;
  const decoded = decodeURIComponent(code);
  const actor = await requirePageActor(`/admin/circles/${code}`, query);
  const { year, years } = await resolveYear(query.year);
  const editable = can(actor, "programme.manage");
  const [circle, { belts }, choices] = await loadOrNotFound(() =>
    Promise.all([
      getCircleAdmin(actor, decoded, year),
      listCircleAdmin(actor, year),
      editable ? listTownChoices(actor) : null,
    ]),
  );
  const t = await getTranslations("circleAdmin");
  return (
    <div className="space-y-4">
      <Link href={`/admin/circles?year=${year}`} className="text-sm text-brand-700 hover:underline">
        ← {t("title")}
      </Link>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold">
          {circle.name}
          <span className="text-base font-normal text-slate-500">{circle.code}</span>
          {circle.isModel && <Badge tone="green">{t("model")}</Badge>}
        </h1>
        <YearSelect years={years} year={year} />
      </div>
      {query.created === "1" && (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          {t("circle.created")}
        </p>
      )}
      <p className="text-sm" data-testid="circle-counts">
        {circle.counts
          ? t("circle.countsIn", { year, towns: circle.towns, counties: circle.counties })
          : t("circle.notCountedIn", { year })}
      </p>
      <Card className="space-y-3">
        <CardTitle>{t("circle.settings")}</CardTitle>
        <CircleForm circle={circle} belts={belts} editable={editable} defaultYear={year} />
        {editable && <CircleActions circle={circle} year={year} />}
      </Card>
      <Card className="space-y-3">
        <CardTitle>{t("towns.title")}</CardTitle>
        <MembershipTable
          circleId={circle.id}
          members={circle.memberships}
          year={year}
          editable={editable}
        />
      </Card>
      {editable && choices && (
        <Card className="space-y-3">
          <CardTitle>{t("towns.add")}</CardTitle>
          <AddTownForm
            circleId={circle.id}
            choices={choices}
            memberCodes={circle.memberships.map((m) => m.townCode)}
            defaultYear={Math.max(year, circle.fromYear)}
          />
        </Card>
      )}
    </div>
  );
}
