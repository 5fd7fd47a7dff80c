import { useLocale, useTranslations } from "next-intl";
import type { ReactNode } from "react";

/** One 考核内容 (category) of a sheet with its subtotal (points) and its items as a list. */
export function CategorySection({
  name,
  maxPoints,
  children,
}: {
  name: string;
  maxPoints: string;
  children: ReactNode;
}) {
  const t = useTranslations("ratings");
  return (
    <section className="rounded-lg border border-slate-200 bg-white">
      <h3 className="flex items-baseline justify-between border-b border-slate-100 px-4 py-2 font-semibold">
        <span>{name}</span>
        <span className="text-sm font-normal text-slate-500">
          {t("subtotal", { points: maxPoints })}
        </span>
      </h3>
      <ul className="divide-y divide-slate-100">{children}</ul>
    </section>
  );
}

/** The scheme item a sheet line is about, as the sheet layout names it. */
type SheetItem = {
  code: string;
  indicator: string | null;
  indicatorEn: string | null;
  name: string;
  nameEn: string;
  maxPoints: string;
  evidenceHint: string | null;
};

/**
 * The heading of an item on a sheet: code, 考核指标, 考核要点, 分值, and the 评分指导点 (the
 * evidence expected) below.
 */
export function ItemHeading({ item }: { item: SheetItem }) {
  const t = useTranslations("ratings");
  const en = useLocale() === "en";
  return (
    <>
      <div className="flex flex-wrap items-baseline gap-x-3">
        <span className="text-xs text-slate-500">{item.code}</span>
        {item.indicator && (
          <span className="text-sm text-slate-600">
            {(en && item.indicatorEn) || item.indicator}
          </span>
        )}
        <span className="font-medium">{(en && item.nameEn) || item.name}</span>
        <span className="text-sm text-slate-500">{t("maxPoints", { points: item.maxPoints })}</span>
      </div>
      {item.evidenceHint && (
        <p className="text-xs text-slate-500">
          {t("evidenceHintLine", { text: item.evidenceHint })}
        </p>
      )}
    </>
  );
}
