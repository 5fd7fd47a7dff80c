import { Decimal } from "@prisma/client-runtime-utils";
import { useTranslations } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { RankingTable, type RankingRow } from "@/components/assessments/ranking-table";
import { StartRunForm } from "@/components/assessments/run-actions";
import { RunLine } from "@/components/assessments/run-status";
import { ChartPanel, type ChartData } from "@/components/charts/chart-panel";
import { YearSelect } from "@/components/dashboard/year-select";
import { Card, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/access";
import { getAssessmentYear, type RunView } from "@/lib/assessments/queries";
import { requirePageActor, type PageSearchParams } from "@/lib/auth/session";
import { difference } from "@/lib/domain/numbers";
import { loadOrNotFound } from "@/lib/pages";
import { resolveYear } from "@/lib/years/queries";

/**
 * The city's county performance assessment of a year (?year=): the version in force with its
 * ranking, chart and change from last year, the version being prepared, the scheme in use and
 * the entered values, and (for administrators) starting, computing and publishing versions.
 */
export default async function AssessmentsPage({
  searchParams,
}: {
  searchParams: Promise<PageSearchParams>;
}) {
  const query = await searchParams;
  const actor = await requirePageActor("/assessments", query);
  const { year } = await resolveYear(query.year as string | undefined);
  const data = await loadOrNotFound(() => getAssessmentYear(actor, year));
  const t = await getTranslations("assessments");
  const en = (await getLocale()) === "en";
  const manage = can(actor, "assessment.manage") && data.yearStatus !== "CLOSED";
  const name = (c: { name: string; nameEn: string }) => (en ? c.nameEn : c.name);
  const { published, previous, open } = data;

  const rows: RankingRow[] = (published?.counties ?? []).map((c) => {
    const before = previous?.counties.find((p) => p.code === c.code);
    return {
      code: c.code,
      name: name(c),
      rank: c.rank,
      outcome: c.outcome,
      process: c.process,
      bonus: c.bonus,
      deduction: c.deduction,
      total: c.total,
      grade: c.grade,
      change: before ? difference(c.total, before.total) : null,
      previousRank: before?.rank ?? null,
      href: `/assessments/counties/${c.code}?year=${year}`,
    };
  });
  const countyNames = Object.fromEntries(
    (published ?? open ?? previous)?.counties.map((c) => [c.code, name(c)]) ?? [],
  );
  const totals: ChartData = {
    categories: (published?.counties ?? []).map(name),
    series: [
      {
        name: t("table.outcome"),
        values: (published?.counties ?? []).map((c) => Number(c.outcome)),
        stack: "p",
      },
      {
        name: t("table.process"),
        values: (published?.counties ?? []).map((c) => Number(c.process)),
        stack: "p",
      },
      {
        name: t("table.bonusAndDeduction"),
        values: (published?.counties ?? []).map((c) =>
          new Decimal(c.bonus).plus(c.deduction).toNumber(),
        ),
        stack: "p",
      },
    ],
  };
  const history: ChartData = {
    categories: data.history.map((h) => String(h.year)),
    series: Object.keys(countyNames).map((code) => ({
      name: countyNames[code]!,
      values: data.history.map((h) => Number(h.counties[code]?.total ?? 0)),
    })),
  };

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{t("title", { year })}</h1>
          <p className="text-sm text-slate-600">{t("subtitle")}</p>
        </div>
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <YearSelect years={data.years} year={year} />
          <Link href={`/assessments/schemes?year=${year}`} className="text-brand-700 underline">
            {t("nav.schemes")}
          </Link>
          <Link href={`/assessments/entries?year=${year}`} className="text-brand-700 underline">
            {t("nav.entries")}
          </Link>
        </div>
      </div>

      <section className="grid gap-4 md:grid-cols-3">
        <Card data-testid="scheme-in-use">
          <CardTitle>{t("overview.scheme")}</CardTitle>
          {data.activeScheme ? (
            <p className="mt-2 text-sm">
              <Link
                href={`/assessments/schemes/${data.activeScheme.id}`}
                className="text-brand-700 underline"
              >
                {name(data.activeScheme)}
              </Link>{" "}
              <span className="text-slate-500">
                {t("scheme.versionShort", { version: data.activeScheme.version })}
              </span>
            </p>
          ) : (
            <p className="mt-2 text-sm text-amber-800">{t("overview.noScheme")}</p>
          )}
        </Card>
        <Card data-testid="entries-progress">
          <CardTitle>{t("overview.entries")}</CardTitle>
          <p className="mt-2 text-sm">
            <Link href={`/assessments/entries?year=${year}`} className="text-brand-700 underline">
              {t("overview.entriesProgress", data.entries)}
            </Link>
          </p>
        </Card>
        <Card data-testid="versions">
          <CardTitle>{t("overview.versions")}</CardTitle>
          {data.runs.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">{t("overview.noRuns")}</p>
          ) : (
            <ul className="mt-2 space-y-1">
              {data.runs.map((run) => (
                <li key={run.id}>
                  <Link href={`/assessments/runs/${run.id}`} className="hover:underline">
                    <RunLine run={run} />
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </section>

      {manage && data.activeScheme && !open && (
        <Card>
          <CardTitle>{published ? t("overview.recompute") : t("overview.start")}</CardTitle>
          <p className="mb-3 mt-1 text-sm text-slate-600">
            {published ? t("overview.recomputeHelp") : t("overview.startHelp")}
          </p>
          <StartRunForm year={year} needsReason={published !== null} />
        </Card>
      )}

      {open && <OpenRun open={open} published={published} names={countyNames} />}

      <section className="space-y-3" aria-labelledby="published-heading">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="published-heading" className="text-lg font-semibold">
            {t("overview.published")}
          </h2>
          {published && <RunLine run={published} />}
        </div>
        {published ? (
          <>
            <RankingTable
              rows={rows}
              toolbar={
                <>
                  <a
                    href={`/api/assessments/runs/${published.id}/export`}
                    className="text-brand-700 underline"
                  >
                    {t("export.xlsx")}
                  </a>
                  <Link
                    href={`/assessments/runs/${published.id}/sheet`}
                    className="text-brand-700 underline"
                  >
                    {t("export.print")}
                  </Link>
                </>
              }
            />
            <div className="grid gap-4 lg:grid-cols-2">
              <ChartPanel
                title={t("chart.totals", { year })}
                data={totals}
                fileName={`assessment-${year}`}
                testId="chart-totals"
              />
              <ChartPanel
                title={t("chart.history")}
                data={history}
                kind="line"
                fileName="assessment-history"
                testId="chart-history"
              />
            </div>
          </>
        ) : (
          <p className="text-sm text-slate-600" data-testid="not-published">
            {t("overview.notPublished")}
          </p>
        )}
      </section>
    </div>
  );
}

/** The version being prepared, beside the published one: totals and ranks that change. */
function OpenRun({
  open,
  published,
  names,
}: {
  open: RunView;
  published: RunView | null;
  names: Record<string, string>;
}) {
  const t = useTranslations("assessments");
  return (
    <Card data-testid="open-run">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <CardTitle>{t("overview.open")}</CardTitle>
        <RunLine run={open} />
      </div>
      {open.counties.length > 0 && (
        <table className="mt-3 w-full text-sm">
          <thead>
            <tr className="border-b border-slate-200 text-left">
              <th className="py-1">{t("table.county")}</th>
              {published && <th className="text-right">{t("overview.publishedTotal")}</th>}
              <th className="text-right">{t("overview.newTotal")}</th>
              {published && <th className="text-right">{t("overview.publishedRank")}</th>}
              <th className="text-right">{t("overview.newRank")}</th>
            </tr>
          </thead>
          <tbody>
            {open.counties.map((c) => {
              const before = published?.counties.find((p) => p.code === c.code);
              const changed = (a: unknown, b: unknown) =>
                before && a !== b ? "bg-amber-100 font-semibold" : "";
              return (
                <tr key={c.code} className="border-b border-slate-100">
                  <td className="py-1">{names[c.code] ?? c.name}</td>
                  {published && <td className="text-right tabular-nums">{before?.total ?? "—"}</td>}
                  <td className={`text-right tabular-nums ${changed(c.total, before?.total)}`}>
                    {c.total}
                  </td>
                  {published && <td className="text-right tabular-nums">{before?.rank ?? "—"}</td>}
                  <td className={`text-right tabular-nums ${changed(c.rank, before?.rank)}`}>
                    {c.rank}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p className="mt-3 text-sm">
        <Link
          href={`/assessments/runs/${open.id}`}
          className="font-medium text-brand-700 underline"
        >
          {t("overview.openLink", { version: open.version })}
        </Link>
      </p>
    </Card>
  );
}
