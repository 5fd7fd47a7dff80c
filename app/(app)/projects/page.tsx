import { getFormatter, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import Link from "next/link";
import { FigureListTotal } from "@/components/dashboard/figure-list-total";
import { FigureProjectsTable } from "@/components/dashboard/figure-projects-table";
import { listBackHref, listParams } from "@/lib/dashboard/list-page";
import { requirePageActor, type PageSearchParams } from "@/lib/auth/session";
import { listFigureProjects, resolveYear } from "@/lib/dashboard/queries";
import { isProjectFigureKey } from "@/lib/domain/figures";
import { loadOrNotFound } from "@/lib/pages";

/**
 * The projects behind a project figure of the dashboard (`?figure=` plannedInvestmentWan,
 * completedInvestmentWan or landSuppliedMu), for the city or one county (`?county=`), with
 * their total: the key figure's value (万元 / 亩).
 */
export default async function ProjectsPage({
  searchParams,
}: {
  searchParams: Promise<PageSearchParams>;
}) {
  const query = await searchParams;
  const { year } = await resolveYear(query.year);
  const { figure, county, area } = listParams(query);
  if (!isProjectFigureKey(figure)) notFound();
  const actor = await requirePageActor("/projects", query);
  const { rows, total } = await loadOrNotFound(() => listFigureProjects(actor, area, year, figure));
  const t = await getTranslations("dashboard");
  const tp = await getTranslations("townPage");
  const format = await getFormatter();
  const back = listBackHref(actor, county, year);
  return (
    <div className="space-y-4">
      <Link href={back} className="text-sm text-brand-700 hover:underline">
        ← {t("back")}
      </Link>
      <h1 className="text-2xl font-semibold">{tp(`projects.title.${figure}`, { year })}</h1>
      <FigureListTotal>
        {tp("projects.total", {
          count: rows.length,
          value: format.number(Number(total), {
            minimumFractionDigits: 2,
            maximumFractionDigits: 2,
          }),
          unit: t(`unit.${figure === "landSuppliedMu" ? "mu" : "wan"}`),
        })}
      </FigureListTotal>
      <FigureProjectsTable rows={rows} />
    </div>
  );
}
