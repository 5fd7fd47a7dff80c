"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import type { TownChoices } from "@/lib/circles/queries";

/**
 * Picks a circle's towns across counties: choose a county, tick its towns; the chosen towns
 * (of any county) are listed with a radio for the one lead town. Controlled: `codes` and
 * `lead` are the parent's. Errors show under the list (aria-describedby).
 */
export function TownPicker({
  choices,
  codes,
  lead,
  onChange,
  error,
  leadError,
}: {
  choices: TownChoices;
  codes: string[];
  lead: string;
  onChange: (codes: string[], lead: string) => void;
  error?: string;
  leadError?: string;
}) {
  const t = useTranslations("circleAdmin");
  const en = useLocale() === "en";
  const [county, setCounty] = useState(choices.counties[0]?.code ?? "");
  const byCode = new Map(choices.towns.map((x) => [x.code, x]));
  const countyName = new Map(choices.counties.map((c) => [c.code, en ? c.nameEn : c.name]));
  const townName = (code: string) => {
    const town = byCode.get(code);
    return (town && ((en && town.nameEn) || town.name)) ?? code;
  };
  const toggle = (code: string, on: boolean) => {
    const next = on ? [...codes, code] : codes.filter((c) => c !== code);
    onChange(next, next.includes(lead) ? lead : (next[0] ?? ""));
  };
  const describedBy =
    [error && "field-townCodes-error", leadError && "field-leadTownCode-error"]
      .filter(Boolean)
      .join(" ") || undefined;
  return (
    <fieldset
      className="space-y-3 rounded-md border border-slate-200 p-3"
      aria-describedby={describedBy}
    >
      <legend className="px-1 text-sm font-medium text-slate-700">{t("towns.pick")}</legend>
      <label className="flex flex-wrap items-center gap-2 text-sm">
        <span>{t("towns.county")}</span>
        <select
          className="rounded-md border border-slate-300 bg-white px-2 py-1"
          value={county}
          onChange={(e) => setCounty(e.target.value)}
        >
          {choices.counties.map((c) => (
            <option key={c.code} value={c.code}>
              {en ? c.nameEn : c.name}
            </option>
          ))}
        </select>
      </label>
      <div className="grid max-h-56 grid-cols-2 gap-1 overflow-y-auto text-sm sm:grid-cols-3">
        {choices.towns
          .filter((x) => x.countyCode === county)
          .map((x) => (
            <label key={x.code} className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={codes.includes(x.code)}
                onChange={(e) => toggle(x.code, e.target.checked)}
              />
              {(en && x.nameEn) || x.name}
            </label>
          ))}
      </div>
      <div className="space-y-1">
        <p className="text-sm font-medium text-slate-700">
          {t("towns.chosen", { count: codes.length })}
        </p>
        <ul className="space-y-1 text-sm" data-testid="chosen-towns">
          {codes.map((code) => (
            <li key={code} className="flex flex-wrap items-center gap-3">
              <span>
                {townName(code)}
                <span className="text-xs text-slate-500">
                  （{countyName.get(byCode.get(code)?.countyCode ?? "")}）
                </span>
              </span>
              <label className="flex items-center gap-1">
                <input
                  type="radio"
                  name="leadTownCode"
                  checked={lead === code}
                  onChange={() => onChange(codes, code)}
                  aria-label={t("towns.leadOf", { town: townName(code) })}
                />
                {t("towns.lead")}
              </label>
              <button
                type="button"
                className="text-xs text-red-700 hover:underline"
                onClick={() => toggle(code, false)}
              >
                {t("towns.unpick")}
              </button>
            </li>
          ))}
        </ul>
      </div>
      {error && (
        <p id="field-townCodes-error" role="alert" className="text-sm text-red-600">
          {error}
        </p>
      )}
      {leadError && (
        <p id="field-leadTownCode-error" role="alert" className="text-sm text-red-600">
          {leadError}
        </p>
      )}
    </fieldset>
  );
}
