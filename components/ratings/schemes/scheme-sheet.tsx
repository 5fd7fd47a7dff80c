import { useLocale, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { Criterion } from "@/lib/domain/rating";
import type { SchemeView } from "@/lib/ratings/queries";

type Item = SchemeView["categories"][number]["items"][number];

/** Points as printed: "2", "0.5", "1.25" (the stored 2-place text without trailing zeros). */
function shown(points: string | number): string {
  const text = String(points);
  return text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
}

/** One criterion of an item in words, after its kind. */
function CriterionLine({ label, rule }: { label: string; rule: Criterion }) {
  const t = useTranslations("ratingSchemes");
  const en = useLocale() === "en";
  let line: string;
  switch (rule.kind) {
    case "FIXED":
    case "DEDUCTION":
      line = t(`criterion.${rule.kind}`, { label, points: shown(String(rule.points)) });
      break;
    case "DISCRETIONARY":
      line =
        rule.step === null
          ? t("criterion.DISCRETIONARY", { label, points: shown(String(rule.points)) })
          : t("criterion.DISCRETIONARY_STEP", {
              label,
              points: shown(String(rule.points)),
              step: shown(String(rule.step)),
            });
      break;
    case "TIERED":
      line = t("criterion.TIERED", {
        label,
        tiers: rule.tiers
          .map((tier) =>
            t("criterion.tier", {
              label: (en && tier.labelEn) || tier.label,
              points: shown(String(tier.points)),
            }),
          )
          .join(t("criterion.tierSeparator")),
      });
      break;
    case "VETO":
      line =
        rule.effect === "CAP"
          ? t("criterion.VETO_CAP", { label, stars: rule.capStars ?? "" })
          : t("criterion.VETO_VOID", { label });
      break;
  }
  return (
    <li className="flex gap-2">
      <Badge tone={rule.kind === "VETO" || rule.kind === "DEDUCTION" ? "red" : "neutral"}>
        {t(`kinds.${rule.kind}`)}
      </Badge>
      <span>{line}</span>
    </li>
  );
}

/** How many rows from `index` on share item `index`'s indicator (0 when it continues one). */
function indicatorSpan(items: Item[], index: number): number {
  const indicator = items[index]!.indicator;
  if (indicator !== null && items[index - 1]?.indicator === indicator) return 0;
  let span = 1;
  while (indicator !== null && items[index + span]?.indicator === indicator) span++;
  return span;
}

/**
 * A scheme read-only in the layout of Chinese evaluation sheets: 考核内容 with its subtotal |
 * 考核指标 | 考核要点 | 分值 | 评分标准 (the written standard, then its criteria as the reviewers
 * score them) | 评分指导点; a category's cells span its items, an indicator's its consecutive
 * items. Items are changed through the .xlsx file, not here.
 */
export function SchemeSheet({ scheme }: { scheme: SchemeView }) {
  const t = useTranslations("ratingSchemes.sheet");
  const en = useLocale() === "en";
  const pick = (zh: string | null, english: string | null) => (en && english) || zh || "";
  if (scheme.categories.length === 0) {
    return <p className="text-sm text-slate-500">{t("empty")}</p>;
  }
  const headers = ["category", "subtotal", "indicator", "item", "points", "standard", "evidence"];
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-[56rem] border-collapse text-sm" data-testid="scheme-sheet">
        <thead className="bg-slate-50">
          <tr>
            {headers.map((h) => (
              <th
                key={h}
                scope="col"
                className="border border-slate-200 px-2 py-2 text-left font-medium text-slate-600"
              >
                {t(h)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {scheme.categories.map((c) =>
            c.items.map((item, i) => {
              const span = indicatorSpan(c.items, i);
              return (
                <tr key={item.id} className="align-top">
                  {i === 0 && (
                    <>
                      <th
                        scope="rowgroup"
                        rowSpan={c.items.length}
                        className="border border-slate-200 px-2 py-2 text-left font-medium"
                      >
                        {pick(c.name, c.nameEn)}
                      </th>
                      <td rowSpan={c.items.length} className="border border-slate-200 px-2 py-2">
                        {shown(c.maxPoints)}
                      </td>
                    </>
                  )}
                  {span > 0 && (
                    <td rowSpan={span} className="border border-slate-200 px-2 py-2">
                      {pick(item.indicator, item.indicatorEn)}
                    </td>
                  )}
                  <td className="border border-slate-200 px-2 py-2">
                    <span className="mr-1 text-xs text-slate-500">{item.code}</span>
                    {pick(item.name, item.nameEn)}
                  </td>
                  <td className="border border-slate-200 px-2 py-2 whitespace-nowrap">
                    {shown(item.maxPoints)}
                    {item.floorPoints !== "0.00" && (
                      <span className="block text-xs text-slate-500">
                        {t("floor", { points: shown(item.floorPoints) })}
                      </span>
                    )}
                  </td>
                  <td className="border border-slate-200 px-2 py-2">
                    {pick(item.guidance, item.guidanceEn) && (
                      <p className="mb-2">{pick(item.guidance, item.guidanceEn)}</p>
                    )}
                    <ul className="space-y-1">
                      {item.criteria.map((k) => (
                        <CriterionLine key={k.id} label={pick(k.label, k.labelEn)} rule={k.rule} />
                      ))}
                    </ul>
                  </td>
                  <td className="border border-slate-200 px-2 py-2">{item.evidenceHint}</td>
                </tr>
              );
            }),
          )}
        </tbody>
      </table>
    </div>
  );
}
