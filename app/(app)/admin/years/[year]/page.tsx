import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { PeriodsEditor } from "@/components/programme/years/periods-editor";
import { YearSettingsForm } from "@/components/programme/years/year-settings-form";
import { CloseYearForm, OpenYearForm } from "@/components/programme/years/year-status-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/access";
import { requirePageActor, type PageSearchParams } from "@/lib/auth/session";
import { leaveUnavailablePage, loadOrNotFound } from "@/lib/pages";
import { getCloseWarnings, getProgrammeYear } from "@/lib/years/admin";

/**
 * One programme year: its settings, reporting periods, and opening or closing it. Controls are
 * shown to the administrator on a year that is not closed; the leader and a closed year read.
 */
export default async function YearPage({
  params,
  searchParams,
}: {
  params: Promise<{ year: string }>;
  searchParams: Promise<PageSearchParams>;
}) {
  const { year: raw } = await params;
  const actor = await requirePageActor(`/admin/years/${raw}`, await searchParams);
  const year = Number(raw);
  if (!/^\d{4}$/.test(raw)) return leaveUnavailablePage();
  const detail = await loadOrNotFound(() => getProgrammeYear(actor, year));
  if (!detail) return leaveUnavailablePage();
  const t = await getTranslations("programmeYears");
  const editable = can(actor, "programme.manage") && detail.status !== "CLOSED";
  const warnings =
    editable && detail.status === "OPEN" ? await getCloseWarnings(actor, year) : null;
  return (
    <div className="space-y-4">
      <Link href="/admin/years" className="text-sm text-brand-700 hover:underline">
        {t("backToYears")}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{t("yearTitle", { year })}</h1>
        <Badge
          tone={
            detail.status === "OPEN" ? "green" : detail.status === "PLANNING" ? "amber" : "neutral"
          }
        >
          {t(`status.${detail.status}`)}
        </Badge>
      </div>
      <p className="text-sm text-slate-600">
        {detail.copiedFromYear ? t("copiedFrom", { from: detail.copiedFromYear }) : t("notCopied")}{" "}
        {t("counts", { indicators: detail.indicators, tasks: detail.tasks })}
      </p>
      {detail.status === "CLOSED" && (
        <p role="status" className="rounded-md bg-slate-100 p-3 text-sm text-slate-700">
          {t("closedNotice")}
        </p>
      )}
      <Card>
        <CardTitle>{t("settings")}</CardTitle>
        {editable ? (
          <YearSettingsForm year={year} taskDeadlineOn={detail.taskDeadlineOn} />
        ) : (
          <p className="text-sm">
            {t("taskDeadlineOn")}: {detail.taskDeadlineOn ?? t("taskDeadlineDefault")}
          </p>
        )}
      </Card>
      <Card>
        <CardTitle>{t("periods.title")}</CardTitle>
        <PeriodsEditor year={year} periods={detail.periodRows} editable={editable} />
      </Card>
      {editable && detail.status === "PLANNING" && (
        <Card>
          <CardTitle>{t("open.title")}</CardTitle>
          <OpenYearForm year={year} />
        </Card>
      )}
      {warnings && (
        <Card>
          <CardTitle>{t("close.title")}</CardTitle>
          <CloseYearForm year={year} warnings={warnings} />
        </Card>
      )}
    </div>
  );
}
