import { browserLimit } from "@/lib/limits";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { ProblemList } from "@/components/ratings/schemes/problem-list";
import { SchemeFile } from "@/components/ratings/schemes/scheme-file";
import { SchemeSettingsForm } from "@/components/ratings/schemes/scheme-settings-form";
import { SchemeSheet } from "@/components/ratings/schemes/scheme-sheet";
import { SchemeStatusActions } from "@/components/ratings/schemes/scheme-status-actions";
import { SchemeBadges } from "@/components/ratings/schemes/status-badge";
import { Card, CardTitle } from "@/components/ui/card";
import { can, isCityRole } from "@/lib/access";
import { requirePageActor, type PageSearchParams } from "@/lib/auth/session";
import { leaveUnavailablePage, loadOrNotFound } from "@/lib/pages";
import { getScheme } from "@/lib/ratings/schemes";

/**
 * One rating scheme: its status and demo mark, source note, settings and star bands (editable
 * while a DRAFT, by the city administrator), the .xlsx round trip for its items, the status
 * changes, and the whole rubric read-only in the evaluation sheet's layout.
 */
export default async function RatingSchemePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<PageSearchParams>;
}) {
  const { id } = await params;
  const query = await searchParams;
  const actor = await requirePageActor(`/admin/rating-schemes/${id}`, query);
  if (!isCityRole(actor.role)) return leaveUnavailablePage();
  const scheme = await loadOrNotFound(() => getScheme(actor, Number(id)));
  const t = await getTranslations("ratingSchemes");
  const tr = await getTranslations();
  const en = (await getLocale()) === "en";
  const manage = can(actor, "rating.manage") && scheme.yearStatus !== "CLOSED";
  const editable = manage && scheme.status === "DRAFT";
  const created = typeof query.created === "string" ? query.created : null;
  const [fromYear, fromVersion] = created?.split("-") ?? [];
  return (
    <div className="space-y-4">
      <Link href="/admin/rating-schemes" className="text-sm text-brand-700 hover:underline">
        ← {t("back")}
      </Link>
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{(en && scheme.nameEn) || scheme.name}</h1>
        <p className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
          <span>
            {scheme.year} · {t("versionLabel", { version: scheme.version })} ·{" "}
            {t("maxPointsOf", { points: scheme.maxPoints })}
          </span>
          <SchemeBadges status={scheme.status} isDemo={scheme.isDemo} />
        </p>
        {scheme.isDemo && <p className="text-sm text-amber-800">{t("demoHint")}</p>}
        <p className="text-sm" data-testid="source-note">
          {t("sourceNoteLine", { note: scheme.sourceNote ?? t("noSourceNote") })}
        </p>
        {scheme.ratings > 0 && (
          <p className="text-sm text-slate-600">{t("ratingsOn", { count: scheme.ratings })}</p>
        )}
      </div>
      {created && (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          {created === "empty"
            ? t("new.createdEmpty", { year: scheme.year, version: scheme.version })
            : t("new.created", {
                year: scheme.year,
                version: scheme.version,
                fromYear: fromYear ?? "",
                fromVersion: fromVersion ?? "",
              })}
        </p>
      )}
      {scheme.yearStatus === "CLOSED" ? (
        <p className="text-sm text-slate-600">{t("yearClosed")}</p>
      ) : (
        scheme.status !== "DRAFT" && <p className="text-sm text-slate-600">{t("readOnly")}</p>
      )}
      {scheme.status === "DRAFT" &&
        (scheme.problems.length > 0 ? (
          <div className="space-y-2">
            <p className="text-sm font-medium">{t("problems.title")}</p>
            <ProblemList
              problems={scheme.problems.map((p) => ({
                field: p.field,
                message: tr(p.key, p.values),
              }))}
            />
          </div>
        ) : (
          <p className="text-sm text-green-800">{t("problems.ok")}</p>
        ))}
      {manage && <SchemeStatusActions scheme={scheme} />}
      <Card>
        <CardTitle>{t("settings.title")}</CardTitle>
        <div className="mt-3">
          <SchemeSettingsForm scheme={scheme} editable={editable} />
        </div>
      </Card>
      <Card>
        <CardTitle>{t("file.title")}</CardTitle>
        <div className="mt-3">
          <SchemeFile
            schemeId={scheme.id}
            updatedAt={scheme.updatedAt}
            canUpload={editable}
            importLimit={browserLimit("import", ["xlsx"])}
          />
        </div>
      </Card>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("sheet.title")}</h2>
        <SchemeSheet scheme={scheme} />
      </section>
    </div>
  );
}
