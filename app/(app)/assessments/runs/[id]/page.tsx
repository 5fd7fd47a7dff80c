import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { RunActions } from "@/components/assessments/run-actions";
import { RunLine } from "@/components/assessments/run-status";
import { ruleText } from "@/lib/assessments/item-text";
import { ScoreSheetTable } from "@/components/assessments/score-sheet-table";
import { can } from "@/lib/access";
import { getRun } from "@/lib/assessments/queries";
import { scoreSheet } from "@/lib/assessments/sheet";
import { requirePageActor } from "@/lib/auth/session";
import { loadOrNotFound } from "@/lib/pages";

/**
 * One version of a year's assessment: its score sheet beside the version it is compared with
 * (the published one; for a published version, the one it superseded), every difference
 * highlighted; the administrator computes, publishes or discards it here.
 */
export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor(`/assessments/runs/${id}`);
  const run = await loadOrNotFound(() => getRun(actor, Number(id)));
  const t = await getTranslations("assessments");
  const te = await getTranslations("enums");
  const en = (await getLocale()) === "en";
  const manage = can(actor, "assessment.manage") && run.yearStatus !== "CLOSED";
  const sheet = run.counties.length > 0 ? scoreSheet(run) : null;
  const baseSheet = run.base && run.base.counties.length > 0 ? scoreSheet(run.base) : null;
  const itemName = (code: string) => {
    const item = run.snapshot?.scheme.items.find((i) => i.code === code);
    return item ? (en ? item.nameEn : item.name) : code;
  };
  const notEntered = run.counties.flatMap((c) =>
    c.items
      .filter((i) => i.basis === "NOT_ENTERED")
      .map((i) => `${en ? c.nameEn : c.name}：${itemName(i.code)}`),
  );

  return (
    <div className="space-y-6">
      <Link href={`/assessments?year=${run.year}`} className="text-sm text-brand-700 underline">
        {t("run.back", { year: run.year })}
      </Link>
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">
          {t("run.title", { year: run.year, version: run.version })}
        </h1>
        <RunLine run={run} />
        <p className="text-sm text-slate-600">
          {t("run.scheme", {
            name: en ? run.schemeNameEn : run.schemeName,
            version: run.schemeVersion,
          })}
        </p>
        {run.snapshot?.migrated && <p className="text-sm text-slate-600">{t("run.migrated")}</p>}
      </div>

      {manage && <RunActions run={run} />}

      {notEntered.length > 0 && (
        <details role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <summary className="cursor-pointer">
            {t("run.notEntered", { count: notEntered.length })}{" "}
            <Link href={`/assessments/entries?year=${run.year}`} className="underline">
              {t("nav.entries")}
            </Link>
          </summary>
          <p className="mt-1">{notEntered.join("；")}</p>
        </details>
      )}

      {!sheet ? (
        <p className="text-sm text-slate-600">{t("run.notComputed")}</p>
      ) : (
        <section className="space-y-3" aria-labelledby="sheet-heading">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="sheet-heading" className="text-lg font-semibold">
              {t("run.sheet")}
            </h2>
            <div className="flex gap-3 text-sm print:hidden">
              <a
                href={`/api/assessments/runs/${run.id}/export`}
                className="text-brand-700 underline"
              >
                {t("export.xlsx")}
              </a>
              <Link href={`/assessments/runs/${run.id}/sheet`} className="text-brand-700 underline">
                {t("export.print")}
              </Link>
            </div>
          </div>
          {run.base && baseSheet && (
            <p className="text-sm text-slate-700" data-testid="compared-with">
              {t("run.comparedWith", {
                version: run.base.version,
                status: t(`runStatus.${run.base.status}`),
              })}
            </p>
          )}
          <ScoreSheetTable
            sheet={sheet}
            base={baseSheet}
            en={en}
            testId="score-sheet"
            rules={Object.fromEntries(
              (run.snapshot?.scheme.items ?? []).map((i) => [i.code, ruleText(i, t, en)]),
            )}
            itemHref={(county, item) =>
              `/assessments/counties/${county}?year=${run.year}&version=${run.version}#item-${item}`
            }
          />
          <h3 className="pt-2 font-medium">{t("run.counties")}</h3>
          <ul className="flex flex-wrap gap-2 text-sm">
            {run.counties.map((c) => (
              <li key={c.code}>
                <Link
                  href={`/assessments/counties/${c.code}?year=${run.year}&version=${run.version}`}
                  className="rounded bg-slate-100 px-2 py-1 hover:underline"
                >
                  {t("run.countyLink", {
                    rank: c.rank,
                    county: en ? c.nameEn : c.name,
                    grade: te(`Grade.${c.grade}`),
                  })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
