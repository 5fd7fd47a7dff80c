import { useTranslations } from "next-intl";
import Link from "next/link";
import { StatusBadge } from "@/components/reports/report-parts";
import { Card, CardTitle } from "@/components/ui/card";
import type { MergedTownReports as MergedTown } from "@/lib/towns/queries";
import { TownHistory } from "./town-history";

/**
 * The towns merged into a town, each with its history and reports (read-only, labelled with
 * the merged town's name and merge date), shown on the surviving town's pages. `linkBase` prefixes the
 * link to the merged town's own page ("/admin/towns" or "/towns").
 */
export function MergedTownReports({
  towns,
  en,
  linkBase,
}: {
  towns: MergedTown[];
  en: boolean;
  linkBase: string;
}) {
  const t = useTranslations("townRegister");
  const tr = useTranslations("reports");
  return (
    <Card className="overflow-x-auto" data-testid="merged-town-reports">
      <CardTitle>{t("mergedTowns")}</CardTitle>
      {towns.map((town) => (
        <section key={town.divisionCode} className="mt-3">
          <h3 className="text-sm font-medium">
            <Link
              href={`${linkBase}/${town.divisionCode}`}
              className="text-brand-700 hover:underline"
            >
              {t("mergedTownReports", {
                name: (en && town.nameEn) || town.name,
                date: town.mergedOn,
              })}
            </Link>
          </h3>
          <TownHistory
            events={town.events}
            en={en}
            linkBase={linkBase}
            testId={`merged-history-${town.divisionCode}`}
          />
          {town.reports.length === 0 ? (
            <p className="text-sm text-slate-500">{t("noReports")}</p>
          ) : (
            <table className="mt-1 w-full text-sm">
              <thead className="text-left text-xs text-slate-500">
                <tr>
                  <th className="py-1 pr-2">{tr("period")}</th>
                  <th className="px-2">{tr("status")}</th>
                </tr>
              </thead>
              <tbody>
                {town.reports.map((r) => (
                  <tr key={r.id} className="border-t border-slate-100">
                    <td className="py-1.5 pr-2">
                      <Link
                        href={`/towns/${town.divisionCode}/reports/${r.period.year}/${r.period.index}`}
                        className="text-brand-700 hover:underline"
                      >
                        {(en ? r.period.nameEn : r.period.name) || `${r.period.year}`}
                      </Link>
                    </td>
                    <td className="px-2">
                      <StatusBadge status={r.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
    </Card>
  );
}
