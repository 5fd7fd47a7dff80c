import { getTranslations } from "next-intl/server";
import { AreaDashboard } from "@/components/dashboard/area-dashboard";
import { requirePageActor, type PageSearchParams } from "@/lib/auth/session";
import { loadAreaDashboard, resolveYear } from "@/lib/dashboard/queries";
import { loadOrNotFound } from "@/lib/pages";

export default async function DashboardPage({
  searchParams,
}: {
  searchParams: Promise<PageSearchParams>;
}) {
  const query = await searchParams;
  const { year, years } = await resolveYear(query.year);
  const actor = await requirePageActor("/dashboard", query);
  // One pass: the counties read once, each figure computed once (last year's for the changes).
  const data = await loadOrNotFound(() =>
    loadAreaDashboard(actor, { kind: "city" }, year, { withPrevious: years.includes(year - 1) }),
  );
  const t = await getTranslations("dashboard");
  return <AreaDashboard data={data} year={year} years={years} title={t("cityTitle")} />;
}
