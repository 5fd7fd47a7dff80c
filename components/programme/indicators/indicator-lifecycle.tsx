"use client";

import { useLocale, useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormMessage } from "@/components/ui/field";
import { changeIndicatorAction } from "@/lib/indicators/actions";
import type { IndicatorRow, ReplacementOption } from "@/lib/indicators/queries";
import { idleState } from "@/lib/validation/form-state-shared";
import { useDates } from "@/lib/i18n/dates";

/**
 * Retire (or restore) and delete an indicator. When it supplies a dashboard input, the
 * replacement that takes the input over is chosen here; the server refuses without one.
 */
export function IndicatorLifecycle({
  indicator,
  replacements,
}: {
  indicator: IndicatorRow;
  replacements: ReplacementOption[];
}) {
  const t = useTranslations("indicatorCatalogue");
  const dates = useDates();
  const en = useLocale() === "en";
  const [state, action, pending] = useActionState(changeIndicatorAction, idleState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-3" data-testid="indicator-lifecycle">
      <input type="hidden" name="id" value={indicator.id} />
      <input type="hidden" name="year" value={indicator.year} />
      <input type="hidden" name="expectedVersion" value={indicator.version} />
      {indicator.retiredAt && (
        <p className="text-sm text-amber-800">
          {t("lifecycle.retiredOn", {
            date: dates.dateTime(indicator.retiredAt),
          })}
        </p>
      )}
      <p className="text-sm text-slate-600">{t("lifecycle.retireHint")}</p>
      <p className="text-sm text-slate-600">{t("lifecycle.deleteHint")}</p>
      {indicator.figureInput && !indicator.retiredAt && (
        <Field
          name="replacementId"
          label={t("field.replacement")}
          hint={t("field.replacementHint")}
          error={errors.replacementId}
        >
          {(control) => (
            <select {...control} defaultValue="">
              <option value="">{t("field.choose")}</option>
              {replacements.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.code} · {en ? r.nameEn : r.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <FormMessage
        status={state.status}
        message={state.status === "ok" ? t("lifecycle.done") : state.message}
      />
      <div className="flex flex-wrap gap-2">
        {indicator.retiredAt ? (
          <Button type="submit" name="op" value="restore" disabled={pending}>
            {t("lifecycle.restore")}
          </Button>
        ) : (
          <Button type="submit" name="op" value="retire" disabled={pending}>
            {t("lifecycle.retire")}
          </Button>
        )}
        <Button type="submit" name="op" value="delete" variant="danger" disabled={pending}>
          {t("lifecycle.delete")}
        </Button>
      </div>
    </form>
  );
}
