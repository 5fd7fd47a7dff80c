"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { FormBar } from "@/components/forms/form-bar";
import { SaveStatus } from "@/components/forms/save-status";
import { useVersionedAutosave } from "@/components/forms/use-versioned-autosave";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { FormMessage } from "@/components/ui/field";
import { FilePicker } from "@/components/ui/file-picker";
import { sendFile } from "@/components/upload/send-file";
import { evidenceAccept } from "@/lib/domain/evidence-file";
import { checkBeforeUpload, type BrowserFileLimit } from "@/lib/domain/upload";
import type { ProjectStatus } from "@/lib/generated/prisma/enums";
import { draftOfSheet, type ReportDraft } from "@/lib/reports/draft";
import { submitReportAction } from "@/lib/reports/actions";
import {
  sheetChecklist,
  type ReportSheet,
  type SheetEvidence,
  type SheetIndicator,
} from "@/lib/reports/sheet";
import { cn } from "@/lib/utils";
import { PlausibilityConfirm } from "./plausibility-confirm";
import { ReportChecklist } from "./report-checklist";
import { ReportConflict } from "./report-conflict";
import { EvidenceLinks, figureColumns, IndicatorTables } from "./report-parts";

type Draft = ReportDraft;

const PROJECT_STATUSES: ProjectStatus[] = ["PLANNED", "IN_PROGRESS", "COMPLETED", "SUSPENDED"];

/**
 * The township's report form (issue 4, item 2): unit-aware inputs per indicator grouped by
 * dimension, with target and last period beside them, the reviewer's comments on returned
 * items, evidence upload per indicator, project progress, narrative and self-score.
 * Every change is auto-saved (debounced) through the versioned draft endpoint; when the tab is
 * hidden or closed, unsaved changes go out with a keepalive request so nothing is lost.
 * A save refused as signed out asks to sign in again and retries; one refused as stale (someone
 * else saved) shows both versions side by side to choose from (issue 13, item 4).
 */
export function ReportForm({
  sheet,
  limits,
}: {
  sheet: ReportSheet;
  /** The server's limits for evidence files and imported tables (lib/limits.ts). */
  limits: { evidence: BrowserFileLimit; import: BrowserFileLimit };
}) {
  const t = useTranslations("reports");
  const tr = useTranslations();
  const te = useTranslations("enums");
  const ti = useTranslations("import");
  const router = useRouter();
  const url = `/api/reports/${sheet.id}/draft`;

  const [draft, setDraft] = useState<Draft>(() => draftOfSheet(sheet));
  const [submitError, setSubmitError] = useState<string>();
  const [refused, setRefused] = useState<string>();
  const [submitting, setSubmitting] = useState(false);
  const [uploadErrors, setUploadErrors] = useState<Record<string, string>>({});
  const [importResult, setImportResult] = useState<{ message: string; rows: string[] }>();
  const draftRef = useRef(draft);
  const autosave = useVersionedAutosave<Draft>({
    url,
    initialVersion: sheet.version,
    payload: () => draftRef.current,
    failedMessage: t("saveFailed"),
    currentUrl: url,
  });
  const { saveState, fieldErrors, changed, save, version } = autosave;

  const update = (change: (current: Draft) => Draft) => {
    const next = change(draftRef.current);
    draftRef.current = next;
    setDraft(next);
    changed();
  };

  async function submit() {
    setSubmitting(true);
    setSubmitError(undefined);
    setRefused(undefined);
    const saved = await save();
    if (saved) {
      const result = await submitReportAction({
        reportId: sheet.id,
        expectedVersion: version(),
      });
      if (result.status === "ok") router.refresh();
      else if (result.fieldErrors) {
        // Refused on the checklist: show it as the reason, with fresh evidence lists.
        setRefused(result.message);
        router.refresh();
        document.getElementById("report-checklist")?.scrollIntoView({ block: "start" });
      } else setSubmitError(result.message);
    }
    setSubmitting(false);
  }

  async function upload(indicatorId: number, file: File) {
    const form = new FormData();
    form.set("file", file);
    form.set("indicatorId", String(indicatorId));
    const result = await sendFile(
      `/api/reports/${sheet.id}/evidence`,
      form,
      file,
      limits.evidence,
      tr,
    );
    if (result.ok) {
      setUploadErrors((e) => ({ ...e, [indicatorId]: "" }));
      router.refresh();
    } else {
      setUploadErrors((e) => ({ ...e, [indicatorId]: result.message }));
    }
  }

  /** Imports a filled template: saves what is pending first, then reloads the imported values. */
  async function importFile(file: File) {
    const refusal = checkBeforeUpload(file, limits.import);
    if (refusal) {
      setImportResult({ message: tr(refusal.key, refusal.values), rows: [] });
      return;
    }
    if (!(await save())) return;
    const form = new FormData();
    form.set("file", file);
    form.set("expectedVersion", String(version()));
    const result = await sendFile(`/api/reports/${sheet.id}/import`, form, file, limits.import, tr);
    if (result.ok) {
      window.location.reload();
      return;
    }
    setImportResult({ message: result.message, rows: result.rows });
  }

  async function removeEvidence(evidence: SheetEvidence) {
    const response = await fetch(`/api/evidence/${evidence.id}`, { method: "DELETE" });
    if (response.ok) router.refresh();
  }

  const indicatorInput = (i: SheetIndicator) => {
    const name = `value.${i.id}`;
    const error = fieldErrors[name];
    const common = {
      id: `field-${name}`,
      "aria-label": i.name,
      "aria-invalid": Boolean(error),
      "aria-describedby": error ? `field-${name}-error` : undefined,
      className:
        "w-28 rounded-md border border-slate-300 px-2 py-1 text-right text-sm aria-[invalid=true]:border-red-500",
      value: draft.values[i.id] ?? "",
    };
    const onChange = (value: string) =>
      update((d) => ({ ...d, values: { ...d.values, [i.id]: value } }));
    return (
      <div>
        {i.valueType === "BOOLEAN" ? (
          <select {...common} onChange={(e) => onChange(e.target.value)}>
            <option value="">{t("notFilled")}</option>
            <option value="1">{t("yes")}</option>
            <option value="0">{t("no")}</option>
          </select>
        ) : (
          <input
            {...common}
            inputMode={i.valueType === "INTEGER" ? "numeric" : "decimal"}
            autoComplete="off"
            onChange={(e) => onChange(e.target.value)}
          />
        )}
        {error && (
          <p id={`field-${name}-error`} role="alert" className="mt-1 text-xs text-red-600">
            {error}
          </p>
        )}
        <PlausibilityConfirm
          indicator={i}
          value={draft.values[i.id] ?? ""}
          confirmation={draft.confirmations[i.id]}
          onConfirm={(confirmation) =>
            update((d) => ({
              ...d,
              confirmations: {
                ...d.confirmations,
                [i.id]: confirmation ?? { value: "", note: "" },
              },
            }))
          }
        />
      </div>
    );
  };

  return (
    <div className="space-y-4">
      <FormBar>
        <Badge tone={sheet.status === "RETURNED" ? "red" : "neutral"}>
          {te(`ReportStatus.${sheet.status}`)}
        </Badge>
        <SaveStatus state={saveState} idleText={t("autosaveHint")} onSignedIn={autosave.retry} />
        <div className="ml-auto flex flex-wrap items-center gap-2">
          <a
            href={`/api/reports/${sheet.id}/template`}
            className="text-sm text-brand-700 hover:underline"
          >
            {ti("template")}
          </a>
          <label className="cursor-pointer text-sm text-brand-700 hover:underline">
            {ti("upload")}
            <input
              type="file"
              accept=".xlsx,.csv"
              className="sr-only"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void importFile(file);
                e.target.value = "";
              }}
            />
          </label>
          <Button size="sm" variant="secondary" onClick={() => void save()}>
            {t("saveNow")}
          </Button>
          <Button size="sm" onClick={() => void submit()} disabled={submitting}>
            {sheet.status === "RETURNED" ? t("resubmit") : t("submit")}
          </Button>
        </div>
      </FormBar>
      {submitError && <FormMessage status="error" message={submitError} />}
      {autosave.conflict && (
        <ReportConflict
          sheet={sheet}
          mine={draft}
          server={autosave.conflict}
          onApply={(merged) => {
            draftRef.current = merged;
            setDraft(merged);
            void autosave.resolve();
          }}
        />
      )}
      <ReportChecklist sheet={sheet} items={sheetChecklist(sheet, draft)} refused={refused} />
      {importResult && (
        <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          <p>{importResult.message}</p>
          <ul className="mt-1 list-disc pl-5">
            {importResult.rows.map((row) => (
              <li key={row}>{row}</li>
            ))}
          </ul>
        </div>
      )}

      <IndicatorTables
        indicators={sheet.indicators}
        minWidth="min-w-[48rem]"
        columns={[
          {
            header: t("indicator"),
            cell: (i) => (
              <>
                <span className="font-medium">{i.name}</span>
                {i.isRequired && <span className="text-red-600"> *</span>}
                <span className="ml-1 text-xs text-slate-500">({i.unit})</span>
                {i.comments.map((c) => (
                  <p key={c} className="mt-1 text-xs text-amber-800" role="note">
                    {t("reviewerSays", { comment: c })}
                  </p>
                ))}
              </>
            ),
          },
          ...figureColumns(t),
          { header: t("value"), cell: (i) => indicatorInput(i) },
          {
            header: t("note"),
            cell: (i) => (
              <input
                aria-label={t("noteFor", { name: i.name })}
                className="w-40 rounded-md border border-slate-300 px-2 py-1 text-sm"
                value={draft.notes[i.id] ?? ""}
                maxLength={500}
                onChange={(e) =>
                  update((d) => ({ ...d, notes: { ...d.notes, [i.id]: e.target.value } }))
                }
              />
            ),
          },
          {
            header: t("evidence"),
            cell: (i) => (
              <>
                <EvidenceLinks evidence={i.evidence} onRemove={removeEvidence} />
                <FilePicker
                  id={`field-evidence.${i.id}`}
                  accept={evidenceAccept}
                  label={t("uploadFor", { name: i.name })}
                  className="mt-1"
                  onFile={(file) => void upload(i.id, file)}
                />
                {uploadErrors[i.id] && (
                  <p role="alert" className="mt-1 text-xs text-red-600">
                    {uploadErrors[i.id]}
                  </p>
                )}
              </>
            ),
          },
        ]}
      />

      {sheet.projects.length > 0 && (
        <Card className="overflow-x-auto">
          <CardTitle>{t("projects")}</CardTitle>
          <table className="mt-3 w-full min-w-[48rem] text-sm">
            <thead className="text-left text-xs text-slate-500">
              <tr>
                <th className="py-1 pr-2">{t("project")}</th>
                <th className="px-2">{t("plannedWan")}</th>
                <th className="px-2">{t("completedWan")}</th>
                <th className="px-2">{t("percentComplete")}</th>
                <th className="px-2">{t("projectStatus")}</th>
                <th className="px-2">{t("note")}</th>
              </tr>
            </thead>
            <tbody>
              {sheet.projects.map((p, index) => {
                const row = draft.projects[index]!;
                const set = (patch: Partial<Draft["projects"][number]>) =>
                  update((d) => ({
                    ...d,
                    projects: d.projects.map((r, j) => (j === index ? { ...r, ...patch } : r)),
                  }));
                const errors = [
                  fieldErrors[`project.${p.id}.completedInvestmentWan`],
                  fieldErrors[`project.${p.id}.percentComplete`],
                ].filter(Boolean);
                return (
                  <tr
                    key={p.id}
                    id={`project-${p.code}`}
                    className={cn(
                      "border-t border-slate-100 align-top",
                      p.comments.length > 0 && "bg-amber-50",
                    )}
                  >
                    <td className="py-2 pr-2">
                      {p.name}
                      {p.comments.map((c) => (
                        <p key={c} className="mt-1 text-xs text-amber-800" role="note">
                          {t("reviewerSays", { comment: c })}
                        </p>
                      ))}
                      {errors.map((e) => (
                        <p key={e} role="alert" className="mt-1 text-xs text-red-600">
                          {e}
                        </p>
                      ))}
                    </td>
                    <td className="px-2 py-2 text-slate-600">{p.planned}</td>
                    <td className="px-2 py-2">
                      <input
                        aria-label={t("completedFor", { name: p.name })}
                        inputMode="decimal"
                        className="w-28 rounded-md border border-slate-300 px-2 py-1 text-right"
                        value={row.completedInvestmentWan}
                        onChange={(e) => set({ completedInvestmentWan: e.target.value })}
                      />
                    </td>
                    <td className="px-2 py-2">
                      <input
                        aria-label={t("percentFor", { name: p.name })}
                        inputMode="decimal"
                        className="w-20 rounded-md border border-slate-300 px-2 py-1 text-right"
                        value={row.percentComplete}
                        onChange={(e) => set({ percentComplete: e.target.value })}
                      />
                    </td>
                    <td className="px-2 py-2">
                      <select
                        aria-label={t("statusFor", { name: p.name })}
                        className="rounded-md border border-slate-300 px-2 py-1"
                        value={row.status}
                        onChange={(e) => set({ status: e.target.value as ProjectStatus })}
                      >
                        {PROJECT_STATUSES.map((s) => (
                          <option key={s} value={s}>
                            {te(`ProjectStatus.${s}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td className="px-2 py-2">
                      <input
                        aria-label={t("noteFor", { name: p.name })}
                        className="w-40 rounded-md border border-slate-300 px-2 py-1"
                        value={row.note}
                        maxLength={500}
                        onChange={(e) => set({ note: e.target.value })}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </Card>
      )}

      <Card className="space-y-3">
        <CardTitle>{t("narrativeAndScore")}</CardTitle>
        <label className="block text-sm font-medium text-slate-700" htmlFor="field-narrative">
          {t("narrative")}
        </label>
        <textarea
          id="field-narrative"
          rows={5}
          maxLength={5000}
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          value={draft.narrative}
          onChange={(e) => update((d) => ({ ...d, narrative: e.target.value }))}
        />
        <label className="block text-sm font-medium text-slate-700" htmlFor="field-selfScore">
          {t("selfScore")}
        </label>
        <input
          id="field-selfScore"
          inputMode="decimal"
          aria-invalid={Boolean(fieldErrors.selfScore)}
          className="w-32 rounded-md border border-slate-300 px-2 py-1 text-right text-sm aria-[invalid=true]:border-red-500"
          value={draft.selfScore}
          onChange={(e) => update((d) => ({ ...d, selfScore: e.target.value }))}
        />
        {fieldErrors.selfScore && (
          <p role="alert" className="text-xs text-red-600">
            {fieldErrors.selfScore}
          </p>
        )}
      </Card>
    </div>
  );
}
