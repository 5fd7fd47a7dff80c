import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { IndicatorForm } from "@/components/programme/indicators/indicator-form";
import { IndicatorLifecycle } from "@/components/programme/indicators/indicator-lifecycle";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/access";
import { requirePageActor, type PageSearchParams } from "@/lib/auth/session";
import { getIndicator, listIndicators, replacementsFor } from "@/lib/indicators/queries";
import { leaveUnavailablePage, loadOrNotFound } from "@/lib/pages";
import { listYears } from "@/lib/years/queries";

/**
 * One indicator: its fields (editable by the administrator while the year is not closed,
 * read-only otherwise), the dashboard input it supplies, and retire / restore / delete.
 */
export default async function IndicatorPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<PageSearchParams>;
}) {
  const { id } = await params;
  const query = await searchParams;
  const actor = await requirePageActor(`/admin/indicators/${id}`, query);
  if (!can(actor, "programme.view")) return leaveUnavailablePage();
  const indicator = await loadOrNotFound(() => getIndicator(actor, Number(id)));
  if (!indicator) return leaveUnavailablePage();
  const [rows, years] = await Promise.all([listIndicators(actor, indicator.year), listYears()]);
  const status = years.find((y) => y.year === indicator.year)?.status;
  const writable = can(actor, "programme.manage") && status !== "CLOSED";
  const replacements = indicator.figureInput
    ? replacementsFor(
        rows.filter((r) => r.id !== indicator.id),
        indicator.figureInput,
      )
    : [];
  const t = await getTranslations("indicatorCatalogue");
  return (
    <div className="space-y-4">
      <Link
        href={`/admin/indicators?year=${indicator.year}`}
        className="text-sm text-brand-700 hover:underline"
      >
        ← {t("back")}
      </Link>
      <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold">
        {indicator.name}
        <span className="text-base font-normal text-slate-500">
          {indicator.nameEn} · {indicator.year}
        </span>
        {indicator.figureInput && (
          <Badge tone="blue">
            {t("figures.badge", { name: t(`figureInputs.${indicator.figureInput}`) })}
          </Badge>
        )}
        {indicator.retiredAt && <Badge tone="amber">{t("status.retired")}</Badge>}
      </h1>
      {query.created === "1" && (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          {t("created")}
        </p>
      )}
      {status === "CLOSED" && (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
          {t("closedNote")}
        </p>
      )}
      <Card>
        <IndicatorForm
          year={indicator.year}
          indicator={indicator}
          replacements={replacements}
          readOnly={!writable}
        />
      </Card>
      {writable && (
        <Card>
          <CardTitle>{t("lifecycle.title")}</CardTitle>
          <div className="mt-3">
            <IndicatorLifecycle indicator={indicator} replacements={replacements} />
          </div>
        </Card>
      )}
    </div>
  );
}
