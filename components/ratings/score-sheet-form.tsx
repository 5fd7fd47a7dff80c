"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useMemo, useRef, useState } from "react";
import { FormBar } from "@/components/forms/form-bar";
import { jumpToField } from "@/components/forms/jump-to-field";
import { SaveStatus } from "@/components/forms/save-status";
import { useVersionedAutosave } from "@/components/forms/use-versioned-autosave";
import { Button } from "@/components/ui/button";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/field";
import {
  itemRulesById,
  needsComment,
  nextBand,
  scoreItem,
  sheetProblems,
  sheetTotal,
  starsFor,
  type Choices,
} from "@/lib/domain/rating";
import type { RatingView } from "@/lib/ratings/queries";
import { submitSheetAction } from "@/lib/ratings/actions";
import { cn } from "@/lib/utils";
import { Stars } from "./rating-parts";
import { CategorySection, ItemHeading } from "./sheet-layout";
import { SelfEvidenceList } from "./self-evidence-list";

type SchemeItem = RatingView["scheme"]["categories"][number]["items"][number];
type ItemDraft = { choices: Choices; comment: string };

/**
 * A reviewer's score sheet (评分表) in the sheet layout: per category its items with the
 * 评分标准 and 评分指导点, the town's self-assessed points and evidence beside, and a control per
 * criterion (yes/no, a tier, typed discretionary points, a count of deductions, a veto tick).
 * The item's points follow from the choices by lib/domain/rating.ts, the same function the
 * server uses; an item without every choice is "not scored". A running total, its star band
 * and the points to the next band stay on screen. Auto-saved with optimistic versions;
 * `readOnly` shows a submitted sheet.
 */
export function ScoreSheetForm({ view, readOnly }: { view: RatingView; readOnly: boolean }) {
  const t = useTranslations("ratings");
  const tAll = useTranslations();
  const en = useLocale() === "en";
  const router = useRouter();
  const rules = useMemo(
    () => itemRulesById(view.scheme.categories.flatMap((c) => c.items)),
    [view.scheme],
  );
  const own = view.ownSheet;
  const [draft, setDraft] = useState<Record<number, ItemDraft>>(() =>
    Object.fromEntries(
      [...rules.keys()].map((id) => [
        id,
        {
          choices: (own?.scores[id]?.choices ?? {}) as Choices,
          comment: own?.scores[id]?.comment ?? "",
        },
      ]),
    ),
  );
  const draftRef = useRef(draft);
  const [submitState, setSubmitState] = useState<{
    message?: string;
    fields?: Record<string, string>;
  }>({});
  const [submitting, setSubmitting] = useState(false);
  const [ask, askDialog] = useConfirm();
  const { saveState, fieldErrors, changed, save, version, retry } = useVersionedAutosave({
    url: `/api/ratings/${view.id}/sheet`,
    initialVersion: own?.version ?? 0,
    payload: () => ({ items: draftRef.current }),
    failedMessage: t("saveFailed"),
  });

  const update = (itemId: number, change: (d: ItemDraft) => ItemDraft) => {
    const next = { ...draftRef.current, [itemId]: change(draftRef.current[itemId]!) };
    draftRef.current = next;
    setDraft(next);
    changed();
  };

  const scored = useMemo(
    () =>
      new Map([...rules].map(([id, rule]) => [id, scoreItem(rule, draft[id]?.choices)] as const)),
    [draft, rules],
  );
  const points = [...scored.values()].map((r) => r.points);
  const total = sheetTotal(points);
  const scoredCount = points.filter((p) => p !== null).length;
  const partial = sheetTotal(points.map((p) => p ?? "0"))!;
  const bands = view.scheme.bands;
  const stars = total === null ? null : starsFor(total, bands);
  const next = total === null ? null : nextBand(total, bands);
  const errors = { ...fieldErrors, ...submitState.fields };

  // A sheet that is complete here (every item scored, every deduction explained) is confirmed
  // before it goes; an incomplete one goes straight on, so the server's refusal lists what is left.
  const complete =
    total !== null &&
    Object.keys(
      sheetProblems(rules, (id) => ({
        points: scored.get(id)?.points ?? null,
        comment: draft[id]?.comment,
      })),
    ).length === 0;
  async function submit() {
    if (
      complete &&
      !(await ask({
        title: t("submitAsk.title"),
        message: t("submitAsk.message", { points: total, stars: stars ?? 0 }),
        confirmLabel: t("submitAsk.confirm"),
        tone: "primary",
      }))
    ) {
      return;
    }
    setSubmitting(true);
    setSubmitState({});
    if (await save()) {
      const result = await submitSheetAction({ ratingId: view.id, expectedVersion: version() });
      if (result.status === "ok") router.refresh();
      else setSubmitState({ message: result.message, fields: result.fieldErrors });
    }
    setSubmitting(false);
  }

  const control = (item: SchemeItem, criterion: SchemeItem["criteria"][number]) => {
    const rule = criterion.rule;
    const value = draft[item.id]?.choices[rule.code];
    const label = (en && criterion.labelEn) || criterion.label;
    const name = `item.${item.id}.${rule.code}`;
    const error = errors[name];
    const id = `field-${name}`;
    const set = (v: Choices[string]) =>
      update(item.id, (d) => ({ ...d, choices: { ...d.choices, [rule.code]: v } }));
    const inputClass =
      "rounded-md border border-slate-300 px-2 py-1 text-sm aria-[invalid=true]:border-red-500 disabled:bg-slate-50";
    let input: React.ReactNode;
    switch (rule.kind) {
      case "FIXED":
        input = (
          <select
            id={id}
            className={inputClass}
            disabled={readOnly}
            aria-invalid={Boolean(error)}
            value={value === true ? "yes" : value === false ? "no" : ""}
            onChange={(e) => set(e.target.value === "" ? null : e.target.value === "yes")}
          >
            <option value="">{t("choose")}</option>
            <option value="yes">{t("fixedYes", { points: String(rule.points) })}</option>
            <option value="no">{t("fixedNo")}</option>
          </select>
        );
        break;
      case "TIERED":
        input = (
          <select
            id={id}
            className={inputClass}
            disabled={readOnly}
            aria-invalid={Boolean(error)}
            value={typeof value === "number" ? String(value) : ""}
            onChange={(e) => set(e.target.value === "" ? null : Number(e.target.value))}
          >
            <option value="">{t("choose")}</option>
            {rule.tiers.map((tier, index) => (
              <option key={index} value={index}>
                {t("tier", {
                  label: (en && tier.labelEn) || tier.label,
                  points: String(tier.points),
                })}
              </option>
            ))}
          </select>
        );
        break;
      case "DISCRETIONARY":
      case "DEDUCTION":
        input = (
          <input
            id={id}
            className={cn(inputClass, "w-20 text-right")}
            inputMode={rule.kind === "DEDUCTION" ? "numeric" : "decimal"}
            autoComplete="off"
            disabled={readOnly}
            aria-invalid={Boolean(error)}
            value={typeof value === "string" || typeof value === "number" ? String(value) : ""}
            onChange={(e) => set(e.target.value)}
          />
        );
        break;
      case "VETO":
        input = (
          <input
            id={id}
            type="checkbox"
            className="h-4 w-4"
            disabled={readOnly}
            checked={value === true}
            onChange={(e) => set(e.target.checked)}
          />
        );
        break;
    }
    const hint =
      rule.kind === "DISCRETIONARY"
        ? t("discretionaryHint", { max: String(rule.points), step: String(rule.step ?? "0.01") })
        : rule.kind === "DEDUCTION"
          ? t("deductionHint", { points: String(rule.points) })
          : rule.kind === "VETO"
            ? t(rule.effect === "VOID" ? "vetoVoid" : "vetoCap", { stars: rule.capStars ?? 0 })
            : null;
    const local = scored.get(item.id)?.errors.find((e) => e.criterion === rule.code);
    const shown = error ?? (local ? tAll(local.key, local.values) : undefined);
    return (
      <div key={rule.code} className="flex flex-wrap items-center gap-2 text-sm">
        <label htmlFor={id} className={cn(rule.kind === "VETO" && "font-medium text-red-800")}>
          {label}
        </label>
        {input}
        {hint && <span className="text-xs text-slate-500">{hint}</span>}
        {shown && (
          <span role="alert" className="text-xs text-red-600">
            {shown}
          </span>
        )}
      </div>
    );
  };

  return (
    <div className="flex flex-col gap-4">
      {!readOnly && (
        <FormBar>
          <SaveStatus state={saveState} idleText={t("autosaveHint")} onSignedIn={retry} />
          <span className="text-sm" data-testid="running-total">
            {t("runningTotal", {
              scored: scoredCount,
              items: rules.size,
              points: total ?? partial,
            })}
          </span>
          {total !== null && (
            <span className="text-sm">
              <Stars stars={stars} />
              {next && (
                <span className="ml-2 text-slate-600">
                  {t("toNextBand", { stars: next.stars, points: next.pointsNeeded })}
                </span>
              )}
            </span>
          )}
          <div className="ml-auto flex gap-2">
            <Button size="sm" variant="secondary" onClick={() => void save()}>
              {t("saveNow")}
            </Button>
            <Button size="sm" onClick={() => void submit()} disabled={submitting}>
              {t("submitSheet")}
            </Button>
          </div>
          {askDialog}
        </FormBar>
      )}
      {submitState.message && <FormMessage status="error" message={submitState.message} />}
      {submitState.fields && (
        <SheetTodo
          fields={submitState.fields}
          items={view.scheme.categories.flatMap((c) => c.items)}
          en={en}
        />
      )}
      {view.scheme.categories.map((category) => (
        <CategorySection
          key={category.id}
          name={(en && category.nameEn) || category.name}
          maxPoints={category.maxPoints}
        >
          {category.items.map((item) => {
            const result = scored.get(item.id)!;
            const self = view.selfAssessment?.items[item.id];
            const comment = draft[item.id]?.comment ?? "";
            const commentNeeded = needsComment(rules.get(item.id)!, result.points);
            const commentError =
              errors[`comment.${item.id}`] ??
              (commentNeeded && !comment.trim() && !readOnly ? t("commentHint") : undefined);
            const notScored = errors[`item.${item.id}`];
            return (
              <li
                key={item.id}
                className={cn("space-y-2 px-4 py-3", notScored && "bg-red-50")}
                data-testid={`item-${item.code}`}
              >
                <ItemHeading item={item} />
                {(item.guidance || item.guidanceEn) && (
                  <p className="text-xs text-slate-600">
                    {t("guidanceLine", { text: (en && item.guidanceEn) || item.guidance || "" })}
                  </p>
                )}
                {view.selfAssessment && (
                  <div className="rounded bg-slate-50 px-2 py-1 text-xs text-slate-700">
                    {t("selfSays", { points: self?.points ?? "—" })}
                    {self?.note && <span className="ml-2">{self.note}</span>}
                    <SelfEvidenceList
                      evidence={view.selfAssessment.evidence.filter((e) => e.itemId === item.id)}
                    />
                  </div>
                )}
                <div className="space-y-1">{item.criteria.map((c) => control(item, c))}</div>
                <div className="flex flex-wrap items-start gap-3">
                  <span className="text-sm" data-testid={`points-${item.code}`}>
                    {t.rich("itemPointsLine", {
                      points: result.points ?? t("notScoredShort"),
                      strong: (chunks) => <strong>{chunks}</strong>,
                    })}
                    {result.vetoes.length > 0 && (
                      <span className="ml-2 font-medium text-red-700">{t("vetoChosen")}</span>
                    )}
                  </span>
                  {notScored && (
                    <span role="alert" className="text-xs text-red-600">
                      {notScored}
                    </span>
                  )}
                  <div className="min-w-[16rem] flex-1">
                    <label htmlFor={`field-comment.${item.id}`} className="sr-only">
                      {t("commentFor", { name: item.name })}
                    </label>
                    <textarea
                      id={`field-comment.${item.id}`}
                      rows={1}
                      maxLength={1000}
                      disabled={readOnly}
                      placeholder={commentNeeded ? t("commentRequired") : t("commentOptional")}
                      aria-invalid={Boolean(commentError)}
                      aria-describedby={commentError ? `field-comment.${item.id}-error` : undefined}
                      className="block w-full rounded-md border border-slate-300 px-2 py-1 text-sm aria-[invalid=true]:border-amber-500 disabled:bg-slate-50"
                      value={comment}
                      onChange={(e) => update(item.id, (d) => ({ ...d, comment: e.target.value }))}
                    />
                    {commentError && (
                      <p
                        id={`field-comment.${item.id}-error`}
                        className="mt-1 text-xs text-amber-800"
                      >
                        {commentError}
                      </p>
                    )}
                  </div>
                </div>
              </li>
            );
          })}
        </CategorySection>
      ))}
    </div>
  );
}

/**
 * What still blocks a refused submission, in the scheme's order: one link per unscored item
 * or missing deduction comment (the server's field errors `item.{id}` / `comment.{id}`,
 * lib/ratings/sheets.ts submitSheet); each goes to its item and the control to fix, as the
 * report's checklist does (components/forms/jump-to-field.ts).
 */
function SheetTodo({
  fields,
  items,
  en,
}: {
  fields: Record<string, string>;
  items: SchemeItem[];
  en: boolean;
}) {
  const t = useTranslations("ratings");
  const todo = items.flatMap((item) =>
    (["item", "comment"] as const)
      .filter((kind) => fields[`${kind}.${item.id}`])
      .map((kind) => ({ item, kind, message: fields[`${kind}.${item.id}`]! })),
  );
  if (todo.length === 0) return null;
  const go = (item: SchemeItem, kind: "item" | "comment") =>
    jumpToField(
      document.querySelector<HTMLElement>(`[data-testid="item-${item.code}"]`),
      kind === "comment" ? document.getElementById(`field-comment.${item.id}`) : null,
    );
  return (
    <div
      className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm"
      data-testid="sheet-todo"
    >
      <p className="font-medium text-red-800">{t("todoTitle", { count: todo.length })}</p>
      <ul className="mt-1 space-y-0.5">
        {todo.map(({ item, kind, message }) => (
          <li key={`${kind}.${item.id}`}>
            <button
              type="button"
              className="text-left text-brand-700 underline-offset-2 hover:underline"
              onClick={() => go(item, kind)}
            >
              {t("todoLine", {
                code: item.code,
                name: (en && item.nameEn) || item.name,
                problem: message,
              })}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
