"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { quarterPeriods, type PeriodDraft } from "@/lib/domain/periods";
import { setYearPeriodsAction } from "@/lib/years/actions";
import type { YearPeriodRow } from "@/lib/years/admin";
import { idleState } from "@/lib/validation/form-state-shared";

const FIELDS = ["name", "nameEn", "startsOn", "endsOn", "dueOn"] as const;

/**
 * The reporting periods of a year: count, names and dates, with "quarters" as a starting
 * suggestion (lib/domain/periods.ts). Rows with reports cannot be removed (the server refuses
 * too); errors show at each cell. Read-only (a table) when `editable` is false.
 */
export function PeriodsEditor({
  year,
  periods,
  editable,
}: {
  year: number;
  periods: YearPeriodRow[];
  editable: boolean;
}) {
  const t = useTranslations("programmeYears");
  const [state, action, pending] = useActionState(setYearPeriodsAction, idleState);
  const [rows, setRows] = useState<(PeriodDraft & { reports: number; key: number })[]>(() =>
    periods.map((p, key) => ({ ...p, key })),
  );
  const [nextKey, setNextKey] = useState(periods.length);
  const label = (f: (typeof FIELDS)[number]) => t(`periods.${f}`);

  if (!editable) {
    return (
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm" data-testid="periods-table">
          <thead>
            <tr className="text-left text-slate-600">
              <th className="p-2">#</th>
              {FIELDS.map((f) => (
                <th key={f} className="p-2">
                  {label(f)}
                </th>
              ))}
              <th className="p-2">{t("periods.reports")}</th>
            </tr>
          </thead>
          <tbody>
            {periods.map((p) => (
              <tr key={p.index} className="border-t border-slate-100">
                <td className="p-2">{p.index}</td>
                {FIELDS.map((f) => (
                  <td key={f} className="p-2">
                    {p[f]}
                  </td>
                ))}
                <td className="p-2">{p.reports}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {periods.length === 0 && <p className="p-2 text-sm text-slate-500">{t("periods.none")}</p>}
      </div>
    );
  }

  const update = (i: number, field: (typeof FIELDS)[number], value: string) =>
    setRows((r) => r.map((row, j) => (j === i ? { ...row, [field]: value } : row)));
  const add = () => {
    setRows((r) => [
      ...r,
      { name: "", nameEn: "", startsOn: "", endsOn: "", dueOn: "", reports: 0, key: nextKey },
    ]);
    setNextKey((k) => k + 1);
  };
  const quarters = () => {
    // Keeps rows that have reports in place (their dates are overwritten, never removed).
    const suggested = quarterPeriods(year);
    const keep = rows.filter((r) => r.reports > 0).length;
    const length = Math.max(suggested.length, keep);
    setRows(
      Array.from({ length }, (_, i) => ({
        ...(suggested[i] ?? rows[i]!),
        reports: rows[i]?.reports ?? 0,
        key: nextKey + i,
      })),
    );
    setNextKey((k) => k + length);
  };

  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="year" value={year} />
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="secondary" size="sm" onClick={quarters}>
          {t("periods.quarters")}
        </Button>
        <Button type="button" variant="secondary" size="sm" onClick={add}>
          {t("periods.add")}
        </Button>
      </div>
      <ol className="space-y-3">
        {rows.map((row, i) => (
          <li
            key={row.key}
            className="grid gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-[2rem_repeat(5,minmax(0,1fr))_auto]"
            data-testid="period-row"
          >
            <span className="text-sm font-medium text-slate-600">{i + 1}</span>
            {FIELDS.map((f) => {
              const name = `periods.${i}.${f}`;
              const error = state.fieldErrors?.[name];
              return (
                <div key={f} className="space-y-1">
                  <label htmlFor={`field-${name}`} className="block text-xs text-slate-600">
                    {label(f)}
                  </label>
                  <input
                    id={`field-${name}`}
                    name={f}
                    type={f === "name" || f === "nameEn" ? "text" : "date"}
                    value={row[f]}
                    onChange={(e) => update(i, f, e.target.value)}
                    aria-invalid={Boolean(error)}
                    aria-describedby={error ? `field-${name}-error` : undefined}
                    className="block w-full rounded-md border border-slate-300 px-2 py-1 text-sm aria-[invalid=true]:border-red-500"
                  />
                  {error && (
                    <p id={`field-${name}-error`} role="alert" className="text-xs text-red-600">
                      {error}
                    </p>
                  )}
                </div>
              );
            })}
            <div className="self-end">
              {row.reports > 0 ? (
                <span className="text-xs text-slate-500">
                  {t("periods.hasReportsShort", { count: row.reports })}
                </span>
              ) : (
                <Button
                  type="button"
                  variant="ghost"
                  size="sm"
                  onClick={() => setRows((r) => r.filter((_, j) => j !== i))}
                >
                  {t("periods.remove")}
                </Button>
              )}
            </div>
          </li>
        ))}
      </ol>
      <Button type="submit" disabled={pending}>
        {t("periods.save")}
      </Button>
      <FormMessage
        status={state.status}
        message={state.status === "ok" ? t("saved") : state.message}
      />
    </form>
  );
}
