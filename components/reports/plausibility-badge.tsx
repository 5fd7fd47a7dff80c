import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { PLAUSIBILITY_RULE, isImplausible, needsConfirmation } from "@/lib/domain/plausibility";
import type { SheetIndicator } from "@/lib/reports/sheet";

/**
 * The reviewer's flag on an implausible value (issue 13, item 2; lib/domain/plausibility.ts):
 * "unusual value", what it was measured against, and the township's confirmation note (or that
 * it was not confirmed). Renders nothing for a plausible or empty value.
 */
export function PlausibilityBadge({ indicator: i }: { indicator: SheetIndicator }) {
  const t = useTranslations("reportChecks");
  const value = i.value === "" ? null : i.value;
  if (!isImplausible(value, i.plausibility)) return null;
  const bound = i.plausibility!;
  const confirmed = !needsConfirmation(value, bound, {
    value: i.confirmedValue === "" ? null : i.confirmedValue,
    note: i.confirmationNote,
  });
  return (
    <div className="mt-1 max-w-xs text-xs font-normal" data-testid="plausibility-flag">
      <Badge tone="amber">{t("flag.label")}</Badge>{" "}
      <span className="text-slate-600">
        {t(bound.basis === "TOWN" ? "flag.town" : "flag.peers", {
          reference: bound.reference,
          factor: PLAUSIBILITY_RULE.factor,
        })}
      </span>
      <p className={confirmed ? "text-amber-900" : "text-red-700"}>
        {confirmed ? t("flag.confirmed", { note: i.confirmationNote }) : t("flag.unconfirmed")}
      </p>
    </div>
  );
}
