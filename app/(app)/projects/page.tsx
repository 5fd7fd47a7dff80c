import { getFormatter, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import Link from "next/link";
import { FigureListTotal } from "@/components/dashboard/figure-list-total";
import { FigureProjectsTable } from "@/components/dashboard/figure-projects-table";
import { can } from "@/lib/access";
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
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const figure = first(query.figure);
  if (!isProjectFigureKey(figure)) notFound();
  const rawCounty = first(query.county);
  const county = rawCounty && /^\d{6}$/.test(rawCounty) ? rawCounty : null;
  const actor = await requirePageActor("/projects", query);
  const { rows, total } = await loadOrNotFound(() =>
    listFigureProjects(
      actor,
      county ? { kind: "county", code: county } : { kind: "city" },
      year,
      figure,
    ),
  );
  const t = await getTranslations("dashboard");
  const tp = await getTranslations("townPage");
  const format = await getFormatter();
  const back = county
    ? `/counties/${county}?year=${year}`
    : can(actor, "dashboard.city.view")
      ? `/dashboard?year=${year}`
      : "/";
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
