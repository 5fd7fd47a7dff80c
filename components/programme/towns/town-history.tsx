import { useTranslations } from "next-intl";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { TownEventView } from "@/lib/towns/queries";
import { useDates } from "@/lib/i18n/dates";

/**
 * A town's history as a timeline of dated events (Asia/Shanghai calendar dates), each with the
 * document that decided it; renames and code changes show the values before and after, a
 * merge the surviving town. `linkBase` prefixes links to other towns (e.g. "/admin/towns").
 */
export function TownHistory({
  events,
  en,
  linkBase,
  testId = "town-history",
}: {
  events: TownEventView[];
  en: boolean;
  linkBase: string;
  testId?: string;
}) {
  const t = useTranslations("townRegister");
  const te = useTranslations("enums");
  const dates = useDates();
  if (events.length === 0) return <p className="mt-3 text-sm text-slate-500">{t("noEvents")}</p>;
  return (
    <ol className="mt-3 space-y-3 border-l-2 border-slate-200 pl-4" data-testid={testId}>
      {events.map((e) => (
        <li key={e.id} className="relative text-sm">
          <span className="absolute -left-[1.4rem] top-1.5 h-2.5 w-2.5 rounded-full bg-brand-600" />
          <div className="flex flex-wrap items-baseline gap-2">
            <time dateTime={e.effectiveOn} className="font-medium tabular-nums">
              {dates.date(e.effectiveOn)}
            </time>
            <Badge tone={e.kind === "TITLE_STRIPPED" || e.kind === "MERGED" ? "red" : "neutral"}>
              {t(`events.${e.kind}`)}
            </Badge>
            <span>
              {(e.kind === "RENAMED" || e.kind === "CODE_CHANGED") &&
                t("eventChange", { from: e.previousValue ?? "", to: e.newValue ?? "" })}
              {e.kind === "MERGED" && e.relatedTown && (
                <Link
                  href={`${linkBase}/${e.relatedTown.divisionCode}`}
                  className="text-brand-700 hover:underline"
                >
                  {t("eventMerged", {
                    name: (en && e.relatedTown.nameEn) || e.relatedTown.name,
                    code: e.relatedTown.divisionCode,
                  })}
                </Link>
              )}
              {e.title &&
                e.title !== "NONE" &&
                (e.year
                  ? t("eventAwardYear", { title: te(`Attainment.${e.title}`), year: e.year })
                  : t("eventTitle", { title: te(`Attainment.${e.title}`) }))}
            </span>
          </div>
          <p className="text-slate-600">
            {t("document")}: {e.document ?? "—"}
            {e.note ? ` · ${e.note}` : ""}
          </p>
        </li>
      ))}
    </ol>
  );
}
