"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormMessage, TextField } from "@/components/ui/field";
import { createCircleAction, updateCircleAction } from "@/lib/circles/actions";
import type { CircleAdminRow, TownChoices } from "@/lib/circles/queries";
import { createCircleSchema, updateCircleSchema } from "@/lib/validation/circle";
import { TownPicker } from "./town-picker";
import { useCheckedAction } from "./use-checked-action";

type Values = {
  beltCode: string;
  code: string;
  name: string;
  nameEn: string;
  description: string;
  isModel: boolean;
  fromYear: string;
  untilYear: string;
};

/**
 * Create or edit a circle (美镇圈 / 城镇集群): belt, code, names, description, model flag (典型
 * 培育), from and until years; a new circle also gets its first towns across counties and its
 * lead town (`choices`). Checked in the browser with the server's schema; an edit is saved
 * against the version the page loaded. Read-only (no button) when `editable` is false.
 */
export function CircleForm({
  circle,
  belts,
  choices,
  editable,
  defaultYear,
}: {
  circle?: CircleAdminRow;
  belts: { code: string; name: string; nameEn: string }[];
  choices?: TownChoices;
  editable: boolean;
  defaultYear: number;
}) {
  const t = useTranslations("circleAdmin");
  const en = useLocale() === "en";
  const router = useRouter();
  const [values, setValues] = useState<Values>({
    beltCode: circle ? (circle.belt?.code ?? "") : (belts[0]?.code ?? ""),
    code: circle?.code ?? "",
    name: circle?.name ?? "",
    nameEn: circle?.nameEn ?? "",
    description: circle?.description ?? "",
    isModel: circle?.isModel ?? false,
    fromYear: String(circle?.fromYear ?? defaultYear),
    untilYear: circle?.untilYear ? String(circle.untilYear) : "",
  });
  const [towns, setTowns] = useState<{ codes: string[]; lead: string }>({ codes: [], lead: "" });
  const { state, pending, submit, errors } = useCheckedAction(
    circle ? updateCircleSchema : createCircleSchema,
    circle ? updateCircleAction : createCircleAction,
    (result) => {
      const code = result.data?.code;
      if (!circle && code) router.push(`/admin/circles/${code}?year=${defaultYear}&created=1`);
      else if (circle && code && code !== circle.code) {
        router.replace(`/admin/circles/${code}?year=${defaultYear}`);
      }
    },
  );
  const set = (change: Partial<Values>) => setValues((v) => ({ ...v, ...change }));
  const text = (name: Exclude<keyof Values, "isModel">, type = "text", hint?: string) => (
    <TextField
      name={name}
      type={type}
      label={t(`fields.${name}`)}
      hint={hint}
      value={values[name]}
      readOnly={!editable}
      onChange={(e) => set({ [name]: e.target.value })}
      error={errors[name]}
      inputMode={type === "number" ? "numeric" : undefined}
    />
  );
  return (
    <form
      noValidate
      aria-label={t(circle ? "circle.edit" : "circle.new")}
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        submit(
          circle
            ? { ...values, id: circle.id, expectedVersion: circle.version }
            : { ...values, townCodes: towns.codes, leadTownCode: towns.lead },
          t("saved"),
        );
      }}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="beltCode" label={t("fields.belt")} error={errors.beltCode}>
          {(control) => (
            <select
              {...control}
              value={values.beltCode}
              disabled={!editable}
              onChange={(e) => set({ beltCode: e.target.value })}
            >
              <option value="">{t("fields.noBelt")}</option>
              {belts.map((b) => (
                <option key={b.code} value={b.code}>
                  {en ? b.nameEn : b.name}（{b.code}）
                </option>
              ))}
            </select>
          )}
        </Field>
        {text("code", "text", t("fields.codeHint"))}
        {text("name")}
        {text("nameEn")}
        <div className="grid grid-cols-2 gap-3">
          {text("fromYear", "number")}
          {text("untilYear", "number", t("fields.untilHint"))}
        </div>
        <div className="space-y-1 self-end">
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="isModel"
              checked={values.isModel}
              disabled={!editable}
              aria-describedby={errors.isModel ? "field-isModel-error" : undefined}
              onChange={(e) => set({ isModel: e.target.checked })}
            />
            {t("fields.isModel")}
          </label>
          {errors.isModel && (
            <p id="field-isModel-error" role="alert" className="text-sm text-red-600">
              {errors.isModel}
            </p>
          )}
        </div>
      </div>
      <Field name="description" label={t("fields.description")} error={errors.description}>
        {(control) => (
          <textarea
            {...control}
            rows={2}
            value={values.description}
            readOnly={!editable}
            onChange={(e) => set({ description: e.target.value })}
          />
        )}
      </Field>
      {!circle && choices && (
        <TownPicker
          choices={choices}
          codes={towns.codes}
          lead={towns.lead}
          onChange={(codes, lead) => setTowns({ codes, lead })}
          error={errors.townCodes}
          leadError={errors.leadTownCode}
        />
      )}
      <FormMessage status={state.status} message={state.message} />
      {editable && (
        <Button type="submit" disabled={pending}>
          {circle ? t("save") : t("circle.create")}
        </Button>
      )}
    </form>
  );
}
