import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { AssessmentRunStatus } from "@/lib/generated/prisma/enums";
import { useDates } from "@/lib/i18n/dates";

const tone = {
  DRAFT: "neutral",
  COMPUTED: "amber",
  PUBLISHED: "green",
  SUPERSEDED: "neutral",
} as const;

/** A run's status as a badge. */
export function RunStatusBadge({ status }: { status: AssessmentRunStatus }) {
  const t = useTranslations("assessments");
  return <Badge tone={tone[status]}>{t(`runStatus.${status}`)}</Badge>;
}

/** "第2版 · 已发布 · 2026-03-20 15:00 由 张三" and the reason of a recomputation. */
export function RunLine({
  run,
}: {
  run: {
    version: number;
    status: AssessmentRunStatus;
    reason: string | null;
    computedAt: string | null;
    computedBy: string | null;
    publishedAt: string | null;
    publishedBy: string | null;
    judgedOn: string | null;
  };
}) {
  const t = useTranslations("assessments");
  const dates = useDates();
  const at = (iso: string) => dates.dateTime(iso);
  return (
    <span className="inline-flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
      <span className="font-medium">{t("run.version", { version: run.version })}</span>
      <RunStatusBadge status={run.status} />
      {run.publishedAt && (
        <span className="text-slate-600">
          {t("run.publishedAt", { at: at(run.publishedAt), by: run.publishedBy ?? "—" })}
        </span>
      )}
      {!run.publishedAt && run.computedAt && (
        <span className="text-slate-600">
          {t("run.computedAt", { at: at(run.computedAt), by: run.computedBy ?? "—" })}
        </span>
      )}
      {run.judgedOn && (
        <span className="text-slate-500">
          {t("run.judgedOn", { date: dates.date(run.judgedOn) })}
        </span>
      )}
      {run.reason && (
        <span className="text-slate-700">{t("run.reasonLine", { reason: run.reason })}</span>
      )}
    </span>
  );
}
