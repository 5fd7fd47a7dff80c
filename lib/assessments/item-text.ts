/**
 * How an assessment item reads on screen, in the user's language: its name and unit, its
 * scoring rule in words (from the item's own numbers) and, for a computed item, the metric's
 * formula (the `assessments.metrics.<metric>` messages). Shared by the scheme, run and county
 * pages and the printable sheet.
 */
import { Decimal } from "@prisma/client-runtime-utils";
import type { ItemSnapshot } from "@/lib/assessments/snapshot";

type T = (key: string, values?: Record<string, string | number>) => string;

/** The item's name in the language shown. */
export function itemName(item: Pick<ItemSnapshot, "name" | "nameEn">, en: boolean): string {
  return en ? item.nameEn : item.name;
}

/** The item's unit in the language shown ("" when it has none). */
export function itemUnit(item: Pick<ItemSnapshot, "unit" | "unitEn">, en: boolean): string {
  return (en ? (item.unitEn ?? item.unit) : item.unit) ?? "";
}

/** A decimal string without trailing zeros ("1.50" → "1.5", "2.0000" → "2"). */
export function plainNumber(value: string): string {
  return value.includes(".") ? value.replace(/\.?0+$/, "") : value;
}

/**
 * The item's scoring rule in words, e.g. "达到目标得20分；每超出5%加0.5分，最多加1分；每低于5%扣2分，
 * 最低0分" (t: the `assessments` translator).
 */
export function ruleText(item: ItemSnapshot, t: T, en: boolean): string {
  const unit = itemUnit(item, en);
  const n = plainNumber;
  const parts: string[] = [];
  if (item.scoring === "TARGET") {
    parts.push(t("rule.base", { points: n(item.basePoints) }));
    if (item.bonusStep && item.bonusPerStep && Number(item.maxBonusPoints) > 0) {
      parts.push(
        t(item.direction === "LOWER" ? "rule.bonusLower" : "rule.bonus", {
          step: n(item.bonusStep),
          unit,
          points: n(item.bonusPerStep),
          cap: n(item.maxBonusPoints),
        }),
      );
    }
    if (item.deductionStep && item.deductionPerStep) {
      parts.push(
        t(item.direction === "LOWER" ? "rule.deductionLower" : "rule.deduction", {
          step: n(item.deductionStep),
          unit,
          points: n(item.deductionPerStep),
          floor: n(item.floorPoints),
        }),
      );
    }
  } else if (item.scoring === "OCCURRENCES") {
    if (item.category === "DEDUCTION") {
      parts.push(
        t("rule.perDeduction", {
          points: n(item.deductionPerStep ?? "0"),
          floor: n(item.floorPoints),
        }),
      );
    } else {
      parts.push(
        t("rule.perBonus", { points: n(item.bonusPerStep ?? "0"), cap: n(item.maxBonusPoints) }),
      );
    }
  } else {
    parts.push(
      t("rule.points", {
        min: n(item.floorPoints),
        max: n(new Decimal(item.basePoints).plus(item.maxBonusPoints).toFixed(2)),
      }),
    );
  }
  return parts.join(t("rule.separator"));
}

/** What a computed item measures, in words (empty for an entered item). */
export function formulaText(item: Pick<ItemSnapshot, "kind" | "metric">, t: T): string {
  return item.kind === "COMPUTED" && item.metric ? t(`metrics.${item.metric}.formula`) : "";
}
