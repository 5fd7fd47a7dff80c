import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { ScoreSheetTable } from "@/components/assessments/score-sheet-table";
import { PrintButton } from "@/components/dashboard/print-button";
import { getRun } from "@/lib/assessments/queries";
import { scoreSheet } from "@/lib/assessments/sheet";
import { requirePageActor } from "@/lib/auth/session";
import { loadOrNotFound } from "@/lib/pages";
import { getDates } from "@/lib/i18n/dates-server";

/** A version of a year's assessment as a printable performance score sheet (考核得分表). */
export default async function RunSheetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor(`/assessments/runs/${id}/sheet`);
  const run = await loadOrNotFound(() => getRun(actor, Number(id)));
  const t = await getTranslations("assessments");
  const dates = await getDates();
  const en = (await getLocale()) === "en";
  return (
    <div className="space-y-4 print:space-y-2">
      <div className="flex items-center justify-between print:hidden">
        <Link href={`/assessments/runs/${run.id}`} className="text-sm text-brand-700 underline">
          {t("sheet.back")}
        </Link>
        <PrintButton />
      </div>
      <h1 className="text-center text-xl font-semibold">
        {t("export.title", { year: run.year, version: run.version })}
      </h1>
      <p className="text-center text-sm text-slate-700">
        {en ? run.schemeNameEn : run.schemeName} · {t(`runStatus.${run.status}`)}
        {run.publishedAt && ` · ${t("export.publishedOn", { date: dates.date(run.publishedAt) })}`}
        {run.judgedOn && ` · ${t("export.judgedOn", { date: run.judgedOn })}`}
      </p>
      {run.reason && (
        <p className="text-center text-sm text-slate-700">
          {t("run.reasonLine", { reason: run.reason })}
        </p>
      )}
      {run.counties.length === 0 ? (
        <p className="text-sm text-slate-600">{t("run.notComputed")}</p>
      ) : (
        <ScoreSheetTable sheet={scoreSheet(run)} en={en} testId="print-sheet" />
      )}
      {run.snapshot?.scheme.sourceNote && (
        <p className="text-xs text-slate-500">
          {t("sheet.source", { note: run.snapshot.scheme.sourceNote })}
        </p>
      )}
    </div>
  );
}
