import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { STAR_EMPTY_COLOUR, starColour } from "@/lib/charts/star-scale";
import type { RatingStatus, SheetStatus } from "@/lib/generated/prisma/enums";

/** The badge tone of a rating status. */
export function ratingTone(status: RatingStatus) {
  switch (status) {
    case "APPROVED":
      return "green" as const;
    case "SUBMITTED":
      return "blue" as const;
    case "RETURNED":
      return "red" as const;
    case "SCORING":
      return "neutral" as const;
  }
}

/** A rating status as a coloured badge. */
export function RatingStatusBadge({ status }: { status: RatingStatus }) {
  const te = useTranslations("enums");
  return <Badge tone={ratingTone(status)}>{te(`RatingStatus.${status}`)}</Badge>;
}

/** A sheet's (or self-assessment's) status; null = not started. */
export function SheetStatusBadge({ status }: { status: SheetStatus | "NONE" | null }) {
  const te = useTranslations("enums");
  if (status === null || status === "NONE") {
    return <Badge tone="amber">{te("SheetStatus.NONE")}</Badge>;
  }
  return (
    <Badge tone={status === "SUBMITTED" ? "green" : "neutral"}>{te(`SheetStatus.${status}`)}</Badge>
  );
}

/**
 * A star level as ★ marks out of `of` (5 by default) with a text alternative; "—" for none.
 * Stars come from the scheme's bands (lib/domain/star-rating.ts), never computed here; the
 * colour is the level's on the one star scale (lib/charts/star-scale.ts).
 */
export function Stars({ stars, of = 5 }: { stars: number | null; of?: number }) {
  const t = useTranslations("ratings");
  if (stars === null) return <span className="text-slate-400">—</span>;
  return (
    <span role="img" aria-label={t("starsLabel", { stars })} className="whitespace-nowrap">
      <span aria-hidden style={{ color: starColour(stars) }}>
        {"★".repeat(stars)}
      </span>
      <span aria-hidden style={{ color: STAR_EMPTY_COLOUR }}>
        {"★".repeat(Math.max(0, of - stars))}
      </span>
    </span>
  );
}
