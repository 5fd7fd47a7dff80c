"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormMessage, TextField } from "@/components/ui/field";
import { deleteEntryAction, saveEntryAction } from "@/lib/assessments/actions";
import type { EntrySheet } from "@/lib/assessments/queries";
import { entrySchema } from "@/lib/validation/assessment";
import { itemName, itemUnit, plainNumber, ruleText } from "@/lib/assessments/item-text";
import { useActionRunner } from "./use-action";

type Editing = {
  itemId: number;
  itemCode: string;
  countyCode: string;
  value: string;
  reason: string;
  evidence: string;
  revision?: number;
};

/**
 * The city's entered values of a year's scheme in use: a row per entered item, a column per
 * county; each cell opens a form for the value (points, occurrences or a measured value, by
 * the item's scoring), the reason and the evidence. Read-only without `writable`.
 */
export function EntryEditor({ sheet, writable }: { sheet: EntrySheet; writable: boolean }) {
  const t = useTranslations("assessments");
  const en = useLocale() === "en";
  const { state, setState, pending, run, dialog } = useActionRunner();
  const [editing, setEditing] = useState<Editing | null>(null);
  const errors = state.fieldErrors ?? {};
  const countyName = (code: string) => {
    const c = sheet.counties.find((x) => x.code === code);
    return c ? (en ? c.nameEn : c.name) : code;
  };
  const item = sheet.items.find((i) => i.id === editing?.itemId);

  const save = () =>
    editing &&
    run(
      saveEntryAction,
      {
        itemId: editing.itemId,
        countyCode: editing.countyCode,
        value: editing.value,
        reason: editing.reason,
        evidence: editing.evidence,
        ...(editing.revision !== undefined && { expectedRevision: editing.revision }),
      },
      { done: t("entries.saved"), schema: entrySchema, after: () => setEditing(null) },
    );

  const clear = () =>
    editing?.revision !== undefined &&
    run(
      deleteEntryAction,
      {
        itemId: editing.itemId,
        countyCode: editing.countyCode,
        expectedRevision: editing.revision,
      },
      {
        done: t("entries.cleared"),
        confirm: t("entries.confirmClear"),
        confirmLabel: t("entries.clear"),
        after: () => setEditing(null),
      },
    );

  return (
    <div className="space-y-4">
      <FormMessage status={state.status} message={state.message} />
      {dialog}
      {editing && item && (
        <form
          className="grid gap-3 rounded-md border border-slate-200 bg-white p-4 sm:grid-cols-2"
          noValidate
          aria-label={t("entries.formTitle", {
            item: itemName(item, en),
            county: countyName(editing.countyCode),
          })}
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <p className="font-medium sm:col-span-2">
            {t("entries.formTitle", {
              item: itemName(item, en),
              county: countyName(editing.countyCode),
            })}
            <span className="block text-xs font-normal text-slate-600">
              {ruleText(item, t, en)}
            </span>
          </p>
          <TextField
            name="value"
            label={t(`entries.valueLabel.${item.scoring}`, { unit: itemUnit(item, en) })}
            inputMode="decimal"
            value={editing.value}
            error={errors.value}
            onChange={(e) => setEditing({ ...editing, value: e.target.value })}
          />
          <TextField
            name="evidence"
            label={t("entries.evidence")}
            hint={t("entries.evidenceHint")}
            value={editing.evidence}
            error={errors.evidence}
            onChange={(e) => setEditing({ ...editing, evidence: e.target.value })}
          />
          <Field
            name="reason"
            label={t("entries.reason")}
            error={errors.reason}
            className="sm:col-span-2"
          >
            {(control) => (
              <textarea
                {...control}
                rows={2}
                value={editing.reason}
                onChange={(e) => setEditing({ ...editing, reason: e.target.value })}
              />
            )}
          </Field>
          <div className="flex flex-wrap gap-2 sm:col-span-2">
            <Button type="submit" disabled={pending}>
              {t("entries.save")}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setEditing(null)}>
              {t("entries.cancel")}
            </Button>
            {editing.revision !== undefined && (
              <Button type="button" variant="danger" disabled={pending} onClick={clear}>
                {t("entries.clear")}
              </Button>
            )}
          </div>
        </form>
      )}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm" data-testid="entries">
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className="px-3 py-2 text-left font-medium text-slate-600">
                {t("entries.item")}
              </th>
              {sheet.counties.map((c) => (
                <th
                  key={c.code}
                  scope="col"
                  className="px-3 py-2 text-left font-medium text-slate-600"
                >
                  {en ? c.nameEn : c.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {sheet.items.map((i) => (
              <tr key={i.id}>
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  <span className="font-medium">{itemName(i, en)}</span>
                  <span className="block text-xs text-slate-500">{ruleText(i, t, en)}</span>
                </th>
                {sheet.counties.map((c) => {
                  const entry = sheet.entries[`${i.code}|${c.code}`];
                  const label = t("entries.editLabel", {
                    action: entry ? t("entries.edit") : t("entries.enter"),
                    item: itemName(i, en),
                    county: en ? c.nameEn : c.name,
                  });
                  return (
                    <td key={c.code} className="px-3 py-2 align-top">
                      {entry ? (
                        <span className="block tabular-nums" title={entry.reason}>
                          {plainNumber(entry.value)}
                          {itemUnit(i, en) && i.scoring !== "POINTS" ? itemUnit(i, en) : ""}
                          {i.scoring === "POINTS" ? t("entries.pointsSuffix") : ""}
                        </span>
                      ) : (
                        <span className="block text-amber-700">{t("entries.missing")}</span>
                      )}
                      {writable && (
                        <button
                          type="button"
                          aria-label={label}
                          className="text-xs text-brand-700 underline"
                          onClick={() => {
                            setState({ status: "idle" });
                            setEditing({
                              itemId: i.id,
                              itemCode: i.code,
                              countyCode: c.code,
                              value: entry?.value ?? "",
                              reason: entry?.reason ?? "",
                              evidence: entry?.evidence ?? "",
                              revision: entry?.revision,
                            });
                          }}
                        >
                          {entry ? t("entries.edit") : t("entries.enter")}
                        </button>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
