import { evidenceExtensions } from "@/lib/domain/evidence-file";
import { browserLimit } from "@/lib/limits";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { DecisionForm } from "@/components/ratings/decision-form";
import { PanelComparison } from "@/components/ratings/panel-comparison";
import { PanelManager } from "@/components/ratings/panel-manager";
import { RatingStatusBadge, Stars } from "@/components/ratings/rating-parts";
import { ScoreSheetForm } from "@/components/ratings/score-sheet-form";
import { SelfAssessmentForm } from "@/components/ratings/self-assessment-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/access";
import { requirePageActor } from "@/lib/auth/session";
import { loadOrNotFound } from "@/lib/pages";
import { listReviewers } from "@/lib/ratings/panels";
import { getRatingView } from "@/lib/ratings/queries";
import { listPickableEvidence } from "@/lib/ratings/self-assessment";
import { getDates } from "@/lib/i18n/dates-server";

/**
 * One town's star rating of a year, for each role: township staff fill and submit their
 * self-assessment and see the result once approved; a panel reviewer scores their own sheet
 * beside the self-assessment and, once submitted, sees the panel's sheets; the city sees the
 * panel side by side with the flags, decides (approve / return / reopen) and manages the panel.
 */
export default async function RatingPage({
  params,
}: {
  params: Promise<{ town: string; year: string }>;
}) {
  const { town, year } = await params;
  const actor = await requirePageActor(`/ratings/${town}/${year}`);
  const view = await loadOrNotFound(() => getRatingView(actor, town, Number(year)));
  const t = await getTranslations("ratings");
  const te = await getTranslations("enums");
  const dates = await getDates();
  const en = (await getLocale()) === "en";
  const staff = can(actor, "rating.selfAssess");
  const manage = can(actor, "rating.approve");
  const own = view.ownSheet;
  const selfEditable =
    staff && view.status !== "APPROVED" && view.selfAssessment?.status !== "SUBMITTED";
  const pickable =
    staff && selfEditable
      ? (await listPickableEvidence(actor, view.id)).map((e) => ({
          id: e.id,
          fileName: e.fileName,
          period: (en ? e.report?.period.nameEn : e.report?.period.name) ?? "",
        }))
      : [];
  const reviewers = manage
    ? (await listReviewers(actor)).map((r) => ({
        username: r.username,
        displayName: r.displayName,
        county: en ? r.countyNameEn : r.countyName,
      }))
    : [];
  const result = view.result;
  const selfLate =
    view.selfAssessment?.submittedAt &&
    view.scheme.selfAssessmentDueOn &&
    view.selfAssessment.submittedAt.slice(0, 10) > view.scheme.selfAssessmentDueOn;

  return (
    <div className="space-y-4">
      <Link href={`/ratings?year=${view.year}`} className="text-sm text-brand-700 hover:underline">
        ← {t("title")}
      </Link>
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-semibold">
          {t("ratingTitle", {
            town: (en && view.town.nameEn) || view.town.name,
            year: view.year,
          })}
        </h1>
        <span className="text-sm text-slate-500">
          {en ? view.town.countyNameEn : view.town.countyName}
        </span>
        <RatingStatusBadge status={view.status} />
        <Link
          href={`/ratings/${view.town.code}/${view.year}/print`}
          className="ml-auto text-sm text-brand-700 hover:underline"
        >
          {t("print")}
        </Link>
      </div>
      <p className="text-sm text-slate-600">
        {(en && view.scheme.nameEn) || view.scheme.name}
        <span className="ml-1">{t("schemeVersion", { version: view.scheme.version })}</span>
        {view.scheme.status === "ARCHIVED" && (
          <Badge tone="neutral" className="ml-2">
            {t("retiredVersion")}
          </Badge>
        )}
        {view.scheme.isDemo && (
          <Badge tone="amber" className="ml-2">
            {t("demoScheme")}
          </Badge>
        )}
        {view.scheme.selfAssessmentDueOn && (
          <span className="ml-3">
            {t("selfDue", { date: dates.date(view.scheme.selfAssessmentDueOn) })}
          </span>
        )}
        {view.scheme.sheetsDueOn && (
          <span className="ml-3">{t("sheetsDue", { date: view.scheme.sheetsDueOn })}</span>
        )}
      </p>

      {result && (
        <Card data-testid="rating-result">
          <CardTitle>{t("result")}</CardTitle>
          <div className="mt-3 flex flex-wrap items-baseline gap-x-6 gap-y-2">
            <span className="text-3xl font-semibold">
              {result.total ?? "—"}
              <span className="ml-1 text-base font-normal text-slate-500">
                / {view.scheme.maxPoints}
              </span>
            </span>
            <span className="text-2xl">
              <Stars stars={result.stars} />
            </span>
            {result.next && (
              <span className="text-sm text-slate-600">
                {t("toNextBand", { stars: result.next.stars, points: result.next.pointsNeeded })}
              </span>
            )}
            {result.veto && (
              <span className="text-sm font-medium text-red-700">{t(`veto.${result.veto}`)}</span>
            )}
          </div>
          <p className="mt-2 text-xs text-slate-500">
            {t("combination", {
              rule: te(`RatingCombination.${view.scheme.combination}`),
              counted: result.counted.length,
            })}
          </p>
        </Card>
      )}

      {staff && (
        <Card className="space-y-3 p-3 sm:p-5">
          <CardTitle>
            {t("selfAssessment")}
            {selfLate && (
              <Badge tone="amber" className="ml-2">
                {t("late")}
              </Badge>
            )}
          </CardTitle>
          {view.selfAssessment?.status === "SUBMITTED" && (
            <p className="text-sm text-slate-600">
              {t("selfSubmittedAt", {
                date: dates.dateTime(view.selfAssessment.submittedAt!),
                points: view.selfAssessment.total ?? "—",
              })}
            </p>
          )}
          <SelfAssessmentForm
            view={view}
            pickable={pickable}
            readOnly={!selfEditable}
            evidenceLimit={browserLimit("evidence", evidenceExtensions)}
          />
        </Card>
      )}

      {own && (
        <Card className="space-y-3 p-3 sm:p-5" data-testid="own-sheet">
          <CardTitle>{t("mySheetTitle")}</CardTitle>
          {own.status === "SUBMITTED" ? (
            <p className="text-sm text-slate-600">
              {t("sheetSubmittedAt", {
                date: dates.dateTime(own.submittedAt!),
                points: own.total ?? "—",
              })}
            </p>
          ) : (
            !view.sheetsOpen && <p className="text-sm text-slate-600">{t("sheetsClosedNote")}</p>
          )}
          <ScoreSheetForm view={view} readOnly={own.status === "SUBMITTED" || !view.sheetsOpen} />
        </Card>
      )}

      {!staff && (
        <Card className="space-y-3">
          <CardTitle>{t("panel")}</CardTitle>
          <PanelComparison view={view} />
        </Card>
      )}

      {manage && (
        <div className="grid gap-4 md:grid-cols-2">
          <Card className="space-y-3">
            <CardTitle>{t("decision")}</CardTitle>
            {view.status === "SCORING" || view.status === "RETURNED" ? (
              <p className="text-sm text-slate-600">{t("waitingForPanel")}</p>
            ) : (
              <DecisionForm ratingId={view.id} version={view.version} status={view.status} />
            )}
          </Card>
          <Card className="space-y-3">
            <CardTitle>{t("panelMembers")}</CardTitle>
            {view.status === "APPROVED" ? (
              <p className="text-sm text-slate-600">{t("approvedLockedNote")}</p>
            ) : (
              <PanelManager view={view} reviewers={reviewers} />
            )}
          </Card>
        </div>
      )}

      {view.decisions.length > 0 && (
        <Card>
          <CardTitle>{t("history")}</CardTitle>
          <ol className="mt-3 space-y-2 text-sm" data-testid="decision-history">
            {view.decisions.map((d, i) => (
              <li key={i}>
                <span className="font-medium">{te(`RatingDecisionKind.${d.decision}`)}</span> ·{" "}
                {d.by} · {dates.dateTime(d.at)} ·{" "}
                {t("resultThen", { points: d.total ?? "—", stars: d.stars ?? 0 })}
                {d.comment && <p className="text-slate-600">{d.comment}</p>}
              </li>
            ))}
          </ol>
        </Card>
      )}
    </div>
  );
}
