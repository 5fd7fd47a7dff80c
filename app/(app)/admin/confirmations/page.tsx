import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { ConfirmButton } from "@/components/reports/confirm-button";
import { Card } from "@/components/ui/card";
import { authorize } from "@/lib/access";
import { requirePageActor } from "@/lib/auth/session";
import { loadOrNotFound } from "@/lib/pages";
import { listReportsForActor } from "@/lib/reports/queries";
import { getOpenYear } from "@/lib/years/queries";
import { getDates } from "@/lib/i18n/dates-server";

/** The city administrator's confirmation queue: county-approved reports of the open year. */
export default async function ConfirmationsPage() {
  const actor = await requirePageActor("/admin/confirmations");
  await loadOrNotFound(async () => authorize(actor, "report.confirm"));
  const t = await getTranslations("review");
  const dates = await getDates();
  const en = (await getLocale()) === "en";
  const year = await getOpenYear();
  const rows =
    year === null ? [] : await listReportsForActor(actor, { year, status: "COUNTY_APPROVED" });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">
        {t("confirmTitle")} {year}
      </h1>
      <Card className="overflow-x-auto">
        {rows.length === 0 ? (
          <p className="text-sm text-slate-500">{t("confirmEmpty")}</p>
        ) : (
          <table className="w-full text-sm" data-testid="confirmations">
            <thead className="text-left text-xs text-slate-500">
              <tr>
                <th className="py-1 pr-2">{t("county")}</th>
                <th className="px-2">{t("town")}</th>
                <th className="px-2">{t("period")}</th>
                <th className="px-2">{t("selfScore")}</th>
                <th className="px-2">{t("submittedAt")}</th>
                <th className="px-2" />
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const town = (en && r.task.town.nameEn) || r.task.town.name;
                return (
                  <tr key={r.id} className="border-t border-slate-100">
                    <td className="py-1.5 pr-2">
                      {en ? r.task.town.county.nameEn : r.task.town.county.name}
                    </td>
                    <td className="px-2">
                      <Link
                        href={`/towns/${r.task.town.divisionCode}/reports/${r.period.year}/${r.period.index}`}
                        className="text-brand-700 hover:underline"
                      >
                        {town}
                      </Link>
                    </td>
                    <td className="px-2">{en ? r.period.nameEn : r.period.name}</td>
                    <td className="px-2">{r.selfScore?.toFixed(2) ?? "—"}</td>
                    <td className="px-2">{r.submittedAt ? dates.dateTime(r.submittedAt) : "—"}</td>
                    <td className="px-2">
                      <ConfirmButton
                        reportId={r.id}
                        version={r.version}
                        label={`${t("confirm")} ${town}`}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
