"use client";

import { useTranslations } from "next-intl";
import { ConflictResolver, type ConflictRow } from "@/components/forms/conflict-resolver";
import type { ServerDraft } from "@/components/forms/use-versioned-autosave";
import {
  diffDrafts,
  mergeDrafts,
  type DraftDifference,
  type DraftProjectField,
  type ReportDraft,
} from "@/lib/reports/draft";
import type { ReportSheet } from "@/lib/reports/sheet";

const PROJECT_LABELS: Record<DraftProjectField, string> = {
  completedInvestmentWan: "completedFor",
  percentComplete: "percentFor",
  status: "statusFor",
  note: "noteFor",
};

/**
 * The report form's edit conflict (issue 13, item 4): the fields where the township's unsaved
 * draft and the version saved meanwhile differ (lib/reports/draft.ts diffDrafts), labelled as
 * the form labels them, side by side; `onApply` receives the draft with the user's choice per
 * field (mergeDrafts) to save against the other version.
 */
export function ReportConflict({
  sheet,
  mine,
  server,
  onApply,
}: {
  sheet: ReportSheet;
  mine: ReportDraft;
  server: ServerDraft<ReportDraft>;
  onApply: (merged: ReportDraft) => void;
}) {
  const t = useTranslations("reports");
  const te = useTranslations("enums");
  const tc = useTranslations("saveRecovery.conflict");
  const indicators = new Map(sheet.indicators.map((i) => [i.id, i]));
  const projects = new Map(sheet.projects.map((p) => [p.id, p]));

  const label = ({ field }: DraftDifference): string => {
    switch (field.kind) {
      case "value": {
        const i = indicators.get(field.indicatorId);
        return i ? `${i.name} (${i.unit})` : String(field.indicatorId);
      }
      case "note":
        return t("noteFor", { name: indicators.get(field.indicatorId)?.name ?? "" });
      case "project":
        return t(PROJECT_LABELS[field.field], {
          name: projects.get(field.projectId)?.name ?? "",
        });
      default:
        return t(field.kind);
    }
  };

  const show = (d: DraftDifference, side: "mine" | "theirs"): string => {
    const text = d[side];
    const { field } = d;
    if (field.kind === "project" && field.field === "status") {
      return te(`ProjectStatus.${text}`);
    }
    if (field.kind !== "value") return text;
    const boolean = indicators.get(field.indicatorId)?.valueType === "BOOLEAN";
    const value = boolean && text !== "" ? t(text === "1" ? "yes" : "no") : text;
    const confirmation = side === "mine" ? d.mineConfirmation : d.theirsConfirmation;
    return confirmation?.note.trim()
      ? `${value} · ${tc("confirmed", { note: confirmation.note })}`
      : value;
  };

  const differences = diffDrafts(mine, server.draft, sheet.indicators);
  const rows: ConflictRow[] = differences.map((d) => ({
    key: d.key,
    label: label(d),
    mine: show(d, "mine"),
    theirs: show(d, "theirs"),
  }));
  return (
    <ConflictResolver
      rows={rows}
      savedBy={server.savedBy}
      savedAt={server.savedAt}
      onApply={(choices) => onApply(mergeDrafts(mine, server.draft, choices))}
    />
  );
}
