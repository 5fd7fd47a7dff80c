"use client";

import { useLocale, useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { assignFigureInputAction } from "@/lib/indicators/actions";
import { idleState } from "@/lib/validation/form-state-shared";
import type { FigureInputRow } from "@/lib/indicators/queries";

/**
 * The dashboard inputs of a year (lib/domain/figures.ts FIGURE_INPUTS) with the indicator
 * that supplies each; an unassigned one can be given to an indicator when `canManage`.
 */
export function FigureInputs({
  year,
  rows,
  canManage,
}: {
  year: number;
  rows: FigureInputRow[];
  canManage: boolean;
}) {
  const t = useTranslations("indicatorCatalogue");
  const en = useLocale() === "en";
  return (
    <ul className="divide-y divide-slate-100 text-sm" data-testid="figure-inputs">
      {rows.map((row) => (
        <li key={row.input} className="flex flex-wrap items-center justify-between gap-2 py-2">
          <span className="font-medium">{t(`figureInputs.${row.input}`)}</span>
          {row.holder ? (
            <span>
              <span className="font-mono text-xs">{row.holder.code}</span> ·{" "}
              {en ? row.holder.nameEn : row.holder.name}
            </span>
          ) : canManage ? (
            <AssignForm year={year} row={row} />
          ) : (
            <span className="text-amber-700">{t("figures.unassigned")}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

function AssignForm({ year, row }: { year: number; row: FigureInputRow }) {
  const t = useTranslations("indicatorCatalogue");
  const en = useLocale() === "en";
  const [state, action, pending] = useActionState(assignFigureInputAction, idleState);
  const error = state.fieldErrors?.indicatorId;
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="year" value={year} />
      <input type="hidden" name="figureInput" value={row.input} />
      <select
        name="indicatorId"
        aria-label={t("figures.indicator")}
        aria-invalid={Boolean(error)}
        defaultValue=""
        className="rounded-md border border-slate-300 bg-white px-2 py-1"
      >
        <option value="">{t("figures.unassigned")}</option>
        {row.candidates.map((c) => (
          <option key={c.id} value={c.id}>
            {c.code} · {en ? c.nameEn : c.name}
          </option>
        ))}
      </select>
      <Button type="submit" size="sm" variant="secondary" disabled={pending}>
        {t("figures.assign")}
      </Button>
      <FormMessage status={state.status} message={error ?? state.message} />
    </form>
  );
}
