import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { KeepTableState } from "@/components/data-table/keep-table-state";
import { ReviewQueue } from "@/components/reports/review-queue";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { requirePageActor } from "@/lib/auth/session";
import { getCountyForActor } from "@/lib/counties/queries";
import { ReportStatus } from "@/lib/generated/prisma/enums";
import { loadOrNotFound } from "@/lib/pages";
import { listLateTowns, listReportsForActor, reportRowToJson } from "@/lib/reports/queries";
import { getOpenYear, listYearPeriods } from "@/lib/years/queries";
import { getDates } from "@/lib/i18n/dates-server";

const STATUSES = Object.values(ReportStatus);

/**
 * A county's review queue for the open year: status and period filters (URL, default:
 * submitted reports; filtering keeps the table's search and sort), the table with search,
 * sort, paging and bulk approval, and the towns late with a report.
 */
export default async function ReviewQueuePage({
  params,
  searchParams,
}: {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { code } = await params;
  const query = await searchParams;
  const actor = await requirePageActor(`/counties/${code}/reviews`);
  const county = await loadOrNotFound(() => getCountyForActor(actor, code, "report.review"));
  const t = await getTranslations("review");
  const te = await getTranslations("enums");
  const dates = await getDates();
  const en = (await getLocale()) === "en";
  const year = await getOpenYear();
  const status =
    query.status === "all" ? undefined : (STATUSES.find((s) => s === query.status) ?? "SUBMITTED");
  const periodIndex = /^\d{1,2}$/.test(query.period ?? "") ? Number(query.period) : undefined;
  const [rows, late, periods] = await Promise.all([
    year === null
      ? []
      : listReportsForActor(actor, { countyCode: code, year, status, periodIndex }),
    listLateTowns(actor, code),
    year === null ? [] : listYearPeriods(year),
  ]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">
        {t("queueTitle", { county: en ? county.nameEn : county.name })}
        {year !== null && <span className="ml-2 text-base text-slate-500">{year}</span>}
      </h1>
      <form className="flex flex-wrap items-end gap-3 text-sm" method="get">
        <label className="space-y-1">
          <span className="block text-slate-600">{t("statusFilter")}</span>
          <select
            name="status"
            defaultValue={status ?? "all"}
            className="rounded-md border border-slate-300 px-2 py-1.5"
          >
            <option value="all">{t("all")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {te(`ReportStatus.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="space-y-1">
          <span className="block text-slate-600">{t("periodFilter")}</span>
          <select
            name="period"
            defaultValue={periodIndex ?? ""}
            className="rounded-md border border-slate-300 px-2 py-1.5"
          >
            <option value="">{t("all")}</option>
            {periods.map((p) => (
              <option key={p.index} value={p.index}>
                {en ? p.nameEn : p.name}
              </option>
            ))}
          </select>
        </label>
        <KeepTableState query={query} />
        <Button type="submit" size="sm" variant="secondary">
          {t("filter")}
        </Button>
      </form>
      <ReviewQueue rows={rows.map(reportRowToJson)} countyCode={code} />
      <Card>
        <CardTitle>{t("lateTowns")}</CardTitle>
        {late.length === 0 ? (
          <p className="mt-3 text-sm text-slate-500">{t("lateEmpty")}</p>
        ) : (
          <table className="mt-3 w-full text-sm" data-testid="late-towns">
            <thead className="text-left text-xs text-slate-500">
              <tr>
                <th className="py-1 pr-2">{t("town")}</th>
                <th className="px-2">{t("period")}</th>
                <th className="px-2">{t("dueOn")}</th>
                <th className="px-2">{t("daysLateCol")}</th>
                <th className="px-2">{t("status")}</th>
              </tr>
            </thead>
            <tbody>
              {late.map((l) => (
                <tr
                  key={`${l.townCode}-${l.year}-${l.periodIndex}`}
                  className="border-t border-slate-100"
                >
                  <td className="py-1.5 pr-2">
                    <Link href={`/towns/${l.townCode}`} className="text-brand-700 hover:underline">
                      {(en && l.townNameEn) || l.townName}
                    </Link>
                  </td>
                  <td className="px-2">{en ? l.periodNameEn : l.periodName}</td>
                  <td className="px-2">{dates.date(l.dueOn)}</td>
                  <td className="px-2 font-medium text-red-700">{l.daysLate}</td>
                  <td className="px-2">
                    {l.status ? te(`ReportStatus.${l.status}`) : t("notStartedYet")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
