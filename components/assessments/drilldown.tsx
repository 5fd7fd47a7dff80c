import { useTranslations } from "next-intl";
import Link from "next/link";
import type { Drilldown } from "@/lib/assessments/queries";
import type { MetricRow } from "@/lib/domain/county-assessment";
import { useDates } from "@/lib/i18n/dates";

/**
 * The rows behind a computed number (lib/domain/county-assessment.ts MetricResult): the towns,
 * reports, ratings, projects or indicator targets the metric read, each marked as counting or
 * not, with links to the town and its reports. `year` is the assessment's (report links).
 */
export function DrilldownTable({
  drill,
  metric,
  year,
  en,
}: {
  drill: Drilldown;
  /** The metric's name (for the summary line). */
  metric: string;
  year: number;
  en: boolean;
}) {
  const t = useTranslations("assessments");
  const te = useTranslations("enums");
  const dates = useDates();
  if (drill.rows.length === 0) return <p className="text-sm text-slate-600">{t("drill.none")}</p>;
  const kind = drill.rows[0]!.kind;
  const town = (code: string) => {
    const found = drill.towns[code];
    return (
      <Link href={`/towns/${code}`} className="text-brand-700 underline">
        {(found && ((en && found.nameEn) || found.name)) || code}
      </Link>
    );
  };
  const mark = (row: MetricRow) => (
    <span className={row.counts ? "text-green-700" : "text-red-700"}>
      {row.counts ? t(`drill.counts.${kind}`) : t(`drill.notCounts.${kind}`)}
    </span>
  );
  const d = (row: MetricRow, key: string) => row.detail[key];
  const columns: Record<MetricRow["kind"], string[]> = {
    town: ["town", "target", "attainment", "counts"],
    report: ["town", "period", "dueOn", "firstSubmittedAt", "status", "counts"],
    rating: ["town", "stars"],
    project: ["town", "project", "plannedWan", "completedWan", "landMu"],
    indicatorTarget: ["town", "indicator", "target", "value", "counts"],
  };
  const cells = (row: MetricRow): React.ReactNode[] => {
    switch (row.kind) {
      case "town":
        return [
          town(row.townCode),
          d(row, "target") ? te(`CreationTarget.${d(row, "target")}`) : "—",
          te(`Attainment.${d(row, "attainment")}`),
          mark(row),
        ];
      case "report": {
        const submitted = d(row, "firstSubmittedAt");
        return [
          town(row.townCode),
          row.id ? (
            <Link
              href={`/towns/${row.townCode}/reports/${year}/${d(row, "periodIndex")}`}
              className="text-brand-700 underline"
            >
              {t("drill.period", { index: Number(d(row, "periodIndex")) })}
            </Link>
          ) : (
            t("drill.period", { index: Number(d(row, "periodIndex")) })
          ),
          dates.date(String(d(row, "dueOn"))),
          submitted ? dates.dateTime(String(submitted)) : t("drill.never"),
          d(row, "status") ? te(`ReportStatus.${d(row, "status")}`) : t("drill.notStarted"),
          mark(row),
        ];
      }
      case "rating":
        return [town(row.townCode), t("drill.stars", { stars: Number(d(row, "stars")) })];
      case "project":
        return [
          town(row.townCode),
          `${d(row, "code")} ${d(row, "name")}`,
          d(row, "plannedWan") ?? "",
          d(row, "completedWan") ?? "",
          d(row, "landMu") ?? "",
        ];
      case "indicatorTarget": {
        const code = String(d(row, "indicator"));
        const names = drill.indicators[code];
        return [
          town(row.townCode),
          names ? (en ? names.nameEn : names.name) : code,
          String(d(row, "target")),
          d(row, "value") ?? t("drill.noValue"),
          mark(row),
        ];
      }
    }
  };
  const shown = columns[kind].filter(
    (c) =>
      kind !== "project" ||
      drill.rows.some((r) => r.detail[c] !== undefined) ||
      c === "town" ||
      c === "project",
  );
  return (
    <div className="overflow-x-auto">
      <p className="mb-1 text-sm text-slate-700">
        {t(`drill.summary.${metric}`, {
          numerator: drill.numerator ?? "0",
          denominator: drill.denominator ?? "0",
        })}
      </p>
      <table className="min-w-full text-sm" data-testid="drilldown">
        <thead>
          <tr className="border-b border-slate-200 text-left">
            {shown.map((c) => (
              <th key={c} scope="col" className="px-2 py-1 font-medium text-slate-600">
                {t(`drill.column.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {drill.rows.map((row, i) => {
            const all = cells(row);
            return (
              <tr
                key={`${row.townCode}-${row.id ?? "x"}-${i}`}
                className="border-b border-slate-100"
              >
                {columns[kind].map((c, j) =>
                  shown.includes(c) ? (
                    <td key={c} className="px-2 py-1 tabular-nums">
                      {all[j]}
                    </td>
                  ) : null,
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
