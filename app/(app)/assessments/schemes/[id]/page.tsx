import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { SchemeEditor } from "@/components/assessments/scheme-editor";
import { Badge } from "@/components/ui/badge";
import { can } from "@/lib/access";
import { getScheme } from "@/lib/assessments/queries";
import { requirePageActor } from "@/lib/auth/session";
import { loadOrNotFound } from "@/lib/pages";

/** One assessment scheme: edited while a draft, read (and versioned) once in use. */
export default async function AssessmentSchemePage({
  params,
}: {
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  const actor = await requirePageActor(`/assessments/schemes/${id}`);
  const scheme = await loadOrNotFound(() => getScheme(actor, Number(id)));
  const t = await getTranslations("assessments");
  const en = (await getLocale()) === "en";
  return (
    <div className="space-y-4">
      <Link
        href={`/assessments/schemes?year=${scheme.year}`}
        className="text-sm text-brand-700 underline"
      >
        {t("scheme.back", { year: scheme.year })}
      </Link>
      <h1 className="text-2xl font-semibold">
        {en ? scheme.nameEn : scheme.name}{" "}
        <span className="text-base font-normal text-slate-600">
          {t("scheme.versionShort", { version: scheme.version })}
        </span>{" "}
        <Badge
          tone={
            scheme.status === "ACTIVE" ? "green" : scheme.status === "DRAFT" ? "amber" : "neutral"
          }
        >
          {t(`schemeStatus.${scheme.status}`)}
        </Badge>
      </h1>
      <SchemeEditor scheme={scheme} canManage={can(actor, "assessment.manage")} />
    </div>
  );
}
