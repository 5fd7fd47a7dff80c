"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { PLAUSIBILITY_RULE, isImplausible, needsConfirmation } from "@/lib/domain/plausibility";
import { typedNumber, type SheetIndicator } from "@/lib/reports/sheet";

/** The township's confirmation of an implausible value: the value text confirmed and a note. */
export type ValueConfirmation = { value: string; note: string };

/**
 * Under a value input (issue 13, item 2): when the typed value is implausible
 * (lib/domain/plausibility.ts: above 10× the town's, or any town's, largest earlier accepted
 * value) it says so and asks for a note and a confirmation; once confirmed it shows the note
 * and a way to withdraw. A changed value needs a new confirmation. Renders nothing for a
 * plausible value. The note box is `field-confirm.<id>` (the checklist's link focuses it).
 */
export function PlausibilityConfirm({
  indicator,
  value,
  confirmation,
  onConfirm,
}: {
  indicator: SheetIndicator;
  /** The value as typed in the form. */
  value: string;
  confirmation: ValueConfirmation | undefined;
  /** Called with the new confirmation, or undefined to withdraw it. */
  onConfirm: (confirmation: ValueConfirmation | undefined) => void;
}) {
  const t = useTranslations("reportChecks");
  const [note, setNote] = useState(confirmation?.note ?? "");
  const bound = indicator.plausibility;
  const number = typedNumber(value, indicator.valueType);
  if (!isImplausible(number, bound)) return null;
  const stored = confirmation
    ? { value: typedNumber(confirmation.value, indicator.valueType), note: confirmation.note }
    : null;
  const id = `field-confirm.${indicator.id}`;
  if (!needsConfirmation(number, bound, stored)) {
    return (
      <div className="mt-1 max-w-xs text-xs text-amber-900" data-testid="value-confirmed">
        <p>{t("confirm.confirmed", { note: confirmation!.note })}</p>
        <button
          type="button"
          className="text-brand-700 hover:underline"
          onClick={() => onConfirm(undefined)}
        >
          {t("confirm.withdraw")}
        </button>
      </div>
    );
  }
  const values = {
    limit: bound!.limit,
    reference: bound!.reference,
    factor: PLAUSIBILITY_RULE.factor,
  };
  return (
    <div
      className="mt-1 max-w-xs space-y-1 rounded-md bg-amber-50 p-2 text-xs text-amber-900"
      data-testid="value-needs-confirmation"
    >
      <p role="note">
        {t(bound!.basis === "TOWN" ? "confirm.noticeTown" : "confirm.noticePeers", values)}
      </p>
      <textarea
        id={id}
        rows={2}
        maxLength={500}
        aria-label={t("confirm.noteFor", { name: indicator.name })}
        placeholder={t("confirm.note")}
        className="block w-full rounded-md border border-amber-300 bg-white px-2 py-1 text-xs"
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <Button
        size="sm"
        variant="secondary"
        disabled={note.trim() === ""}
        onClick={() => onConfirm({ value, note: note.trim() })}
      >
        {t("confirm.button")}
      </Button>
    </div>
  );
}
