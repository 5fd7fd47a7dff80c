import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { IndicatorForm } from "@/components/programme/indicators/indicator-form";
import { Card } from "@/components/ui/card";
import { can } from "@/lib/access";
import { requirePageActor, type PageSearchParams } from "@/lib/auth/session";
import { listYears } from "@/lib/years/queries";
import { leaveUnavailablePage } from "@/lib/pages";

/** A new indicator of a year (?year=…): the city administrator, a year that is not closed. */
export default async function NewIndicatorPage({
  searchParams,
}: {
  searchParams: Promise<PageSearchParams>;
}) {
  const params = await searchParams;
  const actor = await requirePageActor("/admin/indicators/new", params);
  if (!can(actor, "programme.manage")) return leaveUnavailablePage();
  const year = Number(Array.isArray(params.year) ? params.year[0] : params.year);
  const status = (await listYears()).find((y) => y.year === year)?.status;
  if (status === undefined || status === "CLOSED") return leaveUnavailablePage();
  const t = await getTranslations("indicatorCatalogue");
  return (
    <div className="space-y-4">
      <Link
        href={`/admin/indicators?year=${year}`}
        className="text-sm text-brand-700 hover:underline"
      >
        ← {t("back")}
      </Link>
      <h1 className="text-2xl font-semibold">
        {t("newIndicator")} · {year}
      </h1>
      <Card>
        <IndicatorForm year={year} />
      </Card>
    </div>
  );
}
