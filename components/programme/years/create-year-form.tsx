"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { createNextYearAction } from "@/lib/years/actions";
import { idleState } from "@/lib/validation/form-state-shared";
import { DateField } from "@/components/ui/date-field";

/** Creates the next year (`nextYear`) as a copy of `fromYear` (null: an empty first year). */
export function CreateYearForm({
  nextYear,
  fromYear,
}: {
  nextYear: number;
  fromYear: number | null;
}) {
  const t = useTranslations("programmeYears");
  const [state, action, pending] = useActionState(createNextYearAction, idleState);
  return (
    <form action={action} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-medium">{t("create.title", { year: nextYear })}</h2>
      <p className="text-sm text-slate-600">
        {fromYear ? t("create.lead", { from: fromYear }) : t("create.leadEmpty")}
      </p>
      <input type="hidden" name="year" value={nextYear} />
      <DateField
        name="taskDeadlineOn"
        label={t("taskDeadlineOn")}
        hint={t("taskDeadlineHint")}
        error={state.fieldErrors?.taskDeadlineOn}
        className="max-w-xs"
      />
      <Button type="submit" disabled={pending}>
        {t("create.submit", { year: nextYear })}
      </Button>
      <FormMessage status={state.status} message={state.message} />
    </form>
  );
}
