"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormMessage, TextField } from "@/components/ui/field";
import type { SchemeView } from "@/lib/ratings/queries";
import { updateSchemeSettingsAction } from "@/lib/ratings/scheme-actions";
import type { FormState } from "@/lib/validation/form-state-shared";
import { issueFields } from "@/lib/validation/issues";
import { schemeSettingsSchema, type SchemeSettingsInput } from "@/lib/validation/rating";

type Values = Omit<SchemeSettingsInput, "schemeId" | "expectedUpdatedAt" | "bands"> & {
  bands: { stars: number; minPoints: string }[];
};

const initial = (s: SchemeView): Values => ({
  name: s.name,
  nameEn: s.nameEn,
  combination: s.combination,
  trimMinSheets: String(s.trimMinSheets),
  itemSpreadLimit: s.itemSpreadLimit ?? "",
  reviewerDeviationLimit: s.reviewerDeviationLimit ?? "",
  selfAssessmentDueOn: s.selfAssessmentDueOn ?? "",
  sheetsDueOn: s.sheetsDueOn ?? "",
  sourceNote: s.sourceNote ?? "",
  isDemo: s.isDemo,
  bands: s.bands.map((b) => ({ stars: b.stars, minPoints: b.minPoints })),
});

/**
 * A scheme's settings and star bands. Editable (a DRAFT, for the city administrator): checked
 * in the browser with the server's own schema (lib/validation/rating.ts schemeSettingsSchema)
 * before it is sent, field errors at their fields (aria-describedby), and saved against the
 * scheme's updatedAt as the page loaded it (a change made since is refused). Otherwise every
 * control is read-only and there is no button.
 */
export function SchemeSettingsForm({
  scheme,
  editable,
}: {
  scheme: SchemeView;
  editable: boolean;
}) {
  const t = useTranslations("ratingSchemes");
  const tr = useTranslations();
  const router = useRouter();
  const [values, setValues] = useState<Values>(() => initial(scheme));
  // A save or an import elsewhere on the page changes the scheme: show what is stored now.
  const [loadedAt, setLoadedAt] = useState(scheme.updatedAt);
  if (loadedAt !== scheme.updatedAt) {
    setLoadedAt(scheme.updatedAt);
    setValues(initial(scheme));
  }
  const [state, setState] = useState<FormState>({ status: "idle" });
  const [pending, startTransition] = useTransition();
  const errors = state.fieldErrors ?? {};
  const set = (change: Partial<Values>) => setValues((v) => ({ ...v, ...change }));
  const setBand = (index: number, minPoints: string) =>
    set({ bands: values.bands.map((b, i) => (i === index ? { ...b, minPoints } : b)) });

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const input = { ...values, schemeId: scheme.id, expectedUpdatedAt: scheme.updatedAt };
    const checked = schemeSettingsSchema.safeParse(input);
    if (!checked.success) {
      const fields = issueFields(checked.error.issues);
      setState({
        status: "error",
        message: tr("validation.fixFields"),
        fieldErrors: Object.fromEntries(Object.entries(fields).map(([f, key]) => [f, tr(key)])),
      });
      return;
    }
    startTransition(async () => {
      const result = await updateSchemeSettingsAction(input);
      setState(result.status === "ok" ? { status: "ok", message: t("settings.saved") } : result);
      if (result.status === "ok") router.refresh();
    });
  };

  const text = (name: keyof Values & string, hint?: string, type = "text") => (
    <TextField
      name={name}
      type={type}
      label={t(`settings.${name}`)}
      hint={hint}
      value={String(values[name] ?? "")}
      onChange={(e) => set({ [name]: e.target.value })}
      readOnly={!editable}
      error={errors[name]}
    />
  );
  const bandsError = errors.bands;
  return (
    <form onSubmit={submit} className="space-y-4" noValidate aria-label={t("settings.title")}>
      <div className="grid gap-4 sm:grid-cols-2">
        {text("name")}
        {text("nameEn")}
        <Field name="combination" label={t("settings.combination")} error={errors.combination}>
          {(control) => (
            <select
              {...control}
              value={values.combination}
              disabled={!editable}
              onChange={(e) => set({ combination: e.target.value as Values["combination"] })}
            >
              {(["MEAN", "TRIMMED_MEAN"] as const).map((c) => (
                <option key={c} value={c}>
                  {t(`combinations.${c}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {text("trimMinSheets", t("settings.trimHint"), "number")}
        {text("itemSpreadLimit", t("settings.limitHint"))}
        {text("reviewerDeviationLimit", t("settings.limitHint"))}
        {text("selfAssessmentDueOn", undefined, "date")}
        {text("sheetsDueOn", undefined, "date")}
      </div>
      <Field
        name="sourceNote"
        label={t("settings.sourceNote")}
        hint={t("settings.sourceHint")}
        error={errors.sourceNote}
      >
        {(control) => (
          <textarea
            {...control}
            rows={2}
            value={values.sourceNote ?? ""}
            readOnly={!editable}
            onChange={(e) => set({ sourceNote: e.target.value })}
          />
        )}
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="isDemo"
          checked={values.isDemo}
          disabled={!editable}
          onChange={(e) => set({ isDemo: e.target.checked })}
        />
        {t("settings.isDemo")}
      </label>
      <fieldset
        className="space-y-2 rounded-md border border-slate-200 p-3"
        aria-describedby={
          ["field-bands-hint", bandsError && "field-bands-error"].filter(Boolean).join(" ") ||
          undefined
        }
      >
        <legend className="px-1 text-sm font-medium text-slate-700">{t("settings.bands")}</legend>
        <p id="field-bands-hint" className="text-xs text-slate-500">
          {t("settings.bandsHint")}
        </p>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-5">
          {values.bands.map((band, i) => (
            <TextField
              key={band.stars}
              name={`bands.${i}.minPoints`}
              label={t("settings.bandMin", { stars: band.stars })}
              inputMode="decimal"
              value={band.minPoints}
              readOnly={!editable}
              onChange={(e) => setBand(i, e.target.value)}
              error={errors[`bands.${i}.minPoints`]}
            />
          ))}
        </div>
        {bandsError && (
          <p id="field-bands-error" role="alert" className="text-sm text-red-600">
            {bandsError}
          </p>
        )}
        {editable && (
          <div className="flex flex-wrap gap-2">
            <Button
              type="button"
              size="sm"
              variant="secondary"
              disabled={values.bands.length >= 5}
              onClick={() =>
                set({ bands: [...values.bands, { stars: values.bands.length + 1, minPoints: "" }] })
              }
            >
              {t("settings.addBand")}
            </Button>
            <Button
              type="button"
              size="sm"
              variant="secondary"
              disabled={values.bands.length <= 1}
              onClick={() => set({ bands: values.bands.slice(0, -1) })}
            >
              {t("settings.removeBand")}
            </Button>
          </div>
        )}
      </fieldset>
      <FormMessage status={state.status} message={state.message} />
      {editable && (
        <Button type="submit" disabled={pending}>
          {t("settings.save")}
        </Button>
      )}
    </form>
  );
}
