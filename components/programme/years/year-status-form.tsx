"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import type { CloseWarnings } from "@/lib/years/admin";
import { closeYearAction, openYearAction } from "@/lib/years/actions";
import { idleState } from "@/lib/validation/form-state-shared";

/** Opens a PLANNING year, with a confirmation step. */
export function OpenYearForm({ year }: { year: number }) {
  const t = useTranslations("programmeYears");
  const [state, action, pending] = useActionState(openYearAction, idleState);
  const [asking, setAsking] = useState(false);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="year" value={year} />
      <p className="text-sm text-slate-600">{t("open.lead")}</p>
      {asking ? (
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={pending}>
            {t("open.confirm", { year })}
          </Button>
          <Button type="button" variant="secondary" onClick={() => setAsking(false)}>
            {t("cancel")}
          </Button>
        </div>
      ) : (
        <Button type="button" onClick={() => setAsking(true)}>
          {t("open.submit")}
        </Button>
      )}
      <FormMessage status={state.status} message={state.message} />
    </form>
  );
}

/** Closes an OPEN year: shows what is unfinished, which the administrator confirms. */
export function CloseYearForm({ year, warnings }: { year: number; warnings: CloseWarnings }) {
  const t = useTranslations("programmeYears");
  const [state, action, pending] = useActionState(closeYearAction, idleState);
  const items = [
    warnings.reportsUnconfirmed > 0 &&
      t("close.reportsUnconfirmed", { count: warnings.reportsUnconfirmed }),
    warnings.ratingsUnapproved > 0 &&
      t("close.ratingsUnapproved", { count: warnings.ratingsUnapproved }),
    warnings.assessmentUnpublished && t("close.assessmentUnpublished"),
  ].filter(Boolean);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="year" value={year} />
      <p className="text-sm text-slate-600">{t("close.lead")}</p>
      {items.length > 0 && (
        <div role="alert" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          <p className="font-medium">{t("close.warnings")}</p>
          <ul className="ml-5 list-disc">
            {items.map((item) => (
              <li key={String(item)}>{item}</li>
            ))}
          </ul>
          <label className="mt-2 flex items-center gap-2">
            <input type="checkbox" name="confirmed" />
            {t("close.confirmWarnings")}
          </label>
        </div>
      )}
      <Button type="submit" variant="secondary" disabled={pending}>
        {t("close.submit", { year })}
      </Button>
      <FormMessage status={state.status} message={state.message} />
    </form>
  );
}
