import { useTranslations } from "next-intl";
import Link from "next/link";
import { Card, CardTitle } from "@/components/ui/card";
import { daysUntil } from "@/lib/domain/calendar";
import { blockingItems } from "@/lib/domain/report-checklist";
import type { CreationTarget, Track } from "@/lib/generated/prisma/enums";
import type { ReportRow } from "@/lib/reports/queries";
import type { ReportSheet } from "@/lib/reports/sheet";
import { cn } from "@/lib/utils";
import { groupByDimension, StatusBadge } from "./report-parts";
import { useDates } from "@/lib/i18n/dates";

/** "还剩 3 天" / "今天截止" / "已逾期 2 天" for a calendar due date. */
export function Countdown({ due, today }: { due: Date; today: Date }) {
  const t = useTranslations("reports");
  const days = daysUntil(due, today);
  return (
    <span
      data-testid="countdown"
      className={cn(
        "text-sm font-medium",
        days < 0 ? "text-red-700" : days <= 7 ? "text-amber-700" : "text-slate-600",
      )}
    >
      {days > 0
        ? t("daysLeft", { days })
        : days === 0
          ? t("dueToday")
          : t("daysLate", { days: -days })}
    </span>
  );
}

/** The year's task: target, track and the task deadline with its countdown. */
export function TaskCard({
  task,
  today,
}: {
  task: {
    year: number;
    target: CreationTarget;
    track: Track;
    deadline: Date;
    indicatorTargets: unknown[];
    projects: unknown[];
  };
  today: Date;
}) {
  const t = useTranslations("reports");
  const te = useTranslations("enums");
  const dates = useDates();
  return (
    <Card>
      <CardTitle>{t("taskTitle", { year: task.year })}</CardTitle>
      <dl className="mt-3 grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
        <dt className="text-slate-500">{t("target")}</dt>
        <dd>{te(`CreationTarget.${task.target}`)}</dd>
        <dt className="text-slate-500">{t("track")}</dt>
        <dd>{te(`Track.${task.track}`)}</dd>
        <dt className="text-slate-500">{t("deadline")}</dt>
        <dd className="flex flex-wrap gap-2">
          {dates.date(task.deadline)}
          <Countdown due={task.deadline} today={today} />
        </dd>
        <dt className="text-slate-500">{t("scope")}</dt>
        <dd>
          {t("scopeText", {
            indicators: task.indicatorTargets.length,
            projects: task.projects.length,
          })}
        </dd>
      </dl>
    </Card>
  );
}

/**
 * The report being worked on: due date countdown, what is still missing by dimension, and the
 * reviewer's comments when it was returned.
 */
export function CurrentReportCard({ sheet, today }: { sheet: ReportSheet; today: Date }) {
  const t = useTranslations("reports");
  const te = useTranslations("enums");
  // The blockers of the report's checklist (lib/domain/report-checklist.ts), as saved.
  const blocking = new Set(blockingItems(sheet.checklist).map((item) => item.indicatorId));
  const missing = groupByDimension(sheet.indicators.filter((i) => blocking.has(i.id)));
  const returned = [
    ...sheet.indicators.filter((i) => i.comments.length > 0),
    ...sheet.projects.filter((p) => p.comments.length > 0),
  ];
  const lastReturn =
    sheet.status === "RETURNED" ? sheet.reviews.find((r) => r.decision === "RETURN") : undefined;
  return (
    <Card
      className={cn(sheet.status === "RETURNED" && "border-amber-300")}
      data-testid="current-report"
    >
      <div className="flex flex-wrap items-center gap-3">
        <CardTitle>{t("currentReport", { period: sheet.periodName })}</CardTitle>
        <StatusBadge status={sheet.status} />
        <Countdown due={new Date(`${sheet.dueOn}T00:00:00Z`)} today={today} />
        <Link
          href={`/towns/${sheet.townCode}/reports/${sheet.year}/${sheet.periodIndex}`}
          className="ml-auto text-sm font-medium text-brand-700 hover:underline"
        >
          {t("fillIn")}
        </Link>
      </div>
      {lastReturn && (
        <div className="mt-3 rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          <p className="font-medium">{t("returnedBy", { reviewer: lastReturn.reviewer })}</p>
          {lastReturn.comment && <p>{lastReturn.comment}</p>}
          <ul className="mt-1 list-disc pl-5">
            {returned.map((item) =>
              item.comments.map((c) => (
                <li key={`${item.id}-${c}`}>
                  <span className="font-medium">{item.name}</span>：{c}
                </li>
              )),
            )}
          </ul>
        </div>
      )}
      <h3 className="mt-4 text-sm font-semibold">{t("checklist")}</h3>
      {missing.length === 0 ? (
        <p className="mt-1 text-sm text-green-700">{t("nothingMissing")}</p>
      ) : (
        <ul className="mt-1 space-y-1 text-sm">
          {missing.map(([dimension, list]) => (
            <li key={dimension}>
              <span className="font-medium">{te(`Dimension.${dimension}`)}</span>
              {t("missingCount", { count: list.length })}
              <span className="text-slate-600">{list.map((i) => i.name).join("、")}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** Every report of the town, newest period first. */
export function ReportHistory({ rows, en }: { rows: ReportRow[]; en: boolean }) {
  const t = useTranslations("reports");
  const dates = useDates();
  return (
    <Card className="overflow-x-auto">
      <CardTitle>{t("history")}</CardTitle>
      {rows.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">{t("noReports")}</p>
      ) : (
        <table className="mt-3 w-full text-sm">
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th className="py-1 pr-2">{t("period")}</th>
              <th className="px-2">{t("status")}</th>
              <th className="px-2">{t("submittedAt")}</th>
              <th className="px-2">
                <span className="sr-only">{t("open")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-100">
                <td className="py-1.5 pr-2">{en ? r.period.nameEn : r.period.name}</td>
                <td className="px-2">
                  <StatusBadge status={r.status} />
                </td>
                <td className="px-2 text-slate-600">
                  {r.submittedAt ? dates.dateTime(r.submittedAt) : "—"}
                </td>
                <td className="px-2 text-right">
                  <Link
                    href={`/towns/${r.task.town.divisionCode}/reports/${r.period.year}/${r.period.index}`}
                    className="inline-block py-1 text-brand-700 hover:underline"
                  >
                    {t("open")}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
