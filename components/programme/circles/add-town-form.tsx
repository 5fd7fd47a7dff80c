"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormMessage, TextField } from "@/components/ui/field";
import { addTownAction } from "@/lib/circles/actions";
import type { TownChoices } from "@/lib/circles/queries";
import { addTownSchema } from "@/lib/validation/circle";
import { useCheckedAction } from "./use-checked-action";

/**
 * Puts a town of any county into a circle from a year (default: the year shown, or the circle's
 * first year if later), optionally as its new lead town. Checked in the browser with the
 * server's schema.
 */
export function AddTownForm({
  circleId,
  choices,
  memberCodes,
  defaultYear,
}: {
  circleId: number;
  choices: TownChoices;
  memberCodes: string[];
  defaultYear: number;
}) {
  const t = useTranslations("circleAdmin");
  const en = useLocale() === "en";
  const [county, setCounty] = useState(choices.counties[0]?.code ?? "");
  const [townCode, setTownCode] = useState("");
  const [fromYear, setFromYear] = useState(String(defaultYear));
  const [untilYear, setUntilYear] = useState("");
  const [isLead, setIsLead] = useState(false);
  const { state, pending, submit, errors } = useCheckedAction(addTownSchema, addTownAction, () =>
    setTownCode(""),
  );
  const towns = choices.towns.filter(
    (x) => x.countyCode === county && !memberCodes.includes(x.code),
  );
  return (
    <form
      noValidate
      aria-label={t("towns.add")}
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        submit({ circleId, townCode, fromYear, untilYear, isLead }, t("saved"));
      }}
    >
      <div className="grid gap-3 sm:grid-cols-4">
        <Field name="addCounty" label={t("towns.county")}>
          {(control) => (
            <select
              {...control}
              value={county}
              onChange={(e) => {
                setCounty(e.target.value);
                setTownCode("");
              }}
            >
              {choices.counties.map((c) => (
                <option key={c.code} value={c.code}>
                  {en ? c.nameEn : c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="townCode" label={t("columns.town")} error={errors.townCode}>
          {(control) => (
            <select {...control} value={townCode} onChange={(e) => setTownCode(e.target.value)}>
              <option value="">{t("choose")}</option>
              {towns.map((x) => (
                <option key={x.code} value={x.code}>
                  {(en && x.nameEn) || x.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField
          name="fromYear"
          type="number"
          inputMode="numeric"
          label={t("fields.fromYear")}
          value={fromYear}
          onChange={(e) => setFromYear(e.target.value)}
          error={errors.fromYear}
        />
        <TextField
          name="untilYear"
          type="number"
          inputMode="numeric"
          label={t("fields.untilYear")}
          hint={t("fields.untilHint")}
          value={untilYear}
          onChange={(e) => setUntilYear(e.target.value)}
          error={errors.untilYear}
        />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={isLead} onChange={(e) => setIsLead(e.target.checked)} />
        {t("towns.asLead")}
      </label>
      <FormMessage status={state.status} message={state.message} />
      <Button type="submit" disabled={pending}>
        {t("towns.add")}
      </Button>
    </form>
  );
}
