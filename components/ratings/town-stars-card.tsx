import { useTranslations } from "next-intl";
import Link from "next/link";
import { Card, CardTitle } from "@/components/ui/card";
import type { TownStarYear } from "@/lib/ratings/queries";
import { RatingStatusBadge, SheetStatusBadge, Stars } from "./rating-parts";

/**
 * A town's star ratings over the years (town page): the approved star level and total of each
 * year, and for a year still in progress where it stands (self-assessment, panel sheets).
 */
export function TownStarsCard({ townCode, years }: { townCode: string; years: TownStarYear[] }) {
  const t = useTranslations("ratings");
  return (
    <Card data-testid="town-stars">
      <CardTitle>{t("townStarsTitle")}</CardTitle>
      {years.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">{t("townNotRated")}</p>
      ) : (
        <table className="mt-3 w-full text-sm">
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th className="py-1 pr-2">{t("year")}</th>
              <th className="px-2">{t("stars")}</th>
              <th className="px-2">{t("total")}</th>
              <th className="px-2">{t("status")}</th>
              <th className="px-2">{t("selfColumn")}</th>
              <th className="px-2">{t("sheetsColumn")}</th>
            </tr>
          </thead>
          <tbody>
            {years.map((y) => (
              <tr key={y.year} className="border-t border-slate-100">
                <td className="py-1.5 pr-2">
                  <Link
                    href={`/ratings/${townCode}/${y.year}`}
                    className="text-brand-700 hover:underline"
                  >
                    {y.year}
                  </Link>
                </td>
                <td className="px-2">
                  <Stars stars={y.stars} />
                </td>
                <td className="px-2 tabular-nums">{y.total ?? "—"}</td>
                <td className="px-2">
                  <RatingStatusBadge status={y.status} />
                </td>
                <td className="px-2">
                  <SheetStatusBadge status={y.selfStatus} />
                </td>
                <td className="px-2 tabular-nums">
                  {y.sheetsSubmitted} / {y.panelSize}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
