"use client";

import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { FormBar } from "@/components/forms/form-bar";
import { SaveStatus } from "@/components/forms/save-status";
import { useVersionedAutosave } from "@/components/forms/use-versioned-autosave";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { CardTable } from "@/components/ui/card-table";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/field";
import { FilePicker } from "@/components/ui/file-picker";
import { sendFile } from "@/components/upload/send-file";
import { evidenceAccept } from "@/lib/domain/evidence-file";
import { blockingItems } from "@/lib/domain/report-checklist";
import { checkBeforeUpload, type BrowserFileLimit } from "@/lib/domain/upload";
import type { ProjectStatus } from "@/lib/generated/prisma/enums";
import { diffDrafts, draftOfSheet, type ReportDraft } from "@/lib/reports/draft";
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
import { EvidenceLinks, figureColumns, IndicatorTables } from "./report-parts";

type Draft = ReportDraft;

// Only after an edit conflict: the side-by-side view loads then, not with the form.
const ReportConflict = dynamic(() => import("./report-conflict").then((m) => m.ReportConflict), {
  ssr: false,
});

const projectInput = "rounded-md border border-slate-300 px-2 py-1";

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
  const tf = useTranslations("reportForm");
  const tc = useTranslations("reportChecks");
  const [confirm, confirmDialog] = useConfirm();
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
    restore: (pending) => {
      draftRef.current = pending;
      setDraft(pending);
    },
    sameDraft: (mine, theirs) => diffDrafts(mine, theirs, sheet.indicators).length === 0,
  });
  const { saveState, fieldErrors, changed, save, version } = autosave;

  const update = (change: (current: Draft) => Draft) => {
    const next = change(draftRef.current);
    draftRef.current = next;
    setDraft(next);
    changed();
  };

  /**
   * Submits after asking (the report locks until the county decides): the dialog says so and how
   * many warnings remain. With blockers left it does not ask — the server refuses and the
   * checklist shows why.
   */
  async function submit() {
    const items = sheetChecklist(sheet, draftRef.current);
    const blockers = blockingItems(items).length;
    if (blockers === 0) {
      const warnings = items.length - blockers;
      const message = [
        tc("confirmSubmit.message"),
        ...(warnings > 0 ? [tc("confirmSubmit.warnings", { count: warnings })] : []),
      ].join("\n");
      const title = tc("confirmSubmit.title");
      const confirmLabel = tc("confirmSubmit.confirm");
      if (!(await confirm({ title, message, confirmLabel, tone: "primary" }))) return;
    }
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

  const setProject = (index: number, patch: Partial<Draft["projects"][number]>) =>
    update((d) => ({
      ...d,
      projects: d.projects.map((r, j) => (j === index ? { ...r, ...patch } : r)),
    }));

  /** The completed-investment or percent-complete input of a project row. */
  const projectFigure = (
    index: number,
    field: "completedInvestmentWan" | "percentComplete",
    label: string,
  ) => (
    <input
      aria-label={label}
      inputMode="decimal"
      className={cn(projectInput, "text-right", field === "percentComplete" ? "w-20" : "w-28")}
      value={draft.projects[index]![field]}
      onChange={(e) => setProject(index, { [field]: e.target.value })}
    />
  );

  const indicatorInput = (i: SheetIndicator) => {
    const name = `value.${i.id}`;
    const error = fieldErrors[name];
    const common = {
      id: `field-${name}`,
      "aria-label": i.name,
      "aria-invalid": Boolean(error),
      "aria-describedby": error ? `field-${name}-error` : undefined,
      className:
        "w-full max-w-28 rounded-md border border-slate-300 px-2 py-1 text-right text-sm aria-[invalid=true]:border-red-500 max-md:w-36 max-md:py-1.5 max-md:text-base",
      value: draft.values[i.id] ?? "",
    };
    const onChange = (value: string) =>
      update((d) => ({ ...d, values: { ...d.values, [i.id]: value } }));
    return (
      <div>
        <div className="flex items-center gap-2">
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
          {i.valueType !== "BOOLEAN" && (
            <span aria-hidden="true" className="text-sm text-slate-500 md:hidden">
              {i.unit}
            </span>
          )}
        </div>
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
    <div className="flex flex-col gap-4">
      <FormBar>
        <Badge tone={sheet.status === "RETURNED" ? "red" : "neutral"} className="max-md:hidden">
          {te(`ReportStatus.${sheet.status}`)}
        </Badge>
        <SaveStatus state={saveState} idleText={t("autosaveHint")} onSignedIn={autosave.retry} />
        <div className="ml-auto flex flex-wrap items-center gap-2">
          <Button size="sm" variant="secondary" onClick={() => void save()}>
            {t("saveNow")}
          </Button>
          <Button size="sm" onClick={() => void submit()} disabled={submitting}>
            {sheet.status === "RETURNED" ? t("resubmit") : t("submit")}
          </Button>
        </div>
      </FormBar>
      {confirmDialog}
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
      <Card className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
        <span className="font-medium text-slate-800">{tf("importTitle")}</span>
        <a href={`/api/reports/${sheet.id}/template`} className="text-brand-700 hover:underline">
          {ti("template")}
        </a>
        <FilePicker
          accept=".xlsx,.csv"
          label={ti("upload")}
          buttonText={ti("upload")}
          onFile={(file) => void importFile(file)}
        />
        <p className="basis-full text-xs text-slate-500">{tf("importHint")}</p>
      </Card>
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
        minWidth="md:min-w-[48rem]"
        columns={[
          {
            header: t("indicator"),
            width: "24%",
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
          {
            header: t("value"),
            width: "16%",
            cell: (i) => indicatorInput(i),
            className: "max-md:row-start-2",
          },
          {
            header: t("note"),
            width: "20%",
            cell: (i) => (
              <input
                aria-label={t("noteFor", { name: i.name })}
                className="w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
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
            width: "22%",
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
          <CardTable
            rows={sheet.projects.map((p, index) => ({ p, index }))}
            rowKey={({ p }) => p.id}
            minWidth="md:min-w-[48rem]"
            rowProps={({ p }) => ({
              id: `project-${p.code}`,
              className: cn(p.comments.length > 0 && "bg-amber-50"),
            })}
            columns={[
              {
                header: t("project"),
                cell: ({ p }) => (
                  <>
                    {p.name}
                    {p.comments.map((c) => (
                      <p key={c} className="mt-1 text-xs text-amber-800" role="note">
                        {t("reviewerSays", { comment: c })}
                      </p>
                    ))}
                    {[
                      fieldErrors[`project.${p.id}.completedInvestmentWan`],
                      fieldErrors[`project.${p.id}.percentComplete`],
                    ]
                      .filter(Boolean)
                      .map((e) => (
                        <p key={e} role="alert" className="mt-1 text-xs text-red-600">
                          {e}
                        </p>
                      ))}
                  </>
                ),
              },
              {
                header: t("plannedWan"),
                half: true,
                cell: ({ p }) => p.planned,
                className: "text-slate-600",
              },
              {
                header: t("completedWan"),
                half: true,
                cell: ({ p, index }) =>
                  projectFigure(
                    index,
                    "completedInvestmentWan",
                    t("completedFor", { name: p.name }),
                  ),
              },
              {
                header: t("percentComplete"),
                half: true,
                cell: ({ p, index }) =>
                  projectFigure(index, "percentComplete", t("percentFor", { name: p.name })),
              },
              {
                header: t("projectStatus"),
                half: true,
                cell: ({ p, index }) => (
                  <select
                    aria-label={t("statusFor", { name: p.name })}
                    className={projectInput}
                    value={draft.projects[index]!.status}
                    onChange={(e) => setProject(index, { status: e.target.value as ProjectStatus })}
                  >
                    {PROJECT_STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {te(`ProjectStatus.${s}`)}
                      </option>
                    ))}
                  </select>
                ),
              },
              {
                header: t("note"),
                cell: ({ p, index }) => (
                  <input
                    aria-label={t("noteFor", { name: p.name })}
                    className={cn(projectInput, "w-40 max-md:w-full")}
                    value={draft.projects[index]!.note}
                    maxLength={500}
                    onChange={(e) => setProject(index, { note: e.target.value })}
                  />
                ),
              },
            ]}
          />
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
