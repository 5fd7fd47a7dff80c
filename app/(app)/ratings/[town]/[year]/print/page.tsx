import { getLocale, getTranslations } from "next-intl/server";
import { PanelComparison } from "@/components/ratings/panel-comparison";
import { PrintButton } from "@/components/ratings/print-button";
import { Stars } from "@/components/ratings/rating-parts";
import { requirePageActor } from "@/lib/auth/session";
import { loadOrNotFound } from "@/lib/pages";
import { getRatingView } from "@/lib/ratings/queries";
import { getDates } from "@/lib/i18n/dates-server";

/**
 * A printable page of one town's rating: the panel's result and side-by-side table, then each
 * sheet the viewer may see on a page of its own (item, maximum, points, comment, total, the
 * reviewer and date), for signing and filing. The same visibility rules as the rating page.
 */
export default async function RatingPrintPage({
  params,
}: {
  params: Promise<{ town: string; year: string }>;
}) {
  const { town, year } = await params;
  const actor = await requirePageActor(`/ratings/${town}/${year}/print`);
  const view = await loadOrNotFound(() => getRatingView(actor, town, Number(year)));
  const t = await getTranslations("ratings");
  const dates = await getDates();
  const en = (await getLocale()) === "en";
  const townName = (en && view.town.nameEn) || view.town.name;
  const sheets = view.panel.filter((p) => Object.keys(p.scores).length > 0);
  return (
    <article className="space-y-6 bg-white p-4 text-sm print:p-0">
      <div className="flex items-center justify-between print:hidden">
        <PrintButton />
      </div>
      <header className="space-y-1 text-center">
        <h1 className="text-xl font-semibold">
          {t("ratingTitle", { town: townName, year: view.year })}
        </h1>
        <p>
          {en ? view.town.countyNameEn : view.town.countyName} ·{" "}
          {(en && view.scheme.nameEn) || view.scheme.name}
        </p>
        {view.result && (
          <p className="text-base">
            {t("printResult", { points: view.result.total ?? "—", max: view.scheme.maxPoints })}{" "}
            <Stars stars={view.result.stars} />
          </p>
        )}
      </header>
      {actor.role !== "TOWNSHIP_STAFF" && <PanelComparison view={view} />}
      {sheets.map((sheet) => (
        <section key={sheet.reviewerId} className="break-before-page space-y-2">
          <h2 className="text-lg font-semibold">
            {t("sheetOf", { reviewer: sheet.reviewerName, town: townName })}
          </h2>
          <table className="w-full border-collapse text-xs">
            <thead>
              <tr className="border-b border-slate-400 text-left">
                <th className="py-1 pr-2">{t("item")}</th>
                <th className="px-2 text-right">{t("max")}</th>
                <th className="px-2 text-right">{t("itemPoints")}</th>
                <th className="px-2">{t("comment")}</th>
              </tr>
            </thead>
            <tbody>
              {view.scheme.categories.flatMap((c) =>
                c.items.map((item) => (
                  <tr key={item.id} className="border-b border-slate-200 align-top">
                    <td className="py-1 pr-2">
                      {item.code} {(en && item.nameEn) || item.name}
                    </td>
                    <td className="px-2 text-right">{item.maxPoints}</td>
                    <td className="px-2 text-right">{sheet.scores[item.id]?.points ?? "—"}</td>
                    <td className="px-2">{sheet.scores[item.id]?.comment ?? ""}</td>
                  </tr>
                )),
              )}
              <tr className="font-semibold">
                <td className="py-1 pr-2">{t("total")}</td>
                <td className="px-2 text-right">{view.scheme.maxPoints}</td>
                <td className="px-2 text-right">{sheet.total ?? "—"}</td>
                <td />
              </tr>
            </tbody>
          </table>
          <p>
            {t("signature", {
              reviewer: sheet.reviewerName,
              date: sheet.submittedAt ? dates.date(sheet.submittedAt) : "—",
            })}
          </p>
        </section>
      ))}
    </article>
  );
}
