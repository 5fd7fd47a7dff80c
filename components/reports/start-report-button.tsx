"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { openReportAction } from "@/lib/reports/actions";
import { idleState } from "@/lib/validation/form-state-shared";

/** Starts the report of a period (an empty draft) and opens it. */
export function StartReportButton(props: { townCode: string; year: number; periodIndex: number }) {
  const t = useTranslations("reports");
  const [state, action, pending] = useActionState(openReportAction, idleState);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="townCode" value={props.townCode} />
      <input type="hidden" name="year" value={props.year} />
      <input type="hidden" name="periodIndex" value={props.periodIndex} />
      <Button type="submit" disabled={pending}>
        {t("start")}
      </Button>
      <FormMessage status={state.status} message={state.message} />
    </form>
  );
}
