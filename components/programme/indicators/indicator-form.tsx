"use client";

import { useLocale, useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormMessage, TextField } from "@/components/ui/field";
import { Dimension, IndicatorKind, TownType, ValueType } from "@/lib/generated/prisma/enums";
import { createIndicatorAction, updateIndicatorAction } from "@/lib/indicators/actions";
import type { IndicatorRow, ReplacementOption } from "@/lib/indicators/queries";
import { idleState } from "@/lib/validation/form-state-shared";
import {
  createIndicatorSchema,
  indicatorFormInput,
  updateIndicatorSchema,
} from "@/lib/validation/indicator";
import { issueFields } from "@/lib/validation/issues";

/**
 * Create (no `indicator`) or edit an indicator of `year`. Editing sends the version it loaded,
 * so a concurrent change by another administrator is refused rather than overwritten; when the
 * indicator supplies a dashboard input, a changed code needs the replacement chosen here.
 * `readOnly` shows the same fields disabled (the city leader, a closed year).
 */
export function IndicatorForm({
  year,
  indicator,
  replacements = [],
  readOnly = false,
}: {
  year: number;
  indicator?: IndicatorRow;
  replacements?: ReplacementOption[];
  readOnly?: boolean;
}) {
  const t = useTranslations("indicatorCatalogue");
  const te = useTranslations("enums");
  const en = useLocale() === "en";
  const [state, action, pending] = useActionState(
    indicator ? updateIndicatorAction : createIndicatorAction,
    idleState,
  );
  const [kind, setKind] = useState<IndicatorKind>(indicator?.kind ?? "COMMON");
  const tr = useTranslations();
  // The server's own schema, checked before sending (the server checks again).
  const [clientErrors, setClientErrors] = useState<Record<string, string> | null>(null);
  const check = (event: React.FormEvent<HTMLFormElement>) => {
    let found: Record<string, string> | null = null;
    try {
      const schema = indicator ? updateIndicatorSchema : createIndicatorSchema;
      const result = schema.safeParse(indicatorFormInput(new FormData(event.currentTarget)));
      found = result.success
        ? null
        : Object.fromEntries(
            Object.entries(issueFields(result.error.issues)).map(([field, key]) => [
              field,
              tr(key),
            ]),
          );
    } catch {
      found = null; // let the server decide
    }
    setClientErrors(found);
    if (found) event.preventDefault();
  };
  const errors = clientErrors ?? state.fieldErrors ?? {};
  return (
    <form
      action={action}
      onSubmit={check}
      className="space-y-4"
      noValidate
      data-testid="indicator-form"
    >
      <input type="hidden" name="year" value={year} />
      {indicator && (
        <>
          <input type="hidden" name="id" value={indicator.id} />
          <input type="hidden" name="expectedVersion" value={indicator.version} />
        </>
      )}
      <fieldset disabled={readOnly} className="grid gap-4 sm:grid-cols-2">
        <TextField
          name="code"
          label={t("field.code")}
          hint={t("field.codeHint")}
          defaultValue={indicator?.code}
          error={errors.code}
          autoComplete="off"
        />
        <TextField
          name="sortOrder"
          label={t("field.sortOrder")}
          inputMode="numeric"
          defaultValue={indicator?.sortOrder ?? 0}
          error={errors.sortOrder}
        />
        <TextField
          name="name"
          label={t("field.name")}
          defaultValue={indicator?.name}
          error={errors.name}
        />
        <TextField
          name="nameEn"
          label={t("field.nameEn")}
          defaultValue={indicator?.nameEn}
          error={errors.nameEn}
        />
        <Field name="dimension" label={t("field.dimension")} error={errors.dimension}>
          {(control) => (
            <select {...control} defaultValue={indicator?.dimension ?? ""}>
              <option value="">{t("field.choose")}</option>
              {Object.values(Dimension).map((d) => (
                <option key={d} value={d}>
                  {te(`Dimension.${d}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="kind" label={t("field.kind")} error={errors.kind}>
          {(control) => (
            <select
              {...control}
              value={kind}
              onChange={(e) => setKind(e.target.value as IndicatorKind)}
            >
              {Object.values(IndicatorKind).map((k) => (
                <option key={k} value={k}>
                  {t(`kinds.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField
          name="unit"
          label={t("field.unit")}
          defaultValue={indicator?.unit}
          error={errors.unit}
        />
        <TextField
          name="unitEn"
          label={t("field.unitEn")}
          defaultValue={indicator?.unitEn}
          error={errors.unitEn}
        />
        <Field name="valueType" label={t("field.valueType")} error={errors.valueType}>
          {(control) => (
            <select {...control} defaultValue={indicator?.valueType ?? "INTEGER"}>
              {Object.values(ValueType).map((v) => (
                <option key={v} value={v}>
                  {t(`valueTypes.${v}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="grid grid-cols-2 gap-2">
          <TextField
            name="minValue"
            label={t("field.minValue")}
            inputMode="decimal"
            defaultValue={indicator?.minValue ?? ""}
            error={errors.minValue}
          />
          <TextField
            name="maxValue"
            label={t("field.maxValue")}
            inputMode="decimal"
            defaultValue={indicator?.maxValue ?? ""}
            error={errors.maxValue}
          />
          <p className="col-span-2 text-xs text-slate-500">{t("field.limitsHint")}</p>
        </div>
        <div className="flex flex-wrap gap-4 sm:col-span-2">
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="isRequired"
              defaultChecked={indicator?.isRequired ?? true}
            />
            {t("field.isRequired")}
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="evidenceRequired"
              defaultChecked={indicator?.evidenceRequired ?? false}
            />
            {t("field.evidenceRequired")}
          </label>
        </div>
        {kind === "DISTINCTIVE" && (
          <fieldset
            className="sm:col-span-2"
            aria-describedby={errors.townTypes ? "townTypes-error" : undefined}
          >
            <legend className="text-sm font-medium text-slate-700">{t("field.townTypes")}</legend>
            <div className="mt-1 flex flex-wrap gap-3">
              {Object.values(TownType).map((type) => (
                <label key={type} className="flex items-center gap-1 text-sm">
                  <input
                    type="checkbox"
                    name="townTypes"
                    value={type}
                    defaultChecked={indicator?.townTypes.includes(type)}
                  />
                  {te(`TownType.${type}`)}
                </label>
              ))}
            </div>
          </fieldset>
        )}
        {errors.townTypes && (
          <p id="townTypes-error" role="alert" className="text-sm text-red-600 sm:col-span-2">
            {errors.townTypes}
          </p>
        )}
        <Field
          name="sourceNote"
          label={t("field.sourceNote")}
          error={errors.sourceNote}
          className="sm:col-span-2"
        >
          {(control) => (
            <textarea {...control} rows={2} defaultValue={indicator?.sourceNote ?? ""} />
          )}
        </Field>
        {indicator?.figureInput && (
          <Field
            name="replacementId"
            label={t("field.replacement")}
            hint={t("field.replacementHint")}
            error={errors.replacementId}
            className="sm:col-span-2"
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
      </fieldset>
      {clientErrors ? (
        <FormMessage status="error" message={tr("validation.fixFields")} />
      ) : (
        <FormMessage
          status={state.status}
          message={state.status === "ok" ? t("saved") : state.message}
        />
      )}
      {!readOnly && (
        <Button type="submit" disabled={pending}>
          {indicator ? t("save") : t("create")}
        </Button>
      )}
    </form>
  );
}
