"use client";

import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { copySchemesAction, createSchemeAction } from "@/lib/assessments/actions";
import type { SchemeSummary } from "@/lib/assessments/queries";
import { schemeSchema } from "@/lib/validation/assessment";
import { useActionRunner } from "./use-action";

const tone = { DRAFT: "amber", ACTIVE: "green", ARCHIVED: "neutral" } as const;

/**
 * A year's assessment schemes (versions, newest first) and, for administrators, creating a
 * blank draft or copying last year's scheme as a draft.
 */
export function SchemeList({
  year,
  schemes,
  writable,
}: {
  year: number;
  schemes: SchemeSummary[];
  writable: boolean;
}) {
  const t = useTranslations("assessments");
  const en = useLocale() === "en";
  const { state, pending, run, router } = useActionRunner();

  const create = () =>
    run(
      createSchemeAction,
      {
        year,
        name: t("scheme.defaultName", { year }),
        nameEn: `${year} county performance assessment scheme`,
        tieBreakers: ["OUTCOME_POINTS"],
        excellentPercent: "30",
        excellentRounding: "HALF_UP",
        goodMinPoints: "85",
        passMinPoints: "60",
      },
      {
        done: "",
        schema: schemeSchema,
        after: (result) => router.push(`/assessments/schemes/${result.data?.id}`),
      },
    );

  const copy = () =>
    run(
      copySchemesAction,
      { fromYear: year - 1, toYear: year },
      { done: t("scheme.copied", { year: year - 1 }) },
    );

  return (
    <div className="space-y-4">
      {writable && (
        <div className="flex flex-wrap gap-2">
          <Button disabled={pending} onClick={copy}>
            {t("scheme.copyFrom", { year: year - 1 })}
          </Button>
          <Button variant="secondary" disabled={pending} onClick={create}>
            {t("scheme.create")}
          </Button>
        </div>
      )}
      <FormMessage
        status={state.status}
        message={[state.message, ...Object.values(state.fieldErrors ?? {})].join(" ")}
      />
      {schemes.length === 0 ? (
        <p className="text-sm text-slate-600">{t("scheme.none")}</p>
      ) : (
        <ul className="space-y-2" data-testid="schemes">
          {schemes.map((s) => (
            <li key={s.id} className="rounded-md border border-slate-200 bg-white p-3">
              <Link
                href={`/assessments/schemes/${s.id}`}
                className="font-medium text-brand-700 underline"
              >
                {en ? s.nameEn : s.name}
              </Link>{" "}
              <span className="text-sm text-slate-600">
                {t("scheme.versionShort", { version: s.version })}
              </span>{" "}
              <Badge tone={tone[s.status]}>{t(`schemeStatus.${s.status}`)}</Badge>
              <span className="block text-xs text-slate-500">
                {t("scheme.summary", { items: s.items, runs: s.runs })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
