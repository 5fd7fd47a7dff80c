import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { ReportReadOnly, ReviewHistory, StatusBadge } from "@/components/reports/report-parts";
import { ReviewForm } from "@/components/reports/review-form";
import { requirePageActor } from "@/lib/auth/session";
import { nextStatus } from "@/lib/domain/report-status";
import { leaveUnavailablePage, loadOrNotFound } from "@/lib/pages";
import { getReportForActor } from "@/lib/reports/queries";
import { toReportSheet } from "@/lib/reports/sheet";

/** The county review screen of one report (read-only once it is no longer submitted). */
export default async function ReviewPage({
  params,
}: {
  params: Promise<{ code: string; reportId: string }>;
}) {
  const { code, reportId } = await params;
  const queueHref = `/counties/${code}/reviews`;
  const actor = await requirePageActor(`${queueHref}/${reportId}`);
  const report = await loadOrNotFound(() =>
    getReportForActor(actor, Number(reportId), "report.review"),
  );
  if (report.task.town.county.divisionCode !== code) return leaveUnavailablePage();
  const sheet = toReportSheet(report, (await getLocale()) === "en");
  const t = await getTranslations("review");
  return (
    <div className="space-y-4">
      <Link href={queueHref} className="text-sm text-brand-700 hover:underline">
        ← {t("backToQueue")}
      </Link>
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-semibold">
          {t("screenTitle", { town: sheet.townName, period: sheet.periodName })}
        </h1>
        <StatusBadge status={sheet.status} />
      </div>
      {nextStatus(sheet.status, "approve") ? (
        <ReviewForm sheet={sheet} queueHref={queueHref} />
      ) : (
        <ReportReadOnly sheet={sheet} />
      )}
      <ReviewHistory reviews={sheet.reviews} />
    </div>
  );
}
