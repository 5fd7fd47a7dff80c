import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import {
  formulaText,
  itemName,
  itemUnit,
  plainNumber,
  ruleText,
} from "@/lib/assessments/item-text";
import { RunLine } from "@/components/assessments/run-status";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { isCityRole } from "@/lib/access";
import { getCountyAssessment } from "@/lib/assessments/queries";
import { CATEGORY_ORDER } from "@/lib/assessments/sheet";
import { requirePageActor, type PageSearchParams } from "@/lib/auth/session";
import { difference } from "@/lib/domain/numbers";
import { loadOrNotFound } from "@/lib/pages";

/**
 * One county's assessment result, item by item (?year=&version=): total, rank, grade, the
 * points it lacks for the next rank, the change from last year; for each computed item its
 * formula and a link to the towns, reports and ratings behind its value; for entered items the
 * reason and evidence.
 * County reviewers see their own county's published results only.
 */
export default async function CountyAssessmentPage({
  params,
  searchParams,
}: {
  params: Promise<{ code: string }>;
  searchParams: Promise<PageSearchParams>;
}) {
  const { code } = await params;
  const query = await searchParams;
  const actor = await requirePageActor(`/assessments/counties/${code}`, query);
  const number = (v: unknown) => (typeof v === "string" && /^\d+$/.test(v) ? Number(v) : undefined);
  const view = await loadOrNotFound(() =>
    getCountyAssessment(actor, code, { year: number(query.year), version: number(query.version) }),
  );
  const t = await getTranslations("assessments");
  const te = await getTranslations("enums");
  const en = (await getLocale()) === "en";
  const county = en ? view.county.nameEn : view.county.name;
  const { run, result } = view;
  const year = run?.year;

  return (
    <div className="space-y-6">
      {isCityRole(actor.role) && year && (
        <Link href={`/assessments?year=${year}`} className="text-sm text-brand-700 underline">
          {t("run.back", { year })}
        </Link>
      )}
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">
          {year ? t("county.title", { county, year }) : t("county.titleNoYear", { county })}
        </h1>
        {view.years.length > 1 && (
          <nav className="flex flex-wrap gap-1 text-sm" aria-label={t("county.years")}>
            {view.years.map((y) => (
              <Link
                key={y}
                href={`/assessments/counties/${view.county.code}?year=${y}`}
                aria-current={y === year ? "page" : undefined}
                className="rounded px-2 py-1 hover:bg-slate-100 aria-[current=page]:bg-brand-600 aria-[current=page]:text-white"
              >
                {y}
              </Link>
            ))}
          </nav>
        )}
        {view.runs.length > 1 && (
          <nav className="flex flex-wrap gap-2 text-sm" aria-label={t("county.versions")}>
            {view.runs.map((r) => (
              <Link
                key={r.id}
                href={`/assessments/counties/${view.county.code}?year=${r.year}&version=${r.version}`}
                aria-current={r.id === run?.id ? "page" : undefined}
                className="rounded border border-slate-200 px-2 py-1 hover:bg-slate-50 aria-[current=page]:border-brand-600"
              >
                {t("run.version", { version: r.version })} · {t(`runStatus.${r.status}`)}
              </Link>
            ))}
          </nav>
        )}
        {run && <RunLine run={run} />}
      </div>

      {!run || !result ? (
        <p className="text-sm text-slate-600" data-testid="no-result">
          {run ? t("run.notComputed") : t("county.none")}
        </p>
      ) : (
        <>
          <section className="grid grid-cols-2 gap-3 md:grid-cols-5" data-testid="county-summary">
            <Card className="p-3">
              <span className="block text-xs text-slate-500">{t("table.total")}</span>
              <span className="text-2xl font-semibold tabular-nums" data-testid="county-total">
                {result.total}
              </span>
            </Card>
            <Card className="p-3">
              <span className="block text-xs text-slate-500">{t("table.rank")}</span>
              <span className="text-2xl font-semibold" data-testid="county-rank">
                {t("county.rankOf", { rank: result.rank, counties: view.counties })}
              </span>
            </Card>
            <Card className="p-3">
              <span className="block text-xs text-slate-500">{t("table.grade")}</span>
              <span className="text-2xl font-semibold" data-testid="county-grade">
                {te(`Grade.${result.grade}`)}
              </span>
            </Card>
            <Card className="p-3">
              <span className="block text-xs text-slate-500">{t("county.toNextRank")}</span>
              <span className="text-lg font-semibold tabular-nums" data-testid="to-next-rank">
                {view.toNextRank === null
                  ? t("county.first")
                  : view.toNextRank.points === "0.00"
                    ? t("county.tied", { rank: view.toNextRank.rank })
                    : t("county.lacks", view.toNextRank)}
              </span>
            </Card>
            <Card className="p-3">
              <span className="block text-xs text-slate-500">{t("county.lastYear")}</span>
              <span className="text-sm" data-testid="county-previous">
                {view.previous
                  ? t("county.previous", {
                      year: view.previous.year,
                      total: view.previous.total,
                      rank: view.previous.rank,
                      change: difference(result.total, view.previous.total),
                    })
                  : "—"}
              </span>
            </Card>
          </section>

          {!view.hasInputs && <p className="text-sm text-slate-600">{t("run.migrated")}</p>}

          {CATEGORY_ORDER.map((category) => {
            const items = result.items.filter((i) => i.item.category === category);
            if (items.length === 0) return null;
            const subtotal = {
              OUTCOME: result.outcome,
              PROCESS: result.process,
              BONUS: result.bonus,
              DEDUCTION: result.deduction,
            }[category];
            return (
              <section key={category} className="space-y-2" aria-labelledby={`cat-${category}`}>
                <h2 id={`cat-${category}`} className="text-lg font-semibold">
                  {te(`AssessmentCategory.${category}`)}
                  <span className="ml-2 text-sm font-normal text-slate-600">
                    {t("county.subtotal", { points: subtotal })}
                  </span>
                </h2>
                <ul className="space-y-2">
                  {items.map((row) => {
                    const unit = itemUnit(row.item, en);
                    const value = (v: string | null) =>
                      v === null ? "—" : `${plainNumber(v)}${unit}`;
                    return (
                      <li key={row.code}>
                        <Card
                          id={`item-${row.code}`}
                          className="scroll-mt-4 space-y-2 p-4"
                          data-testid={`item-${row.code}`}
                        >
                          <div className="flex flex-wrap items-baseline justify-between gap-2">
                            <h3 className="font-medium">{itemName(row.item, en)}</h3>
                            <span className="text-lg font-semibold tabular-nums">
                              {t("county.points", { points: row.points, base: row.base })}
                            </span>
                          </div>
                          <p className="text-xs text-slate-600">{ruleText(row.item, t, en)}</p>
                          {row.item.kind === "COMPUTED" && (
                            <p className="text-xs text-slate-600">
                              {t("county.formula", { formula: formulaText(row.item, t) })}
                            </p>
                          )}
                          <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-5">
                            {row.item.scoring === "TARGET" && (
                              <>
                                <div>
                                  <dt className="text-xs text-slate-500">{t("county.target")}</dt>
                                  <dd className="tabular-nums">{value(row.target)}</dd>
                                </div>
                                <div>
                                  <dt className="text-xs text-slate-500">{t("county.actual")}</dt>
                                  <dd className="tabular-nums">{value(row.actual)}</dd>
                                </div>
                              </>
                            )}
                            {row.item.scoring === "OCCURRENCES" && (
                              <div>
                                <dt className="text-xs text-slate-500">
                                  {t("county.occurrences")}
                                </dt>
                                <dd className="tabular-nums">{value(row.actual)}</dd>
                              </div>
                            )}
                            <div>
                              <dt className="text-xs text-slate-500">{t("table.bonus")}</dt>
                              <dd className="tabular-nums">{row.bonus}</dd>
                            </div>
                            <div>
                              <dt className="text-xs text-slate-500">{t("table.deduction")}</dt>
                              <dd className="tabular-nums">{row.deduction}</dd>
                            </div>
                            <div>
                              <dt className="text-xs text-slate-500">{t("county.basis")}</dt>
                              <dd>
                                <Badge
                                  tone={
                                    row.basis === "NOT_ENTERED" || row.basis === "NO_DATA"
                                      ? "amber"
                                      : "neutral"
                                  }
                                >
                                  {t(`basis.${row.basis}`)}
                                </Badge>
                              </dd>
                            </div>
                          </dl>
                          {row.entry && (
                            <p className="text-sm text-slate-700">
                              {t("county.entry", {
                                reason: row.entry.reason,
                                evidence: row.entry.evidence ?? "—",
                                by: row.entry.enteredBy,
                              })}
                            </p>
                          )}
                          {row.drilldown && (
                            <p className="text-sm">
                              <span className="mr-2 text-slate-700">
                                {t(`drill.summary.${row.item.metric}`, {
                                  numerator: row.drilldown.numerator ?? "0",
                                  denominator: row.drilldown.denominator ?? "0",
                                })}
                              </span>
                              <Link
                                href={`/assessments/counties/${view.county.code}/items/${row.code}?year=${run.year}&version=${run.version}`}
                                className="text-brand-700 underline"
                              >
                                {t("county.openBasis", { count: row.drilldown.rows.length })}
                              </Link>
                            </p>
                          )}
                        </Card>
                      </li>
                    );
                  })}
                </ul>
              </section>
            );
          })}
        </>
      )}
    </div>
  );
}
