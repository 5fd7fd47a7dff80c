import { useTranslations } from "next-intl";
import Link from "next/link";
import { Card, CardTitle } from "@/components/ui/card";
import type { RatingRow } from "@/lib/ratings/queries";

/**
 * A county's star-rating progress of a year (county dashboard): towns rated, panel sheets
 * submitted of all panel places, ratings with flags (as far as the viewer may see them),
 * ratings approved, and for a reviewer the sheets still theirs to do.
 */
export function RatingProgressCard({
  rows,
  year,
  href,
  reviewer,
}: {
  rows: RatingRow[];
  year: number;
  href: string;
  reviewer: boolean;
}) {
  const t = useTranslations("ratings");
  const places = rows.reduce((n, r) => n + r.panelSize, 0);
  const done = rows.reduce((n, r) => n + r.sheetsSubmitted, 0);
  const flagged = rows.filter((r) => r.spreadItems + r.deviatingReviewers > 0).length;
  const approved = rows.filter((r) => r.status === "APPROVED").length;
  const mine = rows.filter((r) => r.mySheet === "NONE" || r.mySheet === "DRAFT").length;
  return (
    <Card data-testid="rating-progress" className="space-y-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <CardTitle>{t("progressTitle", { year })}</CardTitle>
        <Link href={href} className="text-sm font-medium text-brand-700 hover:underline">
          {t("openRatings")}
        </Link>
      </div>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">{t("progressNone")}</p>
      ) : (
        <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-5">
          {[
            [t("progressRated"), rows.length],
            [t("progressSheets"), `${done} / ${places}`],
            [t("progressFlagged"), flagged],
            [t("progressApproved"), approved],
            ...(reviewer ? [[t("progressMine"), mine] as const] : []),
          ].map(([label, value]) => (
            <div key={String(label)}>
              <dt className="text-xs text-slate-500">{label}</dt>
              <dd className="text-lg font-semibold tabular-nums">{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </Card>
  );
}
