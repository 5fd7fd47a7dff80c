import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { CardTable, type CardTableColumn } from "@/components/ui/card-table";
import { RemoveEvidenceButton } from "./remove-evidence-button";
import type { Dimension, ReportStatus } from "@/lib/generated/prisma/enums";
import type { ReportSheet, SheetEvidence, SheetIndicator, SheetProject } from "@/lib/reports/sheet";
import { cn } from "@/lib/utils";
import { useDates } from "@/lib/i18n/dates";
import { PlausibilityBadge } from "./plausibility-badge";

const DIMENSIONS: Dimension[] = [
  "ENVIRONMENT",
  "LIVING",
  "INDUSTRY",
  "CULTURE",
  "GOVERNANCE",
  "INTEGRATION",
];

/** Indicators grouped by dimension in the glossary's order (五美, then integration). */
export function groupByDimension<T extends Pick<SheetIndicator, "dimension">>(
  indicators: T[],
): [Dimension, T[]][] {
  return DIMENSIONS.map(
    (d) => [d, indicators.filter((i) => i.dimension === d)] as [Dimension, T[]],
  ).filter(([, list]) => list.length > 0);
}

/** The badge tone of a report status. */
export function statusTone(status: ReportStatus) {
  switch (status) {
    case "RETURNED":
      return "red" as const;
    case "SUBMITTED":
      return "blue" as const;
    case "COUNTY_APPROVED":
    case "CITY_CONFIRMED":
      return "green" as const;
    case "DRAFT":
      return "neutral" as const;
  }
}

/** A report status as a coloured badge. */
export function StatusBadge({ status }: { status: ReportStatus }) {
  const te = useTranslations("enums");
  return <Badge tone={statusTone(status)}>{te(`ReportStatus.${status}`)}</Badge>;
}

/** Evidence files as download links (original names kept); a remove button when allowed. */
export function EvidenceLinks({
  evidence,
  onRemove,
}: {
  evidence: SheetEvidence[];
  onRemove?: (evidence: SheetEvidence) => void;
}) {
  if (evidence.length === 0) return null;
  return (
    <ul className="space-y-0.5 text-xs">
      {evidence.map((e) => (
        <li key={e.id} className="flex min-w-0 flex-wrap items-center gap-1">
          <a
            href={`/api/evidence/${e.id}`}
            className="break-all text-brand-700 hover:underline"
            download
          >
            {e.fileName}
          </a>
          <span className="text-slate-400">({Math.max(1, Math.round(e.sizeBytes / 1024))} KB)</span>
          {onRemove && <RemoveEvidenceButton evidence={e} onRemove={onRemove} />}
        </li>
      ))}
    </ul>
  );
}

/** The review history of a report, newest first. */
export function ReviewHistory({ reviews }: { reviews: ReportSheet["reviews"] }) {
  const t = useTranslations("reports");
  const te = useTranslations("enums");
  const dates = useDates();
  if (reviews.length === 0) return null;
  return (
    <Card>
      <CardTitle>{t("reviewHistory")}</CardTitle>
      <ul className="mt-3 space-y-2 text-sm">
        {reviews.map((r) => (
          <li key={`${r.at}-${r.decision}`}>
            <span className="text-slate-500">{dates.dateTime(r.at)}</span>{" "}
            <span className="font-medium">{te(`ReviewDecision.${r.decision}`)}</span> · {r.reviewer}
            {r.comment && <span className="text-slate-700">：{r.comment}</span>}
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** One column of an indicator table: its header and how a row's cell is drawn. */
export type IndicatorColumn = CardTableColumn<SheetIndicator>;

/**
 * A report's indicators as one table per dimension (五美 order), with the columns a screen
 * needs (form, read-only view, review); on a phone each indicator is a card (CardTable). Rows
 * carry `id` and `data-testid` "indicator-<code>" (the report checklist's links jump to the
 * id); rows the reviewer commented on are highlighted when `highlightComments` is set.
 */
export function IndicatorTables({
  indicators,
  columns,
  minWidth,
  highlightComments = true,
}: {
  indicators: SheetIndicator[];
  columns: IndicatorColumn[];
  /** Tailwind min-width class of each table on a wide screen, e.g. "md:min-w-[48rem]". */
  minWidth: string;
  highlightComments?: boolean;
}) {
  const te = useTranslations("enums");
  return groupByDimension(indicators).map(([dimension, group]) => (
    <Card key={dimension} className="overflow-x-auto">
      <CardTitle>{te(`Dimension.${dimension}`)}</CardTitle>
      <CardTable
        rows={group}
        columns={columns}
        minWidth={minWidth}
        rowKey={(i) => i.id}
        rowProps={(i) => ({
          id: `indicator-${i.code}`,
          "data-testid": `indicator-${i.code}`,
          className: cn(highlightComments && i.comments.length > 0 && "bg-amber-50"),
        })}
      />
    </Card>
  ));
}

/** The name, unit and the township's note of an indicator (first column of read-only tables). */
export function IndicatorName({ indicator: i }: { indicator: SheetIndicator }) {
  return (
    <>
      {i.name} <span className="text-xs text-slate-500">({i.unit})</span>
      {i.note && <p className="text-xs text-slate-500">{i.note}</p>}
    </>
  );
}

/** The target and previous-value columns of an indicator table (是/否 on yes/no indicators). */
export function figureColumns(t: (key: "target" | "previous") => string): IndicatorColumn[] {
  return (["target", "previous"] as const).map((figure) => ({
    header: t(figure),
    cell: (i) => <IndicatorFigure indicator={i} figure={figure} />,
    className: "text-slate-600",
    half: true,
  }));
}

/** A stored value as shown: 未填 for not filled (never 0), 是/否 for yes/no, else the number. */
export function IndicatorValueText({ indicator: i }: { indicator: SheetIndicator }) {
  const t = useTranslations("reports");
  if (i.value === "") return <span className="text-slate-400">{t("notFilled")}</span>;
  return <IndicatorFigure indicator={i} figure="value" />;
}

/**
 * One figure of an indicator's row (its value, target or previous value, as the sheet formats
 * them: "1"/"0" for yes/no) as shown: 是/否 (Yes/No) for a yes/no indicator, else the number;
 * "—" when blank.
 */
export function IndicatorFigure({
  indicator: i,
  figure,
}: {
  indicator: SheetIndicator;
  figure: "value" | "target" | "previous";
}) {
  const t = useTranslations("reports");
  const text = i[figure];
  if (text === "") return <>—</>;
  if (i.valueType === "BOOLEAN") return <>{text === "1" ? t("yes") : t("no")}</>;
  return <>{text}</>;
}

/**
 * A report's projects, read-only, as a table (cards on a phone): name (drawn by `name`),
 * planned, completed ("—" when not filled), percent complete and status, then the `extra`
 * columns (the review's comment box). Nothing when the task has no projects.
 */
export function ProjectCards({
  projects,
  minWidth,
  name,
  extra = [],
}: {
  projects: SheetProject[];
  /** Tailwind min-width of the table on a wide screen ("md:min-w-[40rem]"). */
  minWidth: string;
  name: (project: SheetProject) => ReactNode;
  extra?: CardTableColumn<SheetProject>[];
}) {
  const t = useTranslations("reports");
  const te = useTranslations("enums");
  if (projects.length === 0) return null;
  return (
    <Card className="overflow-x-auto">
      <CardTitle>{t("projects")}</CardTitle>
      <CardTable
        rows={projects}
        rowKey={(p) => p.id}
        minWidth={minWidth}
        columns={[
          { header: t("project"), cell: name },
          { header: t("plannedWan"), cell: (p) => p.planned, half: true },
          { header: t("completedWan"), cell: (p) => p.completed || "—", half: true },
          { header: t("percentComplete"), cell: (p) => p.percent || "—", half: true },
          { header: t("projectStatus"), cell: (p) => te(`ProjectStatus.${p.status}`), half: true },
          ...extra,
        ]}
      />
    </Card>
  );
}

/** A submitted (or approved, confirmed) report, read-only: what the township sent. */
export function ReportReadOnly({ sheet }: { sheet: ReportSheet }) {
  const t = useTranslations("reports");
  return (
    <div className="space-y-4">
      <IndicatorTables
        indicators={sheet.indicators}
        minWidth="md:min-w-[40rem]"
        columns={[
          { header: t("indicator"), width: "32%", cell: (i) => <IndicatorName indicator={i} /> },
          ...figureColumns(t),
          {
            header: t("value"),
            // Below the task's target: highlighted (lib/domain/review-flow.ts isBelowTarget).
            cell: (i) => (
              <>
                <span className={cn(i.belowTarget && "text-red-700")}>
                  <IndicatorValueText indicator={i} />
                </span>
                <PlausibilityBadge indicator={i} />
              </>
            ),
            className: "font-medium",
          },
          {
            header: t("evidence"),
            width: "26%",
            cell: (i) => <EvidenceLinks evidence={i.evidence} />,
          },
        ]}
      />
      <ProjectCards
        projects={sheet.projects}
        minWidth="md:min-w-[40rem]"
        name={(p) => (
          <>
            {p.name}
            {p.note && <p className="text-xs text-slate-500">{p.note}</p>}
          </>
        )}
      />
      <Card>
        <CardTitle>{t("narrativeAndScore")}</CardTitle>
        <p className="mt-2 whitespace-pre-wrap text-sm">{sheet.narrative || "—"}</p>
        <p className="mt-2 text-sm">
          {t("selfScore")}：{sheet.selfScore || "—"}
        </p>
      </Card>
    </div>
  );
}
