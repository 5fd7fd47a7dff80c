"use client";

import { useTranslations } from "next-intl";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Dimension, IndicatorKind } from "@/lib/generated/prisma/enums";

/**
 * The catalogue's filters, kept in the URL beside the table's own (`dimension`, `kind`,
 * `retired=1` to include retired indicators); the page filters the rows on the server.
 */
export function IndicatorFilters() {
  const t = useTranslations("indicatorCatalogue");
  const te = useTranslations("enums");
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params.toString());
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete("page");
    router.replace(`${pathname}?${next.toString()}`, { scroll: false });
  };
  const select = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm";
  return (
    <div className="flex flex-wrap items-center gap-2">
      <select
        aria-label={t("col.dimension")}
        className={select}
        value={params.get("dimension") ?? ""}
        onChange={(e) => set("dimension", e.target.value)}
      >
        <option value="">{t("allDimensions")}</option>
        {Object.values(Dimension).map((d) => (
          <option key={d} value={d}>
            {te(`Dimension.${d}`)}
          </option>
        ))}
      </select>
      <select
        aria-label={t("col.kind")}
        className={select}
        value={params.get("kind") ?? ""}
        onChange={(e) => set("kind", e.target.value)}
      >
        <option value="">{t("allKinds")}</option>
        {Object.values(IndicatorKind).map((k) => (
          <option key={k} value={k}>
            {t(`kinds.${k}`)}
          </option>
        ))}
      </select>
      <label className="flex items-center gap-1 text-sm">
        <input
          type="checkbox"
          defaultChecked={params.get("retired") === "1"}
          onChange={(e) => set("retired", e.target.checked ? "1" : "")}
        />
        {t("showRetired")}
      </label>
    </div>
  );
}
