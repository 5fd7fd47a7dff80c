import { getTranslations } from "next-intl/server";
import { AreaDashboard } from "@/components/dashboard/area-dashboard";
import { authorize } from "@/lib/access";
import { requirePageActor, type PageSearchParams } from "@/lib/auth/session";
import { resolveYear } from "@/lib/dashboard/queries";
import { loadOrNotFound } from "@/lib/pages";

export default async function DashboardPage({
  searchParams,
}: {
  searchParams: Promise<PageSearchParams>;
}) {
  const query = await searchParams;
  const { year, years } = await resolveYear(query.year);
  const actor = await requirePageActor("/dashboard", query);
  await loadOrNotFound(async () => authorize(actor, "dashboard.city.view"));
  const t = await getTranslations("dashboard");
  return (
    <AreaDashboard
      actor={actor}
      area={{ kind: "city" }}
      year={year}
      years={years}
      title={t("cityTitle")}
    />
  );
}
