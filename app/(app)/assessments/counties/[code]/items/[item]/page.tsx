import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { DrilldownTable } from "@/components/assessments/drilldown";
import { formulaText, itemName, itemUnit, plainNumber } from "@/lib/assessments/item-text";
import { RunLine } from "@/components/assessments/run-status";
import { getCountyAssessment } from "@/lib/assessments/queries";
import { requirePageActor, type PageSearchParams } from "@/lib/auth/session";
import { leaveUnavailablePage, loadOrNotFound } from "@/lib/pages";

/**
 * What one computed value of a county's result rests on (?year=&version=): the towns, reports,
 * ratings, projects or indicator targets the metric read, as recorded in the run's snapshot,
 * each marked as counting or not. Visible to whoever may see the county's result.
 */
export default async function CountyItemBasisPage({
  params,
  searchParams,
}: {
  params: Promise<{ code: string; item: string }>;
  searchParams: Promise<PageSearchParams>;
}) {
  const { code, item: itemCode } = await params;
  const query = await searchParams;
  const actor = await requirePageActor(`/assessments/counties/${code}/items/${itemCode}`, query);
  const number = (v: unknown) => (typeof v === "string" && /^\d+$/.test(v) ? Number(v) : undefined);
  const view = await loadOrNotFound(() =>
    getCountyAssessment(actor, code, { year: number(query.year), version: number(query.version) }),
  );
  const row = view.result?.items.find((i) => i.code === itemCode);
  if (!view.run || !row?.drilldown) return leaveUnavailablePage();
  const t = await getTranslations("assessments");
  const en = (await getLocale()) === "en";
  const unit = itemUnit(row.item, en);
  const county = en ? view.county.nameEn : view.county.name;
  return (
    <div className="space-y-4">
      <Link
        href={`/assessments/counties/${code}?year=${view.run.year}&version=${view.run.version}#item-${itemCode}`}
        className="text-sm text-brand-700 underline"
      >
        {t("drill.back", { county, year: view.run.year })}
      </Link>
      <h1 className="text-2xl font-semibold">
        {t("drill.title", { county, item: itemName(row.item, en) })}
      </h1>
      <RunLine run={view.run} />
      <p className="text-sm text-slate-700">
        {t("county.formula", { formula: formulaText(row.item, t) })}
      </p>
      <p className="text-sm">
        {t("drill.result", {
          actual: row.actual === null ? "—" : `${plainNumber(row.actual)}${unit}`,
          target: row.target === null ? "—" : `${plainNumber(row.target)}${unit}`,
          points: row.points,
        })}
      </p>
      <DrilldownTable
        drill={row.drilldown}
        metric={row.item.metric ?? ""}
        year={view.run.year}
        en={en}
      />
    </div>
  );
}
