import { useTranslations } from "next-intl";
import Link from "next/link";
import { Fragment } from "react";
import type { ScoreSheet } from "@/lib/assessments/sheet";
import { cn } from "@/lib/utils";
import { itemName } from "@/lib/assessments/item-text";

/**
 * A run as a performance score sheet (lib/assessments/sheet.ts): a row per item grouped by
 * category with subtotals, a column per county, then totals, ranks and grades. With `base`
 * (another version of the year), every cell that differs from it is highlighted and says what
 * it was; with `itemHref`, each item's points open the county's result at that item. Used on
 * the run page and the printable page. With `rules` (item code → its scoring rule in words,
 * item-text.ts `ruleText`), each item says how its points — a bonus above the base points
 * included — are awarded.
 */
export function ScoreSheetTable({
  sheet,
  base,
  en,
  testId,
  itemHref,
  rules,
}: {
  sheet: ScoreSheet;
  base?: ScoreSheet | null;
  en: boolean;
  testId?: string;
  /** Where an item's points of a county open (its result page, at the item). */
  itemHref?: (countyCode: string, itemCode: string) => string;
  rules?: Record<string, string>;
}) {
  const t = useTranslations("assessments");
  const te = useTranslations("enums");
  const baseLine = (code: string) =>
    base?.groups.flatMap((g) => g.lines).find((l) => l.code === code) ?? null;

  /** A cell, highlighted when the base version had another value. */
  const cell = (
    value: string | number,
    was: string | number | undefined,
    key: string,
    href?: string,
  ) => {
    const changed = base != null && was !== undefined && String(was) !== String(value);
    return (
      <td
        key={key}
        className={cn(
          "border border-slate-300 px-2 py-1 text-right tabular-nums",
          changed && "bg-amber-100 font-semibold print:bg-transparent print:underline",
        )}
        title={changed ? t("run.was", { value: String(was) }) : undefined}
        data-changed={changed ? "true" : undefined}
      >
        {href ? (
          <Link href={href} className="hover:underline">
            {value}
          </Link>
        ) : (
          value
        )}
      </td>
    );
  };

  return (
    <div className="overflow-x-auto" data-testid={testId}>
      <table className="min-w-full border-collapse text-sm">
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className="border border-slate-300 px-2 py-1 text-left">
              {t("sheet.category")}
            </th>
            <th scope="col" className="border border-slate-300 px-2 py-1 text-left">
              {t("sheet.item")}
            </th>
            <th scope="col" className="border border-slate-300 px-2 py-1 text-right">
              {t("sheet.basePoints")}
            </th>
            {sheet.counties.map((c) => (
              <th
                key={c.code}
                scope="col"
                className="border border-slate-300 px-2 py-1 text-right whitespace-nowrap"
              >
                {en ? c.nameEn : c.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sheet.groups.map((group) => (
            <Fragment key={group.category}>
              {group.lines.map((line, i) => (
                <tr key={line.code}>
                  {i === 0 && (
                    <th
                      scope="rowgroup"
                      rowSpan={group.lines.length + 1}
                      className="border border-slate-300 px-2 py-1 text-left align-top font-medium"
                    >
                      {te(`AssessmentCategory.${group.category}`)}
                    </th>
                  )}
                  <th
                    scope="row"
                    className="border border-slate-300 px-2 py-1 text-left font-normal"
                  >
                    {itemName(line, en)}
                    {rules?.[line.code] && (
                      <span className="block text-xs text-slate-500" data-testid="item-rule">
                        {rules[line.code]}
                      </span>
                    )}
                  </th>
                  <td className="border border-slate-300 px-2 py-1 text-right tabular-nums">
                    {line.basePoints}
                  </td>
                  {sheet.counties.map((c) =>
                    cell(
                      line.points[c.code] ?? "",
                      baseLine(line.code)?.points[c.code],
                      c.code,
                      itemHref?.(c.code, line.code),
                    ),
                  )}
                </tr>
              ))}
              <tr className="bg-slate-50 italic">
                <th scope="row" className="border border-slate-300 px-2 py-1 text-left font-normal">
                  {t("sheet.subtotal", { category: te(`AssessmentCategory.${group.category}`) })}
                </th>
                <td className="border border-slate-300 px-2 py-1 text-right tabular-nums">
                  {group.basePoints}
                </td>
                {sheet.counties.map((c) =>
                  cell(
                    group.subtotal[c.code] ?? "",
                    base?.groups.find((g) => g.category === group.category)?.subtotal[c.code],
                    c.code,
                  ),
                )}
              </tr>
            </Fragment>
          ))}
          <tr className="font-semibold">
            <th scope="row" colSpan={2} className="border border-slate-300 px-2 py-1 text-left">
              {t("sheet.total")}
            </th>
            <td className="border border-slate-300 px-2 py-1 text-right tabular-nums">
              {sheet.basePoints}
            </td>
            {sheet.counties.map((c) =>
              cell(sheet.totals[c.code] ?? "", base?.totals[c.code], c.code),
            )}
          </tr>
          <tr className="font-semibold">
            <th scope="row" colSpan={3} className="border border-slate-300 px-2 py-1 text-left">
              {t("sheet.rank")}
            </th>
            {sheet.counties.map((c) =>
              cell(sheet.ranks[c.code] ?? "", base?.ranks[c.code], c.code),
            )}
          </tr>
          <tr className="font-semibold">
            <th scope="row" colSpan={3} className="border border-slate-300 px-2 py-1 text-left">
              {t("sheet.grade")}
            </th>
            {sheet.counties.map((c) =>
              cell(
                te(`Grade.${sheet.grades[c.code]}`),
                base?.grades[c.code] && te(`Grade.${base.grades[c.code]}`),
                c.code,
              ),
            )}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
