import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { YearSelect } from "@/components/dashboard/year-select";
import { BasicRequirementsEditor } from "@/components/programme/indicators/basic-requirements";
import { FigureInputs } from "@/components/programme/indicators/figure-inputs";
import { IndicatorFilters } from "@/components/programme/indicators/indicator-filters";
import { IndicatorTable } from "@/components/programme/indicators/indicator-table";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/access";
import { requirePageActor, type PageSearchParams } from "@/lib/auth/session";
import { figureInputRows, listBasicRequirements, listIndicators } from "@/lib/indicators/queries";
import { leaveUnavailablePage, loadOrNotFound } from "@/lib/pages";
import { listYears, resolveYear } from "@/lib/years/queries";
import { queryValue } from "@/lib/http/query";

const one = (v: string | string[] | undefined) => queryValue(v) ?? "";

/**
 * The indicator catalogue of a year (指标库, /admin/indicators?year=…): the table (year,
 * dimension, kind, search and "show retired" in the URL), the dashboard inputs and the "ten
 * ones" basic requirements. City administrator and leader; only the administrator sees edit
 * controls, and nobody for a closed year.
 */
export default async function IndicatorsPage({
  searchParams,
}: {
  searchParams: Promise<PageSearchParams>;
}) {
  const params = await searchParams;
  const actor = await requirePageActor("/admin/indicators", params);
  if (!can(actor, "programme.view")) return leaveUnavailablePage();
  const { year, years } = await resolveYear(one(params.year));
  const [rows, requirements, yearRows] = await Promise.all([
    loadOrNotFound(() => listIndicators(actor, year)),
    loadOrNotFound(() => listBasicRequirements(actor, year)),
    listYears(),
  ]);
  const status = yearRows.find((y) => y.year === year)?.status;
  const writable = can(actor, "programme.manage") && status !== undefined && status !== "CLOSED";
  const t = await getTranslations("indicatorCatalogue");
  const dimension = one(params.dimension);
  const kind = one(params.kind);
  const shown = rows.filter(
    (r) =>
      (params.retired === "1" || r.retiredAt === null) &&
      (dimension === "" || r.dimension === dimension) &&
      (kind === "" || r.kind === kind),
  );
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <div className="flex flex-wrap items-center gap-2">
          <YearSelect years={years} year={year} />
          {status && (
            <span className="text-sm text-slate-500">
              {t("yearStatus", { status: t(`yearStatuses.${status}`) })}
            </span>
          )}
          {writable && (
            <Button asChild>
              <Link href={`/admin/indicators/new?year=${year}`}>{t("newIndicator")}</Link>
            </Button>
          )}
        </div>
      </div>
      <p className="max-w-4xl text-sm text-slate-600">{t("intro")}</p>
      {status === "CLOSED" && (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
          {t("closedNote")}
        </p>
      )}
      {!can(actor, "programme.manage") && (
        <p role="status" className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">
          {t("readOnlyNote")}
        </p>
      )}
      {params.deleted === "1" && (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          {t("deleted")}
        </p>
      )}
      <IndicatorFilters />
      <IndicatorTable rows={shown} />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardTitle>{t("figures.title")}</CardTitle>
          <p className="mt-1 text-sm text-slate-600">{t("figures.intro")}</p>
          <FigureInputs year={year} rows={figureInputRows(rows)} canManage={writable} />
        </Card>
        <Card>
          <CardTitle>{t("basic.title")}</CardTitle>
          <p className="mb-3 mt-1 text-sm text-slate-600">{t("basic.intro")}</p>
          <BasicRequirementsEditor year={year} rows={requirements} canManage={writable} />
        </Card>
      </div>
    </div>
  );
}
