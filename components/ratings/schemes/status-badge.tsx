import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { SchemeStatus } from "@/lib/generated/prisma/enums";

/** The badge tone of a scheme status: in use green, draft blue, retired grey. */
export function statusTone(status: SchemeStatus): "green" | "blue" | "neutral" {
  return status === "ACTIVE" ? "green" : status === "DRAFT" ? "blue" : "neutral";
}

/** A scheme's status, and the demo mark when it is a demo scheme. */
export function SchemeBadges({ status, isDemo }: { status: SchemeStatus; isDemo: boolean }) {
  const t = useTranslations("ratingSchemes");
  return (
    <span className="inline-flex flex-wrap gap-2">
      <Badge tone={statusTone(status)} data-testid="scheme-status">
        {t(`status.${status}`)}
      </Badge>
      {isDemo && <Badge tone="amber">{t("demo")}</Badge>}
    </span>
  );
}
