import { useLocale, useTranslations } from "next-intl";
import type { RatingView } from "@/lib/ratings/queries";
import { cn } from "@/lib/utils";
import { SheetStatusBadge } from "./rating-parts";

/**
 * The panel's sheets side by side (one column per panelist, the town's self-assessment first,
 * the panel's mean last), item by item with the comments, the items whose spread and the
 * reviewers whose deviation exceed the scheme's limits highlighted, and the sheets a trimmed
 * mean dropped marked. Before the viewer may see the panel's points (blind scoring, see
 * lib/domain/rating-status.ts) only each panelist's progress is shown.
 */
export function PanelComparison({ view }: { view: RatingView }) {
  const t = useTranslations("ratings");
  const en = useLocale() === "en";
  const result = view.result;
  const spread = new Map(result?.spreadItems.map((s) => [s.code, s.spread]) ?? []);
  const deviating = new Map(
    result?.deviatingReviewers.map((d) => [d.reviewerId, d.deviation]) ?? [],
  );
  const dropped = new Set(result?.dropped ?? []);
  const self = view.selfAssessment;

  const header = (
    <ul className="flex flex-wrap gap-3 text-sm" data-testid="panel-progress">
      {view.panel.map((p) => (
        <li key={p.reviewerId} className="flex items-center gap-1">
          <span>{p.reviewerName}</span>
          {p.crossReview && <span className="text-xs text-slate-500">{t("crossReview")}</span>}
          <SheetStatusBadge status={p.status} />
        </li>
      ))}
    </ul>
  );
  if (!view.panelVisible) {
    return (
      <div className="space-y-2">
        {header}
        <p className="text-sm text-slate-500">{t("blindNote")}</p>
      </div>
    );
  }

  const columns = view.panel;
  return (
    <div className="space-y-3">
      {header}
      <div className="overflow-x-auto">
        <table className="w-full min-w-[40rem] text-sm" data-testid="panel-table">
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th className="py-1 pr-2">{t("item")}</th>
              <th className="px-2 text-right">{t("max")}</th>
              {self && <th className="px-2 text-right">{t("self")}</th>}
              {columns.map((p) => (
                <th
                  key={p.reviewerId}
                  className={cn("px-2 text-right", deviating.has(p.reviewerId) && "text-red-700")}
                >
                  {p.reviewerName}
                  {dropped.has(p.reviewerId) && (
                    <span className="block font-normal">{t("droppedSheet")}</span>
                  )}
                  {deviating.has(p.reviewerId) && (
                    <span className="block font-normal">
                      {t("deviation", { points: deviating.get(p.reviewerId)! })}
                    </span>
                  )}
                </th>
              ))}
              <th className="px-2 text-right">{t("panelMean")}</th>
            </tr>
          </thead>
          <tbody>
            {view.scheme.categories.flatMap((category) => [
              <tr key={`c-${category.id}`} className="border-t border-slate-200 bg-slate-50">
                <td colSpan={4 + columns.length} className="px-2 py-1 font-medium">
                  {(en && category.nameEn) || category.name}（{category.maxPoints}）
                </td>
              </tr>,
              ...category.items.map((item) => {
                const flagged = spread.get(item.code);
                return (
                  <tr
                    key={item.id}
                    className={cn("border-t border-slate-100 align-top", flagged && "bg-amber-50")}
                    data-testid={`panel-row-${item.code}`}
                  >
                    <td className="py-1.5 pr-2">
                      <span className="text-xs text-slate-500">{item.code}</span>{" "}
                      {(en && item.nameEn) || item.name}
                      {flagged && (
                        <span className="ml-1 text-xs font-medium text-amber-800">
                          {t("spreadFlag", { points: flagged })}
                        </span>
                      )}
                    </td>
                    <td className="px-2 text-right text-slate-500">{item.maxPoints}</td>
                    {self && (
                      <td className="px-2 text-right text-slate-600">
                        {self.items[item.id]?.points ?? "—"}
                      </td>
                    )}
                    {columns.map((p) => {
                      const score = p.scores[item.id];
                      return (
                        <td key={p.reviewerId} className="px-2 text-right">
                          {score?.points ?? "—"}
                          {score?.comment && (
                            <span className="block text-left text-xs text-slate-500">
                              {score.comment}
                            </span>
                          )}
                        </td>
                      );
                    })}
                    <td className="px-2 text-right font-medium">
                      {result?.items[item.code] ?? "—"}
                    </td>
                  </tr>
                );
              }),
            ])}
            <tr className="border-t-2 border-slate-300 font-semibold">
              <td className="py-1.5 pr-2">{t("total")}</td>
              <td className="px-2 text-right">{view.scheme.maxPoints}</td>
              {self && <td className="px-2 text-right">{self.total ?? "—"}</td>}
              {columns.map((p) => (
                <td key={p.reviewerId} className="px-2 text-right">
                  {p.total ?? "—"}
                </td>
              ))}
              <td className="px-2 text-right" data-testid="panel-total">
                {result?.total ?? "—"}
              </td>
            </tr>
          </tbody>
        </table>
      </div>
    </div>
  );
}
