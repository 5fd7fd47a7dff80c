"use client";

import { useTranslations } from "next-intl";
import { usePathname, useRouter, useSearchParams } from "next/navigation";

/** Chooses the programme year shown; the year lives in the URL (`?year=`). */
export function YearSelect({ years, year }: { years: number[]; year: number }) {
  const t = useTranslations("dashboard");
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  return (
    <label className="flex items-center gap-2 text-sm">
      <span>{t("year")}</span>
      <select
        className="rounded-md border border-slate-300 bg-white px-2 py-1"
        value={year}
        onChange={(e) => {
          const next = new URLSearchParams(params.toString());
          next.set("year", e.target.value);
          router.push(`${pathname}?${next.toString()}`);
        }}
      >
        {years.map((y) => (
          <option key={y} value={y}>
            {t("yearOption", { year: y })}
          </option>
        ))}
      </select>
    </label>
  );
}
