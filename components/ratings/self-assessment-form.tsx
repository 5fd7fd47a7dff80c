"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { FormBar } from "@/components/forms/form-bar";
import { SaveStatus } from "@/components/forms/save-status";
import { useVersionedAutosave } from "@/components/forms/use-versioned-autosave";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { sendFile } from "@/components/upload/send-file";
import { evidenceAccept } from "@/lib/domain/evidence-file";
import type { BrowserFileLimit } from "@/lib/domain/upload";
import { parseSelfPoints, sheetTotal } from "@/lib/domain/rating";
import {
  linkSelfEvidenceAction,
  removeSelfEvidenceAction,
  submitSelfAction,
} from "@/lib/ratings/actions";
import type { RatingView } from "@/lib/ratings/queries";
import { CategorySection, ItemHeading } from "./sheet-layout";
import { SelfEvidenceList, type SelfEvidence } from "./self-evidence-list";
import { FilePicker } from "@/components/ui/file-picker";

type ItemDraft = { points: string; note: string };

/** A file of the town's reports of the year, to pick for an item. */
export type PickableEvidence = { id: number; fileName: string; period: string };

/**
 * The township's self-assessment (自评): per item of the scheme its own points (within the
 * item's floor and maximum, checked as typed by lib/domain/rating.ts parseSelfPoints; blank is
 * "not filled", never 0) and a note, with evidence uploaded to the item or picked from the
 * town's reports of the year. Auto-saved with optimistic versions; submitted by the scheme's
 * deadline (a late submission is accepted and shown as late). `readOnly` shows it as sent.
 */
export function SelfAssessmentForm({
  view,
  pickable,
  readOnly,
  evidenceLimit,
}: {
  view: RatingView;
  pickable: PickableEvidence[];
  readOnly: boolean;
  /** The server's limit for evidence files (lib/limits.ts), checked before sending. */
  evidenceLimit: BrowserFileLimit;
}) {
  const t = useTranslations("ratings");
  const tAll = useTranslations();
  const en = useLocale() === "en";
  const router = useRouter();
  const self = view.selfAssessment;
  const items = view.scheme.categories.flatMap((c) => c.items);
  const [draft, setDraft] = useState<Record<number, ItemDraft>>(() =>
    Object.fromEntries(
      items.map((i) => [
        i.id,
        { points: self?.items[i.id]?.points ?? "", note: self?.items[i.id]?.note ?? "" },
      ]),
    ),
  );
  const draftRef = useRef(draft);
  const [message, setMessage] = useState<{ text: string; fields?: Record<string, string> }>();
  const [busy, setBusy] = useState(false);
  const { saveState, fieldErrors, changed, save, version, retry } = useVersionedAutosave({
    url: `/api/ratings/${view.id}/self`,
    initialVersion: self?.version ?? 0,
    payload: () => ({ items: draftRef.current }),
    failedMessage: t("saveFailed"),
  });
  const update = (itemId: number, patch: Partial<ItemDraft>) => {
    const next = { ...draftRef.current, [itemId]: { ...draftRef.current[itemId]!, ...patch } };
    draftRef.current = next;
    setDraft(next);
    changed();
  };
  const errors = { ...fieldErrors, ...message?.fields };

  const filled = items.map((i) => parseSelfPoints(i, draft[i.id]?.points));
  // Decimal arithmetic (lib/domain/rating.ts), blanks and refused entries counted as nothing yet.
  const total = sheetTotal(filled.map((r) => (r.ok && r.points !== null ? r.points : "0")))!;

  async function submit() {
    setBusy(true);
    setMessage(undefined);
    if (await save()) {
      const result = await submitSelfAction({ ratingId: view.id, expectedVersion: version() });
      if (result.status === "ok") router.refresh();
      else setMessage({ text: result.message ?? "", fields: result.fieldErrors });
    }
    setBusy(false);
  }

  /** Uploads or links after saving what is pending (both change the self-assessment). */
  async function afterSave(run: () => Promise<string | undefined>) {
    setBusy(true);
    if (await save()) {
      const error = await run();
      if (error) setMessage({ text: error });
      else router.refresh();
    }
    setBusy(false);
  }

  const upload = (itemId: number, file: File) =>
    afterSave(async () => {
      const form = new FormData();
      form.set("file", file);
      form.set("itemId", String(itemId));
      const result = await sendFile(
        `/api/ratings/${view.id}/evidence`,
        form,
        file,
        evidenceLimit,
        tAll,
      );
      return result.ok ? undefined : result.message;
    });

  const link = (itemId: number, evidenceId: number, linked: boolean) =>
    afterSave(async () => {
      const result = await linkSelfEvidenceAction({
        ratingId: view.id,
        itemId,
        evidenceId,
        linked,
      });
      return result.status === "ok" ? undefined : result.message;
    });

  const remove = (e: SelfEvidence) =>
    afterSave(async () => {
      const result = e.linked
        ? await linkSelfEvidenceAction({
            ratingId: view.id,
            itemId: e.itemId!,
            evidenceId: e.id,
            linked: false,
          })
        : await removeSelfEvidenceAction(e.id);
      return result.status === "ok" ? undefined : result.message;
    });

  return (
    <div className="flex flex-col gap-4">
      {!readOnly && (
        <FormBar>
          <SaveStatus state={saveState} idleText={t("autosaveHint")} onSignedIn={retry} />
          <span className="text-sm" data-testid="self-total">
            {t("selfTotal", {
              filled: filled.filter((r) => r.ok && r.points !== null).length,
              items: items.length,
              points: total,
            })}
          </span>
          <div className="ml-auto flex gap-2">
            <Button size="sm" variant="secondary" onClick={() => void save()}>
              {t("saveNow")}
            </Button>
            <Button size="sm" onClick={() => void submit()} disabled={busy}>
              {t("submitSelf")}
            </Button>
          </div>
        </FormBar>
      )}
      {message && <FormMessage status="error" message={message.text} />}
      {view.scheme.categories.map((category) => (
        <CategorySection
          key={category.id}
          name={(en && category.nameEn) || category.name}
          maxPoints={category.maxPoints}
        >
          {category.items.map((item) => {
            const name = `points.${item.id}`;
            const parsed = parseSelfPoints(item, draft[item.id]?.points);
            const error = errors[name] ?? (parsed.ok ? undefined : tAll(parsed.key, parsed.values));
            const evidence = self?.evidence.filter((e) => e.itemId === item.id) ?? [];
            const linkedIds = new Set(evidence.filter((e) => e.linked).map((e) => e.id));
            return (
              <li key={item.id} className="space-y-2 px-4 py-3" data-testid={`self-${item.code}`}>
                <ItemHeading item={item} />
                <div className="flex flex-wrap items-start gap-3">
                  <div>
                    <label htmlFor={`field-${name}`} className="block text-xs text-slate-600">
                      {t("selfPointsFor", { name: item.name })}
                    </label>
                    <input
                      id={`field-${name}`}
                      inputMode="decimal"
                      autoComplete="off"
                      disabled={readOnly}
                      aria-invalid={Boolean(error)}
                      aria-describedby={error ? `field-${name}-error` : undefined}
                      className="w-24 rounded-md border border-slate-300 px-2 py-1 text-right text-sm aria-[invalid=true]:border-red-500 disabled:bg-slate-50"
                      value={draft[item.id]?.points ?? ""}
                      onChange={(e) => update(item.id, { points: e.target.value })}
                    />
                    {error && (
                      <p
                        id={`field-${name}-error`}
                        role="alert"
                        className="mt-1 text-xs text-red-600"
                      >
                        {error}
                      </p>
                    )}
                  </div>
                  <div className="min-w-[14rem] flex-1">
                    <label
                      htmlFor={`field-note.${item.id}`}
                      className="block text-xs text-slate-600"
                    >
                      {t("selfNote")}
                    </label>
                    <textarea
                      id={`field-note.${item.id}`}
                      rows={1}
                      maxLength={1000}
                      disabled={readOnly}
                      className="block w-full rounded-md border border-slate-300 px-2 py-1 text-sm disabled:bg-slate-50"
                      value={draft[item.id]?.note ?? ""}
                      onChange={(e) => update(item.id, { note: e.target.value })}
                    />
                  </div>
                </div>
                <SelfEvidenceList evidence={evidence} onRemove={readOnly ? undefined : remove} />
                {!readOnly && (
                  <div className="flex flex-wrap items-center gap-3 text-xs">
                    <FilePicker
                      accept={evidenceAccept}
                      label={t("uploadFor", { name: item.name })}
                      buttonText={t("uploadFile")}
                      disabled={busy}
                      onFile={(file) => void upload(item.id, file)}
                    />
                    {pickable.length > 0 && (
                      <select
                        aria-label={t("pickFor", { name: item.name })}
                        className="max-w-[16rem] rounded-md border border-slate-300 px-2 py-1"
                        value=""
                        disabled={busy}
                        onChange={(e) => {
                          if (e.target.value) void link(item.id, Number(e.target.value), true);
                        }}
                      >
                        <option value="">{t("pickFromReports")}</option>
                        {pickable
                          .filter((p) => !linkedIds.has(p.id))
                          .map((p) => (
                            <option key={p.id} value={p.id}>
                              {p.period} · {p.fileName}
                            </option>
                          ))}
                      </select>
                    )}
                  </div>
                )}
              </li>
            );
          })}
        </CategorySection>
      ))}
    </div>
  );
}
