"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { confirmReportAction } from "@/lib/reports/actions";
import { idleState } from "@/lib/validation/form-state-shared";

/**
 * The city's one-click confirmation of a county-approved report (at the version listed); on
 * success the page re-renders without the report, so only errors are shown here.
 */
export function ConfirmButton({
  reportId,
  version,
  label,
}: {
  reportId: number;
  version: number;
  label: string;
}) {
  const t = useTranslations("review");
  const [state, action, pending] = useActionState(confirmReportAction, idleState);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="reportId" value={reportId} />
      <input type="hidden" name="expectedVersion" value={version} />
      <Button type="submit" size="sm" disabled={pending} aria-label={label}>
        {t("confirm")}
      </Button>
      {state.status === "error" && (
        <span role="alert" className="text-xs text-red-600">
          {state.message}
        </span>
      )}
    </form>
  );
}
