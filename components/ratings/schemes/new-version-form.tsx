"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormMessage } from "@/components/ui/field";
import { createSchemeVersionAction } from "@/lib/ratings/scheme-actions";
import { idleState } from "@/lib/validation/form-state-shared";

/**
 * Starts a new scheme version of a year (copied from the year's latest scheme, or last year's:
 * lib/ratings/schemes.ts createSchemeVersion); on success the new draft's page opens.
 * @param years the years that may still change (not closed), newest first.
 */
export function NewVersionForm({ years, defaultYear }: { years: number[]; defaultYear: number }) {
  const t = useTranslations("ratingSchemes.new");
  const [state, action, pending] = useActionState(createSchemeVersionAction, idleState);
  return (
    <form
      action={action}
      aria-label={t("title")}
      className="space-y-3 rounded-md border border-slate-200 bg-white p-4"
      noValidate
    >
      <h2 className="text-base font-semibold">{t("title")}</h2>
      <div className="flex flex-wrap items-end gap-3">
        <Field name="year" label={t("year")} error={state.fieldErrors?.year} className="w-32">
          {(control) => (
            <select {...control} defaultValue={defaultYear}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Button type="submit" disabled={pending}>
          {t("submit")}
        </Button>
      </div>
      <p className="text-xs text-slate-500">{t("hint")}</p>
      <FormMessage status={state.status} message={state.message} />
    </form>
  );
}
