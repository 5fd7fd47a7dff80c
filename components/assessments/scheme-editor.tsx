"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, FormMessage, TextField } from "@/components/ui/field";
import {
  activateSchemeAction,
  deleteItemAction,
  deleteSchemeAction,
  newSchemeVersionAction,
  saveItemAction,
  updateSchemeAction,
} from "@/lib/assessments/actions";
import type { SchemeDetail } from "@/lib/assessments/queries";
import type { ItemSnapshot } from "@/lib/assessments/snapshot";
import { METRIC_NAMES } from "@/lib/domain/county-assessment";
import {
  AssessmentCategory,
  AssessmentDirection,
  AssessmentItemKind,
  AssessmentScoring,
  AssessmentTieBreaker,
  ExcellentRounding,
} from "@/lib/generated/prisma/enums";
import { itemSchema, schemeSchema } from "@/lib/validation/assessment";
import { formulaText, itemName, plainNumber, ruleText } from "@/lib/assessments/item-text";
import { useActionRunner } from "./use-action";

type ItemForm = Record<
  | "code"
  | "name"
  | "nameEn"
  | "category"
  | "kind"
  | "scoring"
  | "metric"
  | "unit"
  | "unitEn"
  | "direction"
  | "basePoints"
  | "maxBonusPoints"
  | "bonusStep"
  | "bonusPerStep"
  | "deductionStep"
  | "deductionPerStep"
  | "floorPoints"
  | "sortOrder"
  | "sourceNote",
  string
> & { id?: number; targets: Record<string, string> };

const NEW_ITEM: ItemForm = {
  code: "",
  name: "",
  nameEn: "",
  category: "OUTCOME",
  kind: "COMPUTED",
  scoring: "TARGET",
  metric: METRIC_NAMES[0]!,
  unit: "",
  unitEn: "",
  direction: "HIGHER",
  basePoints: "",
  maxBonusPoints: "",
  bonusStep: "",
  bonusPerStep: "",
  deductionStep: "",
  deductionPerStep: "",
  floorPoints: "",
  sortOrder: "",
  sourceNote: "",
  targets: {},
};

function formOf(item: ItemSnapshot): ItemForm {
  const n = (v: string | null) => (v === null ? "" : plainNumber(v));
  return {
    id: item.id,
    code: item.code,
    name: item.name,
    nameEn: item.nameEn,
    category: item.category,
    kind: item.kind,
    scoring: item.scoring,
    metric: item.metric ?? "",
    unit: item.unit ?? "",
    unitEn: item.unitEn ?? "",
    direction: item.direction,
    basePoints: n(item.basePoints),
    maxBonusPoints: n(item.maxBonusPoints),
    bonusStep: n(item.bonusStep),
    bonusPerStep: n(item.bonusPerStep),
    deductionStep: n(item.deductionStep),
    deductionPerStep: n(item.deductionPerStep),
    floorPoints: n(item.floorPoints),
    sortOrder: String(item.sortOrder),
    sourceNote: item.sourceNote ?? "",
    targets: Object.fromEntries(Object.entries(item.targets).map(([k, v]) => [k, plainNumber(v)])),
  };
}

/**
 * An assessment scheme's page for the city: its header (names, tie rule, grade bands), its
 * items with the rule and (computed items) the formula in words, and per-county targets. A
 * DRAFT is edited here and activated (then frozen); a frozen scheme can start a new version.
 * The city leader reads it only.
 */
export function SchemeEditor({ scheme, canManage }: { scheme: SchemeDetail; canManage: boolean }) {
  const t = useTranslations("assessments");
  const te = useTranslations("enums");
  const en = useLocale() === "en";
  const { state, setState, pending, run, router, dialog } = useActionRunner();
  const writable = canManage && scheme.yearStatus !== "CLOSED";
  const draft = writable && scheme.status === "DRAFT";
  const [header, setHeader] = useState({
    name: scheme.name,
    nameEn: scheme.nameEn,
    tieBreakers: scheme.tieBreakers,
    excellentPercent: plainNumber(scheme.excellentPercent),
    excellentRounding: scheme.excellentRounding,
    goodMinPoints: plainNumber(scheme.goodMinPoints),
    passMinPoints: plainNumber(scheme.passMinPoints),
    sourceNote: scheme.sourceNote ?? "",
  });
  const [item, setItem] = useState<ItemForm | null>(null);
  const errors = state.fieldErrors ?? {};
  const countyName = (c: { name: string; nameEn: string }) => (en ? c.nameEn : c.name);

  const saveHeader = () =>
    run(
      updateSchemeAction,
      { ...header, id: scheme.id, expectedRevision: scheme.revision, year: scheme.year },
      { done: t("scheme.saved"), schema: schemeSchema },
    );

  const saveItem = () =>
    item &&
    run(
      saveItemAction,
      { ...item, schemeId: scheme.id, expectedRevision: scheme.revision },
      {
        done: t("scheme.itemSaved"),
        schema: itemSchema,
        after: () => setItem(null),
      },
    );

  const select = (
    name: keyof ItemForm,
    label: string,
    options: string[],
    optionLabel: (o: string) => string,
  ) =>
    item && (
      <Field name={name} label={label} error={errors[name]}>
        {(control) => (
          <select
            {...control}
            value={item[name] as string}
            onChange={(e) => setItem({ ...item, [name]: e.target.value })}
          >
            {options.map((o) => (
              <option key={o} value={o}>
                {optionLabel(o)}
              </option>
            ))}
          </select>
        )}
      </Field>
    );
  const text = (name: keyof ItemForm, label: string, hint?: string) =>
    item && (
      <TextField
        name={name}
        label={label}
        hint={hint}
        value={item[name] as string}
        error={errors[name]}
        onChange={(e) => setItem({ ...item, [name]: e.target.value })}
      />
    );
  const headerText = (name: keyof typeof header, label: string, hint?: string) => (
    <TextField
      name={name}
      label={label}
      hint={hint}
      value={header[name] as string}
      error={errors[name]}
      disabled={!draft}
      onChange={(e) => setHeader({ ...header, [name]: e.target.value })}
    />
  );

  return (
    <div className="space-y-6">
      <FormMessage status={state.status} message={state.message} />
      {dialog}

      <section
        className="space-y-3 rounded-md border border-slate-200 bg-white p-4"
        aria-labelledby="scheme-header"
      >
        <h2 id="scheme-header" className="text-lg font-semibold">
          {t("scheme.header")}
        </h2>
        <form
          className="grid gap-3 sm:grid-cols-2"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            saveHeader();
          }}
        >
          {headerText("name", t("scheme.name"))}
          {headerText("nameEn", t("scheme.nameEn"))}
          {headerText("excellentPercent", t("scheme.excellentPercent"), t("scheme.excellentHint"))}
          <Field
            name="excellentRounding"
            label={t("scheme.rounding")}
            error={errors.excellentRounding}
          >
            {(control) => (
              <select
                {...control}
                disabled={!draft}
                value={header.excellentRounding}
                onChange={(e) => setHeader({ ...header, excellentRounding: e.target.value })}
              >
                {Object.values(ExcellentRounding).map((r) => (
                  <option key={r} value={r}>
                    {t(`rounding.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {headerText("goodMinPoints", t("scheme.goodMin"))}
          {headerText("passMinPoints", t("scheme.passMin"))}
          <fieldset className="space-y-1 sm:col-span-2">
            <legend className="text-sm font-medium text-slate-700">{t("scheme.tieRule")}</legend>
            <p className="text-xs text-slate-500">{t("scheme.tieHelp")}</p>
            {[0, 1, 2].map((i) => (
              <select
                key={i}
                aria-label={t("scheme.tieBreaker", { n: i + 1 })}
                disabled={!draft || (i > 0 && !header.tieBreakers[i - 1])}
                value={header.tieBreakers[i] ?? ""}
                onChange={(e) => {
                  const next = header.tieBreakers.slice(0, i);
                  if (e.target.value) next.push(e.target.value);
                  setHeader({ ...header, tieBreakers: next });
                }}
                className="mr-2 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
              >
                <option value="">{i === 0 ? t("scheme.tieShare") : "—"}</option>
                {Object.values(AssessmentTieBreaker).map((b) => (
                  <option key={b} value={b}>
                    {t(`tie.${b}`)}
                  </option>
                ))}
              </select>
            ))}
            {errors.tieBreakers && (
              <p role="alert" className="text-sm text-red-600">
                {errors.tieBreakers}
              </p>
            )}
          </fieldset>
          <Field
            name="sourceNote"
            label={t("scheme.sourceNote")}
            error={errors.sourceNote}
            className="sm:col-span-2"
          >
            {(control) => (
              <textarea
                {...control}
                rows={2}
                disabled={!draft}
                value={header.sourceNote}
                onChange={(e) => setHeader({ ...header, sourceNote: e.target.value })}
              />
            )}
          </Field>
          {draft && (
            <div className="sm:col-span-2">
              <Button type="submit" disabled={pending}>
                {t("scheme.saveHeader")}
              </Button>
            </div>
          )}
        </form>
      </section>

      <section className="space-y-3" aria-labelledby="scheme-items">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="scheme-items" className="text-lg font-semibold">
            {t("scheme.items")}
          </h2>
          {draft && (
            <Button
              size="sm"
              disabled={pending}
              onClick={() => {
                setState({ status: "idle" });
                setItem({ ...NEW_ITEM });
              }}
            >
              {t("scheme.addItem")}
            </Button>
          )}
        </div>

        {item && (
          <form
            className="grid gap-3 rounded-md border border-slate-200 bg-white p-4 sm:grid-cols-3"
            noValidate
            aria-label={t("scheme.itemForm")}
            onSubmit={(e) => {
              e.preventDefault();
              saveItem();
            }}
          >
            {text("code", t("item.code"), t("item.codeHint"))}
            {text("name", t("item.name"))}
            {text("nameEn", t("item.nameEn"))}
            {select("category", t("item.category"), Object.values(AssessmentCategory), (o) =>
              te(`AssessmentCategory.${o}`),
            )}
            {select("kind", t("item.kind"), Object.values(AssessmentItemKind), (o) =>
              t(`kind.${o}`),
            )}
            {select("scoring", t("item.scoring"), Object.values(AssessmentScoring), (o) =>
              t(`scoring.${o}`),
            )}
            {item.kind === "COMPUTED" && (
              <div className="sm:col-span-3">
                {select("metric", t("item.metric"), [...METRIC_NAMES], (o) =>
                  t(`metrics.${o}.name`),
                )}
                <p className="mt-1 text-xs text-slate-600">
                  {t("county.formula", {
                    formula: formulaText({ kind: "COMPUTED", metric: item.metric }, t),
                  })}
                </p>
              </div>
            )}
            {text("unit", t("item.unit"))}
            {text("unitEn", t("item.unitEn"))}
            {select("direction", t("item.direction"), Object.values(AssessmentDirection), (o) =>
              t(`direction.${o}`),
            )}
            {text("basePoints", t("item.basePoints"))}
            {text("maxBonusPoints", t("item.maxBonusPoints"))}
            {text("floorPoints", t("item.floorPoints"), t("item.floorHint"))}
            {text("bonusStep", t("item.bonusStep"))}
            {text("bonusPerStep", t("item.bonusPerStep"))}
            <span className="hidden sm:block" />
            {text("deductionStep", t("item.deductionStep"))}
            {text("deductionPerStep", t("item.deductionPerStep"))}
            {text("sortOrder", t("item.sortOrder"))}
            {item.scoring === "TARGET" && (
              <fieldset className="grid gap-3 sm:col-span-3 sm:grid-cols-3">
                <legend className="text-sm font-medium text-slate-700">{t("item.targets")}</legend>
                {scheme.counties.map((c) => (
                  <TextField
                    key={c.code}
                    name={`targets.${c.code}`}
                    label={countyName(c)}
                    value={item.targets[c.code] ?? ""}
                    error={errors[`targets.${c.code}`]}
                    onChange={(e) =>
                      setItem({ ...item, targets: { ...item.targets, [c.code]: e.target.value } })
                    }
                  />
                ))}
              </fieldset>
            )}
            <Field name="itemSourceNote" label={t("scheme.sourceNote")} className="sm:col-span-3">
              {(control) => (
                <textarea
                  {...control}
                  rows={2}
                  value={item.sourceNote}
                  onChange={(e) => setItem({ ...item, sourceNote: e.target.value })}
                />
              )}
            </Field>
            <div className="flex gap-2 sm:col-span-3">
              <Button type="submit" disabled={pending}>
                {t("scheme.saveItem")}
              </Button>
              <Button type="button" variant="secondary" onClick={() => setItem(null)}>
                {t("entries.cancel")}
              </Button>
            </div>
          </form>
        )}

        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm" data-testid="scheme-items">
            <thead className="bg-slate-50 text-left">
              <tr>
                <th className="px-3 py-2">{t("item.category")}</th>
                <th className="px-3 py-2">{t("item.name")}</th>
                <th className="px-3 py-2 text-right">{t("item.basePoints")}</th>
                <th className="px-3 py-2">{t("item.howScored")}</th>
                <th className="px-3 py-2">{t("item.targets")}</th>
                {draft && (
                  <th className="px-3 py-2">
                    <span className="sr-only">{t("scheme.actions")}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {scheme.items.length === 0 && (
                <tr>
                  <td colSpan={6} className="px-3 py-4 text-slate-500">
                    {t("scheme.noItems")}
                  </td>
                </tr>
              )}
              {scheme.items.map((i) => (
                <tr key={i.id}>
                  <td className="px-3 py-2 whitespace-nowrap">
                    {te(`AssessmentCategory.${i.category}`)}
                  </td>
                  <td className="px-3 py-2">
                    <span className="font-medium">{itemName(i, en)}</span>
                    <span className="block text-xs text-slate-500">
                      {i.code} · {t(`kind.${i.kind}`)}
                    </span>
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{i.basePoints}</td>
                  <td className="px-3 py-2 text-xs">
                    <span className="block">{ruleText(i, t, en)}</span>
                    {i.kind === "COMPUTED" && (
                      <span className="block text-slate-600">
                        {t("county.formula", { formula: formulaText(i, t) })}
                      </span>
                    )}
                  </td>
                  <td className="px-3 py-2 text-xs">
                    {i.scoring === "TARGET"
                      ? scheme.counties
                          .map(
                            (c) =>
                              `${countyName(c)} ${i.targets[c.code] ? plainNumber(i.targets[c.code]!) : "—"}`,
                          )
                          .join("，")
                      : "—"}
                  </td>
                  {draft && (
                    <td className="space-x-2 px-3 py-2 whitespace-nowrap">
                      <Button
                        size="sm"
                        variant="secondary"
                        aria-label={t("scheme.editItem", { name: itemName(i, en) })}
                        onClick={() => {
                          setState({ status: "idle" });
                          setItem(formOf(i));
                        }}
                      >
                        {t("scheme.edit")}
                      </Button>
                      <Button
                        size="sm"
                        variant="danger"
                        disabled={pending}
                        aria-label={t("scheme.deleteItem", { name: itemName(i, en) })}
                        onClick={() =>
                          run(
                            deleteItemAction,
                            { schemeId: scheme.id, expectedRevision: scheme.revision, id: i.id },
                            {
                              done: t("scheme.itemDeleted"),
                              confirm: t("scheme.confirmDeleteItem", { name: itemName(i, en) }),
                              confirmLabel: t("scheme.delete"),
                            },
                          )
                        }
                      >
                        {t("scheme.delete")}
                      </Button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {writable && (
        <section className="flex flex-wrap items-center gap-2">
          {scheme.status === "DRAFT" ? (
            <>
              <Button
                disabled={pending}
                onClick={() =>
                  run(
                    activateSchemeAction,
                    { id: scheme.id, expectedRevision: scheme.revision },
                    {
                      done: t("scheme.activated"),
                      confirm: t("scheme.confirmActivate"),
                      confirmLabel: t("scheme.activate"),
                    },
                  )
                }
              >
                {t("scheme.activate")}
              </Button>
              <Button
                variant="danger"
                disabled={pending}
                onClick={() =>
                  run(
                    deleteSchemeAction,
                    { id: scheme.id, expectedRevision: scheme.revision },
                    {
                      done: t("scheme.deleted"),
                      confirm: t("scheme.confirmDelete"),
                      confirmLabel: t("scheme.delete"),
                      after: () => router.push(`/assessments/schemes?year=${scheme.year}`),
                    },
                  )
                }
              >
                {t("scheme.deleteScheme")}
              </Button>
            </>
          ) : (
            <>
              <Badge tone="blue">{t("scheme.frozen")}</Badge>
              <Button
                variant="secondary"
                disabled={pending}
                onClick={() =>
                  run(
                    newSchemeVersionAction,
                    { id: scheme.id, expectedRevision: scheme.revision },
                    {
                      done: t("scheme.versionCreated"),
                      after: (result) => router.push(`/assessments/schemes/${result.data?.id}`),
                    },
                  )
                }
              >
                {t("scheme.newVersion")}
              </Button>
            </>
          )}
        </section>
      )}
    </div>
  );
}
