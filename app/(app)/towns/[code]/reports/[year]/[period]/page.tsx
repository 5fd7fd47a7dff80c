import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { ClosedYearNotice } from "@/components/programme/years/closed-year-notice";
import { ReportForm } from "@/components/reports/report-form";
import { evidenceExtensions } from "@/lib/domain/evidence-file";
import { browserLimit } from "@/lib/limits";
import { ReportReadOnly, ReviewHistory, StatusBadge } from "@/components/reports/report-parts";
import { StartReportButton } from "@/components/reports/start-report-button";
import { Card } from "@/components/ui/card";
import { can } from "@/lib/access";
import { requirePageActor } from "@/lib/auth/session";
import { isEditable } from "@/lib/domain/report-status";
import { loadOrNotFound } from "@/lib/pages";
import { findReportId, getReportForActor } from "@/lib/reports/queries";
import { toReportSheet } from "@/lib/reports/sheet";
import { listYears } from "@/lib/years/queries";

/** A town's progress report of one period: the form while editable, else read-only. */
export default async function ReportPage({
  params,
}: {
  params: Promise<{ code: string; year: string; period: string }>;
}) {
  const { code, year, period } = await params;
  const path = `/towns/${code}/reports/${year}/${period}`;
  const actor = await requirePageActor(path);
  const t = await getTranslations("reports");
  const en = (await getLocale()) === "en";
  const closed = (await listYears()).some((y) => y.year === Number(year) && y.status === "CLOSED");
  const reportId = await loadOrNotFound(() =>
    findReportId(actor, code, Number(year), Number(period)),
  );
  const back = (
    <Link href={`/towns/${code}`} className="text-sm text-brand-700 hover:underline">
      ← {t("backToTown")}
    </Link>
  );
  if (reportId === null) {
    return (
      <div className="space-y-4">
        {back}
        <Card className="space-y-3">
          <p className="text-sm">{t("notStarted")}</p>
          {closed ? (
            <ClosedYearNotice year={Number(year)} />
          ) : (
            can(actor, "report.edit") && (
              <StartReportButton townCode={code} year={Number(year)} periodIndex={Number(period)} />
            )
          )}
        </Card>
      </div>
    );
  }
  const sheet = toReportSheet(await loadOrNotFound(() => getReportForActor(actor, reportId)), en);
  const editable = isEditable(sheet.status) && can(actor, "report.edit") && !closed;
  return (
    <div className="space-y-4">
      {back}
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-semibold">
          {t("title", { town: sheet.townName, period: sheet.periodName })}
        </h1>
        <StatusBadge status={sheet.status} />
        <span className="text-sm text-slate-500">{t("dueOn", { date: sheet.dueOn })}</span>
        {can(actor, "report.review") && sheet.status === "SUBMITTED" && (
          <Link
            href={`/counties/${sheet.countyCode}/reviews/${sheet.id}`}
            className="text-sm text-brand-700 hover:underline"
          >
            {t("openReview")}
          </Link>
        )}
      </div>
      {editable ? (
        <ReportForm
          sheet={sheet}
          limits={{
            evidence: browserLimit("evidence", evidenceExtensions),
            import: browserLimit("import", ["xlsx", "csv"]),
          }}
        />
      ) : (
        <>
          {closed ? (
            <ClosedYearNotice year={Number(year)} />
          ) : (
            can(actor, "report.edit") && <p className="text-sm text-slate-600">{t("readOnly")}</p>
          )}
          <ReportReadOnly sheet={sheet} />
        </>
      )}
      <ReviewHistory reviews={sheet.reviews} />
    </div>
  );
}
