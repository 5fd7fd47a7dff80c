"use client";

import { useTranslations } from "next-intl";
import { jumpToField } from "@/components/forms/jump-to-field";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { blockingItems, itemsByDimension, type CheckItem } from "@/lib/domain/report-checklist";
import type { ReportSheet } from "@/lib/reports/sheet";
import { cn } from "@/lib/utils";

/** The DOM id of the row (indicator or project) an item concerns: the target of its link. */
export function itemAnchor(item: Pick<CheckItem, "indicatorId" | "code">): string {
  return item.indicatorId !== null ? `indicator-${item.code}` : `project-${item.code}`;
}

/** Goes to the field an item concerns (`field-<field>`) in its row (components/forms/jump-to-field.ts). */
function jumpTo(item: CheckItem) {
  jumpToField(
    document.getElementById(itemAnchor(item)),
    document.getElementById(`field-${item.field}`),
  );
}

/**
 * "Before you submit" (issue 13, item 1): what is still missing from the report, grouped by the
 * five beauties (then projects without a dimension), each item a link to its field. Blockers
 * (the server refuses the submission while one remains) and warnings are marked apart. The
 * items come from lib/reports/sheet.ts `sheetChecklist` on the form's live draft — the same
 * function the server's submit calls. `refused`: the server's message after a refused submit,
 * (any text: the card then says "N items still block" with the live count, as an alert, until
 * nothing blocks).
 */
export function ReportChecklist({
  sheet,
  items,
  refused,
}: {
  sheet: Pick<ReportSheet, "indicators" | "projects">;
  items: CheckItem[];
  refused?: string;
}) {
  const t = useTranslations("reportChecks");
  const te = useTranslations("enums");
  const tAll = useTranslations();
  const names = new Map<string, string>([
    ...sheet.indicators.map((i) => [`i${i.id}`, i.name] as const),
    ...sheet.projects.map((p) => [`p${p.id}`, p.name] as const),
  ]);
  const nameOf = (item: CheckItem) =>
    names.get(item.indicatorId !== null ? `i${item.indicatorId}` : `p${item.projectId}`) ?? "";
  // An invalid value is named with the reason the save gives (indicatorValue.*).
  const describe = (item: CheckItem) =>
    item.kind === "invalidValue"
      ? t("kind.invalidValue", { reason: tAll(item.values.reason ?? "", item.values) })
      : t(`kind.${item.kind}`, item.values);
  const blockers = blockingItems(items).length;
  const warnings = items.length - blockers;
  // The refusal is said again with the live count, and goes once nothing blocks any more (the
  // server's own message would keep its count from the moment it refused).
  const refusedNow = refused !== undefined && blockers > 0;
  return (
    <Card
      id="report-checklist"
      data-testid="report-checklist"
      role={refusedNow ? "alert" : undefined}
      className={cn("scroll-mt-36", refusedNow && "border-red-300")}
    >
      <div className="flex flex-wrap items-center gap-2">
        <CardTitle>{t("title")}</CardTitle>
        {blockers > 0 && <Badge tone="red">{t("blockers", { count: blockers })}</Badge>}
        {warnings > 0 && <Badge tone="amber">{t("warnings", { count: warnings })}</Badge>}
      </div>
      {refusedNow && (
        <p className="mt-2 text-sm font-medium text-red-700">{t("refused", { count: blockers })}</p>
      )}
      {blockers === 0 && <p className="mt-2 text-sm text-green-700">{t("ready")}</p>}
      {itemsByDimension(items).map(([dimension, list]) => (
        <div key={dimension ?? "projects"} className="mt-3">
          <h3 className="text-sm font-semibold text-slate-800">
            {dimension ? te(`Dimension.${dimension}`) : t("projects")}
          </h3>
          <ul className="mt-1 space-y-1 text-sm">
            {list.map((item) => (
              <li
                key={`${item.kind}-${item.field}`}
                data-kind={item.kind}
                data-severity={item.severity}
                className="flex flex-wrap items-baseline gap-x-2"
              >
                <Badge tone={item.severity === "BLOCKER" ? "red" : "amber"}>
                  {t(item.severity === "BLOCKER" ? "blocker" : "warning")}
                </Badge>
                <a
                  href={`#${itemAnchor(item)}`}
                  className="font-medium text-brand-700 hover:underline"
                  onClick={(event) => {
                    event.preventDefault();
                    jumpTo(item);
                  }}
                >
                  {nameOf(item)}
                </a>
                <span className="text-slate-600">{describe(item)}</span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </Card>
  );
}
