"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { updateYearSettingsAction } from "@/lib/years/actions";
import { idleState } from "@/lib/validation/form-state-shared";
import { DateField } from "@/components/ui/date-field";

/** The year's default task deadline ("YYYY-MM-DD" or null). */
export function YearSettingsForm({
  year,
  taskDeadlineOn,
}: {
  year: number;
  taskDeadlineOn: string | null;
}) {
  const t = useTranslations("programmeYears");
  const [state, action, pending] = useActionState(updateYearSettingsAction, idleState);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="year" value={year} />
      <DateField
        name="taskDeadlineOn"
        label={t("taskDeadlineOn")}
        hint={t("taskDeadlineHint")}
        defaultValue={taskDeadlineOn ?? ""}
        error={state.fieldErrors?.taskDeadlineOn}
        className="max-w-xs"
      />
      <Button type="submit" variant="secondary" disabled={pending}>
        {t("save")}
      </Button>
      <FormMessage
        status={state.status}
        message={state.status === "ok" ? t("saved") : state.message}
      />
    </form>
  );
}
